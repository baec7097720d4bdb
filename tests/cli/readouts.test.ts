import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, readoutTable, simulate } from '../../src/index.ts';
import { lines, parseCsv, run } from './helpers.ts';

const model = compileModel(getModel());

interface ReadoutRow {
  group: string;
  label: string;
  time: number;
  fold: Record<string, number | null>;
  aucFold: Record<string, number | null>;
}

/** Compare CLI JSON rows with the library's `readoutTable` (relative tolerance 1e-9: 10 digits). */
function expectSameReadouts(rows: ReadoutRow[], settings: Parameters<typeof buildProtocol>[2]) {
  const table = readoutTable(simulate(model, buildProtocol(model, 'study', settings)));
  const close = (a: number | null, b: number) =>
    expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-9 * Math.abs(b));
  expect(rows.map((r) => r.group)).toEqual(table.map((t) => t.group));
  rows.forEach((row, i) => {
    const want = table[i]!;
    expect(row.label).toBe(want.label);
    expect(row.time).toBe(want.time);
    expect(Object.keys(row.fold)).toEqual(['anabolic', 'regulator', 'mps']);
    for (const k of Object.keys(row.fold)) close(row.fold[k]!, want.fold[k]!);
    // AUC windows are named by their length in minutes, as in the library and the protocol.
    expect(Object.keys(row.aucFold)).toEqual(['1440', '2880']);
    for (const w of ['1440', '2880']) close(row.aucFold[w]!, want.aucFold[w]!);
  });
}

describe('eolab readouts', () => {
  it('--format json: an envelope whose data equals the library readoutTable (10 digits)', async () => {
    const r = await run('readouts', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'model',
      'parameters',
      'parameterPreset',
      'protocol',
      'warnings',
      'createdBy',
      'columns',
      'data',
    ]);
    const rows = out.data as ReadoutRow[];
    expect(rows.map((x) => x.group)).toEqual(['control', 're', 'ee', 're-ee', 'ee-re']);
    expectSameReadouts(rows, {});
    // The study's finding, qualitatively: RE→EE lowers MPS at 3 h relative to RE only.
    expect(rows[3]!.fold.mps!).toBeLessThan(rows[1]!.fold.mps!);
  });

  it('--format csv: the same rows with nested keys flattened (fold.mps, aucFold.1440)', async () => {
    const r = await run('readouts', '--format', 'csv');
    const { columns, rows } = parseCsv(r.stdout);
    expect(columns).toEqual([
      'group',
      'label',
      'time',
      'fold.anabolic',
      'fold.regulator',
      'fold.mps',
      'aucFold.1440',
      'aucFold.2880',
    ]);
    const json = JSON.parse((await run('readouts', '--format', 'json')).stdout).data as ReadoutRow[];
    rows.forEach((row, i) => {
      expect(Number(row['fold.mps'])).toBe(json[i]!.fold.mps);
      expect(Number(row['aucFold.1440'])).toBe(json[i]!.aucFold['1440']);
    });
  });

  it('--at moves the readout to that many minutes after the end of RE (units accepted)', async () => {
    const r = await run('readouts', '--at', '1h', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).data as ReadoutRow[];
    // Study design: RE runs 60–80 min in the RE-first groups, 120–140 min in EE→RE.
    expect(rows.find((x) => x.group === 're')!.time).toBe(80 + 60);
    expect(rows.find((x) => x.group === 'ee-re')!.time).toBe(140 + 60);
    expectSameReadouts(rows, { afterResistance: 60 });
    const defaults = JSON.parse((await run('readouts', '--format', 'json')).stdout).data as ReadoutRow[];
    expect(rows[1]!.fold.mps).not.toBe(defaults[1]!.fold.mps);
  });

  it('protocol options reach the run (--gap 6h, --ee-intensity)', async () => {
    const r = await run('readouts', '--gap', '6h', '--ee-intensity', '0.8', '--format', 'json');
    expect(r.code).toBe(0);
    expectSameReadouts(JSON.parse(r.stdout).data, { gap: 360, eeIntensity: 0.8 });
  });

  it('a negative gap is accepted: the study shows both orders at |gap|', async () => {
    const minus = await run('readouts', '--gap', '-30', '--format', 'json');
    const plus = await run('readouts', '--gap', '30', '--format', 'json');
    expect(minus.code).toBe(0);
    expect(JSON.parse(minus.stdout).data).toEqual(JSON.parse(plus.stdout).data);
  });

  it('--format table (the default): header and one row per group with 4-digit folds', async () => {
    const r = await run('readouts');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]!.split(/\s{2,}/)).toEqual([
      'group',
      'label',
      'time (min)',
      'anabolic',
      'regulator',
      'mps',
      'AUC 24 h',
      'AUC 48 h',
    ]);
    expect(out).toHaveLength(2 + 5);
    const table = readoutTable(simulate(model, buildProtocol(model)));
    const reRow = out.find((l) => l.startsWith('re '))!;
    expect(reRow).toContain(String(Number(table[1]!.fold.mps!.toPrecision(4))));
    // The readout's clock time in minutes (RE ends at 80 min, readout 3 h later), as the CLI gives times.
    expect(reRow).toMatch(/\s260\s/);
  });

  it('a window past the end of the run gives null AUC folds and one warning line per kind', async () => {
    const r = await run('readouts', '--t-end', '2000', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).data as ReadoutRow[];
    expect(rows[1]!.aucFold['2880']).toBeNull();
    expect(rows[1]!.aucFold['1440']).not.toBeNull();
    // Five groups × one window past the end: printed once with a count, naming the groups.
    const warned = lines(r.stderr);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(
      /^eolab: warning \(×5\): the 48-h AUC window of group "Control", "RE only", .*"EE→RE" ends after/,
    );
  });
});
