/**
 * The discriminating targets D1, D2, D5 and D6 (`DISCRIMINATING_TARGETS` in `target-list.ts`):
 * literature observations outside the calibration set that rival model structures answer
 * differently. Measured on the same lazily computed study runs as T1–T9.
 */
import type { CompiledModel } from '../model/compile.ts';
import { STUDY_DESIGN } from '../protocol/presets.ts';
import { foldVsControl, peak } from './readouts.ts';
import { type StudyRunOptions, StudyRuns } from './study-runs.ts';
import { DISCRIMINATING_TARGETS, type DiscriminatingTargetId } from './target-list.ts';
import { check, summariseTarget, type TargetCheck, type TargetResult } from './targets.ts';

const t0 = STUDY_DESIGN.firstBoutAt;
const reEnd = t0 + STUDY_DESIGN.reDuration;
const eeEnd = t0 + STUDY_DESIGN.eeDuration;

const EVALUATORS: Readonly<Record<DiscriminatingTargetId, (runs: StudyRuns) => TargetCheck[]>> = {
  D1: (runs) => {
    const r = runs.orders();
    return [
      check('regulator at end of RE', foldVsControl(r, 're', 'regulator', reEnd), 1.5, 2.0),
      check('regulator 1 h after', foldVsControl(r, 're', 'regulator', reEnd + 60), 1.1),
      check('MPS 1 h after', foldVsControl(r, 're', 'mps', reEnd + 60), 1.2),
      check('MPS 2 h after', foldVsControl(r, 're', 'mps', reEnd + 120), 1.2),
    ];
  },
  D2: (runs) => {
    const r = runs.endurance(runs.eeIntensity, 45);
    return [check('regulator after 45 min', foldVsControl(r, 'ee', 'regulator', t0 + 45), 1.4, 2.0)];
  },
  D5: (runs) => {
    const r = runs.endurance();
    const low = peak(r, 'ee', 'mps', { from: t0, to: eeEnd, mode: 'min' }).value / r.basal.mps!;
    return [check('lowest MPS during run', low, undefined, 0.9)];
  },
  D6: (runs) => {
    const rise = (load: number) => foldVsControl(runs.load(load), 're', 'mps') - 1;
    const base = rise(1);
    return [
      check('rise at load 2 over load 1', rise(2) / base, undefined, 1.2),
      check('rise at load 0.5 over load 1', rise(0.5) / base, undefined, 0.8),
    ];
  },
};

/** Evaluate D1, D2, D5 and D6 on `model` (same options as `evaluateTargets`). */
export function evaluateDiscriminatingTargets(
  model: CompiledModel,
  options: StudyRunOptions = {},
): TargetResult[] {
  const runs = new StudyRuns(model, options);
  return DISCRIMINATING_TARGETS.map((t) => summariseTarget(t.id, t.claim, EVALUATORS[t.id](runs)));
}
