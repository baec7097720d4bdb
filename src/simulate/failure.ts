/**
 * A failed segment as a `SimulationError`: what happened, when, in which group, and the
 * parameter most likely responsible (the one in the offending state's rate furthest from its
 * default). Apparent stiffness (a relaxation time far below the segment length when steps run
 * out) is named as such, with the method that gave up (after `auto` switched to RODAS4, even
 * the stiff method did).
 */
import { estimateStiffness, type RightHandSide, type SegmentSolution, SolveOutcome } from '../solve/index.ts';
import { likelyCause, SimulationError } from './errors.ts';
import type { RunSetup } from './setup.ts';

/** Which group was being integrated, for the message. */
export interface FailedGroup {
  readonly id: string;
  readonly label: string;
}

/** Describe a segment that did not end `Ok`. */
export function segmentFailure(
  setup: RunSetup,
  f: RightHandSide,
  group: FailedGroup,
  segment: { readonly t0: number; readonly t1: number },
  sol: SegmentSolution,
): SimulationError {
  const { model, p } = setup;
  const { outcome, t, y } = sol;
  const nState = model.stateNames.length;
  let worst = -1;
  let kind: string = outcome;
  let message: string;
  const at = `at t = ${t.toFixed(1)} min`;
  if (outcome === SolveOutcome.NonFinite) {
    // The solver names the component that went bad; an observable's running integral
    // (index ≥ nState) or an unknown component falls back to inspecting the last good state.
    const bad = sol.nonFiniteComponent ?? -1;
    if (bad >= 0 && bad < nState) worst = bad;
    const dy = new Float64Array(y.length);
    f(t, y, dy);
    for (let i = 0; i < nState && worst < 0; i++) {
      if (!Number.isFinite(y[i]!) || !Number.isFinite(dy[i]!)) {
        worst = i;
        break;
      }
    }
    if (worst < 0) {
      let big = 0;
      for (let i = 0; i < nState; i++) {
        if (Math.abs(y[i]!) > big) {
          big = Math.abs(y[i]!);
          worst = i;
        }
      }
    }
    message = `the solution became infinite or NaN ${at} (state ${model.stateNames[worst] ?? '?'})`;
  } else {
    const st = estimateStiffness(f, t, y);
    const span = segment.t1 - segment.t0;
    const stiff = st.fastestComponent < nState && st.fastestTimeScale * 200 < span;
    worst = st.fastestComponent < nState ? st.fastestComponent : -1;
    const what =
      outcome === SolveOutcome.MaxSteps
        ? `more than ${sol.method === 'rosenbrock' ? setup.integrator.options.maxSteps * 10 : setup.integrator.options.maxSteps} steps in one segment`
        : outcome === SolveOutcome.WorkLimit
          ? `the work limit of ${setup.maxEvaluations} evaluations was reached${setup.budget?.costLimited ? ` (work budget ${setup.budget.work.toExponential(1)} node evaluations at ${setup.budget.nodes} nodes per evaluation)` : ''}`
          : 'the step size collapsed';
    if (stiff) {
      kind = 'stiff';
      message = `the model became stiff ${at}: ${what}; state ${model.stateNames[worst]} relaxes in ${st.fastestTimeScale.toPrecision(2)} min, far faster than the ${span.toFixed(0)}-min segment${sol.method === 'rosenbrock' ? ', and even the stiff method (RODAS4) could not finish it' : ', and this solver (ODEX) is for non-stiff problems'}`;
    } else {
      message = `the solver stopped ${at}: ${what}`;
    }
  }
  return new SimulationError({
    kind,
    message: `${message} in group "${group.label}"`,
    groupId: group.id,
    time: t,
    cause: likelyCause(model, p, worst),
  });
}
