/** "Did you mean …?" for mistyped commands, options and values. */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/**
 * The candidate closest to `word`, when it is close enough to be a likely typo: same letters in
 * another case, a unique candidate starting with `word`, a candidate `word` starts with, or at
 * most one edit per three characters (at least one). `undefined` otherwise.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = word.toLowerCase();
  const sameCase = list.find((c) => c.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  const prefixed = list.filter((c) => lower.length >= 2 && c.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return prefixed[0];
  // A known name with something appended (`--gap-min` for `--gap`): the longest such name.
  const stems = list.filter((c) => c.replace(/^-+/, '').length >= 3 && lower.startsWith(c.toLowerCase()));
  if (stems.length > 0) return stems.sort((a, b) => b.length - a.length)[0];
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of list) {
    const dist = editDistance(lower, c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` for the closest candidate, or `''`. `format` writes the candidate. */
export function didYouMean(
  word: string,
  candidates: Iterable<string>,
  format: (candidate: string) => string = (c) => JSON.stringify(c),
): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : `did you mean ${format(c)}?`;
}
