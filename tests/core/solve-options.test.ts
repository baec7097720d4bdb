/**
 * Solver options are checked where they enter (`simulate`, `sweepGrid`, `studyReadouts`, and
 * the solve layer itself): a tolerance that is NaN, zero or negative, a step limit that is not a
 * positive integer, or an unknown option is a `SolverOptionError` naming the option and the
 * value — never a raw TypeError from inside odex or a misleading "infinite or NaN" failure. Also:
 * the odex 3 adapter's handling of the step limit (it throws; mapped to `max-steps`) and of a
 * NaN step size inside odex (restart from the last accepted step).
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { studyReadouts } from '../../src/analysis/sensitivity.ts';
import { sweepGrid } from '../../src/analysis/sweep.ts';
import { compileModel } from '../../src/model/compile.ts';
import { buildProtocol } from '../../src/simulate/scenario.ts';
import { prepareRun, STEP_SCALES } from '../../src/simulate/setup.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { OdexIntegrator } from '../../src/solve/odex-solver.ts';
import {
  DEFAULT_SOLVE_OPTIONS,
  REFERENCE_SOLVE_OPTIONS,
  resolveSolveOptions,
  SolveOutcome,
  SolverOptionError,
} from '../../src/solve/segment.ts';

const model = compileModel(getModel());
const study = buildProtocol(model, 'study');

/** The error `run` throws (fails the test if it returns). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('resolveSolveOptions', () => {
  it.each([
    ['relativeTolerance', Number.NaN, 'must be a finite number > 0'],
    ['relativeTolerance', 0, 'must be a finite number > 0'],
    ['relativeTolerance', -1e-9, 'must be a finite number > 0'],
    ['absoluteTolerance', 0, 'must be a finite number > 0'],
    ['absoluteTolerance', Number.POSITIVE_INFINITY, 'must be a finite number > 0'],
    ['maxSteps', 0, 'must be an integer > 0'],
    ['maxSteps', -5, 'must be an integer > 0'],
    ['maxSteps', 2.5, 'must be an integer > 0'],
    ['maxStep', 0, 'must be a number > 0 (minutes; Infinity for none)'],
    ['minStepFraction', 1, 'must be a number in [0, 1)'],
    ['initialStep', Number.NaN, 'must be a finite number > 0 (minutes)'],
  ] as const)('%s = %s is a SolverOptionError naming both', (option, value, rule) => {
    const err = thrown(() => resolveSolveOptions({ [option]: value }, 'simulate options.solver'));
    expect(err).toBeInstanceOf(SolverOptionError);
    const e = err as SolverOptionError;
    expect(e.option).toBe(option);
    expect(Object.is(e.value, value)).toBe(true);
    expect(e.message).toBe(
      `invalid solver option ${option}: ${String(value)} (${rule}) in simulate options.solver`,
    );
  });

  it('names an unknown option and lists the known ones; a good set resolves over the defaults', () => {
    expect(() => resolveSolveOptions({ rtol: 1e-9 } as never)).toThrow(
      /invalid solver option rtol: 1e-9 \(unknown option; options: method, relativeTolerance, absoluteTolerance, maxStep, initialStep, maxSteps, minStepFraction\)/,
    );
    expect(resolveSolveOptions({ relativeTolerance: 1e-8 })).toEqual({
      ...DEFAULT_SOLVE_OPTIONS,
      relativeTolerance: 1e-8,
    });
    expect(resolveSolveOptions(undefined)).toEqual(DEFAULT_SOLVE_OPTIONS);
  });
});

describe('bad solver options at the API boundary', () => {
  it('simulate: NaN tolerance → SolverOptionError before anything runs (was a raw TypeError)', () => {
    const err = thrown(() => simulate(model, study, { solver: { relativeTolerance: Number.NaN } }));
    expect(err).toBeInstanceOf(SolverOptionError);
    expect((err as Error).message).toMatch(/^invalid solver option relativeTolerance: NaN/);
  });

  it('simulate: both tolerances 0 → names relativeTolerance (was "infinite or NaN")', () => {
    const err = thrown(() =>
      simulate(model, study, { solver: { relativeTolerance: 0, absoluteTolerance: 0 } }),
    );
    expect(err).toBeInstanceOf(SolverOptionError);
    expect((err as Error).message).not.toMatch(/infinite or NaN/);
    expect((err as SolverOptionError).option).toBe('relativeTolerance');
  });

  it('simulate: maxSteps 0 → SolverOptionError naming maxSteps', () => {
    const err = thrown(() => simulate(model, study, { solver: { maxSteps: 0 } }));
    expect((err as SolverOptionError).option).toBe('maxSteps');
  });

  it('studyReadouts and a map cell report it too (a map fails every cell with the message)', () => {
    expect(() => studyReadouts(model, { solver: { absoluteTolerance: -1 } })).toThrow(SolverOptionError);
    const r = sweepGrid({
      model,
      x: [0, 60],
      y: [0.7],
      xAxis: 'gap',
      yAxis: 'eeIntensity',
      metric: 'mps3h',
      solver: { relativeTolerance: Number.NaN },
    });
    expect(r.failures).toHaveLength(2);
    expect(r.failures[0]!.message).toMatch(/invalid solver option relativeTolerance: NaN/);
  });
});

describe('step scales of a run', () => {
  it('caps steps at 3 and starts at 0.1 relaxation times (powers of √2 below), keeping tighter caller values', () => {
    expect(STEP_SCALES).toEqual({ maxSteps: 3, firstStep: 0.1 });
    // Default model: the fastest state at rest is M (tauM = 45 min): 135 → 128, 4.5 → 4.
    const base = prepareRun(model, {}, 0).integrator.options;
    expect(base.maxStep).toBeCloseTo(128, 9);
    expect(base.initialStep).toBeCloseTo(4, 9);
    // tauM = 10 min: 30 → 22.6, 1 → 0.71.
    const fast = prepareRun(model, { parameters: { tauM: 10 } }, 0).integrator.options;
    expect(fast.maxStep).toBeCloseTo(16 * Math.SQRT2, 9);
    expect(fast.initialStep).toBeCloseTo(Math.SQRT1_2, 9);
    const caller = prepareRun(model, { solver: { maxStep: 30, initialStep: 0.5 } }, 0).integrator.options;
    expect(caller.maxStep).toBe(30);
    expect(caller.initialStep).toBe(0.5);
    expect(base.relativeTolerance).toBe(DEFAULT_SOLVE_OPTIONS.relativeTolerance);
  });
});

describe('the odex adapter', () => {
  const f = (_t: number, y: ArrayLike<number>, dy: Float64Array) => {
    dy[0] = -y[0]!;
  };

  it('maps odex 3 throwing on its step limit to the max-steps outcome, with the state reached', () => {
    const integrator = new OdexIntegrator(resolveSolveOptions({ maxSteps: 3, maxStep: 1 }));
    const sol = integrator.integrate({ f, t0: 0, t1: 100, y0: [1] });
    expect(sol.outcome).toBe(SolveOutcome.MaxSteps);
    expect(sol.t).toBeGreaterThan(0);
    expect(sol.t).toBeLessThan(100);
    expect(Math.abs(sol.y[0]! - Math.exp(-sol.t))).toBeLessThan(1e-8);
  });

  it('writes the end state into yOut and reuses one warm solver per layout', () => {
    const integrator = new OdexIntegrator(resolveSolveOptions({}));
    const out = new Float64Array(1);
    const sol = integrator.integrate({ f, t0: 0, t1: 2, y0: [1], yOut: out });
    expect(sol.y).toBe(out);
    // Contract: readouts within 1e-8 relative (exact solution e^-2).
    expect(Math.abs(out[0]! / Math.exp(-2) - 1)).toBeLessThan(1e-8);
    const again = integrator.integrate({ f, t0: 0, t1: 2, y0: [1] });
    expect(again.y[0]).toBe(out[0]);
  });

  it('restarts from the last accepted step when odex 3.0.0-rc.4 turns its step size into NaN', () => {
    // On a fresh solver at the reference tolerances, dense output rejects the last step of the
    // RE→EE group's rest after EE at a high extrapolation order, and odex then reads a step
    // estimate it never computed (NaN). Found by the contract tests; reproduced here directly.
    const reference = simulate(model, study, { solver: REFERENCE_SOLVE_OPTIONS });
    const group = reference.groups.find((g) => g.id === 're-ee')!;
    const start = group.events.find((e) => e.t === 140)!;
    const p = model.parameterVector();
    const u = new Float64Array(model.inputNames.length);
    const y0 = new Float64Array(model.stateNames.length + model.observableNames.length);
    y0.set(start.values.subarray(0, model.stateNames.length));
    y0.set(start.integrals, model.stateNames.length);
    const integrator = new OdexIntegrator(resolveSolveOptions(REFERENCE_SOLVE_OPTIONS));
    const sol = integrator.integrate({
      f: (_t, y, dy) => model.rhsWithObservables(y, p, u, dy),
      t0: 140,
      t1: 260,
      y0,
      sampleTimes: reference.time,
      onSample: () => {},
      denseComponents: model.stateNames.map((_, i) => i),
    });
    expect(sol.outcome).toBe(SolveOutcome.Ok);
    expect(sol.stats.restarts).toBeGreaterThanOrEqual(1);
    const end = group.events.find((e) => e.t === 260)!;
    expect(Math.abs(sol.y[4]! / end.values[4]! - 1)).toBeLessThan(1e-8);
  });
});
