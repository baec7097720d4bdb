/**
 * `PoolWorker` backed by `node:worker_threads`, running `bench/sweep-worker.ts` through tsx
 * (bootstrapped by `bench/sweep-worker.mjs`).
 * Used by the sweep benchmark and the pool tests.
 */
import { Worker } from 'node:worker_threads';
import type { PoolWorker, WorkerFactory } from '../src/analysis/pool.ts';

/** A factory of Node worker threads; `created` counts the threads it made, `alive` those not yet exited. */
export function nodeWorkerFactory(): WorkerFactory & {
  readonly created: () => number;
  readonly alive: () => number;
} {
  let created = 0;
  let alive = 0;
  const factory = (): PoolWorker => {
    const worker = new Worker(new URL('./sweep-worker.mjs', import.meta.url));
    created++;
    alive++;
    worker.once('exit', () => {
      alive--;
    });
    return {
      post: (task) => worker.postMessage(task),
      listen: (onReply, onError) => {
        worker.on('message', onReply);
        worker.on('error', (err) => onError(err.message));
      },
      terminate: () => {
        void worker.terminate();
      },
    };
  };
  return Object.assign(factory, { created: () => created, alive: () => alive });
}
