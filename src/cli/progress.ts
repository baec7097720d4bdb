/**
 * Progress of a long command on standard error: on a terminal a bar redrawn in place with the
 * time left (`[#####-----]  50% 500/1000 kept, 1:02 left`); otherwise (a pipe, a log file, CI)
 * one plain line each time another tenth is done, so logs stay readable.
 */
import type { CliIO } from './command.ts';

/** Seconds as `m:ss` (or `h:mm:ss`). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A bar of `width` characters for a fraction done. */
export function progressBar(fraction: number, width = 30): string {
  const f = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(f * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%`;
}

/** Reports progress of one command. */
export interface Progress {
  /** The fraction done (0–1) and what it counts, e.g. `500/1000 kept`. */
  update(fraction: number, detail: string): void;
  /** Clear the bar (terminal) before the summary line. */
  finish(): void;
}

/**
 * A progress reporter on `io.stderr`: a bar with the time left on a terminal, a line per tenth
 * (`eolab ensemble: 50% 500/1000 kept (0:31 elapsed)`) otherwise.
 * @param prefix what the plain lines start with, e.g. `eolab ensemble`
 */
export function progress(io: CliIO, prefix: string, now: () => number = () => performance.now()): Progress {
  const started = now();
  let shownTenth = -1;
  let lastDraw = -Infinity;
  let lastLine = '';
  return {
    update(fraction, detail) {
      const t = now();
      const elapsed = (t - started) / 1000;
      if (io.stderrIsTTY) {
        // Redraw at most ten times a second, and always at the end.
        if (t - lastDraw < 100 && fraction < 1) return;
        lastDraw = t;
        const left =
          fraction > 0 && fraction < 1 ? `, ${clock((elapsed * (1 - fraction)) / fraction)} left` : '';
        const line = `${progressBar(fraction)} ${detail}${left}`;
        io.stderr(`\r${line.padEnd(lastLine.length)}`);
        lastLine = line;
        return;
      }
      const tenth = Math.floor(Math.min(1, fraction) * 10);
      if (tenth === shownTenth) return;
      shownTenth = tenth;
      io.stderr(`${prefix}: ${String(tenth * 10).padStart(3)}% ${detail} (${clock(elapsed)} elapsed)\n`);
    },
    finish() {
      if (io.stderrIsTTY && lastLine) io.stderr('\r\u001b[K');
      lastLine = '';
    },
  };
}
