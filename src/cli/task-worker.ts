/**
 * A `worker_threads` worker for the CLI's long computations (`eolab ensemble`, `eolab readouts
 * --ensemble`, `eolab sensitivity --global --n`): answers each `{ id, task }` with progress
 * messages `{ id, units, note }` and then `{ id, result }` (or `{ id, error }`).
 */
import { parentPort } from 'node:worker_threads';
import { type CliTask, handleCliTask } from './tasks.ts';

if (!parentPort) throw new Error('task-worker must run as a worker thread');
const port = parentPort;
port.on('message', (msg: { id: number; task: CliTask }) => {
  try {
    let last = 0;
    const result = handleCliTask(msg.task, (done, note) => {
      port.postMessage({ id: msg.id, units: done - last, note });
      last = done;
    });
    port.postMessage({ id: msg.id, result });
  } catch (e) {
    port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
