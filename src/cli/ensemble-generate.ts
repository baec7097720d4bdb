/**
 * Drawing the ensemble of plausible models on worker threads: the one implementation behind
 * `eolab ensemble` and `scripts/write-ensemble.ts`. Sampler blocks are dispatched in order until
 * the blocks from draw 0 hold the members wanted, then the prior-predictive check; the file is
 * bit-identical for the same request, model and solver, whatever the number of workers (every
 * task is a pure function of the seed and its index range, see `ensemble-run.ts`).
 */
import type { EnsembleFile } from '../analysis/ensemble-file.ts';
import {
  assembleEnsemble,
  type EnsembleRequest,
  type EnsembleTaskResult,
  ensembleSettings,
  priorTasks,
  samplerDone,
  samplerTask,
} from '../analysis/ensemble-run.ts';
import { compileModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import { DEFAULT_SOLVE_OPTIONS } from '../solve/segment.ts';
import { runTaskQueue } from './task-pool.ts';
import type { CliTask } from './tasks.ts';

/** Prior-predictive draws when the request names none. */
export const DEFAULT_PRIOR_DRAWS = 1000;

/** Where a generation is. */
export interface EnsembleProgress {
  readonly phase: 'sampling' | 'prior-predictive';
  /** Members kept so far (capped at `n`) and wanted. */
  readonly kept: number;
  readonly n: number;
  /** Sampler draws judged so far (in finished blocks). */
  readonly draws: number;
  /** Prior-predictive draws done, of `priorDraws`. */
  readonly priorDone: number;
  readonly priorDraws: number;
  /**
   * Fraction done: sampling counts for 95% and the prior-predictive check for 5% (a rejected
   * draw stops at its first failing target, a prior-predictive draw runs every target, so with
   * the default sizes the check is a few percent of the work).
   */
  readonly fraction: number;
}

/** Options of `generateEnsemble`. */
export interface GenerateEnsembleOptions {
  readonly spec: ModelSpec;
  readonly request: EnsembleRequest;
  /** Worker threads (1: this thread). */
  readonly workers: number;
  readonly onProgress?: (progress: EnsembleProgress) => void;
}

/**
 * The command recorded in the file: the canonical `eolab ensemble` line that regenerates it.
 * It names only what changes the file (model, n, seed, prior draws, block size when not the
 * default), never the workers or the output path, so the same request gives the same bytes.
 */
export function ensembleCommandLine(modelId: string, request: EnsembleRequest): string {
  const s = ensembleSettings(request);
  const defaults = ensembleSettings({ seed: 0, n: 1 });
  const block = s.blockSize !== defaults.blockSize ? ` --block ${s.blockSize}` : '';
  const maxDraws = s.maxDraws !== defaults.maxDraws ? ` --max-draws ${s.maxDraws}` : '';
  return `eolab ensemble --model ${modelId} --n ${s.n} --seed ${s.seed} --prior-draws ${request.priorDraws ?? DEFAULT_PRIOR_DRAWS}${block}${maxDraws}`;
}

/**
 * Draw the ensemble (rejection ABC) and its prior-predictive check, and assemble the file.
 * @throws Error naming the members found when the sampler reaches its draw limit with too few,
 *   or a task's failure
 */
export async function generateEnsemble(options: GenerateEnsembleOptions): Promise<EnsembleFile> {
  const { spec } = options;
  const request: EnsembleRequest = { priorDraws: DEFAULT_PRIOR_DRAWS, ...options.request };
  const settings = ensembleSettings(request);
  const model = compileModel(spec);
  const results: EnsembleTaskResult[] = [];
  const prior = priorTasks(request);
  const priorDraws = request.priorDraws ?? DEFAULT_PRIOR_DRAWS;
  let nextBlock = 0;
  let kept = 0;
  let judged = 0;
  let priorDone = 0;
  const report = () => {
    const k = Math.min(kept, settings.n);
    const sampling = samplerDone(request, results);
    options.onProgress?.({
      phase: sampling ? 'prior-predictive' : 'sampling',
      kept: k,
      n: settings.n,
      draws: judged,
      priorDone,
      priorDraws,
      fraction: 0.95 * (sampling ? 1 : k / settings.n) + 0.05 * (priorDraws > 0 ? priorDone / priorDraws : 1),
    });
  };
  const next = (): CliTask | undefined => {
    if (!samplerDone(request, results)) {
      const task = samplerTask(request, nextBlock);
      if (task) {
        nextBlock++;
        return { kind: 'ensemble', spec, task };
      }
    }
    const task = prior.shift();
    return task ? { kind: 'ensemble', spec, task } : undefined;
  };
  await runTaskQueue<EnsembleTaskResult>({
    workers: options.workers,
    next,
    onResult: (r) => {
      results.push(r);
      if (r.kind === 'block') {
        judged += r.block.end - r.block.start;
        kept += r.block.accepted.length;
      } else priorDone += r.draws.length;
      report();
    },
  });
  if (!samplerDone(request, results))
    throw new Error(
      `only ${kept} of ${settings.n} members met every target in the draw limit of ${settings.maxDraws} draws (raise --max-draws or lower --n)`,
    );
  return assembleEnsemble(model, request, results, {
    command: ensembleCommandLine(spec.id, request),
    solver: DEFAULT_SOLVE_OPTIONS,
  });
}
