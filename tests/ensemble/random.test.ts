/** The seeded generator: known answers, determinism, independent streams, uniformity. */
import { describe, expect, it } from 'vitest';
import { createRandom, xoshiro128ss } from '../../src/analysis/random.ts';

describe('xoshiro128**', () => {
  it('matches the reference implementation from state {1, 2, 3, 4}', () => {
    // Blackman & Vigna's xoshiro128starstar.c (v1.1), as in the Rust rand_xoshiro test vectors.
    const rng = xoshiro128ss([1, 2, 3, 4]);
    const got = Array.from({ length: 10 }, () => rng.nextUint32());
    expect(got).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('refuses the all-zero state', () => {
    expect(() => xoshiro128ss([0, 0, 0, 0])).toThrow(/all zero/);
  });
});

describe('createRandom(seed, stream)', () => {
  it('gives the same numbers for the same seed and stream, different ones otherwise', () => {
    const take = (seed: number, stream: number) => {
      const r = createRandom(seed, stream);
      return Array.from({ length: 8 }, () => r.next());
    };
    expect(take(1, 0)).toEqual(take(1, 0));
    expect(take(1, 0)).not.toEqual(take(2, 0));
    expect(take(1, 0)).not.toEqual(take(1, 1));
    expect(take(1, 2 ** 40 + 3)).not.toEqual(take(1, 3));
  });

  it('draws doubles in [0, 1) that look uniform (mean, variance, 10-bin chi-square; 20 000 draws)', () => {
    const r = createRandom(12345, 7);
    const n = 20_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sq += u * u;
      bins[Math.floor(u * 10)]!++;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // SE 0.002
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.004);
    const chi2 = bins.reduce((s, b) => s + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9); // 99.9% quantile of chi-square with 9 degrees of freedom
  });

  it('streams are uncorrelated (first draws of 5 000 neighbouring streams)', () => {
    const xs = Array.from({ length: 5000 }, (_, i) => createRandom(1, i).next());
    const ys = Array.from({ length: 5000 }, (_, i) => createRandom(1, i + 1).next());
    const m = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const mx = m(xs);
    const my = m(ys);
    const cov = m(xs.map((x, i) => (x - mx) * (ys[i]! - my)));
    expect(Math.abs(cov / (1 / 12))).toBeLessThan(0.06); // |r| < 0.06 (SE 0.014)
  });

  it('rejects a negative or fractional seed, naming it', () => {
    expect(() => createRandom(-1)).toThrow('invalid seed: -1');
    expect(() => createRandom(1.5)).toThrow('invalid seed: 1.5');
    expect(() => createRandom(1, -2)).toThrow('invalid stream: -2');
  });
});
