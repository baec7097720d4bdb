/**
 * From the app's scenario to the explore computations and back: the sweep/sensitivity inputs of
 * the current scenario, the axes the map offers, and the scenario a clicked cell loads. Pure.
 */
import { getModel } from '../../../models/index.ts';
import type { SweepRequest } from '../../analysis/pool.ts';
import {
  type AxisInfo,
  axisInfo,
  axisValues,
  MAX_SWEEP_GAP,
  orderedGroup,
  type SweepMetric,
} from '../../analysis/sweep.ts';
import { formatClockH } from '../../chart/format.ts';
import { type CompiledModel, compileModel } from '../../model/compile.ts';
import type { ModelSpec } from '../../model/spec.ts';
import { type ProtocolSettings, presetParameters } from '../../simulate/scenario.ts';
import { type AppScenario, cloneScenario, SETTING_LIMITS } from '../state.ts';

/** The protocol settings a map's y axis may be (those an `AppScenario` can hold). */
export const MAP_SETTING_AXES = Object.freeze(['eeDuration', 'eeIntensity', 'reIntensity'] as const);

/** What every exploration of a scenario shares. */
export interface ExploreBase {
  readonly spec: ModelSpec;
  readonly model: CompiledModel;
  /** Parameter overrides: the preset's values, then the user's. */
  readonly parameters: Record<string, number>;
  /** The scenario's protocol settings except the gap. */
  readonly settings: ProtocolSettings;
  readonly parameterPreset: string | undefined;
}

/** The inputs of explorations of `s`. @throws Error for an unknown model id */
export function exploreBase(s: AppScenario): ExploreBase {
  const spec = getModel(s.modelId);
  const known = Boolean(spec.parameterPresets[s.paramPreset]);
  const parameters = known ? presetParameters(spec, s.paramPreset, s.params) : { ...s.params };
  const settings: Record<string, number> = {};
  for (const k of MAP_SETTING_AXES) {
    const v = s.settings[k];
    if (v !== undefined) settings[k] = v;
  }
  return {
    spec,
    model: compileModel(spec),
    parameters,
    settings,
    parameterPreset: known ? s.paramPreset : undefined,
  };
}

/** An axis choice for the map's y axis, with limits the app accepts. */
export interface AxisChoice extends AxisInfo {
  /** Text for the drop-down. */
  readonly option: string;
}

/** The y axes offered: EE duration, EE intensity, RE load, then every parameter. */
export function yAxisChoices(model: CompiledModel): AxisChoice[] {
  const settings = MAP_SETTING_AXES.map((axis) => {
    const info = axisInfo(model, axis);
    const lim = SETTING_LIMITS[axis];
    const min = Math.max(info.min, lim.min);
    const max = Math.min(info.max, lim.max);
    const [lo, hi] = info.defaultRange;
    return {
      ...info,
      min,
      max,
      defaultRange: [Math.max(lo, min), Math.min(hi, max)] as const,
      option: `${info.label} (${info.unit})`,
    };
  });
  const params = model.parameterNames.map((name) => {
    const info = axisInfo(model, name);
    return { ...info, option: `${info.label} — ${name} (${info.unit})` };
  });
  return [...settings, ...params];
}

/** Options of `mapRequest`. */
export interface MapRequestOptions {
  readonly yAxis: string;
  readonly yMin: number;
  readonly yMax: number;
  /** Columns over the signed gap −gapMax … +gapMax (default 61). */
  readonly nx?: number;
  /** Rows (default 41). */
  readonly ny?: number;
  readonly metric: SweepMetric;
  /** y spacing (default: the axis's scale). */
  readonly scale?: 'linear' | 'log';
  /** The gap axis spans −gapMax … +gapMax, min (default and most `MAX_SWEEP_GAP`, 12 h). */
  readonly gapMax?: number;
}

/** Default map resolution: 61 gap columns (24-min steps) × 41 rows. */
export const DEFAULT_MAP_SIZE = Object.freeze({ nx: 61, ny: 41 });

/**
 * The sweep request for a map of the scenario over signed gap × `yAxis`.
 * @throws Error naming the field for a bad range or resolution
 */
export function mapRequest(base: ExploreBase, o: MapRequestOptions): SweepRequest {
  const nx = o.nx ?? DEFAULT_MAP_SIZE.nx;
  const ny = o.ny ?? DEFAULT_MAP_SIZE.ny;
  const choice = yAxisChoices(base.model).find((c) => c.axis === o.yAxis);
  if (!choice) throw new Error(`unknown y axis: ${o.yAxis}`);
  if (!(Number.isFinite(o.yMin) && Number.isFinite(o.yMax) && o.yMin < o.yMax)) {
    throw new Error(`invalid y range: ${o.yMin} to ${o.yMax} (the lower end must be below the upper)`);
  }
  if (o.yMin < choice.min || o.yMax > choice.max) {
    throw new Error(
      `invalid y range: ${o.yMin} to ${o.yMax} (${choice.label} must stay within ${choice.min}–${choice.max})`,
    );
  }
  const gapMax = o.gapMax ?? MAX_SWEEP_GAP;
  if (!(Number.isFinite(gapMax) && gapMax > 0 && gapMax <= MAX_SWEEP_GAP)) {
    throw new Error(`invalid gap range: ±${gapMax} min (must be above 0 and at most ${MAX_SWEEP_GAP})`);
  }
  const scale = o.scale ?? (choice.scale === 'log' && o.yMin > 0 ? 'log' : 'linear');
  return {
    x: axisValues(-gapMax, gapMax, nx, 'linear'),
    y: axisValues(o.yMin, o.yMax, ny, scale),
    xAxis: 'gap',
    yAxis: o.yAxis,
    metric: o.metric,
    parameters: base.parameters,
    settings: base.settings,
    ...(base.parameterPreset ? { parameterPreset: base.parameterPreset } : {}),
  };
}

/**
 * The scenario a clicked cell loads: the study protocol with gap |g| (the order follows the
 * sign; the study preset simulates both orders), the y value set as a setting or parameter,
 * edited groups cleared, and the ordered group made visible.
 */
export function cellScenario(current: AppScenario, gap: number, yAxis: string, yValue: number): AppScenario {
  const next = cloneScenario(current);
  next.protocolPreset = 'study';
  next.settings = { ...next.settings, gap: Math.abs(gap) };
  if ((MAP_SETTING_AXES as readonly string[]).includes(yAxis)) {
    next.settings[yAxis as (typeof MAP_SETTING_AXES)[number]] = yValue;
  } else {
    next.params = { ...next.params, [yAxis]: yValue };
  }
  delete next.groups;
  const group = orderedGroup(gap);
  if (next.shown && !next.shown.includes(group)) next.shown = [...next.shown, group];
  return next;
}

/** Words for a signed gap: `EE 2:24 h after RE`, `EE 1:00 h before RE`, `RE→EE back to back`. */
export function describeGap(gap: number): string {
  if (gap === 0) return 'RE→EE back to back';
  return `EE ${formatClockH(Math.abs(gap))} ${gap > 0 ? 'after' : 'before'} RE`;
}
