/** Small statistics used by the ensemble: quantiles, mean and variance. Pure functions over plain arrays. */

/**
 * Quantile `p` ∈ [0, 1] of `values` by linear interpolation between order statistics (Hyndman &
 * Fan type 7, the default of R's `quantile` and NumPy's `percentile`). NaN values are an error.
 * @throws Error when `values` is empty, holds NaN, or `p` is outside [0, 1]
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantilesOf(values, [p])[0]!;
}

/** Several quantiles of one sample, sorting it once (see `quantile`). */
export function quantilesOf(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw new Error('quantile of an empty sample');
  const sorted = Float64Array.from(values);
  for (const v of sorted) if (Number.isNaN(v)) throw new Error('quantile of a sample containing NaN');
  sorted.sort();
  return ps.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new Error(`invalid quantile probability: ${p} (must be in [0, 1])`);
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  });
}

/** Arithmetic mean. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** Unbiased sample variance (n − 1 in the denominator). */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i]! - m) ** 2;
  return s / (values.length - 1);
}
