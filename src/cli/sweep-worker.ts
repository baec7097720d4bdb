/**
 * A `worker_threads` worker for `eolab sweep`: answers each pool task (a chunk of the
 * interference map) with `handleWorkerTask`, exactly as the app's Web Worker does.
 */
import { parentPort } from 'node:worker_threads';
import { handleWorkerTask, type WorkerTask } from '../analysis/pool.ts';

if (!parentPort) throw new Error('sweep-worker must run as a worker thread');
const port = parentPort;
port.on('message', (task: WorkerTask) => port.postMessage(handleWorkerTask(task)));
