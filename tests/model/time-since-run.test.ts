/**
 * Readout anchors and the time-since-run view: where each anchor puts the readout, the order
 * effect against readout time (checked against plain readouts at sampled times, as
 * `eolab readouts --at` computes them), and the study-intensity band in which T1–T9 hold.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { readoutTable } from '../../src/analysis/readouts.ts';
import { meetsTargets } from '../../src/analysis/targets.ts';
import {
  type IntensityBand,
  type OrderEffectCurve,
  orderEffectOverTime,
  studyIntensityBand,
} from '../../src/analysis/time-since-run.ts';
import { compileModel } from '../../src/model/compile.ts';
import { studyProtocol } from '../../src/protocol/presets.ts';
import { anchorTime, checkProtocol, groupAnchors, ProtocolError } from '../../src/protocol/protocol.ts';
import { type SimulationResult, simulate } from '../../src/simulate/simulate.ts';

const model = compileModel(getModel());
const protocol = studyProtocol({ reIntensity: 1, eeIntensity: 0.7 });
const group = (id: string) => protocol.groups.find((g) => g.id === id)!;

describe('readout anchors', () => {
  it('end of RE (default): each group’s own RE end; groups without RE use the study’s', () => {
    const at = (id: string) => anchorTime(protocol, group(id), 'resistance-end');
    expect([at('control'), at('re'), at('ee'), at('re-ee'), at('ee-re')]).toEqual([80, 80, 80, 80, 140]);
    expect(groupAnchors(protocol, group('ee-re')).readoutTime).toBe(140 + 180);
  });
  it('end of the workout: each group’s last bout; the control uses the latest of any group', () => {
    const at = (id: string) => anchorTime(protocol, group(id), 'workout-end');
    expect([at('control'), at('re'), at('ee'), at('re-ee'), at('ee-re')]).toEqual([140, 80, 120, 140, 140]);
    const p = { ...protocol, readout: { ...protocol.readout, anchor: 'workout-end' as const } };
    expect(groupAnchors(p, group('re-ee')).readoutTime).toBe(140 + 180);
  });
  it('clock time: the offset is the time itself, the same in every group', () => {
    const p = {
      ...protocol,
      readout: { ...protocol.readout, anchor: 'clock' as const, afterResistance: 300 },
    };
    for (const g of p.groups) expect(groupAnchors(p, g).readoutTime).toBe(300);
  });
  it('an unknown anchor is a protocol error naming the field and the value', () => {
    const bad = { ...protocol, readout: { ...protocol.readout, anchor: 'lunch' as never } };
    expect(() => checkProtocol(bad)).toThrow(ProtocolError);
    expect(() => checkProtocol(bad)).toThrow(/invalid readout anchor: "lunch".*\(readout\.anchor\)/);
  });
  it('simulate stops exactly at an anchored readout (an event sample at the readout time)', () => {
    const p = { ...protocol, readout: { ...protocol.readout, anchor: 'workout-end' as const } };
    const r = simulate(model, p, { dt: 7 });
    const g = r.groups.find((x) => x.id === 're')!;
    expect(g.readoutTime).toBe(80 + 180);
    expect(g.events.some((e) => e.t === 260)).toBe(true);
  });
});

describe('order effect against readout time (in this model, order acts through time since the run)', () => {
  let r: SimulationResult;
  let curve: OrderEffectCurve;
  beforeAll(() => {
    r = simulate(model, protocol, { dt: 1 });
    curve = orderEffectOverTime(r);
  });

  it('matches plain readouts at sampled times (what `readouts --at` prints)', () => {
    for (const after of [0, 60, 90, 120, 180, 240, 300, 720, 1440]) {
      const rows = readoutTable(r, { afterResistance: after });
      const fold = (id: string) => rows.find((x) => x.group === id)!.fold.mps!;
      const k = curve.offsets.indexOf(after);
      expect(k, `offset ${after} is sampled`).toBeGreaterThanOrEqual(0);
      expect(curve.ratio[k]).toBeCloseTo(fold('re-ee') / fold('ee-re'), 12);
    }
  });

  it('is near 1 an hour after RE, lowest near 3 h, near 1 again by 5 h; the 24-h AUCs differ by < 5%', () => {
    const at = (min: number) => curve.ratio[curve.offsets.indexOf(min)]!;
    console.log(
      `RE→EE / EE→RE: ${[60, 90, 120, 180, 240, 300].map((m) => `${m} min ${at(m).toFixed(3)}`).join(', ')}; 24-h AUC ${curve.auc24Ratio.toFixed(3)}`,
    );
    expect(at(60)).toBeGreaterThan(0.97);
    expect(at(180)).toBeLessThan(0.85);
    expect(at(300)).toBeGreaterThan(0.95);
    expect(Math.abs(curve.auc24Ratio - 1)).toBeLessThan(0.05);
  });

  it('anchored at the end of the workout, both orders are read at the same clock time', () => {
    const w = orderEffectOverTime(r, { anchor: 'workout-end', offsets: [180] });
    const rows = readoutTable(r, { anchor: 'workout-end', afterResistance: 180 });
    expect(rows.find((x) => x.group === 're-ee')!.time).toBe(rows.find((x) => x.group === 'ee-re')!.time);
    const fold = (id: string) => rows.find((x) => x.group === id)!.fold.mps!;
    expect(w.ratio[0]).toBeCloseTo(fold('re-ee') / fold('ee-re'), 12);
  });
});

describe('study-intensity band where T1–T9 hold', () => {
  let band: IntensityBand;
  beforeAll(() => {
    band = studyIntensityBand(model, { from: 0.6, to: 0.8, step: 0.02, resolution: 0.002 });
  });
  it('is one interval around the calibrated 0.7 VO2max, its edges found to within the resolution', () => {
    console.log(`band: ${band.intervals.map((i) => `${i.from.toFixed(3)}–${i.to.toFixed(3)}`).join(', ')}`);
    expect(band.intervals).toHaveLength(1);
    const { from, to } = band.intervals[0]!;
    expect(from).toBeLessThan(0.7);
    expect(to).toBeGreaterThan(0.7);
    expect(meetsTargets(model, { eeIntensity: from }).pass).toBe(true);
    expect(meetsTargets(model, { eeIntensity: from - band.resolution }).pass).toBe(false);
    expect(meetsTargets(model, { eeIntensity: to }).pass).toBe(true);
    expect(meetsTargets(model, { eeIntensity: to + band.resolution }).pass).toBe(false);
  });
  it('names the target that fails outside the band', () => {
    const below = band.scan.find((p) => p.intensity === 0.6)!;
    const above = band.scan.find((p) => p.intensity === 0.8)!;
    expect(below.pass).toBe(false);
    expect(above.pass).toBe(false);
    expect(['T4', 'T6']).toContain(below.failed);
    expect(['T4', 'T8']).toContain(above.failed);
  });
});
