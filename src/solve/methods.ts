/**
 * Method selection, in one place: options in, a `SegmentIntegrator` out. Integrators are cached
 * by their resolved options, so a run (or a worker serving many map cells) reuses warm solvers.
 * A new method adds its name to `SolveMethod` in `segment.ts` and one case here.
 *
 * `auto` (the default) is ODEX first; when ODEX gives up on step size (the step limit or
 * collapsing steps, which stiffness causes) the segment is integrated again from its start with
 * RODAS4 (`rosenbrock.ts`), as LSODA switches methods. Non-finite values and the work limit are
 * not retried: another method cannot fix those. An empty system (a model whose quantities are
 * all constant or given by rules) needs no solver at all.
 */
import { OdexIntegrator } from './odex-solver.ts';
import { RosenbrockIntegrator } from './rosenbrock.ts';
import {
  resolveSolveOptions,
  type SegmentIntegrator,
  type SegmentProblem,
  type SegmentSolution,
  type SolveOptions,
  SolveOutcome,
} from './segment.ts';

const cache = new Map<string, SegmentIntegrator>();

/**
 * Did a method give up on step size (the step limit, or steps collapsing)? Stiffness is the
 * usual cause; ODEX also stalls on some solutions that start exactly flat at zero.
 */
export function gaveUp(solution: SegmentSolution): boolean {
  return solution.outcome === SolveOutcome.MaxSteps || solution.outcome === SolveOutcome.StepCollapse;
}

/** The solution of a problem with no components: every sample delivered, no work. */
function emptySolution(problem: SegmentProblem): SegmentSolution {
  const y = problem.yOut ?? new Float64Array(0);
  const times = problem.sampleTimes ?? [];
  for (let i = Math.max(0, problem.sampleFrom ?? 0); i < times.length; i++) {
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
    restarts: 0,
  };
  return { outcome: SolveOutcome.Ok, t: problem.t1, y, stats, method: 'none' };
}

/** Problems every method can take: none empty, no empty dense-component list. */
function normalise(problem: SegmentProblem): SegmentProblem {
  if (problem.denseComponents?.length !== 0) return problem;
  // ODEX's dense output breaks on an empty component list: interpolate everything instead.
  const { denseComponents: _none, ...rest } = problem;
  return rest;
}

/** A fixed method, with the empty-system and empty-dense-list cases handled. */
class SingleMethod implements SegmentIntegrator {
  readonly options: SolveOptions;
  private readonly inner: SegmentIntegrator;
  private readonly name: 'odex' | 'rosenbrock';
  constructor(options: SolveOptions, inner: SegmentIntegrator, name: 'odex' | 'rosenbrock') {
    this.options = options;
    this.inner = inner;
    this.name = name;
  }
  integrate(problem: SegmentProblem): SegmentSolution {
    if (problem.y0.length === 0) return emptySolution(problem);
    return { ...this.inner.integrate(normalise(problem)), method: this.name };
  }
}

/** ODEX, then RODAS4 from the segment's start when ODEX gives up. */
class AutoMethod implements SegmentIntegrator {
  readonly options: SolveOptions;
  readonly stiffFallback: SegmentIntegrator;
  private readonly odex: SegmentIntegrator;
  constructor(options: SolveOptions) {
    this.options = options;
    this.odex = new SingleMethod(options, new OdexIntegrator(options), 'odex');
    this.stiffFallback = new SingleMethod(options, new RosenbrockIntegrator(options), 'rosenbrock');
  }
  integrate(problem: SegmentProblem): SegmentSolution {
    const first = this.odex.integrate(problem);
    if (!gaveUp(first)) return first;
    const budget =
      problem.evaluationBudget === undefined ? undefined : problem.evaluationBudget - first.stats.evaluations;
    const second = this.stiffFallback.integrate({
      ...problem,
      ...(budget !== undefined ? { evaluationBudget: budget } : {}),
    });
    const stats = {
      ...second.stats,
      steps: first.stats.steps + second.stats.steps,
      rejected: first.stats.rejected + second.stats.rejected,
      evaluations: first.stats.evaluations + second.stats.evaluations,
    };
    return { ...second, stats };
  }
}

/**
 * The integrator for `options` (merged over `DEFAULT_SOLVE_OPTIONS` and checked).
 * @param where where the options came from, for error messages
 * @throws SolverOptionError naming a bad option and its value
 */
export function segmentIntegrator(options?: Partial<SolveOptions>, where = ''): SegmentIntegrator {
  const resolved = resolveSolveOptions(options, where);
  const key = JSON.stringify(resolved);
  let integrator = cache.get(key);
  if (!integrator) {
    switch (resolved.method) {
      case 'auto':
        integrator = new AutoMethod(resolved);
        break;
      case 'odex':
        integrator = new SingleMethod(resolved, new OdexIntegrator(resolved), 'odex');
        break;
      case 'rosenbrock':
        integrator = new SingleMethod(resolved, new RosenbrockIntegrator(resolved), 'rosenbrock');
        break;
    }
    if (cache.size >= 16) cache.clear();
    cache.set(key, integrator);
  }
  return integrator;
}

/**
 * Integrate one segment with the method and tolerances of `options` (default: the defaults).
 * Convenience for one-off calls; loops should hold on to `segmentIntegrator(options)`.
 * @throws SolverOptionError for bad options; Error for a malformed problem
 */
export function integrateSegment(problem: SegmentProblem, options?: Partial<SolveOptions>): SegmentSolution {
  return segmentIntegrator(options).integrate(problem);
}
