/**
 * The prior-predictive check of the targets: on independent prior draws, which fraction meets
 * each check of T1–T9 (and all of them). A check met by every draw holds by construction and
 * carries no weight in selecting plausible models; a check met by few draws does the selecting.
 * Draw `i` depends only on (seed, i), so index ranges can be computed by different workers.
 */
import type { CompiledModel } from '../model/compile.ts';
import { SimulationError } from '../simulate/errors.ts';
import { abcLayout, parametersAt, priorDraw } from './abc.ts';
import type { PriorPredictive } from './ensemble-file.ts';
import { type CheckBasis, evaluateTargets, TARGETS, type TargetOptions } from './targets.ts';

/** The checks of one prior draw: pass of each check of each target, in `TARGETS` order; null when the solver failed. */
export type PriorDrawChecks = readonly (readonly boolean[])[] | null;

/** Options of `priorPredictiveDraws`. */
export interface PriorPredictiveOptions {
  readonly seed: number;
  /** First draw (inclusive) and last (exclusive). */
  readonly start: number;
  readonly end: number;
  readonly targets?: TargetOptions;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Evaluate every check of T1–T9 on prior draws `start`..`end − 1`. */
export function priorPredictiveDraws(
  model: CompiledModel,
  options: PriorPredictiveOptions,
): PriorDrawChecks[] {
  const layout = abcLayout(model);
  const out: PriorDrawChecks[] = [];
  for (let i = options.start; i < options.end; i++) {
    const u = priorDraw(layout, options.seed, i);
    try {
      const results = evaluateTargets(model, {
        ...options.targets,
        parameters: { ...layout.fixed, ...parametersAt(layout, u) },
      });
      out.push(results.map((r) => r.checks.map((c) => c.pass)));
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
      out.push(null);
    }
    options.onProgress?.(i - options.start + 1, options.end - options.start);
  }
  return out;
}

/**
 * Pass fractions from the draws of `priorPredictiveDraws`, with each check's label and basis
 * taken from an evaluation of the model's defaults. A draw the solver could not run counts as
 * failing every check.
 */
export function summarisePriorPredictive(
  model: CompiledModel,
  seed: number,
  draws: readonly PriorDrawChecks[],
  options: TargetOptions = {},
): PriorPredictive {
  const reference = evaluateTargets(model, options);
  const n = draws.length;
  const frac = (count: number) => (n > 0 ? count / n : Number.NaN);
  return {
    seed,
    n,
    solverFailures: draws.filter((d) => d === null).length,
    all: frac(draws.filter((d) => d?.every((t) => t.every(Boolean))).length),
    targets: TARGETS.map((t, ti) => ({
      id: t.id,
      pass: frac(draws.filter((d) => d?.[ti]?.every(Boolean)).length),
      checks: reference[ti]!.checks.map((c, ci) => ({
        label: c.label,
        basis: c.basis as CheckBasis,
        pass: frac(draws.filter((d) => d?.[ti]?.[ci]).length),
      })),
    })),
  };
}
