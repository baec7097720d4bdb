import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.ts';
import { UsageError } from '../../src/cli/command.ts';
import { sensitivityCommand } from '../../src/cli/commands/sensitivity.ts';
import { parseAxisSpec, progressLine, sweepCommand } from '../../src/cli/commands/sweep.ts';
import { compileModel, getModel, interferenceCell } from '../../src/index.ts';

const model = compileModel(getModel());

/** A capturing CliIO. */
function capture(tty = false) {
  const out = { stdout: '', stderr: '', files: new Map<string, string>() };
  const io: CliIO = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    stderrIsTTY: tty,
    readFile: (p) => fs.readFileSync(p, 'utf8'),
    writeFile: (p, d) => {
      out.files.set(p, d);
    },
  };
  return { io, out };
}

/** Parse the CSV (d3-dsv) into header + numeric rows; an empty cell (a failed cell) is NaN. */
function parseCsv(text: string): { header: string[]; rows: number[][] } {
  const [header, ...rows] = csvParseRows(text);
  return { header: header!, rows: rows.map((r) => r.map((c) => (c === '' ? Number.NaN : Number(c)))) };
}

describe('eolab sweep', () => {
  it('prints CSV covering the grid, x fastest, values equal to single cells, one summary line when piped', async () => {
    const { io, out } = capture(false);
    const code = await sweepCommand.run(
      ['--x', 'gap:-2h:2h:5', '--y', 'eeIntensity:0.6:0.8:3', '--jobs', '2'],
      io,
    );
    expect(code).toBe(0);
    // Not a terminal: no progress bar, one summary line (the cells ran on the worker pool).
    expect(out.stderr).toMatch(/^eolab sweep: 15 cells on 2 workers in \d+\.\d s \(0 failed\)\n$/);
    const { header, rows } = parseCsv(out.stdout);
    expect(header).toEqual(['gap', 'eeIntensity', 'mps3h']);
    expect(rows).toHaveLength(15);
    const pairs = new Set(rows.map((r) => `${r[0]}|${r[1]}`));
    expect(pairs.size).toBe(15);
    expect(rows.slice(0, 5).map((r) => r[0])).toEqual([-120, -60, 0, 60, 120]);
    expect(rows.every((r) => r.every(Number.isFinite))).toBe(true);
    const [g, e, v] = rows[7]!;
    const cell = interferenceCell(model, { gap: g!, metric: 'mps3h', axis: 'eeIntensity', value: e! });
    // CSV keeps 10 significant digits.
    expect(Math.abs(v! / cell - 1)).toBeLessThan(1e-9);
  });

  it('draws a progress bar on a TTY and writes --out', async () => {
    const { io, out } = capture(true);
    const code = await sweepCommand.run(
      ['--x', 'gap:-60:60:3', '--y', 'tauR:30:90:2', '--metric', 'auc24', '--out', 'map.csv'],
      io,
    );
    expect(code).toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('100% 6/6 cells');
    expect(out.stderr).toMatch(/eolab sweep: 6 cells on \d+ workers? in /);
    const { header, rows } = parseCsv(out.files.get('map.csv')!);
    expect(header).toEqual(['gap', 'tauR', 'auc24']);
    expect(rows.map((r) => r[1])).toEqual([30, 30, 30, 90, 90, 90]);
    // The sidecar next to map.csv records the axes, the metric and the command.
    const meta = JSON.parse(out.files.get('map.meta.json')!);
    expect(meta.axes.x).toEqual({ name: 'gap', unit: 'min', min: -60, max: 60, count: 3, scale: 'linear' });
    expect(meta.metric).toBe('auc24');
    expect(meta.data).toBe('map.csv');
    expect(meta.createdBy.tool).toBe('exercise-order-lab');
  });

  it.each([
    [['--x', 'gap:1:2'], /invalid --x: "gap:1:2" \(expected NAME:MIN:MAX:COUNT/],
    [['--x', 'speed:1:2:3'], /invalid --x: unknown axis "speed" \(axes: gap, eeDuration/],
    [['--y', 'eeIntensity:0:2:3'], /invalid --y: eeIntensity 0..2 is outside its admissible range \[0, 1\]/],
    [['--x', 'gap:a:2:3'], /invalid --x: MIN "a" is not a number/],
    [['--x', 'gap:0:60:2.5'], /invalid --x: COUNT "2.5"/],
    [['--x', 'gap:60:0:3'], /invalid --x: MAX 0 is below MIN 60/],
    [['--x', 'kR:0:1:3:log'], /log spacing needs MIN > 0/],
    [['--x', 'eeIntensity:0.5:1:2'], /invalid --y: "eeIntensity" is already the x axis/],
    [['--metric', 'peak'], /invalid --metric: "peak" \(expected mps3h or auc24\)/],
  ])('bad arguments %j throw a UsageError naming the option', async (args, message) => {
    const { io } = capture();
    const p = sweepCommand.run(args, io);
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(sweepCommand.run(args, io)).rejects.toThrow(message);
  });

  it('exits 1 naming the first failed cell when a simulation fails, with empty cells in the CSV', async () => {
    const { io, out } = capture();
    // A negative MPS lag makes MPS blow up: the solver fails and the cell must say so.
    const code = await sweepCommand.run(
      ['--x', 'gap:0:60:2', '--y', 'tauR:15:15:1', '--set', 'tauM=-0.01', '--allow-out-of-range'],
      io,
    );
    expect(code).toBe(1);
    expect(parseCsv(out.stdout).rows.map((r) => r[2])).toEqual([Number.NaN, Number.NaN]);
    expect(out.stderr).toMatch(
      /\neolab sweep: 2 of 2 cells failed \(value empty\); first at gap = 0 min, tauR = 15 min: .*infinite or NaN.*tauM/,
    );
    // The summary line, then the failure line.
    expect(out.stderr.trim().split('\n')).toHaveLength(2);
  });
});

describe('parseAxisSpec and progressLine', () => {
  it('spaces a log parameter geometrically by default and honours :linear', () => {
    expect(parseAxisSpec(model, '--y', 'tauR:20:180:3').values[1]).toBeCloseTo(60, 9);
    expect(parseAxisSpec(model, '--y', 'tauR:20:180:3:linear').values[1]).toBe(100);
  });
  it('draws a bar with percent, counts and the time left at the rate so far', () => {
    expect(progressLine(5, 10, 0, 10)).toBe('\r[#####-----]  50% 5/10 cells');
    expect(progressLine(5, 10, 30_000, 10)).toBe('\r[#####-----]  50% 5/10 cells, 0:30 left');
    expect(progressLine(1, 100, 60_000, 10)).toBe('\r[----------]   1% 1/100 cells, 1:39:00 left');
    expect(progressLine(10, 10, 30_000, 10)).toBe('\r[##########] 100% 10/10 cells');
  });
});

describe('eolab sensitivity', () => {
  it('prints a table sorted by swing with coefficients', async () => {
    const { io, out } = capture();
    expect(await sensitivityCommand.run(['--percent', '10'], io)).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Order effect: MPS at 3 h, RE→EE \/ EE→RE: baseline 0\.\d+; parameters ±10%$/);
    expect(lines[2]).toMatch(
      /^parameter\s+value\s+low\s+at low\s+change\s+high\s+at high\s+change\s+S\s+note$/,
    );
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(100);
    // One row per parameter after the header and rule (a wrapped note adds lines without a name).
    expect(lines.slice(4).filter((l) => /^\S/.test(l))).toHaveLength(model.parameterNames.length);
    expect(out.stdout).toMatch(/trained\s+0\s+0\s.*—\s+value 0: stepped 10%/);
  });

  it('prints JSON for a chosen readout with null for an undefined coefficient', async () => {
    const { io, out } = capture();
    expect(await sensitivityCommand.run(['--readout', 'auc24-re', '--format', 'json'], io)).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.readout).toBe('auc24-re');
    expect(json.percent).toBe(20);
    expect(json.model.id).toBe(model.spec.id);
    expect(json.data).toHaveLength(model.parameterNames.length);
    const trained = json.data.find((r: { parameter: string }) => r.parameter === 'trained');
    expect(trained.coefficient).toBeNull();
    const swings = json.data.map((r: { high: number; low: number }) => Math.abs(r.high - r.low));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
  });

  it.each([
    [['--readout', 'mps'], /invalid --readout: "mps" \(readouts: mps3h-re/],
    [['--percent', '0'], /invalid --percent: "0"/],
    [['--percent', '150'], /invalid --percent: "150"/],
    [['--format', 'xml'], /invalid --format: "xml" \(expected table, csv or json\)/],
  ])('bad arguments %j throw a UsageError', async (args, message) => {
    const { io } = capture();
    await expect(sensitivityCommand.run(args, io)).rejects.toThrow(message);
    await expect(sensitivityCommand.run(args, io)).rejects.toBeInstanceOf(UsageError);
  });

  it('writes --out to a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eolab-sens-'));
    const { io, out } = capture();
    const file = path.join(dir, 's.json');
    expect(await sensitivityCommand.run(['--format', 'json', '--percent', '5', '--out', file], io)).toBe(0);
    expect(JSON.parse(out.files.get(file)!).percent).toBe(5);
  });
});
