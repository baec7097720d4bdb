/**
 * The worker-thread pool of the generating scripts and tests: the CLI's (`src/cli/task-pool.ts`,
 * tasks in `src/cli/tasks.ts`), plus a progress line for scripts that print to a terminal.
 */
import { clock, progressBar } from '../src/cli/progress.ts';
import type { OnUnits } from '../src/cli/task-pool.ts';

export { type OnUnits, runTaskQueue, runTasks } from '../src/cli/task-pool.ts';

/** A progress line on stderr for `total` units: a bar on a terminal, a line every 10% otherwise. */
export function progressLine(total: number): OnUnits {
  let done = 0;
  let lastLine = '';
  const started = performance.now();
  return (units, note) => {
    const before = done;
    done += units;
    const f = total > 0 ? Math.min(1, done / total) : 1;
    const line = `${progressBar(f)}  ${clock((performance.now() - started) / 1000)}${note ? `  (${note})` : ''}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(lastLine.length)}`);
    else if (Math.floor(f * 10) !== Math.floor((before / total) * 10)) process.stderr.write(`${line}\n`);
    lastLine = line;
  };
}
