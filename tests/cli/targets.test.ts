import { describe, expect, it } from 'vitest';
import { TARGETS } from '../../src/index.ts';
import { lines, parseCsv, run } from './helpers.ts';

describe('eolab targets', () => {
  it('--format json: an envelope whose data has one row per check; every target passes by default', async () => {
    const r = await run('targets', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.model.id).toBe('concurrent-training');
    expect(out.columns.map((c: { name: string }) => c.name)).toEqual([
      'id',
      'claim',
      'check',
      'value',
      'min',
      'max',
      'pass',
      'targetPass',
    ]);
    const rows = out.data as Array<{ id: string; claim: string; pass: boolean; targetPass: boolean }>;
    expect([...new Set(rows.map((x) => x.id))]).toEqual(TARGETS.map((t) => t.id));
    expect([...new Set(rows.map((x) => x.claim))]).toEqual(TARGETS.map((t) => t.claim));
    for (const x of rows) expect(x.targetPass && x.pass, x.id).toBe(true);
  });

  it('--format csv: the same rows, header first', async () => {
    const r = await run('targets', '--format', 'csv');
    expect(r.code).toBe(0);
    const { columns, rows } = parseCsv(r.stdout);
    expect(columns).toEqual(['id', 'claim', 'check', 'value', 'min', 'max', 'pass', 'targetPass']);
    expect(rows.every((x) => x.pass === 'true')).toBe(true);
  });

  it('table: one block per target with ✓, fitting 100 columns; a failing target gives ✗ and exit 1', async () => {
    const ok = await run('targets');
    expect(ok.code).toBe(0);
    const out = lines(ok.stdout);
    expect(out[0]).toMatch(/^id\s+pass\s+claim\s+measured\s+range$/);
    for (const l of out) expect([...l].length).toBeLessThanOrEqual(100);
    const starts = out.filter((l) => /^T\d /.test(l));
    expect(starts.map((l) => l.slice(0, 2))).toEqual(TARGETS.map((t) => t.id));
    for (const l of starts) expect(l).toMatch(/^T\d\s+✓/);

    // No regulator activation: the endurance targets (T4 at least) cannot hold.
    const bad = await run('targets', '--set', 'kR=0');
    expect(bad.code).toBe(1);
    const t4 = lines(bad.stdout).find((l) => l.startsWith('T4 '))!;
    expect(t4).toMatch(/^T4\s+✗/);
    expect(lines(bad.stderr)).toHaveLength(1);
    expect(bad.stderr).toMatch(/^eolab targets: \d+ of 9 targets fail \(.*T4.*\)$/m);
  });
});
