/**
 * Main-thread tasks from a Chromium trace (`browser.startTracing` with the `toplevel` and
 * `disabled-by-default-devtools.timeline` categories): used by the live-map test and
 * `npm run bench:browser`.
 */

/** One finished task of the page's main thread: its wall time and its own CPU time, ms. */
export interface MainThreadTask {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/**
 * The page's finished main-thread tasks (`RunTask` complete events on `CrRendererMain`). A task
 * still running when tracing stopped is written as a begin event (`ph: 'B'`) with no durations and
 * is left out; a finished task without its own CPU time (`tdur`) is bounded by its wall time
 * (CPU ≤ wall on one thread). Throws if the trace has no main thread or no CPU times at all.
 */
export function mainThreadTasks(trace: Buffer): MainThreadTask[] {
  type Event = {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    dur?: number;
    tdur?: number;
    args?: { name?: string };
  };
  const parsed = JSON.parse(trace.toString()) as { traceEvents: Event[] } | Event[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (main.length === 0) throw new Error('no renderer main thread in the trace');
  const tasks = events.filter(
    (e) =>
      e.name === 'RunTask' &&
      e.ph === 'X' &&
      e.dur !== undefined &&
      main.some((m) => m.pid === e.pid && m.tid === e.tid),
  );
  if (!tasks.some((e) => e.tdur !== undefined)) throw new Error('the trace has no thread (CPU) durations');
  return tasks.map((e) => ({ wallMs: e.dur! / 1000, cpuMs: (e.tdur ?? e.dur!) / 1000 }));
}
