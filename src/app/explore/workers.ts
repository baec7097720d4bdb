/** Browser `Worker`s adapted to the pool's `PoolWorker` interface. */
import { ExplorePool, type PoolWorker, poolSize } from '../../analysis/pool.ts';

/** A module worker running `explore.worker.ts`. */
export function browserWorker(): PoolWorker {
  const worker = new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (task) => worker.postMessage(task),
    listen: (onReply, onError) => {
      worker.onmessage = (e) => onReply(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        onError(e.message || 'the worker could not start');
      };
    },
    terminate: () => worker.terminate(),
  };
}

/** The panel's pool: one worker per core (`navigator.hardwareConcurrency`), capped at 4. */
export function createBrowserPool(): ExplorePool {
  return new ExplorePool(browserWorker, poolSize(navigator.hardwareConcurrency, 4));
}
