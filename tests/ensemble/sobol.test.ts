/**
 * The Sobol estimators against a function whose indices are known exactly: the Ishigami
 * function f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³ (a = 7, b = 0.1; Ishigami & Homma
 * 1990; exact indices in Saltelli et al. 2010, Comput Phys Commun 181:259). Tolerance 0.02.
 */
import { describe, expect, it } from 'vitest';
import { sobolIndices, sobolRows } from '../../src/analysis/sobol.ts';

const A = 7;
const B = 0.1;
const ishigami = (u: Float64Array) => {
  const x = Array.from(u, (v) => -Math.PI + 2 * Math.PI * v);
  return [Math.sin(x[0]!) + A * Math.sin(x[1]!) ** 2 + B * x[2]! ** 4 * Math.sin(x[0]!)];
};

// Exact partial variances.
const pi4 = Math.PI ** 4;
const pi8 = Math.PI ** 8;
const V1 = 0.5 * (1 + (B * pi4) / 5) ** 2;
const V2 = (A * A) / 8;
const V13 = (8 * B * B * pi8) / 225;
const V = V1 + V2 + V13;
const EXACT = {
  first: [V1 / V, V2 / V, 0],
  total: [(V1 + V13) / V, V2 / V, V13 / V],
};

describe('Sobol indices (Saltelli first-order, Jansen total)', () => {
  const rows = 60_000;
  // Two blocks computed separately and combined, as workers would.
  const blocks = [
    sobolRows(ishigami, { seed: 7, d: 3, start: 0, end: 36_000 }),
    sobolRows(ishigami, { seed: 7, d: 3, start: 36_000, end: rows }),
  ];
  const result = sobolIndices(blocks, { bootstrap: 50 });
  const out = result.outputs[0]!;

  it('exact values: S = 0.3139, 0.4424, 0 and ST = 0.5576, 0.4424, 0.2437', () => {
    expect(EXACT.first[0]).toBeCloseTo(0.3139, 4);
    expect(EXACT.first[1]).toBeCloseTo(0.4424, 4);
    expect(EXACT.total[0]).toBeCloseTo(0.5576, 4);
    expect(EXACT.total[2]).toBeCloseTo(0.2437, 4);
  });

  for (let i = 0; i < 3; i++) {
    it(`x${i + 1}: first-order and total indices within 0.02 of the exact values`, () => {
      console.log(
        `x${i + 1}: S ${out.first[i]!.toFixed(4)} (exact ${EXACT.first[i]!.toFixed(4)}), ST ${out.total[i]!.toFixed(4)} (exact ${EXACT.total[i]!.toFixed(4)})`,
      );
      expect(Math.abs(out.first[i]! - EXACT.first[i]!)).toBeLessThan(0.02);
      expect(Math.abs(out.total[i]! - EXACT.total[i]!)).toBeLessThan(0.02);
    });
  }

  it('uses every row, and the bootstrap interval brackets the estimate', () => {
    expect(result.rows).toBe(rows);
    for (let i = 0; i < 3; i++) {
      expect(out.firstCi[i]![0]).toBeLessThanOrEqual(out.first[i]!);
      expect(out.firstCi[i]![1]).toBeGreaterThanOrEqual(out.first[i]!);
    }
  });

  it('blocks computed in one piece or in two give the same indices (rows depend only on the seed)', () => {
    const whole = sobolIndices([sobolRows(ishigami, { seed: 7, d: 3, start: 0, end: rows })], {
      bootstrap: 0,
    });
    const split = sobolIndices(blocks, { bootstrap: 0 });
    expect(Array.from(whole.outputs[0]!.first)).toEqual(Array.from(split.outputs[0]!.first));
    expect(Array.from(whole.outputs[0]!.total)).toEqual(Array.from(split.outputs[0]!.total));
  });

  it('adding a large constant to f leaves the indices unchanged (within 0.02)', () => {
    const shifted = (u: Float64Array) => [ishigami(u)[0]! + 1000];
    const r = sobolIndices([sobolRows(shifted, { seed: 7, d: 3, start: 0, end: rows })], { bootstrap: 0 })
      .outputs[0]!;
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(r.first[i]! - EXACT.first[i]!)).toBeLessThan(0.02);
      expect(Math.abs(r.total[i]! - EXACT.total[i]!)).toBeLessThan(0.02);
    }
  });

  it('rows where f fails (NaN) are left out, and a gap between blocks is an error', () => {
    const flaky = (u: Float64Array) => (u[0]! < 0.1 ? [Number.NaN] : ishigami(u));
    const r = sobolIndices([sobolRows(flaky, { seed: 3, d: 3, start: 0, end: 500 })], { bootstrap: 0 });
    expect(r.rows).toBeLessThan(500);
    expect(r.rowsGiven).toBe(500);
    expect(() =>
      sobolIndices([
        sobolRows(ishigami, { seed: 3, d: 3, start: 0, end: 10 }),
        sobolRows(ishigami, { seed: 3, d: 3, start: 20, end: 30 }),
      ]),
    ).toThrow(/gap at row 10/);
  });
});
