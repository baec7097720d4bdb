/**
 * `compileModel`: the generated right-hand side equals a hand-written one, injection attempts
 * are rejected before anything runs, and the LaTeX on screen comes from the same trees.
 */

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import modelFile from '../../models/concurrent-training.json' with { type: 'json' };
import { getModel } from '../../models/index.ts';
import { compileModel } from '../../src/model/compile.ts';
import {
  checkExpression,
  ExpressionError,
  type ExprTree,
  printExpression,
  type SymbolSlot,
  toLatex,
  treeToJavaScript,
} from '../../src/model/expression.ts';
import { factorial, OPERATIONS, type Operation } from '../../src/model/operations.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { validateModel } from '../../src/model/validate.ts';
import { seededRandom } from '../fixtures/index.ts';

/** Relative tolerance of the compiled vs hand-written comparison. */
const REL_TOL = 1e-12;

/**
 * The equations of `models/concurrent-training.json` as transcribed into `handRhs` below. If the
 * model file changes, the first test fails and says so: update the transcription.
 */
const TRANSCRIBED = {
  rates: {
    P: 'kP * re - (P - 1) / tauP',
    D: '(P - D) / tauD',
    R: 'kR * (1 - trained) * eeDrive - (R - 1) / tauR',
    C: 'kC * (D - 1) - (C - 1) / tauC',
    M: '(A * C * contraction - M) / tauM',
  },
  intermediates: {
    eeDrive: 'ee ^ nI / (I50 ^ nI + ee ^ nI)',
    brake: '1 / (1 + (max(R - 1, 0) / KB) ^ nB)',
    A: '1 + gA * (D - 1) * brake',
    contraction: '1 / (1 + cM * re)',
  },
  observables: { anabolic: 'A', regulator: 'R', mps: 'M' },
};

type Named = Record<string, number>;

/** The default model written by hand: rates and observables from named values. */
function handRhs(s: Named, q: Named, u: Named): { rates: Named; observables: Named } {
  const eeDrive = u.ee! ** q.nI! / (q.I50! ** q.nI! + u.ee! ** q.nI!);
  const brake = 1 / (1 + (Math.max(s.R! - 1, 0) / q.KB!) ** q.nB!);
  const A = 1 + q.gA! * (s.D! - 1) * brake;
  const contraction = 1 / (1 + q.cM! * u.re!);
  return {
    rates: {
      P: q.kP! * u.re! - (s.P! - 1) / q.tauP!,
      D: (s.P! - s.D!) / q.tauD!,
      R: q.kR! * (1 - q.trained!) * eeDrive - (s.R! - 1) / q.tauR!,
      C: q.kC! * (s.D! - 1) - (s.C! - 1) / q.tauC!,
      M: (A * s.C! * contraction - s.M!) / q.tauM!,
    },
    observables: { anabolic: A, regulator: s.R!, mps: s.M! },
  };
}

/** |a − b| ≤ tol · max(|a|, |b|), with exact equality accepted for zeros. */
function close(a: number, b: number, tol: number): boolean {
  return a === b || Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
}

describe('compileModel (default model)', () => {
  const spec = getModel();
  const model = compileModel(spec);

  it('compiles the equations transcribed in this test (guards the hand-written RHS)', () => {
    const rates = Object.fromEntries(Object.entries(modelFile.states).map(([k, v]) => [k, v.rate]));
    const inter = Object.fromEntries(
      Object.entries(modelFile.intermediates).map(([k, v]) => [k, v.expression]),
    );
    const obs = Object.fromEntries(Object.entries(modelFile.observables).map(([k, v]) => [k, v.expression]));
    expect(rates, 'model file changed: update TRANSCRIBED and handRhs').toEqual(TRANSCRIBED.rates);
    expect(inter, 'model file changed: update TRANSCRIBED and handRhs').toEqual(TRANSCRIBED.intermediates);
    expect(obs, 'model file changed: update TRANSCRIBED and handRhs').toEqual(TRANSCRIBED.observables);
  });

  it('rhs and observe equal the hand-written model on 1000 random states, parameters and inputs (1e-12)', () => {
    const rand = seededRandom(1155);
    const dy = new Float64Array(model.stateNames.length);
    const obs = new Float64Array(model.observableNames.length);
    let checked = 0;
    let brakeActive = 0;
    for (let k = 0; k < 1000; k++) {
      const s: Named = {};
      for (const name of model.stateNames) s[name] = 0.2 * 25 ** rand(); // 0.2 … 5, both sides of rest
      const q: Named = {};
      for (const name of model.parameterNames) {
        const par = spec.parameters[name]!;
        q[name] =
          par.scale === 'log'
            ? par.min * (par.max / par.min) ** rand()
            : par.min + (par.max - par.min) * rand();
      }
      const u: Named = {};
      for (const name of model.inputNames) {
        const input = spec.inputs[name]!;
        // A quarter of the draws at rest (input exactly 0), the rest anywhere in range.
        u[name] = rand() < 0.25 ? 0 : input.minIntensity + (input.maxIntensity - input.minIntensity) * rand();
      }
      const y = Float64Array.from(model.stateNames, (n) => s[n]!);
      const p = Float64Array.from(model.parameterNames, (n) => q[n]!);
      const uv = Float64Array.from(model.inputNames, (n) => u[n]!);
      model.rhs(y, p, uv, dy);
      model.observe(y, p, uv, obs);
      const want = handRhs(s, q, u);
      model.stateNames.forEach((name, i) => {
        if (!close(dy[i]!, want.rates[name]!, REL_TOL)) {
          expect.fail(`d${name}/dt: compiled ${dy[i]} vs hand-written ${want.rates[name]} (draw ${k})`);
        }
        checked++;
      });
      model.observableNames.forEach((name, i) => {
        if (!close(obs[i]!, want.observables[name]!, REL_TOL)) {
          expect.fail(`${name}: compiled ${obs[i]} vs hand-written ${want.observables[name]} (draw ${k})`);
        }
        checked++;
      });
      if (s.R! > 1) brakeActive++;
    }
    expect(checked).toBe(1000 * (model.stateNames.length + model.observableNames.length));
    // Both branches of max(R − 1, 0) were exercised.
    expect(brakeActive).toBeGreaterThan(200);
    expect(brakeActive).toBeLessThan(800);
  });

  it('parameterVector applies overrides by name and rejects unknown names and non-finite values', () => {
    const p = model.parameterVector({ tauM: 12.5 });
    expect(p[model.parameterNames.indexOf('tauM')]).toBe(12.5);
    expect(p[model.parameterNames.indexOf('kP')]).toBe(spec.parameters.kP!.value);
    expect(() => model.parameterVector({ nope: 1 })).toThrow(/unknown parameter: nope/);
    expect(() => model.parameterVector({ kP: Number.NaN })).toThrow(/invalid value for parameter kP: NaN/);
  });
});

describe('expression whitelist (injection attempts)', () => {
  const canary = { calls: 0 };
  const g = globalThis as unknown as Record<string, unknown>;
  let exitSpy: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    canary.calls = 0;
    g.__eolabCanary = 0;
    // Any of these would be reached if an expression were run as JavaScript.
    g.canary = () => {
      canary.calls++;
    };
    exitSpy = vi.spyOn(process, 'exit').mockImplementation((() => {
      canary.calls++;
      throw new Error('process.exit must never be called');
    }) as never);
  });
  afterEach(() => {
    exitSpy.mockRestore();
    delete g.canary;
    delete g.__eolabCanary;
  });

  /** Each attempt and the piece of the problem the error must name (besides quoting the expression). */
  const ATTEMPTS: readonly [string, string][] = [
    ['constructor', 'unknown symbol "constructor"'],
    ['__proto__', 'unknown symbol "__proto__"'],
    ['x.constructor', 'property or index access ("x.constructor")'],
    ['x["constructor"]', 'property or index access'],
    ['import("fs")', 'function "import" is not allowed'],
    ['a = 1', 'an assignment is not allowed'],
    ['f(x) = x', 'a function definition is not allowed'],
    ['"str"', 'only finite numbers are allowed, not "str"'],
    ['evaluate("1")', 'function "evaluate" is not allowed'],
    ['unknownFn(1)', 'function "unknownFn" is not allowed'],
    ['[1,2]', 'an array is not allowed'],
    ['{a:1}', 'an object is not allowed'],
    ['a ? b : c', 'a conditional'],
    ['1:3', 'a range is not allowed'],
    ['a; b', 'several statements is not allowed'],
    ['this', 'unknown symbol "this"'],
    ['globalThis', 'unknown symbol "globalThis"'],
    ['process.exit(1)', 'function "process.exit" is not allowed'],
    ['canary()', 'function "canary" is not allowed'],
    ['__eolabCanary = 1', 'an assignment is not allowed'],
    ['a mod b', 'operator "mod" is not allowed'],
    ['a & b', 'operator "&" is not allowed'],
    ['a | b', 'operator "|" is not allowed'],
    ['5!', 'operator "!" is not allowed'],
    ["a'", 'operator "\'" is not allowed'],
    ['a < b < c', 'a chained comparison'],
    ['a to b', 'operator "to" is not allowed'],
    ['piecewise()', 'function "piecewise" takes 1–256 arguments'],
    ['sin(1, 2)', 'function "sin" takes 1 arguments'],
    ['Math.exp(1)', 'function "Math.exp" is not allowed'],
    ['factorial.constructor', 'property or index access'],
    ['1e400', 'only finite numbers are allowed, not Infinity'],
    ['1 +', 'syntax error'],
  ];
  const known = new Set(['x', 'a', 'b', 'c']);

  it.each(ATTEMPTS)('checkExpression rejects %j and names the problem', (text, problem) => {
    let caught: unknown;
    try {
      checkExpression('states.P.rate', text, known);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    const err = caught as ExpressionError;
    expect(err.path).toBe('states.P.rate');
    expect(err.expression).toBe(text);
    expect(err.message).toContain(`"${text}"`);
    expect(err.message.startsWith(`states.P.rate: ${problem}`), err.message).toBe(true);
    expect(canary.calls).toBe(0);
    expect(g.__eolabCanary).toBe(0);
  });

  it.each(ATTEMPTS)(
    'a model file with %j in a rate is rejected by validation and compilation, never run',
    (text) => {
      const raw = structuredClone(modelFile) as unknown as { states: Record<string, { rate: string }> };
      raw.states.P!.rate = text;
      const result = validateModel(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.path)).toContain('states.P.rate');
      // Compiling an unvalidated spec (bypassing validation) must fail the same way.
      const bypass = {
        ...getModel(),
        states: { ...getModel().states, P: { ...getModel().states.P!, rate: text } },
      };
      expect(() => compileModel(bypass as ModelSpec)).toThrow(ExpressionError);
      expect(canary.calls).toBe(0);
      expect(exitSpy).not.toHaveBeenCalled();
      expect(g.__eolabCanary).toBe(0);
    },
  );

  it('the canary itself works: calling it directly is seen', () => {
    (g.canary as () => void)();
    expect(canary.calls).toBe(1);
  });
});

describe('equations (LaTeX from the same trees)', () => {
  const spec = getModel();
  const model = compileModel(spec);

  it('has a dX/dt equation for every state and names every parameter by its LaTeX', () => {
    const eqs = model.equations();
    for (const name of model.stateNames) {
      const tex = spec.states[name]!.latex ?? name;
      expect(eqs.find((e) => e.path === `states.${name}`)?.lhs).toBe(`\\frac{d${tex}}{dt}`);
    }
    expect(eqs.map((e) => e.lhs)).toContain('\\frac{dP}{dt}');
    const all = eqs.map((e) => e.rhs).join(' ');
    for (const [name, par] of Object.entries(spec.parameters)) {
      expect(par.latex, `parameter ${name} has a LaTeX name`).toBeTruthy();
      expect(all, `parameter ${name}`).toContain(par.latex!);
    }
  });

  it('renders each right-hand side from the checked tree the solver code is generated from', () => {
    const names = new Map<string, string>();
    for (const section of [spec.states, spec.parameters, spec.inputs, spec.intermediates]) {
      for (const [name, item] of Object.entries(section)) if (item.latex) names.set(name, item.latex);
    }
    for (const eq of model.equations()) {
      const key = eq.path.startsWith('states.') ? `${eq.path}.rate` : `${eq.path}.expression`;
      const tree = model.expressions.get(key);
      expect(tree, key).toBeDefined();
      expect(eq.rhs).toBe(toLatex(tree!, { names }));
    }
    // A changed expression changes both the solver and the display.
    const edited = {
      ...spec,
      states: { ...spec.states, P: { ...spec.states.P!, rate: 'kP * re - (P - 1) / tauP / 2' } },
    };
    const other = compileModel(edited as ModelSpec);
    const eqP = other.equations().find((e) => e.path === 'states.P')!;
    expect(eqP.rhs).not.toBe(model.equations().find((e) => e.path === 'states.P')!.rhs);
    expect(eqP.rhs).toContain('2');
    const y = Float64Array.from([2, 1, 1, 1, 1]);
    const p = model.defaultParameters();
    const u = new Float64Array(2);
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    model.rhs(y, p, u, a);
    other.rhs(y, p, u, b);
    expect(b[0]).toBeCloseTo(a[0]! / 2, 15);
  });

  it('substitutes parameter values when given', () => {
    const values = Object.fromEntries(Object.entries(spec.parameters).map(([n, p]) => [n, p.value]));
    const eqs = model.equations(values);
    const rhsP = eqs.find((e) => e.path === 'states.P')!.rhs;
    const rhsR = eqs.find((e) => e.path === 'states.R')!.rhs;
    const fmt = (v: number) => String(Number(v.toPrecision(3)));
    expect(rhsP).toContain(fmt(spec.parameters.kP!.value));
    expect(rhsP).toContain(fmt(spec.parameters.tauP!.value));
    expect(rhsR).toContain(fmt(spec.parameters.tauR!.value));
    const all = eqs.map((e) => e.rhs).join(' ');
    for (const [name, par] of Object.entries(spec.parameters)) {
      expect(all, `parameter ${name} should be replaced by its value`).not.toContain(par.latex!);
    }
    // States and inputs stay symbolic.
    expect(rhsP).toContain('u_{RE}');
    expect(rhsP).toContain('P');
    // Without values, the symbols are back.
    expect(model.equations().find((e) => e.path === 'states.P')!.rhs).toContain('k_P');
  });
});

describe('the SBML-sized whitelist: piecewise, comparisons, logic, rounding, the trigonometric family', () => {
  const known = new Set(['x', 'y', 'z']);
  const slots = new Map<string, SymbolSlot>([
    ['x', { array: 'p', index: 0 }],
    ['y', { array: 'p', index: 1 }],
    ['z', { array: 'p', index: 2 }],
  ]);
  /** Evaluate an expression through the generated code, as the kernels do. */
  function run(text: string, x: number, y = 0, z = 0, t = 0): number {
    const js = treeToJavaScript(checkExpression('e', text, known).tree, slots);
    const f = new Function('factorial', `"use strict"; return (p, t) => ${js};`)(factorial) as (
      p: number[],
      t: number,
    ) => number;
    return f([x, y, z], t);
  }
  /** Each expression with the JavaScript a reader would write for it (the reference). */
  const CASES: readonly [string, (x: number, y: number, z: number, t: number) => number][] = [
    ['piecewise(x, y > 0, z)', (x, y, z) => (y > 0 ? x : z)],
    ['piecewise(1, x < 0, 2, x < 1, 3)', (x) => (x < 0 ? 1 : x < 1 ? 2 : 3)],
    ['piecewise(x, y >= 1)', (x, y) => (y >= 1 ? x : Number.NaN)],
    ['piecewise(x, t >= 60 and t < 80, 0)', (x, _y, _z, t) => (t >= 60 && t < 80 ? x : 0)],
    ['(x == y) + (x != y) * 2', (x, y) => Number(x === y) + Number(x !== y) * 2],
    ['(x <= y) - (x > y)', (x, y) => Number(x <= y) - Number(x > y)],
    ['x and y', (x, y) => Number(Boolean(x) && Boolean(y))],
    ['x or y', (x, y) => Number(Boolean(x) || Boolean(y))],
    ['x xor y', (x, y) => Number(Boolean(x) !== Boolean(y))],
    ['not x', (x) => Number(!x)],
    ['true + false * 2', () => 1],
    ['floor(x) + ceil(y)', (x, y) => Math.floor(x) + Math.ceil(y)],
    ['rem(x, y)', (x, y) => x % y],
    ['quotient(x, y)', (x, y) => Math.trunc(x / y)],
    ['factorial(4)', () => 24],
    ['log(x, 2) + log10(y) + log(z)', (x, y, z) => Math.log(x) / Math.log(2) + Math.log10(y) + Math.log(z)],
    ['nthRoot(x, 3)', (x) => x ** (1 / 3)],
    ['sin(x) + cos(y) + tan(z)', (x, y, z) => Math.sin(x) + Math.cos(y) + Math.tan(z)],
    ['sec(x) + csc(y) + cot(z)', (x, y, z) => 1 / Math.cos(x) + 1 / Math.sin(y) + 1 / Math.tan(z)],
    ['sinh(x) + cosh(y) + tanh(z)', (x, y, z) => Math.sinh(x) + Math.cosh(y) + Math.tanh(z)],
    ['sech(x) + csch(y) + coth(z)', (x, y, z) => 1 / Math.cosh(x) + 1 / Math.sinh(y) + 1 / Math.tanh(z)],
    ['asin(x / 4) + acos(x / 4) + atan(y)', (x, y) => Math.asin(x / 4) + Math.acos(x / 4) + Math.atan(y)],
    [
      'asec(y + 1) + acsc(y + 1) + acot(y)',
      (_x, y) => Math.acos(1 / (y + 1)) + Math.asin(1 / (y + 1)) + Math.atan(1 / y),
    ],
    [
      'asinh(x) + acosh(y + 1) + atanh(x / 4)',
      (x, y) => Math.asinh(x) + Math.acosh(y + 1) + Math.atanh(x / 4),
    ],
    [
      'asech(1 / (y + 2)) + acsch(y) + acoth(y + 2)',
      (_x, y) => Math.acosh(y + 2) + Math.asinh(1 / y) + Math.atanh(1 / (y + 2)),
    ],
    ['min(x) + max(x, y, z, 1)', (x, y, z) => x + Math.max(x, y, z, 1)],
    ['pi + e + 0 * Infinity * 0', () => Number.NaN],
    ['-x ^ 2 + (-x) ^ 2', () => 0],
  ];
  const rand = seededRandom(2024);

  it.each(CASES)('%s compiles to the reference on 200 draws (1e-12)', (text, ref) => {
    for (let k = 0; k < 200; k++) {
      const x = 4 * rand() - 2;
      const y = rand() < 0.2 ? 0 : 3 * rand() + 0.1;
      const z = rand() < 0.2 ? x : 2 * rand() + 0.1;
      const t = 120 * rand();
      const got = run(text, x, y, z, t);
      const want = ref(x, y, z, t);
      if (!(Object.is(got, want) || Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)))) {
        expect.fail(`${text} at x=${x}, y=${y}, z=${z}, t=${t}: ${got} vs ${want}`);
      }
    }
  });

  it('factorial is exact for 0…170, NaN for non-integers and negatives, Infinity beyond', () => {
    expect([0, 1, 5, 10].map(factorial)).toEqual([1, 1, 120, 3628800]);
    expect(factorial(170)).toBeGreaterThan(7.2e306);
    expect(factorial(2.5)).toBeNaN();
    expect(factorial(-1)).toBeNaN();
    expect(factorial(171)).toBe(Number.POSITIVE_INFINITY);
  });

  it('reads the time as t, and flags it', () => {
    const e = checkExpression('e', 'x * t', known);
    expect(e.usesTime).toBe(true);
    expect(e.symbols).toEqual(['x']);
    expect(checkExpression('e', 'x', known).usesTime).toBe(false);
  });

  it('renders piecewise as cases in LaTeX', () => {
    const tex = toLatex(checkExpression('e', 'piecewise(x, t >= 60, 0)', known));
    expect(tex).toContain('\\begin{cases}');
    expect(tex).toContain('\\text{if }');
    expect(tex).toContain('\\text{otherwise}');
  });

  it('a model with time switches reports them as solver stops', () => {
    const spec = structuredClone(getModel()) as unknown as Record<string, unknown>;
    const m = spec as unknown as {
      start?: string;
      intermediates: Record<string, { expression: string }>;
    };
    m.start = 'initial-values';
    m.intermediates.contraction!.expression = 'piecewise(1, t >= 60 and t < 2 * tauP, 0.5, 30 * t >= 600, 1)';
    const model = compileModel(m as unknown as ModelSpec);
    // 60, 2·tauP = 140 and 600 / 30 = 20 (minutes).
    expect(model.discontinuities(model.defaultParameters())).toEqual([20, 60, 140]);
    expect(model.discontinuities(model.parameterVector({ tauP: 100 }))).toEqual([20, 60, 200]);
  });
});

describe('printExpression: the text the SBML importer writes parses back to the same tree', () => {
  const names = ['a', 'b', 'c'];
  const known = new Set(names);
  const ops = (Object.keys(OPERATIONS) as Operation[]).filter((op) => op !== 'factorial');
  const tree: fc.Arbitrary<ExprTree> = fc.letrec<{ node: ExprTree }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((value) => ({
        kind: 'number' as const,
        value: Object.is(value, -0) ? 0 : value,
      })),
      fc.constantFrom(...names).map((name) => ({ kind: 'symbol' as const, name })),
      fc.constant({ kind: 'time' as const }),
      fc.constantFrom('pi', 'e', 'Infinity', 'NaN', 'true', 'false').map((name) => ({
        kind: 'constant' as const,
        name: name as 'pi',
      })),
      fc.constantFrom(...ops).chain((op) => {
        const spec = OPERATIONS[op];
        const max = Math.min(spec.maxArgs, 4);
        return fc
          .array(tie('node'), { minLength: spec.minArgs, maxLength: max })
          .map((args) => ({ kind: 'call' as const, op, args }));
      }),
    ),
  })).node;

  it('check(print(tree)) = tree for 5000 random trees', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const text = printExpression(t);
        expect(checkExpression('e', text, known).tree).toEqual(t);
      }),
      { numRuns: 5000, seed: 12 },
    );
  });

  it('prints with only the parentheses precedence needs', () => {
    const p = (text: string) => printExpression(checkExpression('e', text, known).tree);
    expect(p('a - (b + c)')).toBe('a - (b + c)');
    expect(p('(a - b) + c')).toBe('a - b + c');
    expect(p('(-a) ^ 2')).toBe('(-a) ^ 2');
    expect(p('-(a ^ 2)')).toBe('-a ^ 2');
    expect(p('a ^ (b ^ c)')).toBe('a ^ b ^ c');
    expect(p('(a < b) == (b < c)')).toBe('(a < b) == (b < c)');
    expect(p('not (a and b) or c')).toBe('not (a and b) or c');
    expect(p('piecewise(a, b > 0, -2)')).toBe('piecewise(a, b > 0, -2)');
    // A negated number stays an operation; a negative literal stays a number.
    expect(p('-(3)')).toBe('-(3)');
    expect(checkExpression('e', '-3', known).tree).toEqual({ kind: 'number', value: -3 });
  });
});
