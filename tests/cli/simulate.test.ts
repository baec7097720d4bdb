import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, simulate } from '../../src/index.ts';
import { lines, run, tempDir } from './helpers.ts';

const model = compileModel(getModel());
const reference = simulate(model, buildProtocol(model, 'study', {}));

/** Data lines of a CSV (comment lines dropped), split into fields. */
function csvRows(text: string): string[][] {
  return lines(text)
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.split(','));
}

describe('eolab simulate --format csv', () => {
  it('header is group,time_min then every series in seriesNames order; one row per group per sample', async () => {
    const r = await run('simulate');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [header, ...rows] = csvRows(r.stdout);
    expect(header).toEqual(['group', 'time_min', ...reference.seriesNames]);
    expect(reference.seriesNames).toEqual(expect.arrayContaining(['anabolic', 'regulator', 'mps']));
    const n = reference.time.length;
    expect(rows).toHaveLength(5 * n);
    const groups = rows.map((row) => row[0]);
    expect([...new Set(groups)]).toEqual(['control', 're', 'ee', 're-ee', 'ee-re']);
    for (const id of ['control', 're', 'ee', 're-ee', 'ee-re'])
      expect(groups.filter((g) => g === id)).toHaveLength(n);
    for (const row of rows) expect(row).toHaveLength(header!.length);
  });

  it('values match the library run to 10 significant digits (relative tolerance 1e-9)', async () => {
    const r = await run('simulate');
    const [header, ...rows] = csvRows(r.stdout);
    const n = reference.time.length;
    reference.groups.forEach((g, gi) => {
      for (const i of [0, 13, Math.floor(n / 2), n - 1]) {
        const row = rows[gi * n + i]!;
        expect(row[0]).toBe(g.id);
        expect(Number(row[1])).toBe(reference.time[i]);
        header!.slice(2).forEach((name, k) => {
          const want = g.series[name]![i]!;
          expect(Math.abs(Number(row[k + 2]) - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
        });
      }
    });
  });

  it('starts with # comment lines giving the model, the parameters and the protocol as JSON', async () => {
    const r = await run('simulate', '--gap', '30');
    const comments = lines(r.stdout).filter((l) => l.startsWith('# '));
    expect(comments.length).toBeGreaterThanOrEqual(3);
    expect(lines(r.stdout)[0]!.startsWith('# ')).toBe(true);
    expect(comments.join('\n')).toContain(`model: ${model.spec.id}`);
    const params = JSON.parse(
      comments.find((l) => l.startsWith('# parameters: '))!.slice('# parameters: '.length),
    );
    expect(params).toEqual(reference.parameters);
    const protocol = JSON.parse(
      comments.find((l) => l.startsWith('# protocol: '))!.slice('# protocol: '.length),
    );
    expect(protocol).toEqual(buildProtocol(model, 'study', { gap: 30 }));
  });

  it('--dt sets the output step and --t-end the window', async () => {
    const r = await run('simulate', '--dt', '60', '--t-end', '600');
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout).slice(1);
    expect(rows.filter((row) => row[0] === 're').map((row) => Number(row[1]))).toEqual([
      0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600,
    ]);
    // A 10-h window cuts the 24-h and 48-h AUC windows short: warnings on stderr, exit code still 0.
    expect(r.stderr).toMatch(/^eolab: warning: .*AUC window/m);
    for (const l of lines(r.stderr)) expect(l.startsWith('eolab: warning: ')).toBe(true);
  });

  it('--set changes the parameter used in the run', async () => {
    const r = await run('simulate', '--set', 'kR=0', '--dt', '60', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.parameters.kR).toBe(0);
    // With no regulator activation, endurance exercise leaves the regulator at rest (tolerance 1e-9).
    for (const v of out.groups.find((g: { id: string }) => g.id === 'ee').series.regulator) {
      expect(Math.abs(v - 1)).toBeLessThan(1e-9);
    }
  });

  it('--out FILE writes the CSV to the file and nothing to stdout', async () => {
    const file = path.join(tempDir(), 'run.csv');
    const r = await run('simulate', '--out', file, '--dt', '30');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(csvRows(fs.readFileSync(file, 'utf8'))[0]).toEqual([
      'group',
      'time_min',
      ...reference.seriesNames,
    ]);
  });
});

describe('eolab simulate --format json', () => {
  it('has model, parameters, protocol, time, groups with every series, and warnings', async () => {
    const r = await run('simulate', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['model', 'parameters', 'protocol', 'time', 'groups', 'warnings']);
    expect(out.model).toBe(model.spec.id);
    expect(out.time).toHaveLength(reference.time.length);
    expect(out.groups.map((g: { id: string }) => g.id)).toEqual(['control', 're', 'ee', 're-ee', 'ee-re']);
    const re = out.groups[1];
    expect(re.label).toBe('RE only');
    expect(Object.keys(re.series)).toEqual(reference.seriesNames);
    const i = 60; // 300 min
    const want = reference.groups[1]!.series.mps![i]!;
    expect(Math.abs(re.series.mps[i] - want)).toBeLessThanOrEqual(1e-9 * want);
    expect(out.warnings).toEqual([]);
  });
});

describe('eolab simulate failures', () => {
  it('a solver failure exits 1 with one line naming the likely cause, and prints no data', async () => {
    // A negative MPS lag makes MPS blow up (a stiff choice would be solved by the stiff method).
    const r = await run('simulate', '--set', 'tauM=-0.01');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^eolab simulate: .*infinite or NaN.*state M.*tauM/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing model file exits 1 naming the file', async () => {
    const file = path.join(tempDir(), 'missing.json');
    const r = await run('simulate', '--model', file);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`eolab simulate: cannot read ${file}: no such file or directory`]);
  });
});
