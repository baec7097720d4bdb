/**
 * The calibration targets T1–T9 of the science brief (§3), declared once and evaluated on any
 * model and parameter set. The tests, `eolab targets`, the app's evidence panel, the notebooks,
 * the ensemble sampler and `docs/model.md` all read this table.
 *
 * Scenario: the study design (`studyProtocol`) at the model's default intensities, bouts back
 * to back, readouts 3 h after the end of RE, every value a fold change against control at the
 * same clock time. Each target reads only the runs it needs (`StudyRuns`), so `meetsTargets` can
 * stop at the first failure.
 *
 * Every check says whether it holds *by construction* (for every parameter set the model's
 * structure allows, e.g. a state that no rate can move) or *by calibration* (only for some
 * parameter values): the former cannot tell models apart (science brief §6).
 */
import type { CompiledModel } from '../model/compile.ts';
import { STUDY_DESIGN } from '../protocol/presets.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { aucFold, foldVsControl, peak, valueAt } from './readouts.ts';
import { type StudyRunOptions, StudyRuns } from './study-runs.ts';
import { check, summariseTarget, type TargetCheck, type TargetResult } from './target-check.ts';
import { STUDY_THRESHOLDS, TARGETS, type TargetId } from './target-list.ts';

/** Options of `evaluateTargets`. */
export interface TargetOptions extends StudyRunOptions {}

export { evaluatePresetTargets, PRESET_TARGETS } from './preset-targets.ts';
export {
  type CheckBasis,
  check,
  checkMargin,
  summariseTarget,
  type TargetCheck,
  type TargetResult,
} from './target-check.ts';
export { TARGETS, type TargetId } from './target-list.ts';

const C = 'construction' as const;

/** Times of the study design, minutes. */
const t0 = STUDY_DESIGN.firstBoutAt;
const reEnd = t0 + STUDY_DESIGN.reDuration;
const eeEnd = t0 + STUDY_DESIGN.eeDuration;
/** EE intensities of T5, fractions of VO2max. */
const T5_LEVELS = Object.freeze([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);
/** Gaps of T9, minutes. */
const T9_GAPS = Object.freeze([360, 540, 720]);

const mps3 = (r: SimulationResult, g: string) => foldVsControl(r, g, 'mps');

/** How each target is measured, from lazily computed runs. */
const EVALUATORS: Readonly<Record<TargetId, (runs: StudyRuns) => TargetCheck[]>> = {
  // T1: the control run of a 72-h window started from the file's initial values.
  T1: (runs) => {
    const control = runs.rest();
    const g = control.groups[0]!;
    let drift = 0;
    control.stateNames.forEach((name, si) => {
      const y0 = runs.model.spec.states[name]!.initial;
      for (const v of g.series[name]!) drift = Math.max(drift, Math.abs(v - y0) / Math.abs(y0));
      for (const e of g.events) drift = Math.max(drift, Math.abs(e.values[si]! - y0) / Math.abs(y0));
    });
    return [check('max relative drift', drift, undefined, 1e-9, C)];
  },
  // T2: anabolic signal after RE only.
  T2: (runs) => {
    const r = runs.orders();
    const pk = peak(r, 're', 'anabolic', { from: reEnd });
    const rise = pk.value - 1;
    const frac = (t: number) => (valueAt(r, 're', 'anabolic', t) - 1) / rise;
    return [
      check('peak, h after RE', (pk.time - reEnd) / 60, 0.5, 3),
      check('share of peak rise at 6 h', frac(reEnd + 360), 0.3),
      check('share at 24 h', frac(reEnd + 1440), undefined, 0.3 - 1e-12),
    ];
  },
  // T3: MPS after RE only.
  T3: (runs) => {
    const r = runs.orders();
    const during = peak(r, 're', 'mps', { from: t0, to: reEnd }).value / r.basal.mps!;
    const at = (h: number) => foldVsControl(r, 're', 'mps', reEnd + h * 60);
    return [
      check('max during bout', during, undefined, 1.0 + 1e-12, C),
      check('3 h', at(3), 1.5, 2.5),
      check('24 h', at(24), 1.2),
      check('72 h', r.protocol.tEnd >= reEnd + 72 * 60 ? at(72) : Number.NaN, undefined, 1.15),
    ];
  },
  // T4: EE only.
  T4: (runs) => {
    const r = runs.endurance();
    return [
      check('regulator at end of run', foldVsControl(r, 'ee', 'regulator', eeEnd), 2, 4),
      check('regulator 3 h after', foldVsControl(r, 'ee', 'regulator', eeEnd + 180), undefined, 1.2),
      check('max MPS', peak(r, 'ee', 'mps').value / r.basal.mps!, undefined, 1.05, C),
    ];
  },
  // T5: regulator peak against EE intensity (0.3–1.0 VO2max).
  T5: (runs) => {
    const peaks = T5_LEVELS.map((x) => {
      const r = runs.endurance(x);
      return peak(r, 'ee', 'regulator').value / r.basal.regulator!;
    });
    let worstDrop = 0;
    for (let i = 1; i < peaks.length; i++) worstDrop = Math.max(worstDrop, peaks[i - 1]! - peaks[i]!);
    const half = T5_LEVELS.indexOf(0.5);
    return [
      check('largest decrease between steps', worstDrop, undefined, 1e-9, C),
      check('peak at 0.5 VO2max', peaks[half]!, undefined, 1.2),
      check('peak at 1.0 over 0.5', peaks[peaks.length - 1]! - peaks[half]!, 1e-6, undefined, C),
    ];
  },
  T6: (runs) => {
    const r = runs.orders();
    return [
      check('MPS ratio', mps3(r, 're-ee') / mps3(r, 're'), ...STUDY_THRESHOLDS.afterRatio),
      check('regulator', foldVsControl(r, 're-ee', 'regulator'), STUDY_THRESHOLDS.regulatorRaised),
    ];
  },
  T7: (runs) => {
    const r = runs.orders();
    const tol = STUDY_THRESHOLDS.unchangedTolerance;
    return [check('MPS ratio', mps3(r, 'ee-re') / mps3(r, 're'), 1 - tol, 1 + tol)];
  },
  T8: (runs) => {
    const r = runs.orders();
    const max = STUDY_THRESHOLDS.regulatorNotRaised;
    return [
      check('regulator RE only', foldVsControl(r, 're', 'regulator'), undefined, max, C),
      check('regulator EE→RE', foldVsControl(r, 'ee-re', 'regulator'), undefined, max),
    ];
  },
  // T9: gaps of 6, 9 and 12 h in both orders; report the worst deviation. The 3-h readout of
  // RE→EE precedes its run (causality), and 6 h after a run the regulator is back at basal.
  T9: (runs) => {
    const base = runs.orders();
    const re = mps3(base, 're');
    const reAuc = aucFold(base, 're', 'mps', 1440);
    const worst = { 're-ee': 1, 'ee-re': 1 };
    let worstAuc = 1;
    const further = (a: number, b: number) => (Math.abs(b - 1) > Math.abs(a - 1) ? b : a);
    for (const gap of T9_GAPS) {
      const r = runs.gap(gap);
      for (const g of ['re-ee', 'ee-re'] as const) {
        worst[g] = further(worst[g], mps3(r, g) / re);
        worstAuc = further(worstAuc, aucFold(r, g, 'mps', 1440) / reAuc);
      }
    }
    return [
      check('worst MPS ratio RE→EE', worst['re-ee'], 0.95, 1.05, C),
      check('worst MPS ratio EE→RE', worst['ee-re'], 0.95, 1.05),
      check('worst 24-h AUC ratio', worstAuc, 0.95, 1.05),
    ];
  },
};

/** Evaluate one target on lazily computed runs. */
export function evaluateTarget(id: TargetId, runs: StudyRuns): TargetResult {
  return summariseTarget(id, TARGETS.find((t) => t.id === id)!.claim, EVALUATORS[id](runs));
}

/** Evaluate T1–T9 for `model` with optional parameter overrides. */
export function evaluateTargets(model: CompiledModel, options: TargetOptions = {}): TargetResult[] {
  const runs = new StudyRuns(model, options);
  return TARGETS.map((t) => evaluateTarget(t.id, runs));
}

/**
 * The order in which `meetsTargets` checks: the targets that reject most prior draws on the
 * cheapest runs first (T4 and T5 need the EE-only group alone), then the order groups (T6–T8,
 * T2, T3), then the gaps (T9), and T1 last (it holds by construction).
 */
export const CHEAP_FIRST: readonly TargetId[] = Object.freeze([
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T2',
  'T3',
  'T9',
  'T1',
]);

/** The outcome of `meetsTargets`. */
export interface TargetVerdict {
  readonly pass: boolean;
  /** The first target that failed, in checking order. */
  readonly failed?: TargetId;
  /** Targets evaluated before stopping, in checking order. */
  readonly results: readonly TargetResult[];
  /** Simulations run. */
  readonly runs: number;
}

/**
 * Whether T1–T9 all hold, stopping at the first failure. Same checks and numbers as
 * `evaluateTargets`; a solver failure propagates as its `SimulationError`.
 */
export function meetsTargets(
  model: CompiledModel,
  options: TargetOptions = {},
  order: readonly TargetId[] = CHEAP_FIRST,
): TargetVerdict {
  const runs = new StudyRuns(model, options);
  const results: TargetResult[] = [];
  for (const id of order) {
    const r = evaluateTarget(id, runs);
    results.push(r);
    if (!r.pass) return { pass: false, failed: id, results, runs: runs.runs };
  }
  return { pass: true, results, runs: runs.runs };
}
