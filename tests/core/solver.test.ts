/**
 * Solver failures are never silent, the run starts from a steady state, segments break at every
 * input switch, and readouts agree with an independent trapezoid on a fine grid.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { aucFold, foldVsControl, valueAt } from '../../src/analysis/readouts.ts';
import { compileModel } from '../../src/model/compile.ts';
import { studyProtocol } from '../../src/protocol/presets.ts';
import { type Protocol, toSegments } from '../../src/protocol/protocol.ts';
import { SimulationError } from '../../src/simulate/errors.ts';
import { buildProtocol } from '../../src/simulate/scenario.ts';
import { type SimulationResult, simulate } from '../../src/simulate/simulate.ts';
import { blowUp, fixtureSpec, linearTwoState, linearTwoStateJson } from '../fixtures/index.ts';

const spec = getModel();
const model = compileModel(spec);
const study = buildProtocol(model);

/** Run and return the SimulationError thrown (fails the test if the run returns anything). */
function failureOf(run: () => SimulationResult): SimulationError {
  let result: SimulationResult | undefined;
  let caught: unknown;
  try {
    result = run();
  } catch (err) {
    caught = err;
  }
  // No partial result: nothing is returned when the solver fails.
  expect(result).toBeUndefined();
  expect(caught).toBeInstanceOf(SimulationError);
  return caught as SimulationError;
}

function oneBout(
  kind: 'resistance' | 'endurance',
  start: number,
  duration: number,
  intensity: number,
): Protocol {
  return {
    tStart: 0,
    tEnd: 600,
    controlGroup: 'control',
    groups: [
      { id: 'control', label: 'Control', bouts: [] },
      { id: 'bout', label: 'One bout', bouts: [{ kind, start, duration, intensity }] },
    ],
    readout: { afterResistance: 180, aucWindows: [] },
  };
}

describe('solver failures', () => {
  const fixture = blowUp();
  const protocol = oneBout('resistance', 60, 60, 1);

  it('runs the blow-up fixture quietly with its defaults (the failures below are caused by the overrides)', () => {
    const result = simulate(fixture, protocol);
    expect(result.warnings).toEqual([]);
    expect(result.groups[1]!.series.x!.every(Number.isFinite)).toBe(true);
  });

  it('an overflowing state → non-finite, naming the state, the group, the time and the parameter', () => {
    const err = failureOf(() => simulate(fixture, protocol, { parameters: { g: 50 } }));
    expect(err.kind).toBe('non-finite');
    expect(err.groupId).toBe('bout');
    expect(err.time).toBeGreaterThanOrEqual(60);
    expect(err.time).toBeLessThanOrEqual(120);
    expect(err.message).toContain('(state x)');
    expect(err.message).toContain('group "One bout"');
    expect(err.likelyCause).toEqual({ parameter: 'g', value: 50, defaultValue: 0 });
    expect(err.message).toContain('likely cause: parameter g = 50 (default 0)');
  });

  it('a NaN rate → non-finite, naming that state (not the first or the largest one)', () => {
    const err = failureOf(() => simulate(fixture, protocol, { parameters: { k: 5 } }));
    expect(err.kind).toBe('non-finite');
    expect(err.message).toContain('(state y)');
    expect(err.likelyCause?.parameter).toBe('k');
  });

  it('a very stiff parameter choice (tauM = 1e-6) is solved by the stiff method, with a warning naming M', () => {
    const result = simulate(model, study, { parameters: { tauM: 1e-6 }, allowOutOfRange: true });
    expect(
      result.warnings.some((w) => /model is stiff .*state M.*Rosenbrock/.test(w)),
      result.warnings.join('\n'),
    ).toBe(true);
    // With a lag of 1e-6 min, MPS sits on its quasi-steady value A·C at rest (tolerance 1e-5 relative).
    const g = result.groups.find((x) => x.id === 're-ee')!;
    const at = g.events.find((e) => e.t === g.readoutTime)!;
    const idx = (name: string) => result.seriesNames.indexOf(name);
    const qss = at.values[idx('anabolic')]! * at.values[idx('C')]!;
    expect(Math.abs(at.values[idx('mps')]! / qss - 1)).toBeLessThan(1e-5);
  });

  it('a stiff choice that even the stiff method cannot finish in its step limit → stiff, naming tauM', () => {
    const err = failureOf(() =>
      simulate(model, study, { parameters: { tauM: 1e-6 }, allowOutOfRange: true, solver: { maxSteps: 3 } }),
    );
    expect(err.kind).toBe('stiff');
    expect(err.message).toMatch(/model became stiff/);
    expect(err.message).toContain('state M');
    expect(err.message).toContain(
      `likely cause: parameter tauM = 0.000001 (default ${spec.parameters.tauM!.value})`,
    );
    expect(err.likelyCause?.parameter).toBe('tauM');
  });

  it('a stiff choice in another state is solved too, and the warning names that state (tauP = 1e-6)', () => {
    const result = simulate(model, study, { parameters: { tauP: 1e-6 }, allowOutOfRange: true });
    expect(
      result.warnings.some((w) => /model is stiff .*state P/.test(w)),
      result.warnings.join('\n'),
    ).toBe(true);
    for (const g of result.groups)
      for (const col of Object.values(g.series)) expect(col.every(Number.isFinite)).toBe(true);
  });

  it('an out-of-range override that still solves runs, with a warning naming the parameter and range', () => {
    const tauM = spec.parameters.tauM!;
    const result = simulate(model, study, { parameters: { tauM: 1 }, allowOutOfRange: true });
    expect(result.warnings).toContain(
      `parameter tauM = 1 is outside its documented range [${tauM.min}, ${tauM.max}]`,
    );
    expect(result.parameters.tauM).toBe(1);
    for (const g of result.groups)
      for (const col of Object.values(g.series)) expect(col.every(Number.isFinite)).toBe(true);
  });

  it('the work bound → work-limit, before any result exists', () => {
    const err = failureOf(() => simulate(model, study, { maxEvaluations: 100 }));
    expect(err.kind).toBe('work-limit');
    expect(err.message).toContain('the work limit of 100 evaluations was reached');
    expect(err.groupId).toBe(study.groups[0]!.id);
  });

  it('the work bound counts the whole run, not one group', () => {
    const full = simulate(model, study);
    const perGroup = Math.max(...full.groups.map((g) => g.stats.evaluations));
    expect(full.stats.evaluations).toBeGreaterThan(perGroup);
    const err = failureOf(() => simulate(model, study, { maxEvaluations: perGroup + 1 }));
    expect(err.kind).toBe('work-limit');
  });

  it('the per-segment step limit → max-steps (ODEX alone; auto, RODAS4 gets 10× as many steps)', () => {
    const err = failureOf(() => simulate(model, study, { solver: { method: 'odex', maxSteps: 3 } }));
    expect(err.kind).toBe('max-steps');
    expect(err.message).toContain('more than 3 steps in one segment');
    const auto = failureOf(() => simulate(model, study, { solver: { maxSteps: 3 } }));
    expect(auto.kind).toBe('max-steps');
    expect(auto.message).toContain('more than 30 steps in one segment');
  });

  it('a failed run leaves nothing behind: the next run equals a fresh one', () => {
    const before = simulate(model, study);
    failureOf(() =>
      simulate(model, study, { parameters: { tauM: 1e-6 }, allowOutOfRange: true, solver: { maxSteps: 3 } }),
    );
    const after = simulate(model, study);
    for (const [i, g] of after.groups.entries()) {
      for (const name of after.seriesNames) expect(g.series[name]).toEqual(before.groups[i]!.series[name]);
    }
    expect(after.warnings).toEqual(before.warnings);
  });
});

describe('steady state at rest', () => {
  it('the default model starts at a steady state: no warning and zero drift over the whole window', () => {
    const result = simulate(model, study);
    expect(result.warnings.filter((w) => w.includes('steady'))).toEqual([]);
    const control = result.groups.find((g) => g.id === study.controlGroup)!;
    for (const name of model.stateNames) {
      const initial = spec.states[name]!.initial;
      expect(result.initialState[name]).toBe(initial);
      let drift = 0;
      for (const v of control.series[name]!) drift = Math.max(drift, Math.abs(v - initial));
      expect(drift, `state ${name}`).toBe(0);
    }
  });

  it('a model whose initial values are not steady: warning, and the run starts from the computed steady state', () => {
    const json = linearTwoStateJson() as { states: Record<string, { initial: number }> };
    json.states.x!.initial = 3;
    json.states.y!.initial = 2;
    const fixture = compileModel(fixtureSpec(json, 'non-steady'));
    const protocol = oneBout('resistance', 60, 20, 1);
    const result = simulate(fixture, protocol);
    const xb = fixture.spec.parameters.xb!.value;
    const yb = fixture.spec.parameters.yb!.value;
    expect(result.warnings.some((w) => /initial values are not a steady state/.test(w))).toBe(true);
    // Tolerance: the Newton iteration stops at |dy/dt|·72 h ≤ 1e-10·|y|.
    expect(Math.abs(result.initialState.x! - xb)).toBeLessThanOrEqual(1e-12 * xb);
    expect(Math.abs(result.initialState.y! - yb)).toBeLessThanOrEqual(1e-12 * yb);
    const control = result.groups[0]!;
    expect(Math.abs(control.series.x![0]! - xb)).toBeLessThanOrEqual(1e-12 * xb);
    expect(Math.abs(control.series.x![control.series.x!.length - 1]! - xb)).toBeLessThanOrEqual(1e-12 * xb);
    expect(result.basal.xo).toBeCloseTo(xb, 12);

    // `initial: 'spec'` keeps the file's values (and relaxes from them).
    const fromSpec = simulate(fixture, protocol, { initial: 'spec' });
    expect(fromSpec.warnings.some((w) => /steady state/.test(w))).toBe(false);
    expect(fromSpec.groups[0]!.series.x![0]).toBe(3);
    expect(fromSpec.groups[0]!.series.x![fromSpec.time.length - 1]).toBeLessThan(3);
  });

  it('a model with no steady state at rest fails with kind steady-state', () => {
    const json = linearTwoStateJson() as { states: Record<string, { rate: string }> };
    json.states.x!.rate = 'a * re + 0.001 + 0 * x';
    const fixture = compileModel(fixtureSpec(json, 'no-steady-state'));
    const err = failureOf(() => simulate(fixture, oneBout('resistance', 60, 20, 1)));
    expect(err.kind).toBe('steady-state');
    expect(err.message).toMatch(/no steady state found at rest/);
  });
});

describe('toSegments', () => {
  const protocol: Protocol = {
    tStart: 0,
    tEnd: 1000,
    controlGroup: 'control',
    groups: [
      { id: 'control', label: 'Control', bouts: [] },
      {
        id: 'mixed',
        label: 'Mixed',
        bouts: [
          { kind: 'endurance', start: 300, duration: 60, intensity: 0.7 },
          { kind: 'resistance', start: 100.5, duration: 20, intensity: 1.5 },
          { kind: 'resistance', start: 360, duration: 1, intensity: 0.5 },
          { kind: 'endurance', start: 940, duration: 60, intensity: 0.4 },
        ],
      },
    ],
    readout: { afterResistance: 180, aucWindows: [] },
  };
  const group = protocol.groups[1]!;

  it('breaks at every bout edge and every extra break inside the window, once each', () => {
    const segments = toSegments(protocol, group, [500, 100.5, -5, 1000, 2000, 777.25, 500]);
    const edges = [segments[0]!.t0, ...segments.map((s) => s.t1)];
    expect(edges).toEqual([0, 100.5, 120.5, 300, 360, 361, 500, 777.25, 940, 1000]);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.t0).toBe(segments[i - 1]!.t1);
  });

  it('sets the inputs of each segment from the bout covering it', () => {
    const segments = toSegments(protocol, group, [500]);
    const inputs = segments.map((s) => [s.t0, s.resistance, s.endurance]);
    expect(inputs).toEqual([
      [0, 0, 0],
      [100.5, 1.5, 0],
      [120.5, 0, 0],
      [300, 0, 0.7],
      [360, 0.5, 0],
      [361, 0, 0],
      [500, 0, 0],
      [940, 0, 0.4],
    ]);
  });

  it('a group without bouts is one segment per break', () => {
    expect(toSegments(protocol, protocol.groups[0]!)).toEqual([
      { t0: 0, t1: 1000, resistance: 0, endurance: 0 },
    ]);
    expect(toSegments(protocol, protocol.groups[0]!, [250]).map((s) => s.t1)).toEqual([250, 1000]);
  });

  it('simulate records an exact event at every segment edge (bouts, readout, AUC window edges; the control at every group’s)', () => {
    const result = simulate(model, study);
    const own = (g: (typeof result.groups)[number]) => [
      g.readoutTime,
      g.aucStart,
      ...study.readout.aucWindows.map((w) => g.aucStart + w),
    ];
    for (const g of result.groups) {
      const breaks = g.id === study.controlGroup ? result.groups.flatMap(own) : own(g);
      const segments = toSegments(study, g.group, breaks);
      expect(g.events.map((e) => e.t)).toEqual([study.tStart, ...segments.map((s) => s.t1)]);
    }
  });
});

describe('readouts vs an independent trapezoid on a fine grid (dt = 0.1)', () => {
  const fine = simulate(model, study, { dt: 0.1 });
  /** Relative tolerance; the trapezoid error at dt = 0.1 (kinks at bout edges included) is ≤ 2e-8 here. */
  const REL_TOL = 1e-6;

  /** Trapezoid of a series over [t0, t1] on the fine output grid. */
  function trapezoid(groupId: string, series: string, t0: number, t1: number): number {
    const g = fine.groups.find((x) => x.id === groupId)!;
    // End points: the exact event value where the group has one (every group at its own anchors,
    // the control at every group's).
    const at = (t: number) => valueAt(fine, groupId, series, t);
    let sum = 0;
    let prevT = t0;
    let prevV = at(t0);
    fine.time.forEach((t, i) => {
      if (t <= t0 + 1e-9 || t >= t1 - 1e-9) return;
      const v = g.series[series]![i]!;
      sum += 0.5 * (v + prevV) * (t - prevT);
      prevT = t;
      prevV = v;
    });
    return sum + 0.5 * (at(t1) + prevV) * (t1 - prevT);
  }

  it.each(['anabolic', 'regulator', 'mps'])('aucFold of %s over 24 h and 48 h', (series) => {
    for (const g of fine.groups) {
      for (const w of study.readout.aucWindows) {
        const t0 = g.aucStart;
        const expected =
          trapezoid(g.id, series, t0, t0 + w) / trapezoid(study.controlGroup, series, t0, t0 + w);
        const got = aucFold(fine, g.id, series, w);
        expect(Math.abs(got - expected) / expected, `${g.id} ${w} min`).toBeLessThanOrEqual(REL_TOL);
      }
    }
  });

  it.each(['anabolic', 'regulator', 'mps'])('foldVsControl of %s at the readout time', (series) => {
    for (const g of fine.groups) {
      const i = Math.round((g.readoutTime - fine.time[0]!) / fine.dt);
      expect(Math.abs(fine.time[i]! - g.readoutTime)).toBeLessThan(1e-9);
      const control = fine.groups.find((x) => x.id === study.controlGroup)!;
      const expected = g.series[series]![i]! / control.series[series]![i]!;
      const got = foldVsControl(fine, g.id, series);
      expect(Math.abs(got - expected) / expected, g.id).toBeLessThanOrEqual(REL_TOL);
    }
  });

  it('the readouts under test are not trivial (RE raises MPS, RE→EE lowers it at 3 h)', () => {
    expect(foldVsControl(fine, 're', 'mps')).toBeGreaterThan(1.2);
    expect(foldVsControl(fine, 're-ee', 'mps')).toBeLessThan(foldVsControl(fine, 're', 'mps'));
    expect(aucFold(fine, 're', 'mps', 1440)).toBeGreaterThan(1.05);
  });
});

describe('valueAt', () => {
  // dt = 7: bout edges at 60, 80, 140 … fall between grid points.
  const coarse = simulate(model, studyProtocol({ reIntensity: 1, eeIntensity: 0.7 }), { dt: 7 });

  it('returns the exact event value at every segment edge', () => {
    for (const g of coarse.groups) {
      for (const e of g.events) {
        coarse.seriesNames.forEach((name, si) => {
          expect(valueAt(coarse, g.id, name, e.t)).toBe(e.values[si]);
        });
      }
    }
  });

  it('at an edge between grid points, the event value is not the linear interpolation', () => {
    const g = coarse.groups.find((x) => x.id === 're')!;
    // RE ends at 80 (grid: 77, 84); MPS jumps in slope there, so interpolation is off.
    const end = g.events.find((e) => e.t === 80)!;
    const si = coarse.seriesNames.indexOf('M');
    const i = Math.floor(80 / 7);
    const w = (80 - coarse.time[i]!) / 7;
    const interpolated = g.series.M![i]! * (1 - w) + g.series.M![i + 1]! * w;
    expect(valueAt(coarse, 're', 'M', 80)).toBe(end.values[si]);
    expect(Math.abs(end.values[si]! - interpolated)).toBeGreaterThan(1e-4);
  });

  it('interpolates linearly between grid points elsewhere, and rejects times outside the output', () => {
    const g = coarse.groups.find((x) => x.id === 're')!;
    const v = valueAt(coarse, 're', 'M', 703.5);
    expect(v).toBeCloseTo(0.5 * (g.series.M![100]! + g.series.M![101]!), 14);
    expect(() => valueAt(coarse, 're', 'M', -1)).toThrow(/outside the simulated output/);
    expect(() => valueAt(coarse, 're', 'nope', 10)).toThrow(/unknown series: nope/);
  });
});

describe('linear fixture sanity', () => {
  it('the fixture used by the accuracy tests compiles with its two states', () => {
    expect(linearTwoState().stateNames).toEqual(['x', 'y']);
  });
});
