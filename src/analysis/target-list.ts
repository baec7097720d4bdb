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

/**
 * Why the checks marked "by construction" in `targets.ts` hold whatever the parameter values of
 * the default model's structure (science brief §6): such checks cannot tell models apart.
 * `tests/ensemble/priors.test.ts` checks that each holds for every prior draw.
 */
export const CONSTRUCTION_NOTES: Readonly<Record<string, string>> = Object.freeze({
  T1: 'every rate is zero at the resting values (all states start at basal = 1 and no input is on)',
  T3: 'during the bout MPS can only fall: the contraction factor 1/(1 + cM·re) ≤ 1 acts at once, while A and C rise slowly',
  T4: 'EE enters only the regulator, which can only lower MPS, so EE alone can never raise MPS',
  T5: 'the intensity drive is a Hill function, increasing in intensity whenever kR > 0',
  T8: 'RE does not enter the regulator, so with RE alone it stays at basal',
  T9: 'with a gap of 6 h or more the RE→EE run starts after the 3-h readout, which cannot see it',
});

/**
 * Discriminating targets (science brief §6, D1–D6): observations in the literature that the
 * calibration targets do not use and that rival model structures answer differently. They are
 * not used to select the ensemble; the docs report how many plausible models meet them.
 */
export const DISCRIMINATING_TARGETS = Object.freeze([
  {
    id: 'D1',
    claim:
      'RE alone raises the regulator 1.5–2.0 fold by the end of the bout, still raised (≥ 1.1) 1 h later, while MPS is ≥ 1.2 fold 1 h and 2 h after RE',
    source:
      'Dreyer2006: AMPKα2 activity 1.7 → 3.0 (1.76-fold) immediately after RE, still raised at 1 h; FSR lower during RE, raised at 1 and 2 h (humans; the size of the 1-h AMPK rise and of the FSR rise are not verified here, so the thresholds 1.1 and 1.2 only ask for a detectable rise)',
  },
  {
    id: 'D2',
    claim: 'Rat-sized regulator: 45 min of running at the study intensity raises it 1.4–2.0 fold',
    source:
      'McConell2008: 45 min treadmill running raised soleus p-AMPKα 1.6-fold in untrained rats (the run intensity is assumed to be the study’s)',
  },
  {
    id: 'D5',
    claim: 'MPS is depressed during the run: EE alone lowers MPS to ≤ 0.9 fold at some point during the bout',
    source:
      'Rose2009 (contraction suppresses protein synthesis 60–70% ex vivo, through Ca2+–calmodulin–eEF2K–eEF2, not AMPK); Rose2005 (eEF2 phosphorylation up 5–7-fold within a minute of cycling, sustained for 90 min); the threshold 0.9 only asks for a clear fall, its size in a running rat is not known',
  },
  {
    id: 'D6',
    claim:
      'MPS saturates with RE load: doubling the load (1 → 2) raises the 3-h MPS rise by ≤ 20%, while halving it (1 → 0.5) lowers it by ≥ 20%',
    source:
      'Kumar2009: sigmoidal dose–response of myofibrillar MPS to RE intensity with a plateau at 60–90% 1RM (humans); the study’s evoked maximal contractions are assumed to sit on the plateau (load 1)',
  },
] as const);

/** Id of a discriminating target. */
export type DiscriminatingTargetId = (typeof DISCRIMINATING_TARGETS)[number]['id'];
