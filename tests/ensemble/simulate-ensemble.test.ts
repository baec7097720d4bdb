/**
 * `simulateEnsemble` against a direct computation over its members: every band is the type-7
 * quantile of the members' own values, computed here independently (sort, interpolate), and
 * each claim's support is the fraction of members in which `holds` is true.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { foldVsControl } from '../../src/analysis/readouts.ts';
import {
  combineEnsemble,
  type EnsembleResult,
  runEnsembleMembers,
  simulateEnsemble,
} from '../../src/analysis/simulate-ensemble.ts';
import { STUDY_CLAIMS } from '../../src/analysis/study-claims.ts';
import { orderEffectOverTime } from '../../src/analysis/time-since-run.ts';
import { compileModel } from '../../src/model/compile.ts';
import { studyProtocol } from '../../src/protocol/presets.ts';
import { simulate } from '../../src/simulate/simulate.ts';

const model = compileModel(getModel());
const protocol = studyProtocol({ reIntensity: 1, eeIntensity: 0.7 });
// Nine members spread around the calibrated values (some outside the plausible set on purpose).
const members: Record<string, number>[] = [0.8, 0.9, 1, 1.1, 1.2].flatMap((f, i): Record<string, number>[] =>
  i % 2 === 0 ? [{ tauR: 58 * f, KB: 0.32 / f }] : [{ tauR: 58 * f }, { kR: 0.165 * f, gA: 0.42 * f }],
);
const dt = 30;

/** Independent type-7 quantile. */
function q7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

let ens: EnsembleResult;
const runs = members.map((p) => simulate(model, protocol, { dt, parameters: p }));

beforeAll(() => {
  ens = simulateEnsemble(model, protocol, { members, dt });
});

describe('simulateEnsemble', () => {
  it('counts every member, none failing', () => {
    expect(ens.members).toBe(members.length);
    expect(ens.succeeded).toBe(members.length);
  });

  it('readout bands are the quantiles of the members’ fold changes (exact)', () => {
    for (const g of ['re', 're-ee', 'ee-re']) {
      const values = runs.map((r) => foldVsControl(r, g, 'mps'));
      const band = ens.readouts[`fold:${g}:mps`]!;
      expect(band.median).toBe(q7(values, 0.5));
      expect(band.q05).toBe(q7(values, 0.05));
      expect(band.q25).toBe(q7(values, 0.25));
      expect(band.q75).toBe(q7(values, 0.75));
      expect(band.q95).toBe(q7(values, 0.95));
    }
  });

  it('time-course bands are the quantiles of the members’ series at each time (exact)', () => {
    const gi = ens.groups.findIndex((g) => g.id === 're-ee');
    for (const ti of [0, 5, 10, 50, 100]) {
      const values = runs.map((r) => r.groups[gi]!.series.mps![ti]!);
      expect(ens.groups[gi]!.series.mps!.median[ti]).toBe(q7(values, 0.5));
      expect(ens.groups[gi]!.series.mps!.q95[ti]).toBe(q7(values, 0.95));
    }
    expect(Array.from(ens.time)).toEqual(Array.from(runs[0]!.time));
  });

  it('the order-effect band is the quantile of each member’s curve', () => {
    const curves = runs.map((r) => orderEffectOverTime(r));
    const k = ens.orderEffect!.offsets.indexOf(180);
    expect(k).toBeGreaterThan(0);
    expect(ens.orderEffect!.ratio.median[k]).toBe(
      q7(
        curves.map((c) => c.ratio[k]!),
        0.5,
      ),
    );
  });

  it('claim support is the fraction of members in which the claim holds', () => {
    for (const c of STUDY_CLAIMS) {
      const holds = runs.map((r) => c.holds(r));
      const support = ens.claims.find((x) => x.id === c.id)!;
      expect(support.tested).toBe(members.length);
      expect(support.support).toBe(holds.filter(Boolean).length / members.length);
      expect(support.effect!.median).toBe(
        q7(
          runs.map((r) => c.effect(r)),
          0.5,
        ),
      );
    }
    // The set is built to disagree on something: not every claim holds everywhere.
    expect(ens.claims.some((c) => c.support > 0 && c.support < 1)).toBe(true);
  });

  it('batches from different workers combine to the same result, in any order', () => {
    const a = runEnsembleMembers(model, protocol, { members, dt, start: 0, end: 4 });
    const b = runEnsembleMembers(model, protocol, { members, dt, start: 4, end: members.length });
    const merged = combineEnsemble([b, a]);
    expect(merged.readouts).toEqual(ens.readouts);
    expect(merged.claims).toEqual(ens.claims);
    expect(() =>
      combineEnsemble([a, runEnsembleMembers(model, protocol, { members, dt, start: 5, end: 6 })]),
    ).toThrow(/gap at member 4/);
  });

  it('a claim whose groups the protocol lacks is not tested', () => {
    const partial = { ...protocol, groups: protocol.groups.filter((g) => g.id !== 'ee-re') };
    const r = simulateEnsemble(model, partial, { members: members.slice(0, 2), dt });
    const before = r.claims.find((c) => c.id === 'before')!;
    expect(before.tested).toBe(0);
    expect(Number.isNaN(before.support)).toBe(true);
    expect(r.orderEffect).toBeUndefined();
  });
});
