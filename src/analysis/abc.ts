/**
 * Approximate Bayesian computation for the ensemble of plausible models: the posterior is the
 * prior restricted to the parameter sets that meet every calibration target T1–T9 (each
 * target's own range is the tolerance), sampled by plain rejection: draw from the priors, keep
 * the draws that meet the targets.
 *
 * Rejection keeps only about 0.4% of the draws here (T4's regulator size alone rejects about
 * 70%), but a rejected draw is cheap (`meetsTargets` stops at the first failing target, cheap
 * runs first), the members are independent draws from the posterior, and no convergence has to
 * be diagnosed. An adaptive ABC-MCMC was tried first and mixed too slowly to be trusted: its
 * chains stayed near their starting points for the whole run.
 *
 * Draw `i` depends only on (seed, i), so blocks of draws run on any worker in any order; the
 * members are the first `n` accepted draws in draw order, whatever the blocking.
 */
import type { CompiledModel } from '../model/compile.ts';
import { SimulationError } from '../simulate/errors.ts';
import { freePriors, fromUnit, modelPriors, type ParameterPrior } from './priors.ts';
import { createRandom } from './random.ts';
import type { TargetId } from './target-list.ts';
import { meetsTargets, type TargetOptions } from './targets.ts';

/** Settings of the rejection sampler; defaults in `DEFAULT_ABC_SETTINGS`. */
export interface AbcSettings {
  /** Seed of every random stream (a non-negative integer). */
  readonly seed: number;
  /** Members wanted: the first n accepted draws. */
  readonly n: number;
  /** Draws per block (one worker task). */
  readonly blockSize: number;
  /** Give up after this many draws. */
  readonly maxDraws: number;
}

/** Defaults of the sampler, declared once. */
export const DEFAULT_ABC_SETTINGS: Omit<AbcSettings, 'seed' | 'n'> = Object.freeze({
  blockSize: 500,
  maxDraws: 5_000_000,
});

/** Which parameters are sampled and which are fixed. */
export interface AbcLayout {
  readonly priors: readonly ParameterPrior[];
  /** Free (sampled) parameters: the columns of every sample. */
  readonly names: readonly string[];
  /** Fixed parameters and their values. */
  readonly fixed: Readonly<Record<string, number>>;
}

/** The sampled and fixed parameters of `model`, from its priors. @throws PriorError */
export function abcLayout(model: CompiledModel): AbcLayout {
  const all = modelPriors(model.spec);
  const priors = freePriors(all);
  const fixed: Record<string, number> = {};
  for (const p of all) if (p.distribution === 'fixed') fixed[p.name] = p.value;
  return { priors, names: priors.map((p) => p.name), fixed };
}

/** Random streams, kept apart so that changing one count never shifts another's numbers. */
const STREAM = Object.freeze({
  /** sampler draw i */
  draw: (i: number) => i,
  /** prior-predictive draw i */
  prior: (i: number) => 2 ** 41 + i,
});

/** The parameter set at prior quantiles `u`. */
export function parametersAt(layout: AbcLayout, u: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  layout.priors.forEach((p, i) => {
    out[p.name] = fromUnit(p, u[i]!);
  });
  return out;
}

function uniformVector(seed: number, stream: number, d: number): Float64Array {
  const rng = createRandom(seed, stream);
  const u = new Float64Array(d);
  for (let i = 0; i < d; i++) u[i] = rng.next();
  return u;
}

/** Sampler draw `i`, in quantile space. */
export function samplerDraw(layout: AbcLayout, seed: number, i: number): Float64Array {
  return uniformVector(seed, STREAM.draw(i), layout.names.length);
}

/** Prior-predictive draw `i`, in quantile space (a stream apart from the sampler's). */
export function priorDraw(layout: AbcLayout, seed: number, i: number): Float64Array {
  return uniformVector(seed, STREAM.prior(i), layout.names.length);
}

/** One accepted draw. */
export interface AcceptedDraw {
  /** Draw index. */
  readonly index: number;
  /** Parameter values, in `AbcLayout.names` order. */
  readonly values: readonly number[];
}

/** What one block of draws gave. */
export interface RejectionBlock {
  readonly start: number;
  readonly end: number;
  /** Accepted draws, in draw order. */
  readonly accepted: readonly AcceptedDraw[];
  /** Draws rejected by each target (the first that failed, in `CHEAP_FIRST` order). */
  readonly rejectedBy: Readonly<Partial<Record<TargetId, number>>>;
  /** Draws rejected because the solver failed. */
  readonly solverFailures: number;
}

/** Options of `rejectionBlock`. */
export interface RejectionBlockOptions {
  readonly seed: number;
  /** Draws `start`..`end − 1`. */
  readonly start: number;
  readonly end: number;
  /** Target options (solver tolerances, dt); parameters are the sampler's. */
  readonly targets?: TargetOptions;
  /** Draws done in this block, and accepted so far. */
  readonly onProgress?: (done: number, accepted: number) => void;
}

/** Judge draws `start`..`end − 1`: keep those that meet T1–T9. */
export function rejectionBlock(model: CompiledModel, options: RejectionBlockOptions): RejectionBlock {
  const layout = abcLayout(model);
  const accepted: AcceptedDraw[] = [];
  const rejectedBy: Partial<Record<TargetId, number>> = {};
  let solverFailures = 0;
  for (let i = options.start; i < options.end; i++) {
    const parameters = parametersAt(layout, samplerDraw(layout, options.seed, i));
    try {
      const v = meetsTargets(model, { ...options.targets, parameters: { ...layout.fixed, ...parameters } });
      if (v.pass) accepted.push({ index: i, values: layout.names.map((n) => parameters[n]!) });
      else rejectedBy[v.failed!] = (rejectedBy[v.failed!] ?? 0) + 1;
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
      solverFailures++;
    }
    options.onProgress?.(i - options.start + 1, accepted.length);
  }
  return { start: options.start, end: options.end, accepted, rejectedBy, solverFailures };
}

/** The blocks of draws, from the first, that hold at least `n` accepted draws (undefined: not yet). */
export function blocksNeeded(blocks: readonly RejectionBlock[], n: number): RejectionBlock[] | undefined {
  const sorted = [...blocks].sort((a, b) => a.start - b.start);
  const prefix: RejectionBlock[] = [];
  let at = 0;
  let count = 0;
  for (const b of sorted) {
    if (b.start !== at) break;
    prefix.push(b);
    at = b.end;
    count += b.accepted.length;
    if (count >= n) return prefix;
  }
  return undefined;
}

/** The sampler's outcome: the first `n` accepted draws, and the blocks of draws they took. */
export interface RejectionSample {
  readonly members: readonly AcceptedDraw[];
  /** Draws in the blocks needed (from draw 0), and how many of them were accepted (≥ n). */
  readonly draws: number;
  readonly accepted: number;
  /** Of those draws, rejected by each target (the first that failed), and by solver failure. */
  readonly rejectedBy: Readonly<Partial<Record<TargetId, number>>>;
  readonly solverFailures: number;
}

/**
 * The first `n` accepted draws from blocks computed in any order; counts cover the blocks from
 * draw 0 up to the one holding the n-th acceptance (extra blocks are ignored, so the result does
 * not depend on how many blocks were dispatched).
 * @throws Error when the blocks from draw 0 do not hold `n` accepted draws
 */
export function rejectionSample(blocks: readonly RejectionBlock[], n: number): RejectionSample {
  const prefix = blocksNeeded(blocks, n);
  if (!prefix) throw new Error(`the blocks from draw 0 hold fewer than ${n} accepted draws`);
  const all = prefix.flatMap((b) => b.accepted);
  const rejectedBy: Partial<Record<TargetId, number>> = {};
  for (const b of prefix)
    for (const [k, v] of Object.entries(b.rejectedBy))
      rejectedBy[k as TargetId] = (rejectedBy[k as TargetId] ?? 0) + v!;
  return {
    members: all.slice(0, n),
    draws: prefix[prefix.length - 1]!.end,
    accepted: all.length,
    rejectedBy,
    solverFailures: prefix.reduce((t, b) => t + b.solverFailures, 0),
  };
}

/** Options of `sampleEnsemble`. */
export interface SampleEnsembleOptions {
  readonly targets?: TargetOptions;
  /** Draws done so far and members accepted so far. */
  readonly onProgress?: (draws: number, accepted: number) => void;
}

/**
 * Draw blocks in this thread until `settings.n` draws are accepted (workers use `rejectionBlock`
 * and `rejectionSample` instead).
 * @throws Error when `maxDraws` draws are not enough
 */
export function sampleEnsemble(
  model: CompiledModel,
  settings: AbcSettings,
  options: SampleEnsembleOptions = {},
): { readonly blocks: readonly RejectionBlock[]; readonly sample: RejectionSample } {
  const blocks: RejectionBlock[] = [];
  let accepted = 0;
  for (let start = 0; ; start += settings.blockSize) {
    if (start >= settings.maxDraws)
      throw new Error(`only ${accepted} of ${settings.n} draws accepted in ${settings.maxDraws} draws`);
    const block = rejectionBlock(model, {
      seed: settings.seed,
      start,
      end: Math.min(start + settings.blockSize, settings.maxDraws),
      ...(options.targets ? { targets: options.targets } : {}),
      ...(options.onProgress ? { onProgress: (d, a) => options.onProgress!(start + d, accepted + a) } : {}),
    });
    blocks.push(block);
    accepted += block.accepted.length;
    if (accepted >= settings.n) return { blocks, sample: rejectionSample(blocks, settings.n) };
  }
}
