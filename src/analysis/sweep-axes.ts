/**
 * The axes and metrics of the interference map: what a cell shows, which protocol settings and
 * model parameters can be an axis besides the signed gap, how each is labelled and bounded, and
 * evenly spaced axis values. Pure data and arithmetic; `sweep.ts` computes the map.
 */
import type { CompiledModel } from '../model/compile.ts';

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
  const p = Object.hasOwn(model.spec.parameters, axis) ? model.spec.parameters[axis] : undefined;
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
