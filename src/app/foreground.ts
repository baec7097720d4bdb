/**
 * Work the user is watching right now (the interference map computing while a slider moves)
 * against work nobody is waiting for (the checks against T1–T9, the ensemble's bands, the
 * study-intensity band, each started after a quiet moment). On a 2-core machine those background
 * jobs took the map's cores: a live map that takes 0.2–0.4 s took 0.7–1.4 s when slider steps
 * came back to back. Background jobs now wait until no foreground work is running.
 */

const busy = new Set<string>();
const waiting = new Set<() => void>();

/** Mark foreground work `key` as running or finished; when none is left, waiting jobs start. */
export function setForeground(key: string, running: boolean): void {
  if (running) {
    busy.add(key);
    return;
  }
  busy.delete(key);
  if (busy.size > 0) return;
  const ready = [...waiting];
  waiting.clear();
  for (const run of ready) run();
}

/** Whether any foreground work is running. */
export function foregroundBusy(): boolean {
  return busy.size > 0;
}

/** The longest a background job waits, ms: foreground work left marked by mistake cannot starve it. */
export const MAX_FOREGROUND_WAIT_MS = 10_000;

/**
 * Run `job` now, or once no foreground work is running (at most `MAX_FOREGROUND_WAIT_MS` later).
 * @returns a function that cancels the job if it has not started
 */
export function whenForegroundIdle(job: () => void): () => void {
  if (busy.size === 0) {
    job();
    return () => {};
  }
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    waiting.delete(once);
    job();
  };
  const timer = setTimeout(once, MAX_FOREGROUND_WAIT_MS);
  waiting.add(once);
  return () => {
    started = true;
    clearTimeout(timer);
    waiting.delete(once);
  };
}

/** Named background jobs, each run after a quiet moment and never while foreground work runs. */
export interface BackgroundJobs {
  /**
   * Run `job` after `delay` ms. If foreground work is running then, wait for it to end and for
   * another `delay` (a slider step right after a map would otherwise find the job holding a core),
   * at most three times. Replaces any job scheduled under `name`.
   */
  schedule(name: string, delay: number, job: () => void): void;
  /** Cancel the job scheduled under `name` (its timer, or its wait for the foreground). */
  stop(name: string): void;
}

/** A set of named background jobs (see `BackgroundJobs`). */
export function backgroundJobs(): BackgroundJobs {
  const pending = new Map<string, () => void>();
  const stop = (name: string) => {
    pending.get(name)?.();
    pending.delete(name);
  };
  return {
    stop,
    schedule(name, delay, job) {
      stop(name);
      let waits = 0;
      const arm = () => {
        const timer = setTimeout(() => {
          if (foregroundBusy() && waits < 3) {
            waits++;
            pending.set(name, whenForegroundIdle(arm));
            return;
          }
          pending.delete(name);
          job();
        }, delay);
        pending.set(name, () => clearTimeout(timer));
      };
      arm();
    },
  };
}
