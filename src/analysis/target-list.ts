/**
 * The ids and claims of the calibration targets T1–T9 (science brief §3), as plain data with no
 * imports, so the browser can list them without loading the solver. `targets.ts` evaluates them.
 */

/** The targets' ids and claims, in order. */
export const TARGETS = Object.freeze([
  {
    id: 'T1',
    claim: 'No exercise: every state stays at its initial value (relative drift ≤ 1e-9 over 72 h)',
  },
  {
    id: 'T2',
    claim: 'RE only, anabolic signal: peaks 0.5–3 h after RE; ≥ 30% of its peak rise at 6 h; < 30% at 24 h',
  },
  { id: 'T3', claim: 'RE only, MPS: ≤ 1.0 during the bout; 1.5–2.5 at 3 h; ≥ 1.2 at 24 h; ≤ 1.15 at 72 h' },
  {
    id: 'T4',
    claim: 'EE only: regulator 2–4 fold at the end of the run, ≤ 1.2 fold 3 h later; MPS never > 1.05',
  },
  { id: 'T5', claim: 'EE intensity: regulator peak grows monotonically; ≤ 1.2 fold at 50% VO2max' },
  { id: 'T6', claim: 'RE→EE lowers MPS at 3 h to 0.60–0.85 of RE only; regulator ≥ 1.2 fold' },
  { id: 'T7', claim: 'EE→RE: MPS at 3 h within ±10% of RE only' },
  { id: 'T8', claim: 'At 3 h the regulator is elevated only in RE→EE (RE only and EE→RE ≤ 1.1 fold)' },
  { id: 'T9', claim: 'Gap ≥ 6 h, either order: MPS at 3 h and 24-h MPS AUC within ±5% of RE only' },
] as const);

/** Target id. */
export type TargetId = (typeof TARGETS)[number]['id'];

/**
 * The thresholds of the study's own claims (T6–T8), shared by the target checks and the app's
 * live claims so that "lowered", "unchanged" and "raised" mean the same everywhere.
 */
export const STUDY_THRESHOLDS = Object.freeze({
  /** T6: RE→EE MPS at 3 h as a fraction of RE only. */
  afterRatio: Object.freeze([0.6, 0.85] as const),
  /** T7: EE→RE MPS at 3 h within this fraction of RE only. */
  unchangedTolerance: 0.1,
  /** T6: the regulator counts as raised at or above this fold vs control. */
  regulatorRaised: 1.2,
  /** T8: the regulator counts as not raised at or below this fold vs control. */
  regulatorNotRaised: 1.1,
});
