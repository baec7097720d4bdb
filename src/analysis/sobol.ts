/**
 * Variance-based global sensitivity (Sobol indices) by the Saltelli design: two independent
 * sample matrices A and B of N rows over the unit cube [0, 1)^d, and for each input i the matrix
 * A_B^(i) (A with column i from B). First-order indices use the estimator of Saltelli et al. 2010
 * (Comput Phys Commun 181:259, table 2 (b)); total indices the estimator of Jansen 1999 (ibid. (f)):
 *
 *   S_i  = mean((f(B) − f̄) · (f(A_B^i) − f(A))) / V,     S_Ti = mean((f(A) − f(A_B^i))²) / (2V),
 *
 * with f̄ and V the mean and variance of f over A and B together (centring f(B) leaves the
 * estimator's expectation unchanged and keeps it usable when the mean dwarfs the spread). Each row costs d + 2 evaluations; row r depends
 * only on (seed, r), so rows can be computed by different workers (`sobolRows`) and combined
 * (`sobolIndices`), with bootstrap intervals over rows.
 */
import { createRandom } from './random.ts';
import { quantilesOf } from './stats.ts';

/** Evaluations of one block of Saltelli rows: for each row, f(A), f(B), then f(A_B^i) for i = 1..d. */
export interface SobolRows {
  readonly start: number;
  readonly count: number;
  readonly d: number;
  /** Number of outputs of f. */
  readonly outputs: number;
  /** Values as [row][d + 2][output], flattened (NaN where f failed). */
  readonly values: Float64Array;
}

/** The rows A_r and B_r of the design (each of length d, in [0, 1)). */
export function saltelliRow(seed: number, d: number, r: number): { a: Float64Array; b: Float64Array } {
  const rng = createRandom(seed, 2 ** 42 + r);
  const a = new Float64Array(d);
  const b = new Float64Array(d);
  for (let i = 0; i < d; i++) a[i] = rng.next();
  for (let i = 0; i < d; i++) b[i] = rng.next();
  return { a, b };
}

/** Options of `sobolRows`. */
export interface SobolRowOptions {
  readonly seed: number;
  /** Number of inputs. */
  readonly d: number;
  /** Rows `start`..`end − 1`. */
  readonly start: number;
  readonly end: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Evaluate `f` on rows `start`..`end − 1` of the Saltelli design. `f` maps a point of the unit
 * cube to a fixed number of outputs; it may return NaN (e.g. when a simulation fails), and then
 * the whole row is left out of the indices.
 */
export function sobolRows(f: (u: Float64Array) => readonly number[], options: SobolRowOptions): SobolRows {
  const { d, start, end } = options;
  const count = end - start;
  let outputs = -1;
  let values = new Float64Array(0);
  const put = (row: number, slot: number, y: readonly number[]) => {
    if (outputs < 0) {
      outputs = y.length;
      values = new Float64Array(count * (d + 2) * outputs);
    }
    for (let k = 0; k < outputs; k++) values[(row * (d + 2) + slot) * outputs + k] = y[k] ?? Number.NaN;
  };
  for (let r = 0; r < count; r++) {
    const { a, b } = saltelliRow(options.seed, d, start + r);
    put(r, 0, f(a));
    put(r, 1, f(b));
    for (let i = 0; i < d; i++) {
      const ab = Float64Array.from(a);
      ab[i] = b[i]!;
      put(r, 2 + i, f(ab));
    }
    options.onProgress?.(r + 1, count);
  }
  return { start, count, d, outputs: Math.max(outputs, 0), values };
}

/** Sobol indices of one output, with bootstrap 95% intervals. */
export interface SobolIndices {
  /** First-order index of each input. */
  readonly first: Float64Array;
  /** Total index of each input. */
  readonly total: Float64Array;
  /** 2.5% and 97.5% bootstrap quantiles of each index. */
  readonly firstCi: readonly (readonly [number, number])[];
  readonly totalCi: readonly (readonly [number, number])[];
  /** Variance and mean of the output. */
  readonly variance: number;
  readonly mean: number;
}

/** The indices of every output from row blocks, and how many rows were used. */
export interface SobolResult {
  readonly d: number;
  /** Rows used (rows with any NaN are left out) and rows given. */
  readonly rows: number;
  readonly rowsGiven: number;
  readonly outputs: readonly SobolIndices[];
}

/** Options of `sobolIndices`. */
export interface SobolIndexOptions {
  /** Bootstrap resamples for the intervals (default 200; 0 for none). */
  readonly bootstrap?: number;
  /** Seed of the bootstrap resampling (default 1). */
  readonly seed?: number;
}

/**
 * First-order and total Sobol indices from row blocks (any order, no gaps or overlaps).
 * @throws Error when blocks overlap, leave a gap, or disagree on d or the number of outputs
 */
export function sobolIndices(blocks: readonly SobolRows[], options: SobolIndexOptions = {}): SobolResult {
  const sorted = [...blocks].sort((x, y) => x.start - y.start);
  const d = sorted[0]?.d ?? 0;
  const outputs = Math.max(...sorted.map((b) => b.outputs), 0);
  let next = sorted[0]?.start ?? 0;
  for (const b of sorted) {
    if (b.start !== next) throw new Error(`Sobol row blocks overlap or leave a gap at row ${next}`);
    if (b.d !== d || (b.outputs !== outputs && b.count > 0))
      throw new Error('Sobol row blocks disagree on d or outputs');
    next += b.count;
  }
  // Rows with any NaN are left out.
  const rows: Float64Array[] = [];
  for (const b of sorted) {
    const w = (d + 2) * outputs;
    for (let r = 0; r < b.count; r++) {
      const row = b.values.subarray(r * w, (r + 1) * w);
      if (row.every((v) => Number.isFinite(v))) rows.push(row);
    }
  }
  const n = rows.length;
  const bootstrap = options.bootstrap ?? 200;
  const results = Array.from({ length: outputs }, (_, k) => {
    const at = (row: Float64Array, slot: number) => row[slot * outputs + k]!;
    const estimate = (index: ArrayLike<number>) => {
      const m = index.length;
      let mean = 0;
      for (let j = 0; j < m; j++) mean += (at(rows[index[j]!]!, 0) + at(rows[index[j]!]!, 1)) / (2 * m);
      let v = 0;
      for (let j = 0; j < m; j++) {
        const row = rows[index[j]!]!;
        v += ((at(row, 0) - mean) ** 2 + (at(row, 1) - mean) ** 2) / (2 * m - 1);
      }
      const first = new Float64Array(d);
      const total = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        let t = 0;
        for (let j = 0; j < m; j++) {
          const row = rows[index[j]!]!;
          const fa = at(row, 0);
          const fb = at(row, 1);
          const fab = at(row, 2 + i);
          // f(B) centred: same expectation (E[f(A_B^i) − f(A)] = 0), far smaller variance when
          // the output's mean is large against its spread (an order-effect ratio near 1).
          s += (fb - mean) * (fab - fa);
          t += (fa - fab) ** 2;
        }
        first[i] = s / m / v;
        total[i] = t / (2 * m) / v;
      }
      return { first, total, variance: v, mean };
    };
    const all = estimate(Array.from({ length: n }, (_, j) => j));
    const firstBoot: number[][] = Array.from({ length: d }, () => []);
    const totalBoot: number[][] = Array.from({ length: d }, () => []);
    const rng = createRandom(options.seed ?? 1, 2 ** 43 + k);
    for (let b = 0; b < bootstrap && n > 1; b++) {
      const index = new Uint32Array(n);
      for (let j = 0; j < n; j++) index[j] = Math.floor(rng.next() * n);
      const e = estimate(index);
      for (let i = 0; i < d; i++) {
        firstBoot[i]!.push(e.first[i]!);
        totalBoot[i]!.push(e.total[i]!);
      }
    }
    const ci = (xs: number[]): [number, number] => {
      const finite = xs.filter(Number.isFinite);
      if (finite.length === 0) return [Number.NaN, Number.NaN];
      const [lo, hi] = quantilesOf(finite, [0.025, 0.975]) as [number, number];
      return [lo, hi];
    };
    return {
      first: all.first,
      total: all.total,
      firstCi: firstBoot.map(ci),
      totalCi: totalBoot.map(ci),
      variance: all.variance,
      mean: all.mean,
    };
  });
  return { d, rows: n, rowsGiven: next - (sorted[0]?.start ?? 0), outputs: results };
}
