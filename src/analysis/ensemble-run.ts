/**
 * Drawing an ensemble as independent tasks, so a shell (the CLI, a script, the app) only
 * dispatches them to workers and collects the replies: `ensembleTasks` lists the tasks,
 * `runEnsembleTask` computes one (a pure function of the model spec and the task, safe to post
 * to a worker), and `assembleEnsemble` turns the replies, in any order, into the ensemble file.
 */
import { type CompiledModel, compileModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { SolveOptions } from '../solve/odex-solver.ts';
import {
  type AbcProgress,
  type AbcSettings,
  type ChainResult,
  DEFAULT_ABC_SETTINGS,
  runChain,
} from './abc.ts';
import { buildEnsembleFile, type EnsembleFile } from './ensemble-file.ts';
import { type PriorDrawChecks, priorPredictiveDraws, summarisePriorPredictive } from './prior-predictive.ts';

/** What the user chooses; everything else comes from `DEFAULT_ABC_SETTINGS`. */
export interface EnsembleRequest {
  readonly seed: number;
  /** Members wanted. */
  readonly n: number;
  /** Prior draws of the prior-predictive check (default 1000). */
  readonly priorDraws?: number;
  /** Overrides of the sampler's other settings (chains, burn-in, thinning, …). */
  readonly settings?: Partial<Omit<AbcSettings, 'seed' | 'n'>>;
}

/** Prior draws per prior-predictive task. */
const PRIOR_CHUNK = 50;

/** One unit of work: a chain, or a range of prior-predictive draws. */
export type EnsembleTask =
  | { readonly kind: 'chain'; readonly chain: number; readonly settings: AbcSettings }
  | { readonly kind: 'prior'; readonly seed: number; readonly start: number; readonly end: number };

/** The reply to a task. */
export type EnsembleTaskResult =
  | { readonly kind: 'chain'; readonly result: ChainResult }
  | { readonly kind: 'prior'; readonly start: number; readonly draws: readonly PriorDrawChecks[] };

/** The sampler settings of a request. @throws Error naming a bad n, seed or count */
export function ensembleSettings(request: EnsembleRequest): AbcSettings {
  const settings: AbcSettings = {
    ...DEFAULT_ABC_SETTINGS,
    ...request.settings,
    seed: request.seed,
    n: request.n,
  };
  for (const key of ['seed', 'n', 'chains', 'burnIn', 'thin', 'maxStartDraws'] as const) {
    const v = settings[key];
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`invalid ${key}: ${v} (a non-negative integer)`);
  }
  if (settings.chains < 1) throw new Error(`invalid chains: ${settings.chains} (at least 1)`);
  if (settings.n < settings.chains)
    throw new Error(`invalid n: ${settings.n} (at least one member per chain: ${settings.chains})`);
  if (settings.thin < 1) throw new Error(`invalid thin: ${settings.thin} (at least 1)`);
  return settings;
}

/** Every task of a request: the chains, then the prior-predictive draws in chunks of 50. */
export function ensembleTasks(request: EnsembleRequest): EnsembleTask[] {
  const settings = ensembleSettings(request);
  const tasks: EnsembleTask[] = [];
  for (let c = 0; c < settings.chains; c++) tasks.push({ kind: 'chain', chain: c, settings });
  const priorN = request.priorDraws ?? 1000;
  for (let start = 0; start < priorN; start += PRIOR_CHUNK)
    tasks.push({ kind: 'prior', seed: request.seed, start, end: Math.min(priorN, start + PRIOR_CHUNK) });
  return tasks;
}

/** Relative cost of a task, for progress bars (a chain step ≈ a prior draw ≈ one unit). */
export function taskCost(task: EnsembleTask): number {
  return task.kind === 'chain'
    ? task.settings.burnIn + Math.ceil(task.settings.n / task.settings.chains) * task.settings.thin
    : task.end - task.start;
}

const compiled = new WeakMap<ModelSpec, CompiledModel>();

/**
 * Compute one task (in a worker or in-process). `onProgress` gets the units done in this task
 * (see `taskCost`) and, while a chain searches for its start, the prior draws tried so far.
 */
export function runEnsembleTask(
  spec: ModelSpec | CompiledModel,
  task: EnsembleTask,
  onProgress?: (done: number, startDraws?: number) => void,
): EnsembleTaskResult {
  const model = 'rhs' in spec ? spec : (compiled.get(spec) ?? compileModel(spec));
  if (!('rhs' in spec)) compiled.set(spec, model);
  if (task.kind === 'chain') {
    const onStep = onProgress
      ? (p: AbcProgress) => (p.step === 0 ? onProgress(0, p.startDraws) : onProgress(p.step))
      : undefined;
    return {
      kind: 'chain',
      result: runChain(model, task.settings, task.chain, onStep ? { onProgress: onStep } : {}),
    };
  }
  return {
    kind: 'prior',
    start: task.start,
    draws: priorPredictiveDraws(model, {
      seed: task.seed,
      start: task.start,
      end: task.end,
      ...(onProgress ? { onProgress: (done: number) => onProgress(done) } : {}),
    }),
  };
}

/** Provenance recorded in the ensemble file besides the request. */
export interface EnsembleProvenance {
  /** The command that regenerates the file. */
  readonly command: string;
  /** The solver tolerances the runs used (the simulator's defaults: `DEFAULT_SOLVE_OPTIONS`). */
  readonly solver: Pick<SolveOptions, 'relativeTolerance' | 'absoluteTolerance'>;
}

/**
 * The ensemble file from every task's result, in any order.
 * @throws Error when a chain or a prior-predictive range is missing
 */
export function assembleEnsemble(
  model: CompiledModel,
  request: EnsembleRequest,
  results: readonly EnsembleTaskResult[],
  provenance: EnsembleProvenance,
): EnsembleFile {
  const settings = ensembleSettings(request);
  const chains = results.flatMap((r) => (r.kind === 'chain' ? [r.result] : []));
  const priorParts = results
    .flatMap((r) => (r.kind === 'prior' ? [r] : []))
    .sort((a, b) => a.start - b.start);
  const draws: PriorDrawChecks[] = [];
  for (const part of priorParts) {
    if (part.start !== draws.length)
      throw new Error(`prior-predictive draws from ${draws.length} are missing`);
    draws.push(...part.draws);
  }
  const priorN = request.priorDraws ?? 1000;
  if (draws.length !== priorN)
    throw new Error(`expected ${priorN} prior-predictive draws, got ${draws.length}`);
  return buildEnsembleFile({
    model,
    settings,
    chains,
    priorPredictive: summarisePriorPredictive(model, request.seed, draws),
    solver: provenance.solver,
    command: provenance.command,
  });
}
