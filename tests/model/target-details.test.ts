/**
 * How targets are evaluated: `meetsTargets` (early exit, cheap targets first) agrees with the
 * full `evaluateTargets`; margins measure the distance to the nearest bound; the discriminating
 * targets are real checks that the default model fails where its structure forbids them.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { evaluateDiscriminatingTargets } from '../../src/analysis/discriminating.ts';
import { CONSTRUCTION_NOTES } from '../../src/analysis/target-list.ts';
import {
  CHEAP_FIRST,
  check,
  checkMargin,
  evaluateTargets,
  meetsTargets,
} from '../../src/analysis/targets.ts';
import { compileModel } from '../../src/model/compile.ts';

const model = compileModel(getModel());

describe('meetsTargets agrees with evaluateTargets', () => {
  it.each([
    ['the defaults', {}],
    ['a slow regulator', { tauR: 240 }],
    ['no regulator', { kR: 0 }],
    ['a weak brake', { KB: 0.9 }],
    ['a high intensity threshold', { I50: 0.9 }],
  ])('%s', (_what, parameters) => {
    const full = evaluateTargets(model, { parameters });
    const quick = meetsTargets(model, { parameters });
    expect(quick.pass).toBe(full.every((r) => r.pass));
    if (!quick.pass) {
      const firstFailing = CHEAP_FIRST.find((id) => !full.find((r) => r.id === id)!.pass);
      expect(quick.failed).toBe(firstFailing);
    }
    for (const r of quick.results) expect(r).toEqual(full.find((x) => x.id === r.id));
  });

  it('stops early: a set failing T4 runs far fewer simulations than a passing set', () => {
    const failing = meetsTargets(model, { parameters: { kR: 0.02 } });
    const passing = meetsTargets(model);
    expect(failing.failed).toBe('T4');
    expect(failing.runs).toBeLessThanOrEqual(2);
    expect(passing.runs).toBeGreaterThan(10);
  });
});

describe('margins and bases', () => {
  it('two-sided: 1 at the centre, 0 at an edge, negative outside; one-sided: relative to the bound', () => {
    expect(checkMargin(0.725, 0.6, 0.85)).toBeCloseTo(1, 12);
    expect(checkMargin(0.6, 0.6, 0.85)).toBe(0);
    expect(checkMargin(0.5, 0.6, 0.85)).toBeCloseTo(-0.8, 12);
    expect(checkMargin(1.5, 1.2)).toBeCloseTo(0.25, 12);
    expect(checkMargin(5, 1.2)).toBe(1);
    expect(checkMargin(Number.NaN, 0, 1)).toBe(-Infinity);
    expect(check('x', 2, 1, 3, 'construction').basis).toBe('construction');
  });
  it('a target’s margin leaves out checks that hold by construction (NaN when all do)', () => {
    const results = evaluateTargets(model);
    const t1 = results.find((r) => r.id === 'T1')!;
    expect(Number.isNaN(t1.margin)).toBe(true);
    const t3 = results.find((r) => r.id === 'T3')!;
    // "≤ 1 during the bout" sits on its bound by construction; the margin is the calibrated checks'.
    expect(t3.checks[0]!.basis).toBe('construction');
    expect(t3.margin).toBe(Math.min(...t3.checks.slice(1).map((c) => c.margin)));
    expect(t3.margin).toBeGreaterThan(0);
  });
  it('every target with a construction check explains why in CONSTRUCTION_NOTES', () => {
    for (const r of evaluateTargets(model))
      if (r.checks.some((c) => c.basis === 'construction'))
        expect(CONSTRUCTION_NOTES[r.id], r.id).toBeTruthy();
  });
});

describe('discriminating targets on the default model', () => {
  it('fails D1 (RE never raises the regulator), D2 (human-sized regulator), D5 (MPS untouched by the run) and D6 (no load plateau)', () => {
    const d = evaluateDiscriminatingTargets(model);
    expect(d.map((r) => r.id)).toEqual(['D1', 'D2', 'D5', 'D6']);
    const get = (id: string) => d.find((r) => r.id === id)!;
    expect(get('D1').checks[0]!.value).toBe(1);
    expect(get('D2').checks[0]!.value).toBeGreaterThan(2);
    expect(get('D5').checks[0]!.value).toBe(1);
    expect(get('D6').checks[0]!.value).toBeGreaterThan(2);
    for (const r of d) expect(r.pass).toBe(false);
  });
});
