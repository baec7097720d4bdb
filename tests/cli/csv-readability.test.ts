/**
 * Every CSV the CLI and the app write opens in the tools people use, with no options: each file
 * is parsed by d3-dsv (`csvParseRows`, what `d3.csvParse` uses) and by Python's `csv` module
 * (`csv.reader` and `csv.DictReader`, in a `/usr/bin/python3` subprocess). Both must see the
 * header as the first row, every row as wide as the header, no comment lines, and the same cells.
 * pandas is not installed here and PyPI is unreachable, so `pandas.read_csv` cannot be run; its
 * default C parser reads RFC 4180 files like these the way `csv.reader` does (header on the first
 * line, quoted fields, no comment character), which is why csv + d3-dsv stand in for it.
 *
 * Cells that come from user text (a model file's labels, descriptions and sources) are checked
 * to be inert in a spreadsheet: none starts with `=`, `+`, `-` or `@` unless it is a number.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { csvParseRows } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFiles } from '../../src/app/csv.ts';
import { defaultScenario } from '../../src/app/state.ts';
import { handleRequest } from '../../src/app/worker.ts';
import { getModel } from '../../src/index.ts';
import { run, tempDir } from './helpers.ts';

const exec = promisify(execFile);

/** Reads every CSV given on the command line with csv.reader and csv.DictReader; prints JSON. */
const PYTHON = `
import csv, json, sys
out = {}
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(path, newline="", encoding="utf-8") as f:
        d = csv.DictReader(f)
        records = list(d)
        fields = d.fieldnames
    out[path] = {"rows": rows, "fieldnames": fields, "records": len(records),
                 "restkeys": sum(1 for r in records if None in r)}
print(json.dumps(out))
`;

/** A hostile model file: user text that a spreadsheet would run, with commas, quotes and line breaks. */
function hostileModel(dir: string): string {
  // biome-ignore lint/suspicious/noExplicitAny: the model file is edited freely here
  const spec = JSON.parse(JSON.stringify(getModel())) as Record<string, any>;
  spec.parameters.kR.label = '=HYPERLINK("http://example.org","click")';
  spec.parameters.kR.description = '@SUM(A1:A9)\nsecond line, with a comma and "quotes"';
  spec.parameters.kR.source = '+1 evil';
  spec.parameters.tauR.source = '-2+3';
  const file = path.join(dir, 'hostile.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  return file;
}

const files: Record<string, string> = {};
let parsed: Record<string, { rows: string[][]; fieldnames: string[]; records: number; restkeys: number }>;

beforeAll(async () => {
  const dir = tempDir();
  const cli = async (name: string, ...argv: string[]) => {
    const file = path.join(dir, `${name}.csv`);
    const r = await run(...argv, '--out', file);
    if (r.code !== 0 && name !== 'sweep-failed') throw new Error(`${argv.join(' ')}: ${r.stderr}`);
    files[name] = file;
  };
  await cli('models', 'models', '--format', 'csv');
  await cli('params', 'params', '--format', 'csv');
  await cli('params-hostile', 'params', '--format', 'csv', '--model', hostileModel(dir));
  await cli('targets', 'targets', '--format', 'csv');
  await cli('readouts', 'readouts', '--format', 'csv');
  await cli('readouts-short', 'readouts', '--format', 'csv', '--t-end', '2000');
  await cli('simulate', 'simulate');
  await cli('simulate-lift', 'simulate', '--preset', 'lift-then-run', '--gap', '-1:30', '--dt', '15');
  await cli('sweep', 'sweep', '--x', 'gap:-1h:1h:3', '--y', 'eeIntensity:0.6:0.7:2');
  await cli(
    'sweep-failed',
    'sweep',
    '--x',
    'gap:0:60:2',
    '--y',
    'tauR:15:15:1',
    '--set',
    'tauM=-0.01',
    '--allow-out-of-range',
  );
  await cli('sensitivity', 'sensitivity', '--format', 'csv', '--percent', '10');
  const r = handleRequest({ id: 1, type: 'run', scenario: defaultScenario() });
  if (!r.ok || r.type !== 'run') throw new Error('the app run failed');
  const app = runFiles(r.result, { url: 'https://example.org/', scenario: defaultScenario() });
  files.app = path.join(dir, app.csv.name);
  fs.writeFileSync(files.app, app.csv.text);
  const { stdout } = await exec('/usr/bin/python3', ['-c', PYTHON, ...Object.values(files)], {
    maxBuffer: 256 * 1024 * 1024,
  });
  parsed = JSON.parse(stdout);
}, 600_000);

/** The header each file must start with (a prefix for the tables whose columns come from the model). */
const HEADERS: Record<string, string[]> = {
  models: ['id', 'name', 'version', 'description'],
  params: ['name', 'value', 'unit', 'min', 'max', 'scale', 'label', 'source', 'description'],
  'params-hostile': ['name', 'value', 'unit', 'min', 'max', 'scale', 'label', 'source', 'description'],
  targets: ['id', 'claim', 'check', 'value', 'min', 'max', 'pass', 'targetPass'],
  readouts: [
    'group',
    'label',
    'time',
    'fold.anabolic',
    'fold.regulator',
    'fold.mps',
    'aucFold.1440',
    'aucFold.2880',
  ],
  'readouts-short': ['group', 'label', 'time', 'fold.anabolic', 'fold.regulator', 'fold.mps'],
  simulate: ['group', 'time'],
  'simulate-lift': ['group', 'time'],
  sweep: ['gap', 'eeIntensity', 'mps3h'],
  'sweep-failed': ['gap', 'tauR', 'mps3h'],
  sensitivity: ['parameter', 'label', 'value', 'lowValue', 'highValue', 'low', 'high'],
  app: ['group', 'time'],
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

describe('every CSV the CLI and the app write', () => {
  it('covers each kind of file', () => {
    expect(Object.keys(files).sort()).toEqual(Object.keys(HEADERS).sort());
  });

  it.each(Object.keys(HEADERS))(
    '%s: d3-dsv and Python csv read the header first and rows of equal width',
    (name) => {
      const text = fs.readFileSync(files[name]!, 'utf8');
      expect(text.startsWith('#')).toBe(false);
      expect(text).not.toMatch(/^#/m);
      const d3 = csvParseRows(text);
      const py = parsed[files[name]!]!;
      expect(d3[0]!.slice(0, HEADERS[name]!.length)).toEqual(HEADERS[name]);
      expect(py.rows[0]).toEqual(d3[0]);
      expect(py.fieldnames).toEqual(d3[0]);
      const width = d3[0]!.length;
      expect(new Set(d3.map((r) => r.length))).toEqual(new Set([width]));
      expect(new Set(py.rows.map((r) => r.length))).toEqual(new Set([width]));
      expect(py.rows).toEqual(d3);
      expect(py.records).toBe(d3.length - 1);
      expect(py.restkeys).toBe(0);
      expect(d3.length).toBeGreaterThan(1);
      // Inert in a spreadsheet: a cell starting with = + - @ must be a number.
      for (const row of d3.slice(1)) {
        for (const cell of row)
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${name}: ${cell}`).toMatch(NUMBER);
      }
    },
  );

  it('keeps hostile user text whole, on one line, and inert', () => {
    const rows = csvParseRows(fs.readFileSync(files['params-hostile']!, 'utf8'));
    const header = rows[0]!;
    const kR = rows.find((r) => r[0] === 'kR')!;
    const cell = (name: string) => kR[header.indexOf(name)]!;
    expect(cell('label')).toBe(`'=HYPERLINK("http://example.org","click")`);
    expect(cell('description')).toBe(`'@SUM(A1:A9) second line, with a comma and "quotes"`);
    expect(cell('source')).toBe("'+1 evil");
    const tauR = rows.find((r) => r[0] === 'tauR')!;
    expect(tauR[header.indexOf('source')]).toBe("'-2+3");
    expect(rows).toHaveLength(1 + Object.keys(getModel().parameters).length);
  });

  it('writes missing values as empty cells (a failed sweep cell, an AUC window past the end)', () => {
    const sweep = csvParseRows(fs.readFileSync(files['sweep-failed']!, 'utf8'));
    expect(sweep.slice(1).map((r) => r[2])).toEqual(['', '']);
    const short = csvParseRows(fs.readFileSync(files['readouts-short']!, 'utf8'));
    const col = short[0]!.indexOf('aucFold.2880');
    expect(short.slice(1).every((r) => r[col] === '')).toBe(true);
  });

  it('the CLI and the app write the time courses in one shape: the same header and the same rows', () => {
    const cli = csvParseRows(fs.readFileSync(files.simulate!, 'utf8'));
    const app = csvParseRows(fs.readFileSync(files.app!, 'utf8'));
    expect(app[0]).toEqual(cli[0]);
    // Same study scenario, same output step (5 min): identical files.
    expect(app).toEqual(cli);
  });
});
