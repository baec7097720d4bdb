/**
 * The closure kernel (the browser's: no `new Function`, so the site runs under `script-src 'self'`)
 * computes what the generated kernel computes, on every bundled model and on expressions that use
 * every whitelisted operation. Equality is exact: both evaluate the same operations in the same
 * order on IEEE doubles (tolerance 0, NaN equal to NaN).
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_FILES } from '../../models/bundled.ts';
import { getModel } from '../../models/index.ts';
import { compileModel, defaultKernelKind } from '../../src/model/compile.ts';
import { ALLOWED_FUNCTIONS } from '../../src/model/expression.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { buildProtocol } from '../../src/simulate/scenario.ts';
import { simulate } from '../../src/simulate/simulate.ts';

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  expect(Array.from(a, (x) => (Number.isNaN(x) ? 'NaN' : x))).toEqual(
    Array.from(b, (x) => (Number.isNaN(x) ? 'NaN' : x)),
  );

describe('compileModel kernel: closures', () => {
  it('is the default only where a page can forbid new Function (not in Node)', () => {
    expect(defaultKernelKind()).toBe('generated');
  });

  for (const file of BUNDLED_MODEL_FILES) {
    const id = (file as { id: string }).id;
    it(`matches the generated kernel on ${id}: rhs, observables, intermediates, a full run`, () => {
      const spec = getModel(id);
      const g = compileModel(spec, { kernel: 'generated' });
      const c = compileModel(spec, { kernel: 'closures' });
      expect(c).not.toBe(g);
      const p = g.defaultParameters();
      const n = g.stateNames.length;
      for (let k = 0; k < 20; k++) {
        const y = Float64Array.from({ length: n }, (_, i) => 0.5 + ((k * 7 + i * 3) % 11) / 5);
        const u = Float64Array.from(g.inputNames, (_, i) => ((k + i) % 3) / 2);
        const outs = [g, c].map((m) => {
          const rhs = new Float64Array(n);
          const both = new Float64Array(n + m.observableNames.length);
          const obs = new Float64Array(m.observableNames.length);
          const inter = new Float64Array(m.intermediateNames.length);
          m.rhs(y, p, u, rhs, k * 10);
          m.rhsWithObservables(y, p, u, both, k * 10);
          m.observe(y, p, u, obs, k * 10);
          m.evaluateIntermediates(y, p, u, inter, k * 10);
          return [rhs, both, obs, inter];
        });
        for (let i = 0; i < 4; i++) same(outs[1]![i]!, outs[0]![i]!);
      }
      same(c.initialState(p), g.initialState(p));
      const protocol = buildProtocol(g, 'study');
      const rg = simulate(g, protocol);
      const rc = simulate(c, protocol);
      for (const name of rg.seriesNames) same(rc.groups[3]!.series[name]!, rg.groups[3]!.series[name]!);
    });
  }

  it('matches on every whitelisted function and operator, time switches and initial assignments', () => {
    const base = getModel();
    const calls = ALLOWED_FUNCTIONS.map((f) => {
      if (f === 'piecewise') return 'piecewise(X, X > 1, 2, X < 0.5, 3)';
      if (['min', 'max'].includes(f)) return `${f}(X, 0.7, X / 2)`;
      if (['nthRoot', 'log', 'rem', 'quotient', 'pow'].includes(f)) return `${f}(X + 1, 2)`;
      if (f === 'factorial') return 'factorial(floor(X * 3))';
      return `${f}(X / 3 + 0.2)`;
    });
    const ops = [
      'X + 1',
      'X - 1',
      'X * 2',
      'X / 3',
      'X ^ 2',
      '-X',
      'X == 1',
      'X != 1',
      'X < 1',
      'X <= 1',
      'X > 1',
      'X >= 1',
      '(X > 1) and (X < 2)',
      '(X > 1) or (X < 0.5)',
      '(X > 1) xor (X < 2)',
      'not (X > 1)',
      'pi + e + true - false',
      'piecewise(1, t >= 60, 0)',
    ];
    const spec: ModelSpec = {
      ...base,
      id: 'all-ops',
      intermediates: {
        ...base.intermediates,
        ...Object.fromEntries(
          [...calls, ...ops].map((e, i) => [
            `q${i}`,
            { ...Object.values(base.intermediates)[0]!, expression: e.replaceAll('X', 'M') },
          ]),
        ),
      },
      initialAssignments: { M: 'kP / kP' },
    } as ModelSpec;
    const g = compileModel(spec, { kernel: 'generated' });
    const c = compileModel(spec, { kernel: 'closures' });
    const p = g.defaultParameters();
    const u = new Float64Array(g.inputNames.length);
    for (const m of [0.2, 0.9, 1, 1.4, 2.6]) {
      const y = Float64Array.from(g.stateNames, (s) => (s === 'M' ? m : 1));
      const [a, b] = [g, c].map((k) => {
        const out = new Float64Array(k.intermediateNames.length);
        k.evaluateIntermediates(y, p, u, out, 90);
        return out;
      });
      same(b!, a!);
    }
    expect(c.discontinuities(p)).toEqual(g.discontinuities(p));
    expect(g.discontinuities(p)).toContain(60);
    same(c.initialState(p), g.initialState(p));
  });
});
