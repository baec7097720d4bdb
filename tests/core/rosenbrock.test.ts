/**
 * The stiff method (RODAS4, `src/solve/rosenbrock.ts`) and the method selection
 * (`auto`, `src/solve/methods.ts`): measured order and accuracy against closed forms, stiff problems an
 * explicit method cannot finish, dense output, and every failure as an explicit outcome.
 */
import { describe, expect, it } from 'vitest';
import { integrateSegment, SolveOutcome } from '../../src/solve/index.ts';
import { integrateStiffSegment, STIFF_TOLERANCE_FLOOR } from '../../src/solve/rosenbrock.ts';

/** The default method (`auto`): ODEX, RODAS4 when ODEX gives up. */
const solveSegment = (problem: Parameters<typeof integrateSegment>[0]) => integrateSegment(problem);

/** y' = −y + sin t, y(0) = 1: y = (sin t − cos t)/2 + 1.5 e^−t. */
const forced = {
  f: (t: number, y: ArrayLike<number>, dy: Float64Array) => {
    dy[0] = -y[0]! + Math.sin(t);
  },
  exact: (t: number) => (Math.sin(t) - Math.cos(t)) / 2 + 1.5 * Math.exp(-t),
};

/** Prothero–Robinson, stiffness 1e6: y' = −1e6 (y − cos t) − sin t, y = cos t. */
const prothero = (t: number, y: ArrayLike<number>, dy: Float64Array) => {
  dy[0] = -1e6 * (y[0]! - Math.cos(t)) - Math.sin(t);
};

/** Robertson's chemical kinetics (Hairer & Wanner's classic stiff test, rates up to 3e7). */
const robertson = (_t: number, y: ArrayLike<number>, dy: Float64Array) => {
  const [a, b, c] = [y[0]!, y[1]!, y[2]!];
  dy[0] = -0.04 * a + 1e4 * b * c;
  dy[1] = 0.04 * a - 1e4 * b * c - 3e7 * b * b;
  dy[2] = 3e7 * b * b;
};

describe('RODAS4', () => {
  it('is fourth order: 10× tighter tolerance costs ~10^(1/4)× the steps; the error follows the tolerance', () => {
    const rows = [1e-3, 1e-4, 1e-5, 1e-6, 1e-7].map((tol) => {
      // The floor is lifted for the measurement by asking for tolerances above it.
      const r = integrateStiffSegment(
        {
          f: forced.f,
          t0: 0,
          t1: 10,
          y0: [1],
        },
        { relativeTolerance: tol, absoluteTolerance: tol },
      );
      expect(r.outcome).toBe(SolveOutcome.Ok);
      return { tol, steps: r.stats.accepted, error: Math.abs(r.y[0]! - forced.exact(10)) };
    });
    console.log(
      `RODAS4 on y' = −y + sin t over [0, 10]: ${rows.map((r) => `tol ${r.tol}: ${r.steps} steps, error ${r.error.toExponential(1)}`).join('; ')}`,
    );
    for (const r of rows) expect(r.error).toBeLessThan(10 * r.tol);
    // Steps grow like tol^(−1/4) (order 4) with the order-3 error estimate: between 1.4× and 2.5× per decade.
    const growth = (rows[4]!.steps / rows[0]!.steps) ** (1 / 4);
    expect(growth).toBeGreaterThan(1.3);
    expect(growth).toBeLessThan(2.5);
  });

  it('solves a stiffness-1e6 problem in tens of steps to 1e-7, samples inside steps to 1e-7 too', () => {
    const samples: [number, number][] = [];
    const r = integrateStiffSegment({
      f: prothero,
      t0: 0,
      t1: 20,
      y0: [1],
      sampleTimes: [0.5, 7.25, 13, 20],
      onSample: (_i, t, y) => samples.push([t, y[0]!]),
    });
    expect(r.outcome).toBe(SolveOutcome.Ok);
    expect(r.stats.accepted).toBeLessThan(300);
    expect(Math.abs(r.y[0]! - Math.cos(20))).toBeLessThan(1e-7);
    expect(samples.map(([t]) => t)).toEqual([0.5, 7.25, 13, 20]);
    const worst = Math.max(...samples.map(([t, v]) => Math.abs(v - Math.cos(t))));
    console.log(
      `RODAS4, Prothero–Robinson (stiffness 1e6) over [0, 20]: ${r.stats.accepted} steps, end error ${Math.abs(r.y[0]! - Math.cos(20)).toExponential(1)}, sample error ≤ ${worst.toExponential(1)}`,
    );
    expect(worst).toBeLessThan(1e-7);
  });

  it('solves Robertson over [0, 40] to the published reference values (Hairer & Wanner) within 1e-6 relative', () => {
    const r = integrateStiffSegment({ f: robertson, t0: 0, t1: 40, y0: [1, 0, 0] });
    expect(r.outcome).toBe(SolveOutcome.Ok);
    // Reference at t = 40 (Hairer & Wanner's tables for this test problem).
    const ref = [0.715827068719394, 9.18553476455734e-6, 0.284163745745841];
    for (const [i, v] of ref.entries()) expect(Math.abs(r.y[i]! / v - 1), `y${i + 1}`).toBeLessThan(1e-6);
    expect(r.y[0]! + r.y[1]! + r.y[2]!).toBeCloseTo(1, 12);
  });

  it('reports non-finite values, the step limit and the work limit as outcomes', () => {
    const blowUp = integrateStiffSegment({
      f: (_t, y, dy) => {
        dy[0] = y[0]! * y[0]!;
      },
      t0: 0,
      t1: 2,
      y0: [1],
    });
    expect([SolveOutcome.NonFinite, SolveOutcome.StepCollapse, SolveOutcome.MaxSteps]).toContain(
      blowUp.outcome,
    );
    expect(blowUp.t).toBeLessThan(1.0000001);
    const steps = integrateStiffSegment(
      {
        f: robertson,
        t0: 0,
        t1: 40,
        y0: [1, 0, 0],
      },
      { maxSteps: 1 },
    );
    expect(steps.outcome).toBe(SolveOutcome.MaxSteps);
    const work = integrateStiffSegment({ f: robertson, t0: 0, t1: 40, y0: [1, 0, 0], evaluationBudget: 50 });
    expect(work.outcome).toBe(SolveOutcome.WorkLimit);
    expect(STIFF_TOLERANCE_FLOOR.relative).toBeGreaterThan(0);
  });
});

describe('the auto method (ODEX, then RODAS4)', () => {
  it('keeps ODEX on a non-stiff problem', () => {
    const r = solveSegment({ f: forced.f, t0: 0, t1: 10, y0: [1] });
    expect(r.method).toBe('odex');
    expect(Math.abs(r.y[0]! - forced.exact(10))).toBeLessThan(1e-10);
  });

  it('switches to RODAS4 when ODEX gives up on a stiff problem, and says so', () => {
    const r = solveSegment({ f: robertson, t0: 0, t1: 40, y0: [1, 0, 0] });
    expect(r.outcome).toBe(SolveOutcome.Ok);
    expect(r.method).toBe('rosenbrock');
    expect(Math.abs(r.y[0]! / 0.7158270687193941 - 1)).toBeLessThan(1e-6);
  });

  it('an empty system needs no solver and still delivers its samples', () => {
    const seen: number[] = [];
    const r = solveSegment({
      f: () => {},
      t0: 0,
      t1: 3,
      y0: [],
      sampleTimes: [0, 1, 2, 3],
      onSample: (_i, t) => seen.push(t),
    });
    expect(r.method).toBe('none');
    expect(r.outcome).toBe(SolveOutcome.Ok);
    expect(seen).toEqual([1, 2, 3]);
  });
});
