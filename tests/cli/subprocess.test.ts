/**
 * The real launcher: `node bin/eolab.mjs` in a child process, running the compiled CLI in lib/
 * (built by `npm test` before Vitest starts; see tests/setup/system-packages.ts), so stdout
 * flushing, exit codes and the worker threads of `sweep` are tested end to end on plain Node.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, MODELS } from '../../src/index.ts';
import { lines, parseCsv, tempDir } from './helpers.ts';

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

describe('bin/eolab.mjs (compiled, plain node)', () => {
  it('runs the compiled JavaScript: no TypeScript loader is involved', () => {
    const launcher = fs.readFileSync(BIN, 'utf8');
    expect(launcher).toContain('../lib/src/cli/main.js');
    expect(launcher).not.toMatch(/tsx|\.ts['"]/);
    expect(fs.existsSync(path.join(ROOT, 'lib/src/cli/main.js'))).toBe(true);
  });

  it('--version and models: exit 0', async () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(await eolab('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    const r = await eolab('models');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout).map((l) => l.split('\t')[0])).toEqual([...MODELS.keys()]);
  });

  it('simulate: header and 5 groups × samples rows; a negative gap with units is accepted', async () => {
    const r = await eolab('simulate', '--dt', '10', '--gap', '-1:30');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const { columns, rows } = parseCsv(r.stdout);
    const model = compileModel(getModel());
    expect(columns).toEqual(['group', 'time', ...model.stateNames, ...model.observableNames]);
    const { tStart, tEnd } = buildProtocol(model, 'study', { gap: 90 });
    const samples = (tEnd - tStart) / 10 + 1;
    expect(Number.isInteger(samples)).toBe(true);
    expect(rows).toHaveLength(5 * samples);
    expect(rows.at(-1)).toMatchObject({ group: 'ee-re', time: String(tEnd) });
  });

  it('sweep: worker threads from the compiled package, CSV out and sidecar', async () => {
    const dir = tempDir();
    const r = await eolab(
      'sweep',
      '--x',
      'gap:-1h:1h:3',
      '--y',
      'eeIntensity:0.6:0.7:2',
      '--out',
      path.join(dir, 'map.csv'),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^eolab sweep: 6 cells on \d+ workers? in \d+\.\d s \(0 failed\)\n$/);
    const { columns, rows } = parseCsv(fs.readFileSync(path.join(dir, 'map.csv'), 'utf8'));
    expect(columns).toEqual(['gap', 'eeIntensity', 'mps3h']);
    expect(rows.map((x) => Number(x.gap))).toEqual([-60, 0, 60, -60, 0, 60]);
    expect(rows.every((x) => Number(x.mps3h) > 0)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'map.meta.json'), 'utf8')).metric).toBe('mps3h');
  });

  it('a bad argument: exit 2, one stderr line, no stack trace', async () => {
    const r = await eolab('simulate', '--gap', 'abc');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'eolab simulate: invalid --gap: "abc" (expected minutes from -1440 to 1440; write 90, 90m, 1.5h or 1:30)\n',
    );
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
