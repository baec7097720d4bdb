/**
 * `simulate` against a closed-form solution: the linear two-state fixture, whose exact solution
 * per constant-input segment is derived in `closed-form.ts`, checked against the accuracy
 * contract at the default tolerances: exact event values at segment boundaries and running
 * integrals (what readouts are made of) to `ACCURACY_CONTRACT.readout` (1e-8 relative), grid
 * samples (dense output, what charts draw) to `ACCURACY_CONTRACT.display` (1e-6 relative).
 */
import { describe, expect, it } from 'vitest';
import type { Bout, BoutKind, Group, Protocol } from '../../src/protocol/protocol.ts';
import { type SimulationResult, simulate } from '../../src/simulate/simulate.ts';
import { ACCURACY_CONTRACT } from '../../src/solve/segment.ts';
import { linearTwoState, seededRandom } from '../fixtures/index.ts';
import { type LinearParameters, linearExact } from './closed-form.ts';

/** Relative tolerance for values at solver stops and integrals (readouts). */
const REL_TOL = ACCURACY_CONTRACT.readout;
/** Relative tolerance for output samples between stops (display). */
const DISPLAY_TOL = ACCURACY_CONTRACT.display;

const model = linearTwoState();
const WINDOW = 72 * 60;

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

function paramsOf(result: SimulationResult): LinearParameters {
  const r = result.parameters;
  return { a: r.a!, b: r.b!, c: r.c!, tau1: r.tau1!, tau2: r.tau2!, xb: r.xb!, yb: r.yb! };
}

/** Largest relative error and where it is. */
interface Worst {
  error: number;
  where: string;
}

/**
 * Largest relative errors of every group against the closed form: at grid samples (display) and
 * at event values and integrals (readouts), kept apart because the contract differs.
 */
function worstErrors(result: SimulationResult): { display: Worst; readout: Worst } {
  const p = paramsOf(result);
  const { tStart } = result.protocol;
  const display: Worst = { error: 0, where: '' };
  const readout: Worst = { error: 0, where: '' };
  const note = (w: Worst, e: number, where: string) => {
    if (!(e <= w.error)) {
      w.error = e;
      w.where = where;
    }
  };
  const xi = result.seriesNames.indexOf('x');
  const yi = result.seriesNames.indexOf('y');
  for (const g of result.groups) {
    const bouts = g.group.bouts;
    result.time.forEach((t, i) => {
      const ex = linearExact(p, bouts, tStart, t);
      note(display, relErr(g.series.x![i]!, ex.x), `${g.id} x at grid t=${t}`);
      note(display, relErr(g.series.y![i]!, ex.y), `${g.id} y at grid t=${t}`);
      note(display, relErr(g.series.xo![i]!, ex.x), `${g.id} xo at grid t=${t}`);
      note(display, relErr(g.series.yo![i]!, ex.y), `${g.id} yo at grid t=${t}`);
    });
    for (const e of g.events) {
      const ex = linearExact(p, bouts, tStart, e.t);
      note(readout, relErr(e.values[xi]!, ex.x), `${g.id} x at event t=${e.t}`);
      note(readout, relErr(e.values[yi]!, ex.y), `${g.id} y at event t=${e.t}`);
      if (e.t > tStart) {
        note(readout, relErr(e.integrals[0]!, ex.ix), `${g.id} ∫x at event t=${e.t}`);
        note(readout, relErr(e.integrals[1]!, ex.iy), `${g.id} ∫y at event t=${e.t}`);
      }
    }
  }
  return { display, readout };
}

/** Check a run against the contract; returns the errors for reporting. */
function expectContract(result: SimulationResult, label: string): { display: Worst; readout: Worst } {
  const errors = worstErrors(result);
  expect(errors.readout.error, `${label}: worst readout at ${errors.readout.where}`).toBeLessThanOrEqual(
    REL_TOL,
  );
  expect(errors.display.error, `${label}: worst sample at ${errors.display.where}`).toBeLessThanOrEqual(
    DISPLAY_TOL,
  );
  return errors;
}

function protocolOf(groups: Group[], tStart = 0, tEnd = WINDOW): Protocol {
  return {
    tStart,
    tEnd,
    controlGroup: 'control',
    groups: [{ id: 'control', label: 'Control', bouts: [] }, ...groups],
    readout: { afterResistance: 180, aucWindows: [1440] },
  };
}

/** Random non-overlapping bouts of 1 min to 2 h anywhere in the window. */
function randomProtocol(rand: () => number): Protocol {
  const groups: Group[] = [];
  const nGroups = 1 + Math.floor(rand() * 3);
  for (let gi = 0; gi < nGroups; gi++) {
    const bouts: Bout[] = [];
    const nBouts = 1 + Math.floor(rand() * 4);
    let attempts = 0;
    while (bouts.length < nBouts && attempts++ < 100) {
      const kind: BoutKind = rand() < 0.5 ? 'resistance' : 'endurance';
      const duration = rand() < 0.25 ? 1 : 1 + rand() * 119;
      const start = rand() * (WINDOW - duration);
      const intensity = kind === 'resistance' ? 0.1 + 1.9 * rand() : 0.1 + 0.9 * rand();
      const clash = bouts.some((b) => start < b.start + b.duration && b.start < start + duration);
      if (!clash) bouts.push({ kind, start, duration, intensity });
    }
    groups.push({ id: `g${gi + 1}`, label: `Group ${gi + 1}`, bouts });
  }
  return protocolOf(groups);
}

/** Random parameters inside the fixture's ranges, with τ1 and τ2 kept apart (closed form needs τ1 ≠ τ2). */
function randomParameters(rand: () => number): Record<string, number> {
  const logUniform = (lo: number, hi: number) => lo * (hi / lo) ** rand();
  let tau1 = logUniform(5, 600);
  let tau2 = logUniform(5, 1440);
  while (Math.abs(tau1 - tau2) < 0.1 * Math.max(tau1, tau2)) {
    tau1 = logUniform(5, 600);
    tau2 = logUniform(5, 1440);
  }
  return { a: 0.005 + 0.195 * rand(), b: 0.005 + 0.195 * rand(), c: 0.001 + 0.049 * rand(), tau1, tau2 };
}

describe('simulate (linear fixture vs closed form)', () => {
  it('meets the contract on 20 random protocols (readouts 1e-8, samples 1e-6), with and without samples', () => {
    const rand = seededRandom(20140510);
    let bouts = 0;
    let worstReadout = 0;
    let worstSample = 0;
    for (let k = 0; k < 20; k++) {
      const protocol = randomProtocol(rand);
      const parameters = randomParameters(rand);
      bouts += protocol.groups.reduce((n, g) => n + g.bouts.length, 0);
      const e = expectContract(simulate(model, protocol, { parameters }), `protocol ${k}`);
      // Readouts only (one grid step for the whole window: no dense output), as sweeps run.
      const bare = simulate(model, protocol, { parameters, dt: protocol.tEnd - protocol.tStart });
      const b = expectContract(bare, `protocol ${k}, readouts only`);
      worstReadout = Math.max(worstReadout, e.readout.error, b.readout.error);
      worstSample = Math.max(worstSample, e.display.error);
    }
    console.log(
      `closed form, 20 random protocols: worst readout ${worstReadout.toExponential(1)}, worst sample ${worstSample.toExponential(1)}`,
    );
    // The random protocols really exercise the solver: dozens of bouts in all.
    expect(bouts).toBeGreaterThan(40);
  });

  it('matches the closed form for bouts touching the window edges', () => {
    const protocol = protocolOf([
      {
        id: 'edges',
        label: 'Edges',
        bouts: [
          { kind: 'resistance', start: 0, duration: 120, intensity: 2 },
          { kind: 'endurance', start: WINDOW - 120, duration: 120, intensity: 1 },
        ],
      },
      {
        id: 'back-to-back',
        label: 'Back to back',
        bouts: [
          { kind: 'endurance', start: 600, duration: 60, intensity: 0.7 },
          { kind: 'resistance', start: 660, duration: 20, intensity: 1 },
        ],
      },
    ]);
    expectContract(simulate(model, protocol), 'edges');
  });

  it('never misses a 1-minute bout between grid points (dt = 5)', () => {
    const re: Bout = { kind: 'resistance', start: 1002, duration: 1, intensity: 1 };
    const ee: Bout = { kind: 'endurance', start: 2001.5, duration: 1, intensity: 1 };
    const protocol = protocolOf([{ id: 'short', label: 'Short bouts', bouts: [re, ee] }]);
    const result = simulate(model, protocol, { dt: 5 });
    const p = paramsOf(result);
    const g = result.groups.find((x) => x.id === 'short')!;
    const at = (t: number) => result.time.indexOf(t);
    // Grid points 1000 and 1005 bracket the RE bout; 2000 and 2005 bracket the EE bout.
    expect(g.series.x![at(1000)]).toBe(p.xb);
    expect(g.series.x![at(1005)]! - p.xb).toBeGreaterThan(0.01);
    expect(g.series.y![at(2005)]! - linearExact(p, [re], 0, 2005).y).toBeGreaterThan(0.01);
    for (const t of [1005, 1010, 2005, 2010]) {
      const ex = linearExact(p, [re, ee], 0, t);
      expect(relErr(g.series.x![at(t)]!, ex.x), `x at ${t}`).toBeLessThanOrEqual(DISPLAY_TOL);
      expect(relErr(g.series.y![at(t)]!, ex.y), `y at ${t}`).toBeLessThanOrEqual(DISPLAY_TOL);
    }
    // The bout edges are exact events, at the exact times.
    for (const t of [1002, 1003, 2001.5, 2002.5]) {
      const e = g.events.find((x) => x.t === t);
      expect(e, `event at ${t}`).toBeDefined();
      const ex = linearExact(p, [re, ee], 0, t);
      expect(relErr(e!.values[0]!, ex.x), `x at event ${t}`).toBeLessThanOrEqual(REL_TOL);
      expect(relErr(e!.values[1]!, ex.y), `y at event ${t}`).toBeLessThanOrEqual(REL_TOL);
    }
    // At the end of the RE bout, x has risen by a·τ1·(1 − e^{−1/τ1}).
    const end = g.events.find((x) => x.t === 1003)!;
    expect(relErr(end.values[0]! - p.xb, p.a * p.tau1 * -Math.expm1(-1 / p.tau1))).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    { tStart: 0, tEnd: WINDOW, dt: 5 },
    { tStart: 10, tEnd: WINDOW, dt: 0.3 },
    { tStart: 0, tEnd: 1000, dt: 7 / 3 },
    // 200 · 1.1 = 220.00000000000003 > 220: the last sample sits a rounding error past tEnd.
    { tStart: 0, tEnd: 220, dt: 1.1 },
  ])('samples on the exact grid t0 + i·dt and fills every sample (%o)', ({ tStart, tEnd, dt }) => {
    const bout: Bout = { kind: 'resistance', start: tStart + 30, duration: 20, intensity: 1 };
    const protocol = protocolOf([{ id: 're', label: 'RE', bouts: [bout] }], tStart, tEnd);
    const result = simulate(model, protocol, { dt });
    const n = result.time.length;
    // Every i with t0 + i·dt ≤ tEnd, and no more.
    expect(tStart + (n - 1) * dt).toBeLessThanOrEqual(tEnd);
    expect(tStart + n * dt).toBeGreaterThan(tEnd);
    expect(n).toBeGreaterThanOrEqual(Math.floor((tEnd - tStart) / dt));
    for (let i = 0; i < n; i++) {
      if (result.time[i] !== tStart + i * dt) {
        expect.fail(`time[${i}] = ${result.time[i]}, expected exactly ${tStart + i * dt}`);
      }
    }
    expectContract(result, `grid ${tStart}..${tEnd} step ${dt}`);
  });
});
