/**
 * Method selection: one segment, one call. ODEX (explicit extrapolation, very accurate on smooth
 * non-stiff problems) runs first; when it gives up on step size (the step limit or collapsing
 * steps, which stiffness causes: `looksStiff` tells), the segment is integrated again from its
 * start with the implicit Rosenbrock method (`rosenbrock.ts`), as LSODA switches methods. An empty system (a model
 * whose quantities are all constant or given by rules) needs no solver at all.
 */
import {
  estimateStiffness,
  integrateSegment,
  type SegmentProblem,
  type SegmentSolution,
  SolveOutcome,
} from './odex-solver.ts';
import { integrateStiffSegment } from './rosenbrock.ts';

/** Which method produced a segment. */
export type SolveMethod = 'odex' | 'rosenbrock' | 'none';

/** A segment to integrate, and whether a stiff method is already known to be needed. */
export interface SelectProblem extends SegmentProblem {
  /**
   * `auto` (default): ODEX first, Rosenbrock when ODEX gives up. `stiff`: Rosenbrock straight
   * away (a run whose earlier segment needed it, so ODEX's failed attempt is not repeated).
   */
  readonly method?: 'auto' | 'stiff';
}

/** A segment's solution and the method that produced it. */
export interface SelectedSolution extends SegmentSolution {
  readonly method: SolveMethod;
}

/**
 * Did ODEX give up on step size (the step limit, or steps collapsing)? Stiffness is the usual
 * cause (see `looksStiff`); ODEX also stalls on some solutions that start exactly flat at zero.
 * Non-finite values and the work limit are not retried: another method cannot fix those.
 */
export function gaveUp(solution: SegmentSolution): boolean {
  return solution.outcome === SolveOutcome.MaxSteps || solution.outcome === SolveOutcome.StepCollapse;
}

/**
 * Is a failed non-stiff run stiff? Its fastest relaxation time at the point where it stopped is
 * below 1/200 of the segment (an explicit method then needs hundreds of steps per segment just
 * to stay stable).
 */
export function looksStiff(problem: SegmentProblem, failed: SegmentSolution): boolean {
  if (failed.outcome !== SolveOutcome.MaxSteps && failed.outcome !== SolveOutcome.StepCollapse) return false;
  const st = estimateStiffness(problem.f, failed.t, failed.y);
  return st.fastestTimeScale * 200 < problem.t1 - problem.t0;
}

/**
 * Integrate one segment, choosing the method: ODEX, then Rosenbrock when ODEX reports
 * stiffness. Same contract as `integrateSegment`: every outcome is explicit.
 */
export function solveSegment(input: SelectProblem): SelectedSolution {
  // ODEX's dense output breaks on an empty component list: interpolate everything instead.
  let problem = input;
  if (input.denseComponents?.length === 0) {
    const { denseComponents: _none, ...rest } = input;
    problem = rest;
  }
  if (problem.y0.length === 0) {
    const y = new Float64Array(0);
    const times = problem.sampleTimes ?? [];
    for (let i = 0; i < times.length; i++) {
      const ts = times[i]!;
      if (ts > problem.t0 && ts <= problem.t1) problem.onSample?.(i, ts, y);
    }
    const stats = {
      steps: 0,
      accepted: 0,
      rejected: 0,
      evaluations: 0,
      minStep: Number.NaN,
      lastStep: Number.NaN,
    };
    return { outcome: SolveOutcome.Ok, t: problem.t1, y, stats, method: 'none' };
  }
  if (input.method === 'stiff') return { ...integrateStiffSegment(problem), method: 'rosenbrock' };
  const first = integrateSegment(problem);
  if (!gaveUp(first)) return { ...first, method: 'odex' };
  const budget =
    problem.evaluationBudget === undefined ? undefined : problem.evaluationBudget - first.stats.evaluations;
  const second = integrateStiffSegment({
    ...problem,
    ...(budget !== undefined ? { evaluationBudget: budget } : {}),
  });
  const stats = {
    ...second.stats,
    steps: first.stats.steps + second.stats.steps,
    rejected: first.stats.rejected + second.stats.rejected,
    evaluations: first.stats.evaluations + second.stats.evaluations,
  };
  return { ...second, stats, method: 'rosenbrock' };
}
