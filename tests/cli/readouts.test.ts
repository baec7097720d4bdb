import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, readoutTable, simulate } from '../../src/index.ts';
import { lines, run } from './helpers.ts';

const model = compileModel(getModel());

interface ReadoutJson {
  group: string;
  label: string;
  time_min: number;
  fold: Record<string, number | null>;
  auc_fold: Record<string, number | null>;
}

/** Compare CLI JSON rows with the library's `readoutTable` (absolute tolerance 1e-12). */
function expectSameReadouts(rows: ReadoutJson[], settings: Parameters<typeof buildProtocol>[2]) {
  const table = readoutTable(simulate(model, buildProtocol(model, 'study', settings)));
  expect(rows.map((r) => r.group)).toEqual(table.map((t) => t.group));
  rows.forEach((row, i) => {
    const want = table[i]!;
    expect(row.label).toBe(want.label);
    expect(row.time_min).toBe(want.time);
    expect(Object.keys(row.fold)).toEqual(['anabolic', 'regulator', 'mps']);
    for (const k of Object.keys(row.fold))
      expect(Math.abs(row.fold[k]! - want.fold[k]!)).toBeLessThanOrEqual(1e-12);
    expect(Object.keys(row.auc_fold)).toEqual(['24h', '48h']);
    expect(Math.abs(row.auc_fold['24h']! - want.aucFold['1440']!)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(row.auc_fold['48h']! - want.aucFold['2880']!)).toBeLessThanOrEqual(1e-12);
  });
}

describe('eolab readouts', () => {
  it('--format json equals the library readoutTable (tolerance 1e-12)', async () => {
    const r = await run('readouts', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as ReadoutJson[];
    expect(rows.map((x) => x.group)).toEqual(['control', 're', 'ee', 're-ee', 'ee-re']);
    expectSameReadouts(rows, {});
    // The study's finding, qualitatively: RE→EE lowers MPS at 3 h relative to RE only.
    expect(rows[3]!.fold.mps!).toBeLessThan(rows[1]!.fold.mps!);
  });

  it('--at moves the readout to that many minutes after the end of RE', async () => {
    const r = await run('readouts', '--at', '60', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as ReadoutJson[];
    // Study design: RE runs 60–80 min in the RE-first groups, 120–140 min in EE→RE.
    expect(rows.find((x) => x.group === 're')!.time_min).toBe(80 + 60);
    expect(rows.find((x) => x.group === 'ee-re')!.time_min).toBe(140 + 60);
    expectSameReadouts(rows, { afterResistance: 60 });
    const defaults = JSON.parse((await run('readouts', '--format', 'json')).stdout) as ReadoutJson[];
    expect(rows[1]!.fold.mps).not.toBe(defaults[1]!.fold.mps);
  });

  it('protocol options reach the run (--gap, --ee-intensity)', async () => {
    const r = await run('readouts', '--gap', '360', '--ee-intensity', '0.8', '--format', 'json');
    expect(r.code).toBe(0);
    expectSameReadouts(JSON.parse(r.stdout), { gap: 360, eeIntensity: 0.8 });
  });

  it('--format table (the default): header and one row per group with 4-digit folds', async () => {
    const r = await run('readouts');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]!.split(/\s+/)).toEqual([
      'group',
      'label',
      'time_min',
      'anabolic',
      'regulator',
      'mps',
      'auc_24h',
      'auc_48h',
    ]);
    expect(out).toHaveLength(2 + 5);
    const table = readoutTable(simulate(model, buildProtocol(model)));
    const reRow = out.find((l) => l.startsWith('re '))!;
    expect(reRow).toContain(String(Number(table[1]!.fold.mps!.toPrecision(4))));
  });

  it('a window past the end of the run gives null AUC folds and a warning', async () => {
    const r = await run('readouts', '--t-end', '2000', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as ReadoutJson[];
    expect(rows[1]!.auc_fold['48h']).toBeNull();
    expect(rows[1]!.auc_fold['24h']).not.toBeNull();
    expect(r.stderr).toMatch(/^eolab: warning: /);
  });
});
