/**
 * Order acts through time since the run: the order effect (MPS in RE→EE over MPS in EE→RE, each
 * a fold of control at its own readout time) against the readout time, for any readout anchor,
 * and the study-intensity band in which T1–T9 hold. Pure functions over runs of the study design.
 */
import type { CompiledModel } from '../model/compile.ts';
import type { ReadoutAnchor } from '../protocol/protocol.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { aucFold, foldVsControl, readoutTimeOf } from './readouts.ts';
import type { TargetId } from './target-list.ts';
import { meetsTargets, type TargetOptions } from './targets.ts';

/** Options of `orderEffectOverTime`. */
export interface OrderEffectOptions {
  /** What readout times are measured from (default `resistance-end`). */
  readonly anchor?: ReadoutAnchor;
  /** Readout offsets after the anchor, minutes (default 0 to 24 h every 15 min). */
  readonly offsets?: readonly number[];
  /** Series compared (default `mps`). */
  readonly series?: string;
  /** The two groups compared (default `re-ee` over `ee-re`). */
  readonly numerator?: string;
  readonly denominator?: string;
}

/** Default readout offsets: 0 to 24 h every 15 min. */
export const ORDER_EFFECT_OFFSETS: readonly number[] = Object.freeze(
  Array.from({ length: 24 * 4 + 1 }, (_, i) => i * 15),
);

/** The order effect at each readout offset, and over the whole of the first 24 h. */
export interface OrderEffectCurve {
  readonly anchor: ReadoutAnchor;
  /** Offsets after the anchor, minutes. */
  readonly offsets: readonly number[];
  /** Fold of `numerator` over fold of `denominator` (each vs control at its own readout time). */
  readonly ratio: Float64Array;
  /** The same two groups' 24-h AUCs of the series, as a ratio (independent of the readout time). */
  readonly auc24Ratio: number;
}

/**
 * The order effect against readout time on one run of the study design (which must hold the two
 * groups and the control). Readouts off the output grid are interpolated linearly; with a 1-min
 * grid and whole-minute offsets every value is a solver sample.
 * @throws Error naming a missing group, or a readout outside the simulated window
 */
export function orderEffectOverTime(
  result: SimulationResult,
  options: OrderEffectOptions = {},
): OrderEffectCurve {
  const anchor = options.anchor ?? 'resistance-end';
  const offsets = options.offsets ?? ORDER_EFFECT_OFFSETS;
  const series = options.series ?? 'mps';
  const num = options.numerator ?? 're-ee';
  const den = options.denominator ?? 'ee-re';
  const ratio = new Float64Array(offsets.length);
  offsets.forEach((after, i) => {
    const a = foldVsControl(result, num, series, readoutTimeOf(result, num, { anchor, after }));
    const b = foldVsControl(result, den, series, readoutTimeOf(result, den, { anchor, after }));
    ratio[i] = a / b;
  });
  return {
    anchor,
    offsets: [...offsets],
    ratio,
    auc24Ratio: aucFold(result, num, series, 1440) / aucFold(result, den, series, 1440),
  };
}

/** Options of `studyIntensityBand`. */
export interface IntensityBandOptions extends Omit<TargetOptions, 'eeIntensity'> {
  /** Scanned study intensities: from, to and step (default 0.4 to 1.0 by 0.02). */
  readonly from?: number;
  readonly to?: number;
  readonly step?: number;
  /** Width to which each edge is refined by bisection (default 0.001). */
  readonly resolution?: number;
}

/** One scanned study intensity. */
export interface IntensityScanPoint {
  readonly intensity: number;
  readonly pass: boolean;
  /** First failing target (in `CHEAP_FIRST` order). */
  readonly failed?: TargetId;
}

/** Where T1–T9 hold as the study's EE intensity varies. */
export interface IntensityBand {
  /** Intervals of study intensity in which every target holds, edges refined to `resolution`. */
  readonly intervals: readonly { readonly from: number; readonly to: number }[];
  readonly scan: readonly IntensityScanPoint[];
  readonly resolution: number;
}

/**
 * The study-intensity band: the EE intensities of the study's run (fraction of VO2max) at which
 * all of T1–T9 hold, found by a scan and refined by bisection at each pass/fail change. An
 * interval edge lies within `resolution` of the true edge, on the passing side (assuming one
 * change between neighbouring scan points).
 */
export function studyIntensityBand(model: CompiledModel, options: IntensityBandOptions = {}): IntensityBand {
  const from = options.from ?? 0.4;
  const to = options.to ?? 1.0;
  const step = options.step ?? 0.02;
  const resolution = options.resolution ?? 0.001;
  const { from: _f, to: _t, step: _s, resolution: _r, ...targetOptions } = options;
  const judge = (x: number): IntensityScanPoint => {
    const v = meetsTargets(model, { ...targetOptions, eeIntensity: x });
    return v.pass ? { intensity: x, pass: true } : { intensity: x, pass: false, failed: v.failed! };
  };
  const n = Math.round((to - from) / step);
  const scan = Array.from({ length: n + 1 }, (_, i) => judge(Number((from + i * step).toFixed(10))));
  const edge = (pass: number, fail: number) => {
    let p = pass;
    let f = fail;
    while (Math.abs(f - p) > resolution) {
      const mid = (p + f) / 2;
      if (judge(mid).pass) p = mid;
      else f = mid;
    }
    return p;
  };
  const intervals: { from: number; to: number }[] = [];
  let lo: number | undefined;
  scan.forEach((pt, i) => {
    const prev = scan[i - 1];
    if (pt.pass && !(prev?.pass ?? false)) lo = prev ? edge(pt.intensity, prev.intensity) : pt.intensity;
    const next = scan[i + 1];
    if (pt.pass && !(next?.pass ?? false)) {
      intervals.push({ from: lo!, to: next ? edge(pt.intensity, next.intensity) : pt.intensity });
    }
  });
  return { intervals, scan, resolution };
}
