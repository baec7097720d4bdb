import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { percent, resultSummary, studyClaims } from '../../src/app/claims.ts';
import { runFiles } from '../../src/app/csv.ts';
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
  it("holds the study's three claims with the calibrated defaults, and not a 24-h AUC order effect", () => {
    const claims = studyClaims(run());
    expect(claims.map((c) => c.id)).toEqual(['after', 'before', 'regulator', 'order-readout', 'order-auc24']);
    expect(claims.map((c) => c.pass)).toEqual([true, true, true, true, false]);
    expect(claims[0]!.detail).toMatch(/^−\d+% \(MPS at the readout, RE→EE vs RE only\)$/);
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

describe('runFiles (the app download)', () => {
  it('writes the long table the CLI writes, with the provenance and the app state in the sidecar', () => {
    const r = run();
    const files = runFiles(r, { url: 'https://example.org/?gap=0', scenario: defaultScenario() });
    const [header, ...rows] = csvParseRows(files.csv.text);
    expect(header).toEqual(['group', 'time', ...r.seriesNames]);
    expect(rows).toHaveLength(r.groups.length * r.time.length);
    const row = rows[r.time.length + 100]!; // RE only, sample 100
    expect(row[0]).toBe('re');
    expect(Number(row[1])).toBe(r.time[100]);
    // 10 significant digits in the file (relative tolerance 1e-9).
    const want = r.groups[1]!.series.mps![100]!;
    expect(Math.abs(Number(row[header!.indexOf('mps')]) - want)).toBeLessThanOrEqual(1e-9 * want);
    expect(files.meta.name).toBe(files.csv.name.replace(/\.csv$/, '.meta.json'));
    const meta = JSON.parse(files.meta.text);
    expect(meta.model.id).toBe('concurrent-training');
    expect(meta.parameters).toEqual(r.parameters);
    expect(meta.protocol).toEqual(JSON.parse(JSON.stringify(r.protocol)));
    expect(meta.createdBy).toMatchObject({ tool: 'exercise-order-lab', url: 'https://example.org/?gap=0' });
    expect(meta.createdBy.scenario).toEqual(JSON.parse(JSON.stringify(defaultScenario())));
    expect(meta.data).toBe(files.csv.name);
    expect(JSON.parse(files.json.text).data).toHaveLength(rows.length);
  });
});
