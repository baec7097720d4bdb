/**
 * Node `worker_threads` entry for exploration tasks (bench and tests): hands each message to
 * `handleWorkerTask` and posts the reply. Started through `sweep-worker.mjs`, which loads tsx first.
 */
import { parentPort } from 'node:worker_threads';
import { handleWorkerTask, type WorkerTask } from '../src/analysis/pool.ts';

if (!parentPort) throw new Error('bench/sweep-worker.ts must run as a worker thread');
const port = parentPort;
port.on('message', (task: WorkerTask) => port.postMessage(handleWorkerTask(task)));
