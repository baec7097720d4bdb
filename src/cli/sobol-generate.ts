/**
 * The Saltelli design of the global sensitivity analysis, run on worker threads: the one
 * implementation behind `eolab sensitivity --global --n N --seed S` and `scripts/write-sobol.ts`.
 * Rows are pure functions of (seed, row), so the result does not depend on the workers.
 */
import { abcLayout } from '../analysis/abc.ts';
import { GLOBAL_OUTPUTS } from '../analysis/global-sensitivity.ts';
import type { SobolRows } from '../analysis/sobol.ts';
import { buildSobolFile, type SobolFile } from '../analysis/sobol-file.ts';
import { compileModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import { runTasks } from './task-pool.ts';
import type { CliTask } from './tasks.ts';

/** Design rows per worker task. */
const ROWS_PER_TASK = 16;

/** Options of `generateSobol`. */
export interface GenerateSobolOptions {
  readonly spec: ModelSpec;
  /** Base sample size N (rows); the runs are N · (d + 2). */
  readonly n: number;
  readonly seed: number;
  /** Worker threads (1: this thread). */
  readonly workers: number;
  /** The command recorded in the file. */
  readonly command: string;
  /** Model runs done and in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Run the design and return it as a Sobol file (the indices: `sobolFromFile`). */
export async function generateSobol(options: GenerateSobolOptions): Promise<SobolFile> {
  const { spec, n, seed } = options;
  const model = compileModel(spec);
  const names = abcLayout(model).names;
  const total = n * (names.length + 2);
  const tasks: CliTask[] = [];
  for (let start = 0; start < n; start += ROWS_PER_TASK)
    tasks.push({ kind: 'sobol', spec, seed, start, end: Math.min(n, start + ROWS_PER_TASK) });
  let done = 0;
  const blocks = await runTasks<SobolRows>(tasks, options.workers, (units) => {
    done += units;
    options.onProgress?.(done, total);
  });
  return buildSobolFile(model, names, GLOBAL_OUTPUTS, seed, blocks, options.command);
}
