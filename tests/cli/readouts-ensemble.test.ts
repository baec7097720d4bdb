/**
 * `eolab readouts --ensemble` and `--anchor`: the quantiles the CLI prints equal a direct
 * computation over the members (each member simulated with the library, its `readoutTable`, then
 * type-7 quantiles computed here); the anchors match the library's readout anchors; bad arguments
 * get one line naming the flag. The ensemble is the committed one's first six members, written to
 * a temporary file, so the test runs in seconds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENSEMBLE_FILES } from '../../models/ensembles.ts';
import {
  buildProtocol,
  compileModel,
  type EnsembleFile,
  ensembleMembers,
  getModel,
  parseEnsembleFile,
  readoutTable,
  simulate,
} from '../../src/index.ts';
import { lines, parseCsv, run, tempDir } from './helpers.ts';

const model = compileModel(getModel());
let small: string;
let file: EnsembleFile;

beforeAll(async () => {
  const full = parseEnsembleFile(await ENSEMBLE_FILES['concurrent-training']!(), 'committed', model);
  file = { ...full, members: full.members.slice(0, 6), drawIndex: full.drawIndex.slice(0, 6) };
  small = path.join(tempDir(), 'small.ensemble.json');
  fs.writeFileSync(small, JSON.stringify(file));
});

/** Hyndman–Fan type 7 quantile, written out independently of the library's. */
function q7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

interface BandRow {
  group: string;
  time: number;
  readout: string;
  members: number;
  median: number;
  q25: number;
  q75: number;
  q05: number;
  q95: number;
}

/** Rows of the CLI against the members' readout tables (relative tolerance `tol`). */
function expectQuantiles(rows: BandRow[], tables: ReturnType<typeof readoutTable>[], tol: number) {
  const groups = tables[0]!.filter((g) => g.group !== 'control');
  expect(rows).toHaveLength(groups.length * 5);
  for (const row of rows) {
    const [kind, key] = row.readout.split('.') as ['fold' | 'aucFold', string];
    const values = tables.map((t) => t.find((g) => g.group === row.group)![kind][key]!);
    expect(row.time).toBe(tables[0]!.find((g) => g.group === row.group)!.time);
    expect(row.members).toBe(values.length);
    for (const [col, p] of [
      ['median', 0.5],
      ['q25', 0.25],
      ['q75', 0.75],
      ['q05', 0.05],
      ['q95', 0.95],
    ] as const) {
      const want = q7(values, p);
      expect(Math.abs(row[col] - want), `${row.group} ${row.readout} ${col}`).toBeLessThanOrEqual(
        tol * Math.abs(want),
      );
    }
  }
}

describe('eolab readouts --ensemble', () => {
  it('--format json: quantiles equal a direct computation over the members (10 digits)', {
    timeout: 300_000,
  }, async () => {
    const r = await run('readouts', '--ensemble-file', small, '--workers', '1', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ensemble).toMatchObject({ file: small, members: 6, succeeded: 6, seed: file.sampler.seed });
    const protocol = buildProtocol(model, 'study', {});
    const tables = ensembleMembers(file).map((p) =>
      readoutTable(simulate(model, protocol, { parameters: p })),
    );
    expectQuantiles(out.data as BandRow[], tables, 1e-9);
    // The bands are ordered and the members really differ.
    for (const row of out.data as BandRow[]) {
      expect(row.q05).toBeLessThanOrEqual(row.q25);
      expect(row.q25).toBeLessThanOrEqual(row.median);
      expect(row.median).toBeLessThanOrEqual(row.q75);
      expect(row.q75).toBeLessThanOrEqual(row.q95);
    }
    const mps = (out.data as BandRow[]).find((x) => x.group === 're' && x.readout === 'fold.mps')!;
    expect(mps.q95 - mps.q05).toBeGreaterThan(0.05);
  });

  it('--anchor end-of-workout --at 2h: the same over members read at 2 h after each group’s last bout', {
    timeout: 300_000,
  }, async () => {
    const r = await run(
      'readouts',
      '--ensemble-file',
      small,
      '--workers',
      '2',
      '--anchor',
      'end-of-workout',
      '--at',
      '2h',
      '--format',
      'json',
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.protocol.readout).toMatchObject({ anchor: 'workout-end', afterResistance: 120 });
    const protocol = buildProtocol(model, 'study', {});
    // The library's anchors on an unanchored run: readouts off a solver stop are dense-output
    // samples on the 5-min grid, within the accuracy contract's 1e-6 of the CLI's.
    const tables = ensembleMembers(file).map((p) =>
      readoutTable(simulate(model, protocol, { parameters: p }), {
        anchor: 'workout-end',
        afterResistance: 120,
      }),
    );
    expectQuantiles(out.data as BandRow[], tables, 1e-6);
  });

  it('--format csv and table: tidy long rows; the table shows the median and both bands', {
    timeout: 300_000,
  }, async () => {
    const csv = await run('readouts', '--ensemble-file', small, '--workers', '1', '--format', 'csv');
    const { columns, rows } = parseCsv(csv.stdout);
    expect(columns).toEqual([
      'group',
      'label',
      'time',
      'readout',
      'members',
      'median',
      'q25',
      'q75',
      'q05',
      'q95',
    ]);
    expect(rows).toHaveLength(20);
    expect(rows.map((x) => x.readout).slice(0, 5)).toEqual([
      'fold.anabolic',
      'fold.regulator',
      'fold.mps',
      'aucFold.1440',
      'aucFold.2880',
    ]);
    // Progress went to stderr as plain lines, never into the data.
    for (const l of lines(csv.stderr)) expect(l).toMatch(/^eolab readouts: +\d+% \d+\/6 members/);
    const table = await run('readouts', '--ensemble-file', small, '--workers', '1');
    expect(table.stdout).toMatch(
      /^6 plausible models \(.*small\.ensemble\.json\); readout 180 min after the end of RE/,
    );
    expect(lines(table.stdout)[2]).toMatch(
      /^group +label +time \(min\) +readout +median +50% band +90% band$/,
    );
    expect(table.stdout).toMatch(/re-ee +RE→EE +260 +mps +[\d.]+ +[\d.]+–[\d.]+ +[\d.]+–[\d.]+/);
  });

  it('--ensemble on a model without a committed ensemble, or a file of another model: exit 1, one line', async () => {
    const none = await run('readouts', '--ensemble', '--model', 'concurrent-training-rat-regulator');
    expect(none.code).toBe(1);
    expect(lines(none.stderr)).toEqual([
      expect.stringMatching(
        /^eolab readouts: model "concurrent-training-rat-regulator" has no committed ensemble/,
      ),
    ]);
    const other = path.join(tempDir(), 'other.json');
    fs.writeFileSync(other, JSON.stringify({ ...file, modelId: 'someone-else' }));
    const mismatch = await run('readouts', '--ensemble-file', other);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(
      /^eolab readouts: invalid ensemble file \(.*other\.json\): modelId: "someone-else"/,
    );
    const missing = await run('readouts', '--ensemble-file', '/nonexistent/e.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'eolab readouts: cannot read /nonexistent/e.json: no such file or directory\n',
    );
  });
});

describe('eolab readouts --anchor', () => {
  const base = buildProtocol(model, 'study', {});
  const library = (options: Parameters<typeof readoutTable>[1]) =>
    readoutTable(simulate(model, base), options);

  it('end-of-workout: each group read 3 h after its own last bout, as the library’s anchor (1e-6)', async () => {
    const r = await run('readouts', '--anchor', 'end-of-workout', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).data;
    const want = library({ anchor: 'workout-end' });
    expect(rows.map((x: { time: number }) => x.time)).toEqual(want.map((w) => w.time));
    rows.forEach((row: { fold: Record<string, number> }, i: number) => {
      for (const [k, v] of Object.entries(want[i]!.fold))
        expect(Math.abs(row.fold[k]! - v)).toBeLessThanOrEqual(1e-6 * v);
    });
    // RE→EE and EE→RE are now both read 3 h after their run ended.
    const t = (id: string) => rows.find((x: { group: string }) => x.group === id).time;
    expect(t('re-ee')).toBe(t('ee-re'));
  });

  it('clock: without --at, every group at the default readout’s clock time; --at sets the clock time', async () => {
    const plain = JSON.parse((await run('readouts', '--format', 'json')).stdout).data;
    const re = plain.find((x: { group: string }) => x.group === 're').time;
    const clock = JSON.parse((await run('readouts', '--anchor', 'clock', '--format', 'json')).stdout).data;
    expect(new Set(clock.map((x: { time: number }) => x.time))).toEqual(new Set([re]));
    const at = JSON.parse(
      (await run('readouts', '--anchor', 'clock', '--at', '5h', '--format', 'json')).stdout,
    ).data;
    expect(new Set(at.map((x: { time: number }) => x.time))).toEqual(new Set([300]));
    const want = library({ anchor: 'clock', afterResistance: 300 });
    at.forEach((row: { fold: Record<string, number> }, i: number) => {
      expect(Math.abs(row.fold.mps! - want[i]!.fold.mps!)).toBeLessThanOrEqual(1e-6 * want[i]!.fold.mps!);
    });
  });

  it.each([
    [['--anchor', 'later'], 'invalid --anchor: "later" (expected end-of-re, end-of-workout or clock)'],
    [['--anchor', 'end-of-work'], 'invalid --anchor: "end-of-work" (did you mean "end-of-workout"?'],
    [['--at', '-1h', '--anchor', 'clock'], 'invalid --at: "-1h" (expected a clock time in minutes, ≥ 0'],
    [['--workers', '2'], 'invalid --workers: only --ensemble runs on worker threads (add --ensemble)'],
    [['--ensemble', '--workers', 'two'], 'invalid --workers: "two"'],
  ])('eolab readouts %j: exit 2, one line naming the flag', async (args, message) => {
    const r = await run('readouts', ...args);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`eolab readouts: ${message}`);
  });
});
