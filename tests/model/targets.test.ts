/**
 * The science brief's calibration targets T1–T9 and the preset checks, one test each, on the
 * default model. Each test prints the measured values beside the admissible ranges; the ranges
 * themselves live once, in `src/analysis/targets.ts`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import {
  evaluatePresetTargets,
  evaluateTargets,
  PRESET_TARGETS,
  TARGETS,
  type TargetResult,
} from '../../src/analysis/targets.ts';
import { compileModel } from '../../src/model/compile.ts';

const model = compileModel(getModel());
let results: TargetResult[] = [];
let presetResults: TargetResult[] = [];

beforeAll(() => {
  results = evaluateTargets(model);
  presetResults = evaluatePresetTargets(model);
});

function report(r: TargetResult): void {
  for (const c of r.checks) {
    const range = [c.min !== undefined ? `≥ ${c.min}` : '', c.max !== undefined ? `≤ ${c.max}` : '']
      .filter(Boolean)
      .join(' and ');
    console.log(
      `${r.id} ${c.pass ? 'PASS' : 'FAIL'}  ${c.label}: measured ${c.value.toPrecision(4)}  (range ${range})`,
    );
  }
}

function expectPass(r: TargetResult | undefined): void {
  expect(r, 'target evaluated').toBeDefined();
  report(r!);
  for (const c of r!.checks) {
    if (c.min !== undefined) expect(c.value, `${r!.id} ${c.label}`).toBeGreaterThanOrEqual(c.min);
    if (c.max !== undefined) expect(c.value, `${r!.id} ${c.label}`).toBeLessThanOrEqual(c.max);
    expect(Number.isFinite(c.value), `${r!.id} ${c.label} is finite`).toBe(true);
  }
  expect(r!.pass).toBe(true);
}

describe('calibration targets (science brief §3) on the default model', () => {
  const name = (id: string) => `${id}: ${TARGETS.find((t) => t.id === id)!.claim}`;
  it(name('T1'), () => expectPass(results.find((r) => r.id === 'T1')));
  it(name('T2'), () => expectPass(results.find((r) => r.id === 'T2')));
  it(name('T3'), () => expectPass(results.find((r) => r.id === 'T3')));
  it(name('T4'), () => expectPass(results.find((r) => r.id === 'T4')));
  it(name('T5'), () => expectPass(results.find((r) => r.id === 'T5')));
  it(name('T6'), () => expectPass(results.find((r) => r.id === 'T6')));
  it(name('T7'), () => expectPass(results.find((r) => r.id === 'T7')));
  it(name('T8'), () => expectPass(results.find((r) => r.id === 'T8')));
  it(name('T9'), () => expectPass(results.find((r) => r.id === 'T9')));

  it('every target in the table was evaluated, in order', () => {
    expect(results.map((r) => r.id)).toEqual(TARGETS.map((t) => t.id));
  });
});

describe('parameter presets', () => {
  for (const t of PRESET_TARGETS) {
    it(`${t.id}: ${t.claim}`, () => expectPass(presetResults.find((r) => r.id === t.id)));
  }
});

describe('targets are checks that can fail', () => {
  it('a regulator that decays too slowly breaks T4 and T8 (tauR = 240 min)', () => {
    const broken = evaluateTargets(model, { parameters: { tauR: 240 } });
    expect(broken.find((r) => r.id === 'T4')!.pass).toBe(false);
    expect(broken.find((r) => r.id === 'T8')!.pass).toBe(false);
  });
  it('a knocked-out regulator breaks T6 (no interference left)', () => {
    const broken = evaluateTargets(model, { parameters: { kR: 0 } });
    expect(broken.find((r) => r.id === 'T6')!.pass).toBe(false);
  });
});
