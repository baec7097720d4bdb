/**
 * The interference map: MPS of one ordered pair of bouts as a fold of RE alone, over the
 * signed gap between the bouts and a second axis (a protocol setting or any model parameter).
 *
 * Signed gap g (minutes): g > 0 means EE *after* RE (group `re-ee`, gap g); g < 0 means EE
 * *before* RE (group `ee-re`, gap |g|). At g = 0 both orders are back to back; the map uses
 * RE→EE there (the study's interfering order), so the column at 0 continues the positive side.
 *
 * One cell simulates only what it needs: the control group, RE only and the one ordered group,
 * taken from `studyProtocol` (through `buildProtocol`, so parameter-preset protocol hints apply
 * as in the app), each run only as far as the metric needs (the readout, or the end of the
 * 24-h AUC window). Readouts are exact solver stops, so no output grid is needed: the grid step
 * is the whole window, which lets the solver skip dense output (about twice as fast), and
 * cutting the window changes no value. `sweepGrid` reuses the control + RE-only run across
 * cells whose reference is the same (same parameters and RE settings): simulation is
 * deterministic per group, so the values equal those of one full five-group run per cell.
 */
import type { CompiledModel } from '../model/compile.ts';
import { groupAnchors, type Protocol } from '../protocol/protocol.ts';
import { buildProtocol, type ProtocolSettings } from '../simulate/scenario.ts';
import { type SimulationResult, simulate } from '../simulate/simulate.ts';
import type { SolveOptions } from '../solve/segment.ts';
import { aucFold, foldVsControl } from './readouts.ts';

/** What a map cell shows. */
export type SweepMetric = 'mps3h' | 'auc24';

/** The metrics with their labels, declared once. */
export const SWEEP_METRICS: Readonly<
  Record<SweepMetric, { readonly label: string; readonly short: string }>
> = Object.freeze({
  mps3h: { label: 'MPS 3 h after RE, fold of RE only', short: 'MPS at 3 h / RE only' },
  auc24: { label: '24-h MPS AUC from the start of RE, fold of RE only', short: '24-h MPS AUC / RE only' },
});

/** Protocol settings that can be an axis besides the signed gap. */
export const SETTING_AXES = Object.freeze([
  'eeDuration',
  'eeIntensity',
  'reIntensity',
  'reDuration',
] as const);

/** A protocol-setting axis. */
export type SettingAxis = (typeof SETTING_AXES)[number];

/** An axis: `gap` (signed, minutes), a protocol setting, or a model parameter name. */
export type SweepAxis = string;

/**
 * Output grid step for a sweep run: the whole window, so only its two ends are samples and the
 * solver needs no dense output. Readouts are exact solver stops and do not depend on it.
 */
export function sweepDt(protocol: { readonly tStart: number; readonly tEnd: number }): number {
  return protocol.tEnd - protocol.tStart;
}

/** Largest |signed gap| the map offers by default (12 h), minutes. */
export const MAX_SWEEP_GAP = 720;

/** How an axis is described to users and bounded. */
export interface AxisInfo {
  readonly axis: SweepAxis;
  readonly kind: 'gap' | 'setting' | 'parameter';
  readonly label: string;
  readonly unit: string;
  /** Admissible values (inclusive). */
  readonly min: number;
  readonly max: number;
  /** How values are best spaced. */
  readonly scale: 'linear' | 'log';
  /** A sensible default range for a map. */
  readonly defaultRange: readonly [number, number];
}

function inputOf(model: CompiledModel, kind: 'resistance' | 'endurance') {
  return model.spec.inputs[model.inputNames[model.inputIndex[kind]]!]!;
}

/**
 * Describe an axis of `model`.
 * @throws Error naming the axis and the choices when it is neither a setting nor a parameter
 */
export function axisInfo(model: CompiledModel, axis: SweepAxis): AxisInfo {
  if (axis === 'gap') {
    return {
      axis,
      kind: 'gap',
      label: 'Signed gap (< 0: EE before RE; > 0: EE after RE)',
      unit: 'min',
      min: -1440,
      max: 1440,
      scale: 'linear',
      defaultRange: [-MAX_SWEEP_GAP, MAX_SWEEP_GAP],
    };
  }
  if (axis === 'eeIntensity' || axis === 'reIntensity') {
    const input = inputOf(model, axis === 'eeIntensity' ? 'endurance' : 'resistance');
    const lo =
      axis === 'eeIntensity' ? Math.max(input.minIntensity, 0.4) : Math.max(input.minIntensity, 0.25);
    return {
      axis,
      kind: 'setting',
      label: axis === 'eeIntensity' ? 'EE intensity' : 'RE load',
      unit: input.unit,
      min: input.minIntensity,
      max: input.maxIntensity,
      scale: 'linear',
      defaultRange: [lo, input.maxIntensity],
    };
  }
  if (axis === 'eeDuration' || axis === 'reDuration') {
    return {
      axis,
      kind: 'setting',
      label: axis === 'eeDuration' ? 'EE duration' : 'RE duration',
      unit: 'min',
      min: 1,
      max: 480,
      scale: 'linear',
      defaultRange: axis === 'eeDuration' ? [10, 120] : [5, 60],
    };
  }
  const p = model.spec.parameters[axis];
  if (!p) {
    throw new Error(
      `unknown axis: ${axis} (axes: gap, ${SETTING_AXES.join(', ')}, or a parameter: ${model.parameterNames.join(', ')})`,
    );
  }
  return {
    axis,
    kind: 'parameter',
    label: p.label,
    unit: p.unit,
    min: p.min,
    max: p.max,
    scale: p.scale,
    defaultRange: [p.min, p.max],
  };
}

/**
 * `count` values from `min` to `max` inclusive, evenly spaced (`linear`) or geometrically
 * (`log`, both ends > 0). Each value is computed from its index, never accumulated.
 * @throws Error for a count below 1, non-finite ends, or a log range that is not positive
 */
export function axisValues(
  min: number,
  max: number,
  count: number,
  scale: 'linear' | 'log' = 'linear',
): number[] {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`invalid count: ${count} (must be an integer ≥ 1)`);
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new Error(`invalid range: ${min}..${max}`);
  if (count === 1) return [min];
  if (scale === 'log') {
    if (!(min > 0 && max > 0)) throw new Error(`invalid log range: ${min}..${max} (both ends must be > 0)`);
    const a = Math.log(min);
    const b = Math.log(max);
    return Array.from({ length: count }, (_, i) =>
      i === count - 1 ? max : Math.exp(a + ((b - a) * i) / (count - 1)),
    );
  }
  return Array.from({ length: count }, (_, i) =>
    i === count - 1 ? max : min + ((max - min) * i) / (count - 1),
  );
}

/** The common inputs of a cell: everything but the axes. */
export interface SweepBase {
  /** Parameter overrides (e.g. `presetParameters(spec, preset, params)`). */
  readonly parameters?: Readonly<Record<string, number>>;
  /** Protocol settings all cells share (the axes override them; `gap` is ignored: see `gap`). */
  readonly settings?: ProtocolSettings;
  /** Parameter preset whose protocol hints apply (as in `buildProtocol`). */
  readonly parameterPreset?: string;
  /** Signed gap used when neither axis is `gap` (default 0: RE→EE back to back). */
  readonly gap?: number;
  /** Solver options passed to `simulate` (default: the simulator's). */
  readonly solver?: Partial<SolveOptions>;
}

/** One cell: the base, plus the value of one axis. */
export interface CellOptions extends SweepBase {
  /** Signed gap, minutes (< 0: EE before RE). */
  readonly gap: number;
  /** The second axis (a setting or parameter name), if any. */
  readonly axis?: SweepAxis;
  readonly value?: number;
  readonly metric: SweepMetric;
}

/** A resolved scenario point: the ordered group, its settings and parameters. */
interface CellScenario {
  readonly groupId: 're-ee' | 'ee-re';
  readonly settings: ProtocolSettings;
  readonly parameters: Readonly<Record<string, number>>;
}

/** The group id a signed gap maps to: RE→EE for g ≥ 0, EE→RE for g < 0. */
export function orderedGroup(gap: number): 're-ee' | 'ee-re' {
  return gap < 0 ? 'ee-re' : 're-ee';
}

function applyAxis(
  model: CompiledModel,
  point: { gap: number; settings: Record<string, number | undefined>; parameters: Record<string, number> },
  axis: SweepAxis,
  value: number,
): void {
  if (!Number.isFinite(value)) throw new Error(`invalid value for axis ${axis}: ${value}`);
  if (axis === 'gap') point.gap = value;
  else if ((SETTING_AXES as readonly string[]).includes(axis)) point.settings[axis] = value;
  else if (model.spec.parameters[axis]) point.parameters[axis] = value;
  else axisInfo(model, axis); // throws the "unknown axis" message
}

function resolveCell(
  model: CompiledModel,
  base: SweepBase,
  axes: readonly { axis: SweepAxis; value: number }[],
): CellScenario {
  const point = {
    gap: base.gap ?? 0,
    settings: { ...(base.settings ?? {}) } as Record<string, number | undefined>,
    parameters: { ...(base.parameters ?? {}) },
  };
  for (const { axis, value } of axes) applyAxis(model, point, axis, value);
  if (!Number.isFinite(point.gap)) throw new Error(`invalid gap: ${point.gap}`);
  return {
    groupId: orderedGroup(point.gap),
    settings: { ...point.settings, gap: Math.abs(point.gap) },
    parameters: point.parameters,
  };
}

function cellProtocol(
  model: CompiledModel,
  base: SweepBase,
  cell: CellScenario,
  groups: readonly string[],
): Protocol {
  const full = buildProtocol(model, 'study', cell.settings, base.parameterPreset);
  return { ...full, groups: full.groups.filter((g) => groups.includes(g.id)) };
}

/** The reference readout of RE alone: fold vs control at 3 h, or the 24-h AUC fold. */
function metricOf(result: SimulationResult, groupId: string, metric: SweepMetric): number {
  return metric === 'mps3h' ? foldVsControl(result, groupId, 'mps') : aucFold(result, groupId, 'mps', 1440);
}

/**
 * The map's value at one point: MPS of the ordered pair (RE→EE for gap ≥ 0, EE→RE for gap < 0)
 * as a fold of RE only, at the readout time (`mps3h`, 3 h after RE by default) or as the 24-h
 * AUC from the start of RE (`auc24`). Simulates control, RE only and the one ordered group.
 * @throws Error for an unknown axis, ProtocolError for an impossible protocol, SimulationError
 *   when the solver fails
 */
export function interferenceCell(model: CompiledModel, options: CellOptions): number {
  const axes = options.axis === undefined ? [] : [{ axis: options.axis, value: options.value ?? Number.NaN }];
  const cell = resolveCell(model, options, axes);
  return cellValue(model, options, cell, options.metric, new Map());
}

/**
 * Cut a two-group protocol (control + `groupId`) to the time the metric needs: up to the
 * group's readout (`mps3h`) or the end of its 24-h AUC window (`auc24`), dropping bouts that
 * start later (they cannot change the readout). Segments before that time are unchanged, so
 * the values are identical to those of the full run, at a fraction of the work.
 */
function trimmed(protocol: Protocol, groupId: string, metric: SweepMetric): Protocol {
  const group = protocol.groups.find((g) => g.id === groupId)!;
  const anchors = groupAnchors(protocol, group);
  const needed = metric === 'mps3h' ? anchors.readoutTime : anchors.aucStart + 1440;
  const groups = protocol.groups.map((g) => ({ ...g, bouts: g.bouts.filter((b) => b.start < needed) }));
  const lastEnd = Math.max(needed, ...groups.flatMap((g) => g.bouts.map((b) => b.start + b.duration)));
  return {
    ...protocol,
    tEnd: Math.min(protocol.tEnd, lastEnd),
    groups,
    readout: { ...protocol.readout, aucWindows: metric === 'auc24' ? [1440] : [] },
  };
}

/** One cell: the RE-only reference (cached by what it depends on) and the ordered group. */
function cellValue(
  model: CompiledModel,
  base: SweepBase,
  cell: CellScenario,
  metric: SweepMetric,
  references: Map<string, number>,
): number {
  const run = (groupId: string) => {
    const protocol = trimmed(cellProtocol(model, base, cell, ['control', groupId]), groupId, metric);
    return {
      protocol,
      go: () =>
        simulate(model, protocol, {
          parameters: cell.parameters,
          dt: sweepDt(protocol),
          solver: base.solver,
        }),
    };
  };
  // RE alone does not depend on the gap or the EE settings: key it on what it does depend on.
  const ref = run('re');
  const key = JSON.stringify([
    cell.parameters,
    ref.protocol.tEnd,
    ref.protocol.groups[1]!.bouts,
    ref.protocol.readout,
  ]);
  let reference = references.get(key);
  if (reference === undefined) {
    reference = metricOf(ref.go(), 're', metric);
    references.set(key, reference);
  }
  return metricOf(run(cell.groupId).go(), cell.groupId, metric) / reference;
}

/** A grid to compute: x (usually the signed gap) by y, both ascending as given. */
export interface SweepOptions extends SweepBase {
  readonly model: CompiledModel;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly xAxis: SweepAxis;
  readonly yAxis: SweepAxis;
  readonly metric: SweepMetric;
  /**
   * Compute only flat cells `start ≤ k < end` (k = j·nx + i: x varies fastest), for worker
   * chunks. Default: the whole grid.
   */
  readonly range?: { readonly start: number; readonly end: number };
  /** Called after each cell with the number done and the number to do. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked before each cell; when it returns true the sweep stops with a `SweepCancelled`. */
  readonly isCancelled?: () => boolean;
}

/** A cell whose simulation failed: where, and why. */
export interface SweepFailure {
  /** Flat index j·nx + i. */
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly message: string;
}

/** The computed cells. */
export interface SweepResult {
  /** First flat index computed. */
  readonly start: number;
  /** Values of cells start…end−1 (NaN where a cell failed). */
  readonly values: Float64Array;
  /** Failed cells (their values are NaN), so no failure is silent. */
  readonly failures: readonly SweepFailure[];
}

/** Thrown by `sweepGrid` when `isCancelled` returns true. */
export class SweepCancelled extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepCancelled';
  }
}

/**
 * Check a sweep's axes and values before running it.
 * @throws Error naming the axis: unknown, the same on both axes, no values, or a value that
 *   is not finite or outside the axis's admissible range
 */
export function checkSweep(
  model: CompiledModel,
  options: Pick<SweepOptions, 'x' | 'y' | 'xAxis' | 'yAxis'>,
): void {
  if (options.xAxis === options.yAxis) throw new Error(`invalid axes: x and y are both ${options.xAxis}`);
  for (const [name, axis, values] of [
    ['x', options.xAxis, options.x],
    ['y', options.yAxis, options.y],
  ] as const) {
    const info = axisInfo(model, axis);
    if (values.length === 0) throw new Error(`invalid ${name} axis ${axis}: no values`);
    for (const v of values) {
      if (!Number.isFinite(v) || v < info.min || v > info.max) {
        throw new Error(
          `invalid ${name} axis ${axis}: value ${v} outside [${info.min}, ${info.max}] ${info.unit}`,
        );
      }
    }
  }
}

/**
 * Compute the interference map (or a contiguous part of it, for a worker chunk). Each cell
 * equals `interferenceCell` at that point; failed cells are NaN and listed in `failures`.
 * @throws Error from `checkSweep` for bad axes; `SweepCancelled` when cancelled
 */
export function sweepGrid(options: SweepOptions): SweepResult {
  const { model, x, y, xAxis, yAxis, metric } = options;
  checkSweep(model, options);
  const nx = x.length;
  const total = nx * y.length;
  const start = Math.max(0, options.range?.start ?? 0);
  const end = Math.min(total, options.range?.end ?? total);
  const values = new Float64Array(Math.max(0, end - start));
  const failures: SweepFailure[] = [];
  const references = new Map<string, number>();
  for (let k = start; k < end; k++) {
    if (options.isCancelled?.()) throw new SweepCancelled();
    const i = k % nx;
    const j = (k - i) / nx;
    try {
      const cell = resolveCell(model, options, [
        { axis: xAxis, value: x[i]! },
        { axis: yAxis, value: y[j]! },
      ]);
      values[k - start] = cellValue(model, options, cell, metric, references);
    } catch (err) {
      values[k - start] = Number.NaN;
      failures.push({
        index: k,
        x: x[i]!,
        y: y[j]!,
        message: err instanceof Error ? err.message : String(err),
      });
    }
    options.onProgress?.(k - start + 1, end - start);
  }
  return { start, values, failures };
}
