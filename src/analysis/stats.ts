/**
 * Small statistics used by the ensemble: quantiles, covariance and its Cholesky factor, and the
 * MCMC diagnostics split-R̂ and effective sample size. Pure functions over plain arrays.
 */

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

/** Sample covariance matrix (n − 1) of row vectors, as rows. */
export function covariance(rows: readonly ArrayLike<number>[]): number[][] {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const m = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) m[j]! += r[j]! / n;
  const c = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const r of rows)
    for (let i = 0; i < d; i++)
      for (let j = 0; j <= i; j++) c[i]![j]! += ((r[i]! - m[i]!) * (r[j]! - m[j]!)) / (n - 1);
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) c[i]![j] = c[j]![i]!;
  return c;
}

/**
 * Lower-triangular Cholesky factor L of a symmetric positive-definite matrix (A = L Lᵀ).
 * @throws Error when the matrix is not positive definite
 */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  const d = a.length;
  const l = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`matrix is not positive definite (pivot ${i}: ${s})`);
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}

/**
 * Split-R̂ (Gelman et al., Bayesian Data Analysis, 3rd ed., §11.4) of one quantity over several
 * chains: each chain is halved, and R̂ compares between- and within-half variances. Values near
 * 1 (below about 1.05) suggest the chains sample the same distribution.
 */
export function splitRhat(chains: readonly ArrayLike<number>[]): number {
  const halves: number[][] = [];
  for (const c of chains) {
    const h = Math.floor(c.length / 2);
    if (h < 2) continue;
    halves.push(Array.from({ length: h }, (_, i) => c[i]!));
    halves.push(Array.from({ length: h }, (_, i) => c[c.length - h + i]!));
  }
  if (halves.length < 2) return Number.NaN;
  const n = Math.min(...halves.map((h) => h.length));
  const means = halves.map((h) => mean(h.slice(0, n)));
  const w = mean(halves.map((h) => variance(h.slice(0, n))));
  const b = n * variance(means);
  const varPlus = ((n - 1) / n) * w + b / n;
  return w > 0 ? Math.sqrt(varPlus / w) : Number.NaN;
}

/**
 * Effective sample size of one quantity over several equal-length chains (BDA3 §11.5): the
 * multi-chain autocorrelation, summed with Geyer's initial positive sequence.
 */
export function effectiveSampleSize(chains: readonly ArrayLike<number>[]): number {
  const m = chains.length;
  const n = Math.min(...chains.map((c) => c.length));
  if (m === 0 || n < 4) return Number.NaN;
  const cs = chains.map((c) => Array.from({ length: n }, (_, i) => c[i]!));
  const means = cs.map(mean);
  const w = mean(cs.map(variance));
  const b = n * (m > 1 ? variance(means) : 0);
  const varPlus = ((n - 1) / n) * w + b / n;
  if (!(varPlus > 0)) return Number.NaN;
  const autocov = (lag: number) =>
    mean(
      cs.map((c, k) => {
        let s = 0;
        for (let i = 0; i + lag < n; i++) s += (c[i]! - means[k]!) * (c[i + lag]! - means[k]!);
        return s / n;
      }),
    );
  const rho = (lag: number) => 1 - (w - autocov(lag)) / varPlus;
  let sum = 0;
  for (let t = 0; t + 1 < n; t += 2) {
    const pair = rho(t) + rho(t + 1);
    if (!(pair > 0)) break;
    sum += pair;
  }
  const tau = Math.max(2 * sum - 1, 1 / Math.log10(m * n));
  return (m * n) / tau;
}
