/**
 * A small node:worker_threads pool for the generating scripts: posts `{ id, kind, payload }`
 * tasks to `scripts/task-worker.mjs`, reports progress units, returns replies in task order.
 * With one worker it runs the tasks in this thread through the same handler.
 */
import { Worker } from 'node:worker_threads';
import { handleTask, type ScriptTask } from './task-worker.ts';

/** Progress as units done (each task reports its own units) for a progress line. */
export type OnUnits = (units: number, note?: string) => void;

/** Run every task on `workers` threads (1 = this thread), in any order; results in task order. */
export async function runTasks<R>(tasks: readonly ScriptTask[], workers: number, onUnits: OnUnits): Promise<R[]> {
  if (workers <= 1) {
    return tasks.map((t) => {
      let last = 0;
      return handleTask(t, (done, note) => {
        onUnits(done - last, note);
        last = done;
      }) as R;
    });
  }
  const results: R[] = new Array(tasks.length);
  let next = 0;
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./task-worker.mjs', import.meta.url)));
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const post = () => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              w.postMessage({ id, task: tasks[id] });
            };
            w.on('message', (msg: { id: number; units?: number; note?: string; result?: R; error?: string }) => {
              if (msg.units !== undefined) onUnits(msg.units, msg.note);
              else if (msg.error !== undefined) reject(new Error(`task ${msg.id}: ${msg.error}`));
              else {
                results[msg.id] = msg.result as R;
                post();
              }
            });
            w.on('error', reject);
            post();
          }),
      ),
    );
  } finally {
    for (const w of pool) void w.terminate();
  }
  return results;
}

/** A progress line on stderr: a bar on a terminal, a line every 10% otherwise. */
export function progressLine(total: number): OnUnits {
  let done = 0;
  let lastLine = '';
  const started = performance.now();
  return (units, note) => {
    const before = done;
    done += units;
    const f = total > 0 ? Math.min(1, done / total) : 1;
    const bar = '#'.repeat(Math.round(f * 30)).padEnd(30, '.');
    const line = `[${bar}] ${(f * 100).toFixed(0).padStart(3)}%  ${((performance.now() - started) / 1000).toFixed(0)} s${note ? `  (${note})` : ''}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(lastLine.length)}`);
    else if (Math.floor(f * 10) !== Math.floor((before / total) * 10)) process.stderr.write(`${line}\n`);
    lastLine = line;
  };
}
