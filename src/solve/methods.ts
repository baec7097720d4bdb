/**
 * Method selection, in one place: options in, a `SegmentIntegrator` out. Integrators are cached
 * by their resolved options, so a run (or a worker serving many map cells) reuses warm solvers.
 * A new method (e.g. an implicit one for stiff models) adds its name to `SolveMethod` in
 * `segment.ts` and one case here.
 */
import { OdexIntegrator } from './odex-solver.ts';
import {
  resolveSolveOptions,
  type SegmentIntegrator,
  type SegmentProblem,
  type SegmentSolution,
  type SolveOptions,
} from './segment.ts';

const cache = new Map<string, SegmentIntegrator>();

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
      case 'odex':
        integrator = new OdexIntegrator(resolved);
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
