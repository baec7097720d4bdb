/**
 * Protocol presets: the study design and everyday schedules. Timing constants come from the
 * science brief (RE ≈ 20 min of evoked contractions, EE = 60 min treadmill running, readout 3 h
 * after RE; Ogasawara et al. 2014 and the lab's usual protocol, Ogasawara et al. 2013).
 */
import type { Bout, Group, Protocol } from './protocol.ts';

/** Timing of the rat study, declared once. Minutes. */
export const STUDY_DESIGN = Object.freeze({
  /** Baseline shown before the first bout. */
  firstBoutAt: 60,
  /** RE: ~5 sets × 10 × 3-s contractions, about 20 min in all (Ogasawara 2013). */
  reDuration: 20,
  /** EE: 60 min of treadmill running (Ogasawara 2014). */
  eeDuration: 60,
  /** Readout 3 h after the end of RE (Ogasawara 2014). */
  afterResistance: 180,
  /** Cumulative MPS windows: 24 h and 48 h from the start of RE (science brief §2). */
  aucWindows: Object.freeze([1440, 2880]),
  /** Simulated window: 76 h, so RE ends 72 h before the end (T3) and a 12-h gap still fits the 48-h AUC. */
  tEnd: 76 * 60,
});

/** Options of the study-design preset. */
export interface StudyOptions {
  /**
   * Signed gap between the bouts, minutes (default 0): EE starts `gap` after RE ends when
   * `gap ≥ 0` (RE→EE), and ends `|gap|` before RE starts when `gap < 0` (EE→RE). The study
   * design holds both orders, so it places RE→EE at +|gap| and EE→RE at −|gap|; presets with
   * one ordered pair run the order the sign gives.
   */
  readonly gap?: number;
  /** RE intensity (relative load; the model's default). */
  readonly reIntensity: number;
  /** EE intensity (fraction of VO2max; the model's default). */
  readonly eeIntensity: number;
  /** EE duration in minutes (default 60). */
  readonly eeDuration?: number;
  /** RE duration in minutes (default 20). */
  readonly reDuration?: number;
  /** Readout, minutes after the end of RE (default 180). */
  readonly afterResistance?: number;
}

/** The five groups of the study: control, RE only, EE only, RE→EE, EE→RE. */
export function studyProtocol(options: StudyOptions): Protocol {
  const d = STUDY_DESIGN;
  const gap = Math.abs(options.gap ?? 0);
  const reDur = options.reDuration ?? d.reDuration;
  const eeDur = options.eeDuration ?? d.eeDuration;
  const t0 = d.firstBoutAt;
  const re = (start: number): Bout => ({
    kind: 'resistance',
    start,
    duration: reDur,
    intensity: options.reIntensity,
  });
  const ee = (start: number): Bout => ({
    kind: 'endurance',
    start,
    duration: eeDur,
    intensity: options.eeIntensity,
  });
  const groups: Group[] = [
    { id: 'control', label: 'Control', bouts: [] },
    { id: 're', label: 'RE only', bouts: [re(t0)] },
    { id: 'ee', label: 'EE only', bouts: [ee(t0)] },
    { id: 're-ee', label: 'RE→EE', bouts: [re(t0), ee(t0 + reDur + gap)] },
    { id: 'ee-re', label: 'EE→RE', bouts: [ee(t0), re(t0 + eeDur + gap)] },
  ];
  const lastEnd = t0 + Math.max(reDur, eeDur) + gap + Math.min(reDur, eeDur);
  const tEnd = Math.max(d.tEnd, Math.ceil((lastEnd + Math.max(...d.aucWindows)) / 60) * 60);
  return {
    tStart: 0,
    tEnd,
    controlGroup: 'control',
    groups,
    readout: { afterResistance: options.afterResistance ?? d.afterResistance, aucWindows: [...d.aucWindows] },
  };
}

/**
 * "Lift, then run after a gap" vs lifting alone (default gap 6 h); a negative gap runs first
 * (EE→RE, |gap| before the lift).
 */
export function liftThenRunProtocol(options: StudyOptions): Protocol {
  const gap = options.gap ?? 360;
  const study = studyProtocol({ ...options, gap });
  const ordered = gap < 0 ? 'ee-re' : 're-ee';
  return { ...study, groups: study.groups.filter((g) => ['control', 're', ordered].includes(g.id)) };
}

/** "Run in the morning (07:00), lift at night (19:00)" vs lifting alone; time 0 is midnight. */
export function morningRunEveningLiftProtocol(options: StudyOptions): Protocol {
  const d = STUDY_DESIGN;
  const reDur = options.reDuration ?? d.reDuration;
  const eeDur = options.eeDuration ?? d.eeDuration;
  const re: Bout = { kind: 'resistance', start: 19 * 60, duration: reDur, intensity: options.reIntensity };
  const ee: Bout = { kind: 'endurance', start: 7 * 60, duration: eeDur, intensity: options.eeIntensity };
  return {
    tStart: 0,
    tEnd: 72 * 60,
    controlGroup: 'control',
    groups: [
      { id: 'control', label: 'Control', bouts: [] },
      { id: 're', label: 'Lift at night only', bouts: [re] },
      { id: 'run-lift', label: 'Run 07:00, lift 19:00', bouts: [ee, re] },
    ],
    readout: { afterResistance: options.afterResistance ?? d.afterResistance, aucWindows: [...d.aucWindows] },
  };
}

/** Protocol presets by id, for the app, the CLI and the URL. */
export const PROTOCOL_PRESETS = Object.freeze({
  study: { label: 'Rat study design (Ogasawara 2014)', build: studyProtocol },
  'lift-then-run': { label: 'Lift, then run after a gap', build: liftThenRunProtocol },
  'run-morning-lift-night': {
    label: 'Run in the morning, lift at night',
    build: morningRunEveningLiftProtocol,
  },
});

/** Id of a protocol preset. */
export type ProtocolPresetId = keyof typeof PROTOCOL_PRESETS;
