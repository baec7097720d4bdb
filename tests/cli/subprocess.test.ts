/**
 * The real launcher: `node bin/eolab.mjs` in a child process, so the tsx bootstrap, stdout
 * flushing and exit codes are tested end to end. Each spawn costs about a second.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, MODELS } from '../../src/index.ts';
import { lines, tempDir } from './helpers.ts';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/eolab.mjs');

function eolab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('bin/eolab.mjs', () => {
  it('models: exit 0, one line per bundled model', async () => {
    const r = await eolab('models');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout).map((l) => l.split('\t')[0])).toEqual([...MODELS.keys()]);
  });

  it('simulate --format csv: header and 5 groups × samples rows', async () => {
    const r = await eolab('simulate', '--format', 'csv', '--dt', '10');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = lines(r.stdout).filter((l) => !l.startsWith('#'));
    const model = compileModel(getModel());
    expect(data[0]).toBe(['group', 'time_min', ...model.stateNames, ...model.observableNames].join(','));
    const { tStart, tEnd } = buildProtocol(model);
    const samples = (tEnd - tStart) / 10 + 1;
    expect(Number.isInteger(samples)).toBe(true);
    expect(data.length - 1).toBe(5 * samples);
    expect(data[data.length - 1]!.startsWith(`ee-re,${tEnd},`)).toBe(true);
  });

  it('a bad argument: exit 2, one stderr line, no stack trace', async () => {
    const r = await eolab('simulate', '--gap', 'abc');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('eolab simulate: invalid --gap: "abc" (expected minutes ≥ 0)\n');
  });

  it('validate on a bad file: exit 1, one line per issue, no stack trace', async () => {
    const file = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ id: 'Bad Id', timeUnit: 'h' }));
    const r = await eolab('validate', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const out = lines(r.stderr);
    expect(out.length).toBeGreaterThanOrEqual(2);
    for (const l of out) expect(l.startsWith(`${file}: `)).toBe(true);
    expect(out.some((l) => l.startsWith(`${file}: id: `))).toBe(true);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });
});
