import { describe, expect, it } from 'vitest';
import {
  buildProtocol,
  compileModel,
  foldVsControl,
  getModel,
  parameterScan,
  READOUT_IDS,
  readoutById,
  sensitivityAnalysis,
  simulate,
  studyReadouts,
} from '../../src/index.ts';

const model = compileModel(getModel());
const only = ['tauR', 'kP', 'I50', 'trained', 'tauM'];
const result = sensitivityAnalysis(model, { only });
const row = (name: string) => result.rows.find((r) => r.parameter === name)!;

/** The order effect from a plain five-group run, computed here without the sensitivity code. */
function orderEffect(parameters: Record<string, number>): number {
  const r = simulate(model, buildProtocol(model, 'study', {}), { parameters, dt: 5 });
  return foldVsControl(r, 're-ee', 'mps') / foldVsControl(r, 'ee-re', 'mps');
}

describe('READOUTS', () => {
  it('lists MPS at 3 h and 24-h AUC per group plus the order effect', () => {
    expect(READOUT_IDS).toContain('order-effect');
    expect(READOUT_IDS).toContain('mps3h-re-ee');
    expect(READOUT_IDS).toContain('auc24-re');
    expect(() => readoutById('nope')).toThrow(/unknown readout: nope \(readouts: mps3h-re/);
  });
  it('computes the order effect as MPS(RE→EE)/MPS(EE→RE) at 3 h', () => {
    const r = studyReadouts(model, {});
    expect(r['order-effect']).toBeCloseTo(r['mps3h-re-ee']! / r['mps3h-ee-re']!, 12);
    // The study's finding: RE→EE below EE→RE at 3 h.
    expect(r['order-effect']).toBeLessThan(1);
  });
});

describe('sensitivityAnalysis', () => {
  it('moves each nonzero parameter by ±20% and reports every readout at both ends', () => {
    const r = row('tauR');
    expect(r.lowValue).toBeCloseTo(58 * 0.8, 12);
    expect(r.highValue).toBeCloseTo(58 * 1.2, 12);
    // Independent check of the tornado end points (tolerance 1e-9 relative).
    expect(Math.abs(r.high['order-effect']! / orderEffect({ tauR: r.highValue }) - 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.low['order-effect']! / orderEffect({ tauR: r.lowValue }) - 1)).toBeLessThan(1e-9);
  });

  it.each(['tauR', 'kP', 'I50', 'tauM'])(
    'the coefficient of %s has the sign (and about the size) of an independent finite difference',
    (name) => {
      const p = model.spec.parameters[name]!.value;
      const h = 0.002;
      const fd =
        (Math.log(orderEffect({ [name]: p * (1 + h) })) - Math.log(orderEffect({ [name]: p * (1 - h) }))) /
        (Math.log1p(h) - Math.log1p(-h));
      const s = row(name).coefficient['order-effect']!;
      if (Math.abs(fd) > 1e-3) expect(Math.sign(s)).toBe(Math.sign(fd));
      // Central differences with steps 1% and 0.2% agree to 5% of |S| + 1e-3 (smooth readout).
      expect(Math.abs(s - fd)).toBeLessThan(0.05 * Math.abs(fd) + 1e-3);
    },
  );

  it('the tornado direction agrees with the coefficient sign where the response is monotone', () => {
    for (const name of ['tauR', 'kP']) {
      const r = row(name);
      const swing = r.high['order-effect']! - r.low['order-effect']!;
      expect(Math.sign(swing)).toBe(Math.sign(r.coefficient['order-effect']!));
    }
  });

  it('steps a zero-valued parameter by x% of its range, clipped, with no log coefficient', () => {
    const r = row('trained');
    expect(r.value).toBe(0);
    expect(r.lowValue).toBe(0);
    expect(r.highValue).toBeCloseTo(0.2, 12);
    expect(Number.isNaN(r.coefficient['order-effect']!)).toBe(true);
    expect(r.note).toMatch(/value is 0/);
    expect(r.low).toEqual(result.baseline);
    // Training blunts the brake, so the order effect moves toward 1.
    expect(r.high['order-effect']!).toBeGreaterThan(result.baseline['order-effect']!);
  });

  it('rejects a bad percent and an unknown parameter', () => {
    expect(() => sensitivityAnalysis(model, { percent: 0 })).toThrow(/invalid percent: 0/);
    expect(() => sensitivityAnalysis(model, { only: ['nope'] })).toThrow(/unknown parameter: nope/);
  });
});

describe('parameterScan', () => {
  it('spaces a log parameter geometrically over its documented range and matches single runs', () => {
    const scan = parameterScan(model, { parameter: 'tauR', count: 5 });
    expect(scan.scale).toBe('log');
    expect(scan.values[0]).toBe(15);
    expect(scan.values[4]).toBe(240);
    expect(scan.values[2]).toBeCloseTo(Math.sqrt(15 * 240), 9);
    expect(scan.failures).toEqual([]);
    expect(
      Math.abs(scan.readouts['order-effect']![2]! / orderEffect({ tauR: scan.values[2]! }) - 1),
    ).toBeLessThan(1e-9);
  });
  it('uses linear spacing for a linear parameter', () => {
    const scan = parameterScan(model, { parameter: 'trained', count: 3 });
    expect(scan.values).toEqual([0, 0.5, 1]);
    // Fully trained: no brake, no order effect (within 1e-6).
    expect(Math.abs(scan.readouts['order-effect']![2]! - 1)).toBeLessThan(1e-6);
  });
  it('records failed points as NaN with a message instead of dropping them', () => {
    const scan = parameterScan(model, { parameter: 'kR', count: 2, solver: { maxSteps: 3 } });
    expect(scan.failures).toHaveLength(2);
    expect(scan.readouts['mps3h-re']!.every(Number.isNaN)).toBe(true);
  });
});
