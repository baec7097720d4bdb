/**
 * Benchmark helpers: quantiles, timing that interleaves the variants it compares (so a burst of
 * load from other processes hits every variant of a round alike, and per-round ratios stay
 * fair), and plain-text tables. The machines are shared: read medians and ratios, not single runs.
 */

/** Median and the 10th/90th percentiles. */
export function quantiles(samples: readonly number[]): { median: number; p10: number; p90: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))]!;
  return { median: q(0.5), p10: q(0.1), p90: q(0.9) };
}

/** One variant to time: a name and a run. */
export interface Variant {
  readonly name: string;
  readonly run: () => unknown;
}

/**
 * Time `variants` in `rounds` rounds; in each round every variant runs `inner` times in turn and
 * its mean per run is recorded. Returns per-variant samples (ms per run), aligned by round.
 */
export function interleaved(
  variants: readonly Variant[],
  rounds: number,
  inner: number,
): Map<string, number[]> {
  const out = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (const v of variants) for (let i = 0; i < Math.max(3, inner); i++) v.run(); // warm-up (JIT)
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const t0 = performance.now();
      for (let i = 0; i < inner; i++) v.run();
      out.get(v.name)!.push((performance.now() - t0) / inner);
    }
  }
  return out;
}

/** Median over rounds of the per-round ratio a/b. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return quantiles(a.map((v, i) => v / b[i]!)).median;
}

/** A plain-text (Markdown) table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** `12.34` for milliseconds. */
export const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
