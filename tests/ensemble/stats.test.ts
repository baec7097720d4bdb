/** Quantiles, covariance, Cholesky and the MCMC diagnostics on cases with known answers. */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analysis/random.ts';
import {
  cholesky,
  covariance,
  effectiveSampleSize,
  quantile,
  quantilesOf,
  splitRhat,
} from '../../src/analysis/stats.ts';

describe('quantile (type 7)', () => {
  it('matches R/NumPy on a small sample', () => {
    // R: quantile(c(3, 1, 4, 1, 5), c(0, .05, .25, .5, .9, 1)) = 1, 1, 1, 3, 4.6, 5
    expect(quantilesOf([3, 1, 4, 1, 5], [0, 0.05, 0.25, 0.5, 0.9, 1])).toEqual([1, 1, 1, 3, 4.6, 5]);
    expect(quantile([10], 0.3)).toBe(10);
  });
  it('rejects an empty sample, NaN and p outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(/empty/);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/NaN/);
    expect(() => quantile([1, 2], 1.5)).toThrow('invalid quantile probability: 1.5');
  });
});

describe('covariance and Cholesky', () => {
  it('L Lᵀ reproduces the covariance of a sample', () => {
    const r = createRandom(3);
    const rows = Array.from({ length: 200 }, () => {
      const a = r.next();
      const b = r.next();
      const c = r.next();
      return [a, a + 0.5 * b, c - a];
    });
    const c = covariance(rows);
    const l = cholesky(c);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const v = l[i]!.reduce((s, x, k) => s + x * l[j]![k]!, 0);
        expect(v).toBeCloseTo(c[i]![j]!, 12);
      }
  });
  it('refuses a matrix that is not positive definite', () => {
    expect(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(/not positive definite/);
  });
});

describe('split-R̂ and effective sample size', () => {
  const chain = (seed: number, shift = 0, n = 400) => {
    const r = createRandom(seed);
    return Array.from({ length: n }, () => r.next() + shift);
  };
  it('independent draws: R̂ ≈ 1 and ESS ≈ the number of draws', () => {
    const chains = [chain(1), chain(2), chain(3), chain(4)];
    expect(splitRhat(chains)).toBeLessThan(1.02);
    const ess = effectiveSampleSize(chains);
    expect(ess).toBeGreaterThan(1100);
    expect(ess).toBeLessThan(2200);
  });
  it('chains in different places: R̂ well above 1', () => {
    expect(splitRhat([chain(1), chain(2, 1)])).toBeGreaterThan(1.5);
  });
  it('a strongly autocorrelated chain has a small ESS', () => {
    const r = createRandom(9);
    const ar = (n: number) => {
      const out: number[] = [0];
      for (let i = 1; i < n; i++) out.push(0.95 * out[i - 1]! + (r.next() - 0.5));
      return out;
    };
    const ess = effectiveSampleSize([ar(1000), ar(1000)]);
    // AR(1) with φ = 0.95: ESS ≈ n (1 − φ)/(1 + φ) ≈ 51 for 2000 draws.
    expect(ess).toBeGreaterThan(20);
    expect(ess).toBeLessThan(120);
  });
});
