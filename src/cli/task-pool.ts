/**
 * A small `worker_threads` pool for the CLI's long computations (and the scripts and benches
 * that share them): each worker takes the next task when it finishes one, so a caller may decide
 * the next task from the results so far (the ensemble sampler stops drawing once it has enough).
 * With one worker the tasks run in this thread through the same handler, so results never depend
 * on the number of workers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CliTask, handleCliTask } from './tasks.ts';

/** Progress as units done since the last call (each task reports its own units), and a note. */
export type OnUnits = (units: number, note?: string) => void;

/** Options of `runTaskQueue`. */
export interface TaskQueueOptions<R> {
  /** Worker threads (1: this thread). */
  readonly workers: number;
  /** The next task to run, asked whenever a worker is free; undefined when there is none now. */
  readonly next: () => CliTask | undefined;
  /** Each result, as it arrives (in completion order). */
  readonly onResult: (result: R, task: CliTask) => void;
  readonly onUnits?: OnUnits;
}

/** Default worker threads: two, or fewer on a smaller machine. */
export function defaultWorkers(): number {
  return Math.min(2, availableParallelism());
}

/** The worker script next to this module, compiled or not. */
function workerUrl(): URL {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? './task-worker.js' : './task-worker.dev.mjs', import.meta.url);
}

/**
 * Run tasks until `next` gives none and every worker is idle. Terminates the workers whatever
 * happens.
 * @throws Error naming the task that failed in a worker
 */
export async function runTaskQueue<R>(options: TaskQueueOptions<R>): Promise<void> {
  const onUnits = options.onUnits ?? (() => {});
  if (options.workers <= 1) {
    for (let task = options.next(); task; task = options.next()) {
      let last = 0;
      const result = handleCliTask(task, (done, note) => {
        onUnits(done - last, note);
        last = done;
      }) as R;
      options.onResult(result, task);
    }
    return;
  }
  const pool = Array.from({ length: Math.floor(options.workers) }, () => new Worker(workerUrl()));
  let nextId = 0;
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let current: CliTask | undefined;
            const post = () => {
              current = options.next();
              if (!current) return resolve();
              w.postMessage({ id: nextId++, task: current });
            };
            w.on(
              'message',
              (msg: { id: number; units?: number; note?: string; result?: R; error?: string }) => {
                if (msg.units !== undefined) onUnits(msg.units, msg.note);
                else if (msg.error !== undefined)
                  reject(new Error(`${current?.kind ?? 'a'} task failed: ${msg.error}`));
                else {
                  try {
                    options.onResult(msg.result as R, current!);
                    post();
                  } catch (e) {
                    reject(e);
                  }
                }
              },
            );
            w.on('error', reject);
            w.on('exit', (code) => {
              if (current)
                reject(
                  new Error(`a worker thread stopped (exit code ${code}) during a ${current.kind} task`),
                );
            });
            post();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Run a fixed list of tasks on `workers` threads; results in task order. */
export async function runTasks<R>(
  tasks: readonly CliTask[],
  workers: number,
  onUnits?: OnUnits,
): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let next = 0;
  const index = new Map<CliTask, number>();
  await runTaskQueue<R>({
    workers,
    next: () => {
      if (next >= tasks.length) return undefined;
      index.set(tasks[next]!, next);
      return tasks[next++];
    },
    onResult: (result, task) => {
      results[index.get(task)!] = result;
    },
    ...(onUnits ? { onUnits } : {}),
  });
  return results;
}
