import { describe, expect, it } from 'vitest';
import { percent, resultSummary, studyClaims } from '../../src/app/claims.ts';
import { resultToCsv } from '../../src/app/csv.ts';
import { defaultScenario } from '../../src/app/state.ts';
import { handleRequest } from '../../src/app/worker.ts';
import type { SimulationResult } from '../../src/index.ts';

function run(mutate: (s: ReturnType<typeof defaultScenario>) => void = () => {}): SimulationResult {
  const s = defaultScenario();
  mutate(s);
  const r = handleRequest({ id: 1, type: 'run', scenario: s });
  if (!r.ok || r.type !== 'run') throw new Error('run failed');
  return r.result;
}

describe('studyClaims', () => {
  it('holds all three claims with the calibrated defaults', () => {
    const claims = studyClaims(run());
    expect(claims.map((c) => c.pass)).toEqual([true, true, true]);
    expect(claims[0]!.detail).toMatch(/^−\d+% vs RE only$/);
  });

  it('fails "EE after RE lowers MPS" when the regulator is knocked out', () => {
    const claims = studyClaims(
      run((s) => {
        s.paramPreset = 'regulator-knockout';
      }),
    );
    expect(claims[0]!.pass).toBe(false);
  });

  it('marks claims as not testable when the groups are missing', () => {
    const claims = studyClaims(
      run((s) => {
        s.protocolPreset = 'run-morning-lift-night';
      }),
    );
    expect(claims.every((c) => c.pass === null)).toBe(true);
    expect(claims[0]!.detail).toContain('not testable');
  });
});

describe('percent and resultSummary', () => {
  it('uses a real minus sign and rounds to whole percent', () => {
    expect(percent(-0.254)).toBe('−25%');
    expect(percent(0.031)).toBe('+3%');
    expect(percent(0.001)).toBe('±0%');
  });
  it('summarises every shown group in words', () => {
    const text = resultSummary(run(), ['re', 're-ee']);
    expect(text).toMatch(
      /RE only: MPS at 3 h \d\.\d\d-fold; RE→EE: MPS at 3 h \d\.\d\d-fold, \d+% below RE only\.$/,
    );
    expect(text).not.toContain('EE→RE');
  });
});

describe('resultToCsv', () => {
  it('starts with # lines naming the model, parameters and protocol, then a wide table', () => {
    const r = run();
    const lines = resultToCsv(r).trim().split('\n');
    expect(lines[1]).toBe('# model: concurrent-training');
    expect(JSON.parse(lines[3]!.slice('# protocol: '.length))).toEqual(
      JSON.parse(JSON.stringify(r.protocol)),
    );
    const header = lines[5]!.split(',');
    expect(header[0]).toBe('time_min');
    expect(header).toHaveLength(1 + r.groups.length * r.seriesNames.length);
    expect(lines).toHaveLength(6 + r.time.length);
    const col = header.indexOf('re:mps');
    const row = lines[6 + 100]!.split(',');
    expect(Number(row[0])).toBe(r.time[100]);
    // 8 significant digits in the file (relative tolerance 1e-7).
    expect(Number(row[col])).toBeCloseTo(r.groups[1]!.series.mps![100]!, 6);
  });
});
