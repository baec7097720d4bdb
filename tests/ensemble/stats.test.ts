/** Quantiles, mean and variance on cases with known answers. */
import { describe, expect, it } from 'vitest';
import { mean, quantile, quantilesOf, variance } from '../../src/analysis/stats.ts';

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

describe('mean and variance', () => {
  it('match hand values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 14);
  });
});
