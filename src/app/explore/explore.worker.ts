/**
 * Web Worker for the explore panel: hands each task (a chunk of the interference map, a
 * sensitivity analysis, a parameter scan) to `handleWorkerTask` and posts the reply.
 */
import { handleWorkerTask, type WorkerTask } from '../../analysis/pool.ts';

self.onmessage = (event: MessageEvent<WorkerTask>) => {
  self.postMessage(handleWorkerTask(event.data));
};
