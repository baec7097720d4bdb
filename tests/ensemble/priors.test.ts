/**
 * Priors in the model file: every parameter has one with a reason; the checks reject bad ones
 * with the field's path; the quantile maps invert each other; the digest follows numbers, not
 * prose; and the checks marked "by construction" hold on prior draws.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { abcLayout, parametersAt, priorDraw } from '../../src/analysis/abc.ts';
import {
  freePriors,
  fromUnit,
  modelPriors,
  PriorError,
  priorDigest,
  priorIssues,
  toUnit,
} from '../../src/analysis/priors.ts';
import { evaluateTargets } from '../../src/analysis/targets.ts';
import { compileModel } from '../../src/model/compile.ts';
import type { ModelSpec } from '../../src/model/spec.ts';

const spec = getModel();

describe('priors of the default model', () => {
  it('every parameter has a prior with a reason; kP (scale) and trained (scenario) are fixed', () => {
    const priors = modelPriors(spec);
    expect(priors.map((p) => p.name)).toEqual(Object.keys(spec.parameters));
    for (const p of priors) expect(p.reason.length).toBeGreaterThan(20);
    expect(priors.filter((p) => p.distribution === 'fixed').map((p) => p.name)).toEqual(['kP', 'trained']);
    expect(freePriors(priors)).toHaveLength(13);
  });

  it('each calibrated value lies inside its prior, and the prior inside the parameter’s range', () => {
    expect(priorIssues(spec)).toEqual([]);
  });

  it('fromUnit and toUnit invert each other; a log-uniform median is the geometric mean', () => {
    for (const p of freePriors(modelPriors(spec))) {
      for (const u of [0, 0.1, 0.5, 0.93, 1]) expect(toUnit(p, fromUnit(p, u))).toBeCloseTo(u, 12);
      if (p.distribution === 'log-uniform')
        expect(fromUnit(p, 0.5)).toBeCloseTo(Math.sqrt(p.min * p.max), 10);
      else expect(fromUnit(p, 0.5)).toBeCloseTo((p.min + p.max) / 2, 12);
    }
  });
});

describe('bad priors are reported with the path of the field', () => {
  const edit = (name: string, prior: unknown): ModelSpec => {
    const s = structuredClone(spec);
    (s.parameters[name] as { prior?: unknown }).prior = prior;
    return s;
  };
  it.each([
    ['missing', undefined, 'parameters.tauR.prior', /missing/],
    [
      'bounds out of order',
      { distribution: 'uniform', min: 90, max: 40, reason: 'x' },
      'parameters.tauR.prior.max',
      /must be > min/,
    ],
    [
      'log-uniform from 0',
      { distribution: 'log-uniform', min: 0, max: 100, reason: 'x' },
      'parameters.tauR.prior.min',
      /> 0/,
    ],
    [
      'outside the range',
      { distribution: 'uniform', min: 20, max: 300, reason: 'x' },
      'parameters.tauR.prior',
      /leaves the parameter's range/,
    ],
    [
      'value outside',
      { distribution: 'uniform', min: 60, max: 100, reason: 'x' },
      'parameters.tauR.prior',
      /calibrated value 58/,
    ],
    ['no bounds', { distribution: 'uniform', reason: 'x' }, 'parameters.tauR.prior', /needs min and max/],
  ])('%s', (_what, prior, path, message) => {
    const issues = priorIssues(edit('tauR', prior));
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)!.message).toMatch(message);
    expect(() => modelPriors(edit('tauR', prior))).toThrow(PriorError);
  });
});

describe('priorDigest (the prior version stored with an ensemble)', () => {
  it('changes with a bound or a value, not with the reason', () => {
    const base = priorDigest(spec);
    const bound = structuredClone(spec);
    bound.parameters.tauR!.prior!.max = 117;
    const reason = structuredClone(spec);
    reason.parameters.tauR!.prior!.reason = 'another wording';
    expect(priorDigest(bound)).not.toBe(base);
    expect(priorDigest(reason)).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('checks marked “by construction” hold on prior draws', () => {
  it('on 12 independent prior draws (the ensemble file records the same on 1000)', {
    timeout: 300_000,
  }, () => {
    const model = compileModel(spec);
    const layout = abcLayout(model);
    let calibrationFailures = 0;
    for (let i = 0; i < 12; i++) {
      const u = priorDraw(layout, 99, i);
      const results = evaluateTargets(model, { parameters: { ...layout.fixed, ...parametersAt(layout, u) } });
      for (const r of results)
        for (const c of r.checks) {
          if (c.basis === 'construction') expect(c.pass, `${r.id} ${c.label} on draw ${i}`).toBe(true);
          else if (!c.pass) calibrationFailures++;
        }
    }
    // …while checks that hold by calibration do fail on some draws (the test can tell them apart).
    expect(calibrationFailures).toBeGreaterThan(0);
  });
});
