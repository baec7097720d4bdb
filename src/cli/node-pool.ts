/**
 * The explore pool (`src/analysis/pool.ts`, the same one the app runs in Web Workers) on Node's
 * `worker_threads`. From the compiled package each worker runs `sweep-worker.js`; from the
 * TypeScript sources (tests, `tsx`) it runs `sweep-worker.dev.mjs`, which loads tsx first.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ExplorePool, type PoolWorker, poolSize, type WorkerFactory } from '../analysis/pool.ts';

/** The worker script next to this module, compiled or not. */
function workerUrl(): URL {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? './sweep-worker.js' : './sweep-worker.dev.mjs', import.meta.url);
}

/** A factory of `worker_threads` workers that answer pool tasks. */
export function nodeWorkerFactory(): WorkerFactory {
  const url = workerUrl();
  return (): PoolWorker => {
    const worker = new Worker(url);
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
}

/** Every core this process may use. */
export function coreCount(): number {
  return availableParallelism();
}

/**
 * A pool of `jobs` workers (default: every core). Dispose of it when done, or the idle
 * workers keep the process alive.
 */
export function nodePool(jobs: number = coreCount()): ExplorePool {
  return new ExplorePool(nodeWorkerFactory(), poolSize(jobs, jobs));
}
