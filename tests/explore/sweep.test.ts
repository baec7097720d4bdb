import { describe, expect, it } from 'vitest';
import {
  aucFold,
  axisInfo,
  axisValues,
  buildProtocol,
  checkSweep,
  compileModel,
  foldVsControl,
  getModel,
  interferenceCell,
  orderedGroup,
  presetParameters,
  simulate,
  sweepGrid,
} from '../../src/index.ts';

const model = compileModel(getModel());
/** Relative tolerance for "the map equals an independent simulation". */
const REL = 1e-9;

/** The same readout from one full five-group run of the study design (no sweep code involved). */
function independent(
  gap: number,
  metric: 'mps3h' | 'auc24',
  settings = {},
  parameters = {},
  preset?: string,
): number {
  const protocol = buildProtocol(model, 'study', { ...settings, gap: Math.abs(gap) }, preset);
  const result = simulate(model, protocol, { parameters, dt: 5 });
  const group = gap < 0 ? 'ee-re' : 're-ee';
  return metric === 'mps3h'
    ? foldVsControl(result, group, 'mps') / foldVsControl(result, 're', 'mps')
    : aucFold(result, group, 'mps', 1440) / aucFold(result, 're', 'mps', 1440);
}

describe('orderedGroup', () => {
  it('maps a positive gap to RE→EE, a negative one to EE→RE and 0 to RE→EE', () => {
    expect(orderedGroup(90)).toBe('re-ee');
    expect(orderedGroup(-90)).toBe('ee-re');
    expect(orderedGroup(0)).toBe('re-ee');
  });
});

describe('axisValues', () => {
  it('spaces values linearly from their index, ends exact', () => {
    const v = axisValues(-720, 720, 61);
    expect(v).toHaveLength(61);
    expect(v[0]).toBe(-720);
    expect(v[30]).toBe(0);
    expect(v[60]).toBe(720);
  });
  it('spaces a log axis geometrically', () => {
    const v = axisValues(10, 1000, 3, 'log');
    expect(v[1]).toBeCloseTo(100, 9);
    expect(v[2]).toBe(1000);
  });
  it('rejects a non-positive log range and a bad count', () => {
    expect(() => axisValues(0, 1, 3, 'log')).toThrow(/invalid log range/);
    expect(() => axisValues(0, 1, 0)).toThrow(/invalid count/);
  });
});

describe('axisInfo', () => {
  it('describes gap, settings and parameters from the model', () => {
    expect(axisInfo(model, 'gap').kind).toBe('gap');
    expect(axisInfo(model, 'eeIntensity')).toMatchObject({ kind: 'setting', min: 0, max: 1 });
    expect(axisInfo(model, 'tauR')).toMatchObject({ kind: 'parameter', min: 15, max: 240, scale: 'log' });
  });
  it('names the unknown axis and the choices', () => {
    expect(() => axisInfo(model, 'nope')).toThrow(/unknown axis: nope \(axes: gap, eeDuration.*tauR/);
  });
});

describe('interferenceCell', () => {
  it.each([
    [-600, 'mps3h'],
    [-90, 'mps3h'],
    [0, 'mps3h'],
    [45, 'mps3h'],
    [150, 'mps3h'],
    [400, 'mps3h'],
    [-720, 'auc24'],
    [720, 'auc24'],
    [-90, 'auc24'],
    [0, 'auc24'],
    [120, 'auc24'],
  ] as const)('gap %d, %s equals an independent five-group simulation', (gap, metric) => {
    const want = independent(gap, metric);
    expect(Math.abs(interferenceCell(model, { gap, metric }) / want - 1)).toBeLessThan(REL);
  });

  it('applies a setting axis and a parameter axis like the protocol and parameter overrides', () => {
    const a = interferenceCell(model, { gap: 30, metric: 'mps3h', axis: 'eeDuration', value: 90 });
    expect(Math.abs(a / independent(30, 'mps3h', { eeDuration: 90 }) - 1)).toBeLessThan(REL);
    const b = interferenceCell(model, { gap: 30, metric: 'mps3h', axis: 'tauR', value: 80 });
    // EE for 3 h starting 1 h after RE runs across the 3-h readout.
    const c = interferenceCell(model, { gap: 60, metric: 'mps3h', axis: 'eeDuration', value: 180 });
    expect(Math.abs(c / independent(60, 'mps3h', { eeDuration: 180 }) - 1)).toBeLessThan(REL);
    expect(Math.abs(b / independent(30, 'mps3h', {}, { tauR: 80 }) - 1)).toBeLessThan(REL);
  });

  it('shows the study: RE→EE back to back lowers MPS at 3 h, EE→RE back to back does not', () => {
    expect(interferenceCell(model, { gap: 0, metric: 'mps3h' })).toBeLessThan(0.85);
    expect(Math.abs(interferenceCell(model, { gap: -1e-9, metric: 'mps3h' }) - 1)).toBeLessThan(0.1);
  });
});

describe('sweepGrid', () => {
  const x = axisValues(-360, 360, 7);
  const y = axisValues(0.5, 0.9, 3);

  it('covers the grid x-fastest and every sampled cell equals an independent simulation', () => {
    const r = sweepGrid({ model, x, y, xAxis: 'gap', yAxis: 'eeIntensity', metric: 'mps3h' });
    expect(r.values).toHaveLength(21);
    expect(r.failures).toEqual([]);
    for (const [i, j] of [
      [0, 0],
      [3, 1],
      [4, 2],
      [6, 2],
      [2, 1],
    ] as const) {
      const want = independent(x[i]!, 'mps3h', { eeIntensity: y[j]! });
      expect(Math.abs(r.values[j * x.length + i]! / want - 1)).toBeLessThan(REL);
    }
  });

  it('matches single cells with a parameter on y and a parameter preset (reference per row)', () => {
    const spec = getModel();
    const preset = Object.keys(spec.parameterPresets)[0];
    const parameters = presetParameters(spec, preset, {});
    const yk = axisValues(40, 80, 2);
    const r = sweepGrid({
      model,
      x,
      y: yk,
      xAxis: 'gap',
      yAxis: 'tauR',
      metric: 'auc24',
      parameters,
      parameterPreset: preset,
    });
    for (let j = 0; j < yk.length; j++) {
      for (const i of [1, 4]) {
        const cell = interferenceCell(model, {
          gap: x[i]!,
          metric: 'auc24',
          axis: 'tauR',
          value: yk[j]!,
          parameters,
          parameterPreset: preset,
        });
        expect(Math.abs(r.values[j * x.length + i]! / cell - 1)).toBeLessThan(REL);
      }
    }
  });

  it('computes only the requested range (worker chunk)', () => {
    const full = sweepGrid({ model, x, y, xAxis: 'gap', yAxis: 'eeIntensity', metric: 'mps3h' });
    const part = sweepGrid({
      model,
      x,
      y,
      xAxis: 'gap',
      yAxis: 'eeIntensity',
      metric: 'mps3h',
      range: { start: 5, end: 12 },
    });
    expect(part.start).toBe(5);
    expect(Array.from(part.values)).toEqual(Array.from(full.values.slice(5, 12)));
  });

  it('reports progress and stops when cancelled', () => {
    const seen: number[] = [];
    expect(() =>
      sweepGrid({
        model,
        x,
        y,
        xAxis: 'gap',
        yAxis: 'eeIntensity',
        metric: 'mps3h',
        onProgress: (d) => seen.push(d),
        isCancelled: () => seen.length >= 4,
      }),
    ).toThrow(/cancelled/);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('turns a failing cell into NaN plus a listed failure, never a silent value', () => {
    // A limit of 3 steps per segment makes the solver stop: the cell must fail loudly.
    const r = sweepGrid({
      model,
      x: [0],
      y: [1],
      xAxis: 'gap',
      yAxis: 'kR',
      metric: 'mps3h',
      parameters: { tauR: 15 },
      solver: { maxSteps: 3 },
    });
    expect(Number.isNaN(r.values[0]!)).toBe(true);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ index: 0, x: 0, y: 1 });
    expect(r.failures[0]!.message.length).toBeGreaterThan(10);
  });

  it('fails every cell, naming the problem, when a shared setting makes the protocol impossible', () => {
    const r = sweepGrid({
      model,
      x,
      y,
      xAxis: 'gap',
      yAxis: 'eeIntensity',
      metric: 'mps3h',
      settings: { reIntensity: 99 },
    });
    expect(r.failures).toHaveLength(x.length * y.length);
    expect(r.failures[0]!.message).toMatch(/intensity 99 outside/);
    expect(Array.from(r.values).every(Number.isNaN)).toBe(true);
  });

  it('rejects bad axes before computing anything', () => {
    expect(() => checkSweep(model, { x: [0], y: [0], xAxis: 'gap', yAxis: 'gap' })).toThrow(/both gap/);
    expect(() => checkSweep(model, { x: [0], y: [1.5], xAxis: 'gap', yAxis: 'eeIntensity' })).toThrow(
      /y axis eeIntensity: value 1.5 outside \[0, 1\]/,
    );
    expect(() => checkSweep(model, { x: [], y: [1], xAxis: 'gap', yAxis: 'kR' })).toThrow(/no values/);
  });
});
