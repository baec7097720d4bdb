/**
 * Approximate Bayesian computation for the ensemble of plausible models: the posterior is the
 * prior restricted to the parameter sets that meet every calibration target T1–T9 (an indicator
 * "likelihood", as in rejection ABC with tolerance zero on each target's own range).
 *
 * Rejection ABC accepts about 0.3% of prior draws here (T4's regulator size alone rejects about
 * 70%), so the sampler is an ABC-MCMC (Marjoram et al. 2003, PNAS 100:15324) in the prior's
 * quantile space u ∈ [0, 1]^d, where every prior is uniform: a proposal is accepted exactly when
 * it stays in the unit cube and meets the targets (the prior ratio is 1). Each chain
 *
 * 1. starts from the first prior draw that meets the targets (plain rejection ABC; the draws it
 *    takes estimate the rejection acceptance rate),
 * 2. adapts a Gaussian-like random-walk proposal during burn-in (Haario et al. 2001, Bernoulli
 *    7:223: covariance of its own history, scaled 2.38/√d, with a Robbins–Monro factor steering
 *    the move acceptance towards 0.234), then freezes it,
 * 3. keeps every `thin`-th state.
 *
 * A chain is a pure function of (model, settings, chain index): chains can be computed in any
 * order, in chunks, by a worker pool, and a chain's first k kept states do not depend on how many
 * it keeps. Proposal noise is an Irwin–Hall(4) deviate (symmetric, unit variance, integer-exact
 * arithmetic), so no engine-specific transcendental function enters the random stream.
 */
import type { CompiledModel } from '../model/compile.ts';
import { SimulationError } from '../simulate/errors.ts';
import { freePriors, fromUnit, modelPriors, type ParameterPrior } from './priors.ts';
import { createRandom, type Random } from './random.ts';
import { cholesky, covariance } from './stats.ts';
import type { TargetId } from './target-list.ts';
import { meetsTargets, type TargetOptions } from './targets.ts';

/** Settings of the ABC-MCMC sampler; defaults in `DEFAULT_ABC_SETTINGS`. */
export interface AbcSettings {
  /** Seed of every random stream (a non-negative integer). */
  readonly seed: number;
  /** Number of independent chains. */
  readonly chains: number;
  /** Members wanted in all; chain c keeps ⌊n/chains⌋ states, one more if c < n mod chains. */
  readonly n: number;
  /** Steps before the first kept state; the proposal adapts during them. */
  readonly burnIn: number;
  /** Steps between kept states. */
  readonly thin: number;
  /** Burn-in step from which the proposal covariance is learned from the chain's history. */
  readonly adaptFrom: number;
  /** Initial proposal standard deviation per quantile coordinate. */
  readonly initialStep: number;
  /** Largest number of prior draws tried to find a chain's start. */
  readonly maxStartDraws: number;
}

/** Defaults of the sampler, declared once. */
export const DEFAULT_ABC_SETTINGS: Omit<AbcSettings, 'seed' | 'n'> = Object.freeze({
  chains: 20,
  burnIn: 300,
  thin: 10,
  adaptFrom: 100,
  initialStep: 0.05,
  maxStartDraws: 50_000,
});

/** What a chain did and kept. */
export interface ChainResult {
  readonly chain: number;
  /** Prior draws tried before one met the targets (the start), including that one. */
  readonly startDraws: number;
  /** Kept states as parameter values, in `AbcLayout.names` order. */
  readonly samples: readonly (readonly number[])[];
  /** Proposals made after burn-in, and how many were accepted. */
  readonly proposals: number;
  readonly accepted: number;
  /** Proposals (all steps) rejected because the solver failed. */
  readonly solverFailures: number;
  /** Proposals (all steps) rejected by each target, by the first target that failed. */
  readonly rejectedBy: Readonly<Partial<Record<TargetId | 'outside prior', number>>>;
  /** Final proposal scale (for the record). */
  readonly scale: number;
}

/** Progress of the sampler, for progress bars. */
export interface AbcProgress {
  readonly chain: number;
  /** Prior draws tried so far to find the chain's start. */
  readonly startDraws: number;
  /** Steps done in this chain (0 while its start is searched for) and steps it will take. */
  readonly step: number;
  readonly steps: number;
}

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
  const priors = freePriors(modelPriors(model.spec));
  const fixed: Record<string, number> = {};
  for (const p of modelPriors(model.spec)) if (p.distribution === 'fixed') fixed[p.name] = p.value;
  return { priors, names: priors.map((p) => p.name), fixed };
}

/** Random streams, kept apart so that changing one count never shifts another's numbers. */
const STREAM = Object.freeze({
  /** start draw j of chain c: c · 2^24 + j */
  start: (c: number, j: number) => c * 2 ** 24 + j,
  /** the proposals of chain c */
  chain: (c: number) => 2 ** 40 + c,
  /** prior-predictive draw i */
  prior: (i: number) => 2 ** 41 + i,
});

/** The parameter set at quantiles `u`. */
export function parametersAt(layout: AbcLayout, u: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  layout.priors.forEach((p, i) => {
    out[p.name] = fromUnit(p, u[i]!);
  });
  return out;
}

/** Prior draw `i` of the prior-predictive check, in quantile space. */
export function priorDraw(layout: AbcLayout, seed: number, i: number): Float64Array {
  return uniformVector(createRandom(seed, STREAM.prior(i)), layout.names.length);
}

function uniformVector(rng: Random, d: number): Float64Array {
  const u = new Float64Array(d);
  for (let i = 0; i < d; i++) u[i] = rng.next();
  return u;
}

/** A symmetric deviate with mean 0 and variance 1: the centred sum of four uniforms, scaled. */
function irwinHall(rng: Random): number {
  return (rng.next() + rng.next() + rng.next() + rng.next() - 2) * Math.sqrt(3);
}

type Verdict = { pass: true } | { pass: false; why: TargetId | 'solver' | 'outside prior' };

function judge(
  model: CompiledModel,
  layout: AbcLayout,
  u: ArrayLike<number>,
  options: TargetOptions,
): Verdict {
  for (let i = 0; i < u.length; i++)
    if (!(u[i]! >= 0 && u[i]! <= 1)) return { pass: false, why: 'outside prior' };
  try {
    const v = meetsTargets(model, {
      ...options,
      parameters: { ...layout.fixed, ...parametersAt(layout, u) },
    });
    return v.pass ? { pass: true } : { pass: false, why: v.failed! };
  } catch (e) {
    if (e instanceof SimulationError) return { pass: false, why: 'solver' };
    throw e;
  }
}

/** Members kept by chain `c`. */
export function chainLength(settings: Pick<AbcSettings, 'n' | 'chains'>, c: number): number {
  return Math.floor(settings.n / settings.chains) + (c < settings.n % settings.chains ? 1 : 0);
}

/** Options of `runChain`. */
export interface RunChainOptions {
  /** Target options (solver tolerances, dt); parameters are the sampler's. */
  readonly targets?: TargetOptions;
  readonly onProgress?: (progress: AbcProgress) => void;
}

/**
 * Run chain `c` of the sampler.
 * @throws Error when no start is found within `maxStartDraws` prior draws
 */
export function runChain(
  model: CompiledModel,
  settings: AbcSettings,
  c: number,
  options: RunChainOptions = {},
): ChainResult {
  const layout = abcLayout(model);
  const d = layout.names.length;
  const targetOptions = options.targets ?? {};
  const rejectedBy: Partial<Record<TargetId | 'outside prior', number>> = {};
  let solverFailures = 0;
  const note = (v: Verdict) => {
    if (v.pass) return;
    if (v.why === 'solver') solverFailures++;
    else rejectedBy[v.why] = (rejectedBy[v.why] ?? 0) + 1;
  };

  // 1. Start: the first prior draw that meets the targets.
  let u: Float64Array | undefined;
  let startDraws = 0;
  while (!u) {
    if (startDraws >= settings.maxStartDraws) {
      throw new Error(
        `chain ${c}: no prior draw met the targets in ${settings.maxStartDraws} draws (model "${model.spec.id}")`,
      );
    }
    const draw = uniformVector(createRandom(settings.seed, STREAM.start(c, startDraws)), d);
    startDraws++;
    if (startDraws % 50 === 0) options.onProgress?.({ chain: c, startDraws, step: 0, steps: 0 });
    if (judge(model, layout, draw, targetOptions).pass) u = draw;
  }

  // 2–3. Adaptive random walk during burn-in, then frozen; keep every thin-th state.
  const rng = createRandom(settings.seed, STREAM.chain(c));
  const keep = chainLength(settings, c);
  const steps = settings.burnIn + keep * settings.thin;
  let factor = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j ? settings.initialStep : 0)),
  );
  let logGamma = 0;
  const history: Float64Array[] = [];
  const samples: number[][] = [];
  let proposals = 0;
  let accepted = 0;
  let windowAccepted = 0;
  const window = 50;
  for (let step = 1; step <= steps; step++) {
    const z = Array.from({ length: d }, () => irwinHall(rng));
    const gamma = Math.exp(logGamma);
    const proposal = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s += factor[i]![j]! * z[j]!;
      proposal[i] = u[i]! + gamma * s;
    }
    const verdict = judge(model, layout, proposal, targetOptions);
    note(verdict);
    if (verdict.pass) u = proposal;
    if (step <= settings.burnIn) {
      history.push(u);
      if (verdict.pass) windowAccepted++;
      if (step % window === 0) {
        // Robbins–Monro step on the scale towards 23.4% acceptance, then refresh the covariance.
        logGamma += ((windowAccepted / window - 0.234) * 2) / Math.sqrt(step / window);
        windowAccepted = 0;
        if (step >= settings.adaptFrom) factor = adaptedFactor(history, d);
      }
    } else {
      proposals++;
      if (verdict.pass) accepted++;
      if ((step - settings.burnIn) % settings.thin === 0) {
        const p = parametersAt(layout, u);
        samples.push(layout.names.map((n) => p[n]!));
      }
    }
    options.onProgress?.({ chain: c, startDraws, step, steps });
  }
  return {
    chain: c,
    startDraws,
    samples,
    proposals,
    accepted,
    solverFailures,
    rejectedBy,
    scale: Math.exp(logGamma),
  };
}

/** Cholesky factor of (2.38²/d)·(history covariance + 1e-6·I). */
function adaptedFactor(history: readonly Float64Array[], d: number): number[][] {
  const cov = covariance(history);
  const s = (2.38 * 2.38) / d;
  const scaled = cov.map((row, i) => row.map((v, j) => s * (v + (i === j ? 1e-6 : 0))));
  return cholesky(scaled);
}

/** Options of `runChains`. */
export interface RunChainsOptions extends RunChainOptions {
  /** First chain (inclusive) and last (exclusive); default all. */
  readonly start?: number;
  readonly end?: number;
}

/** Run chains `start`..`end − 1` (one worker's chunk). */
export function runChains(
  model: CompiledModel,
  settings: AbcSettings,
  options: RunChainsOptions = {},
): ChainResult[] {
  const start = options.start ?? 0;
  const end = options.end ?? settings.chains;
  const out: ChainResult[] = [];
  for (let c = start; c < end; c++) out.push(runChain(model, settings, c, options));
  return out;
}
