/**
 * Drawing an ensemble as independent tasks, so a shell (the CLI, a script, the app) only
 * dispatches them to workers and collects the replies: `samplerTask(request, b)` is block b of
 * the sampler's draws and `priorTasks(request)` the prior-predictive check; `runEnsembleTask`
 * computes one (a pure function of the model spec and the task, safe to post to a worker);
 * `samplerDone` says when enough blocks are in; `assembleEnsemble` turns the replies, in any
 * order, into the ensemble file.
 */
import { type CompiledModel, compileModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { SolveOptions } from '../solve/index.ts';
import {
  type AbcSettings,
  blocksNeeded,
  DEFAULT_ABC_SETTINGS,
  type RejectionBlock,
  rejectionBlock,
  rejectionSample,
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
  /** Overrides of the sampler's other settings (block size, draw limit). */
  readonly settings?: Partial<Omit<AbcSettings, 'seed' | 'n'>>;
}

/** Prior draws per prior-predictive task. */
const PRIOR_CHUNK = 50;

/** One unit of work: a block of sampler draws, or a range of prior-predictive draws. */
export type EnsembleTask =
  | { readonly kind: 'block'; readonly seed: number; readonly start: number; readonly end: number }
  | { readonly kind: 'prior'; readonly seed: number; readonly start: number; readonly end: number };

/** The reply to a task. */
export type EnsembleTaskResult =
  | { readonly kind: 'block'; readonly block: RejectionBlock }
  | { readonly kind: 'prior'; readonly start: number; readonly draws: readonly PriorDrawChecks[] };

/** The sampler settings of a request. @throws Error naming a bad value */
export function ensembleSettings(request: EnsembleRequest): AbcSettings {
  const settings: AbcSettings = {
    ...DEFAULT_ABC_SETTINGS,
    ...request.settings,
    seed: request.seed,
    n: request.n,
  };
  for (const key of ['seed', 'n', 'blockSize', 'maxDraws'] as const) {
    const v = settings[key];
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`invalid ${key}: ${v} (a non-negative integer)`);
  }
  if (settings.n < 1) throw new Error(`invalid n: ${settings.n} (at least 1)`);
  if (settings.blockSize < 1) throw new Error(`invalid blockSize: ${settings.blockSize} (at least 1)`);
  return settings;
}

/** Block `b` of the sampler's draws; undefined past `maxDraws`. */
export function samplerTask(request: EnsembleRequest, b: number): EnsembleTask | undefined {
  const s = ensembleSettings(request);
  const start = b * s.blockSize;
  if (start >= s.maxDraws) return undefined;
  return { kind: 'block', seed: s.seed, start, end: Math.min(start + s.blockSize, s.maxDraws) };
}

/** The prior-predictive tasks (chunks of 50 draws). */
export function priorTasks(request: EnsembleRequest): EnsembleTask[] {
  const n = request.priorDraws ?? 1000;
  const tasks: EnsembleTask[] = [];
  for (let start = 0; start < n; start += PRIOR_CHUNK)
    tasks.push({ kind: 'prior', seed: request.seed, start, end: Math.min(n, start + PRIOR_CHUNK) });
  return tasks;
}

/** Whether the sampler blocks returned so far hold the members wanted (from draw 0, no gaps). */
export function samplerDone(request: EnsembleRequest, results: readonly EnsembleTaskResult[]): boolean {
  return blocksNeeded(blocksOf(results), request.n) !== undefined;
}

function blocksOf(results: readonly EnsembleTaskResult[]): RejectionBlock[] {
  return results.flatMap((r) => (r.kind === 'block' ? [r.block] : []));
}

const compiled = new WeakMap<ModelSpec, CompiledModel>();

/**
 * Compute one task (in a worker or in-process). `onProgress` gets the draws done in this task
 * and, for sampler blocks, the draws accepted so far.
 */
export function runEnsembleTask(
  spec: ModelSpec | CompiledModel,
  task: EnsembleTask,
  onProgress?: (done: number, accepted?: number) => void,
): EnsembleTaskResult {
  let model: CompiledModel;
  if ('rhs' in spec) model = spec;
  else {
    model = compiled.get(spec) ?? compileModel(spec);
    compiled.set(spec, model);
  }
  const progress = onProgress ? { onProgress } : {};
  if (task.kind === 'block')
    return {
      kind: 'block',
      block: rejectionBlock(model, { seed: task.seed, start: task.start, end: task.end, ...progress }),
    };
  return {
    kind: 'prior',
    start: task.start,
    draws: priorPredictiveDraws(model, { seed: task.seed, start: task.start, end: task.end, ...progress }),
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
 * The ensemble file from task results in any order (extra sampler blocks are ignored).
 * @throws Error when the sampler blocks hold too few members or prior-predictive draws are missing
 */
export function assembleEnsemble(
  model: CompiledModel,
  request: EnsembleRequest,
  results: readonly EnsembleTaskResult[],
  provenance: EnsembleProvenance,
): EnsembleFile {
  const settings = ensembleSettings(request);
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
    sample: rejectionSample(blocksOf(results), settings.n),
    priorPredictive: summarisePriorPredictive(model, request.seed, draws),
    solver: provenance.solver,
    command: provenance.command,
  });
}
