import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, simulate } from '../../src/index.ts';
import { lines, parseCsv, run, tempDir } from './helpers.ts';

const model = compileModel(getModel());
const reference = simulate(model, buildProtocol(model, 'study', {}));
const GROUPS = ['control', 're', 'ee', 're-ee', 'ee-re'];

describe('eolab simulate --format csv (the default)', () => {
  it('one long table: header group,time,<series…> first, one row per group per sample, no comments', async () => {
    const r = await run('simulate');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(`group,time,${reference.seriesNames.join(',')}\n`)).toBe(true);
    expect(r.stdout).not.toMatch(/^#/m);
    const { columns, rows } = parseCsv(r.stdout);
    expect(columns).toEqual(['group', 'time', ...reference.seriesNames]);
    const n = reference.time.length;
    expect(rows).toHaveLength(5 * n);
    expect([...new Set(rows.map((row) => row.group))]).toEqual(GROUPS);
    for (const id of GROUPS) expect(rows.filter((row) => row.group === id)).toHaveLength(n);
  });

  it('values match the library run to 10 significant digits (relative tolerance 1e-9)', async () => {
    const { rows } = parseCsv((await run('simulate')).stdout);
    const n = reference.time.length;
    reference.groups.forEach((g, gi) => {
      for (const i of [0, 13, Math.floor(n / 2), n - 1]) {
        const row = rows[gi * n + i]!;
        expect(row.group).toBe(g.id);
        expect(Number(row.time)).toBe(reference.time[i]);
        for (const name of reference.seriesNames) {
          const want = g.series[name]![i]!;
          expect(Math.abs(Number(row[name]) - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
        }
      }
    });
  });

  it('--out run.csv writes the CSV and its sidecar run.meta.json with the provenance', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'run.csv');
    const r = await run('simulate', '--out', file, '--dt', '30', '--gap', '30');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(parseCsv(fs.readFileSync(file, 'utf8')).columns).toEqual([
      'group',
      'time',
      ...reference.seriesNames,
    ]);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'run.meta.json'), 'utf8'));
    expect(meta.model).toEqual({ id: model.spec.id, name: model.spec.name, version: model.spec.version });
    expect(meta.parameters).toEqual(reference.parameters);
    expect(meta.protocol).toEqual(buildProtocol(model, 'study', { gap: 30 }));
    expect(meta.dt).toBe(30);
    expect(meta.data).toBe('run.csv');
    expect(meta.createdBy).toEqual({
      tool: 'exercise-order-lab',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      command: `eolab simulate --out ${file} --dt 30 --gap 30`,
    });
    expect(meta.columns.find((c: { name: string }) => c.name === 'time')).toMatchObject({ unit: 'min' });
    expect(meta.columns.map((c: { name: string }) => c.name)).toEqual([
      'group',
      'time',
      ...reference.seriesNames,
    ]);
  });

  it('--meta FILE puts the sidecar where asked, also for a CSV on stdout', async () => {
    const meta = path.join(tempDir(), 'provenance.json');
    const r = await run('simulate', '--dt', '600', '--meta', meta);
    expect(r.code).toBe(0);
    expect(parseCsv(r.stdout).columns[0]).toBe('group');
    expect(JSON.parse(fs.readFileSync(meta, 'utf8')).dt).toBe(600);
  });

  it('--dt sets the output step and --t-end the window (durations with units)', async () => {
    const r = await run('simulate', '--dt', '1h', '--t-end', '10h');
    expect(r.code).toBe(0);
    const { rows } = parseCsv(r.stdout);
    expect(rows.filter((row) => row.group === 're').map((row) => Number(row.time))).toEqual([
      0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600,
    ]);
    // A 10-h window cuts the 24-h and 48-h AUC windows short: warnings on stderr, each kind
    // once with a count, and the exit code still 0.
    const warned = lines(r.stderr);
    expect(warned).toHaveLength(2);
    for (const l of warned) expect(l).toMatch(/^eolab: warning \(×5\): the (24|48)-h AUC window/);
  });

  it('--set changes the parameter used in the run', async () => {
    const r = await run('simulate', '--set', 'kR=0', '--dt', '60', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.parameters.kR).toBe(0);
    // With no regulator activation, endurance exercise leaves the regulator at rest (tolerance 1e-9).
    for (const row of out.data.filter((d: { group: string }) => d.group === 'ee')) {
      expect(Math.abs(row.regulator - 1)).toBeLessThan(1e-9);
    }
  });
});

describe('eolab simulate --format json', () => {
  it('an envelope: model, parameters, protocol, dt, warnings, createdBy, columns, data rows = CSV rows', async () => {
    const r = await run('simulate', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'model',
      'parameters',
      'parameterPreset',
      'protocol',
      'dt',
      'warnings',
      'createdBy',
      'columns',
      'data',
    ]);
    expect(out.model.id).toBe(model.spec.id);
    expect(out.data).toHaveLength(5 * reference.time.length);
    const row = out.data[reference.time.length + 60]; // RE only at 300 min
    expect(Object.keys(row)).toEqual(['group', 'time', ...reference.seriesNames]);
    expect(row.group).toBe('re');
    expect(row.time).toBe(300);
    const want = reference.groups[1]!.series.mps![60]!;
    expect(Math.abs(row.mps - want)).toBeLessThanOrEqual(1e-9 * want);
    expect(out.warnings).toEqual([]);
  });
});

describe('eolab simulate failures', () => {
  it('a solver failure exits 1 with one line naming the likely cause, and prints no data', async () => {
    // A negative MPS lag makes MPS blow up (a stiff choice would be solved by the stiff method);
    // it is outside tauM's range, so it needs the explicit opt-in to run at all.
    const r = await run('simulate', '--set', 'tauM=-0.01', '--allow-out-of-range');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^eolab simulate: .*(infinite or NaN|non-physical).*state M.*tauM/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing model file exits 1 naming the file', async () => {
    const file = path.join(tempDir(), 'missing.json');
    const r = await run('simulate', '--model', file);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`eolab simulate: cannot read ${file}: no such file or directory`]);
  });
});
