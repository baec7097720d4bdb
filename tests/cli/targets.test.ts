import { describe, expect, it } from 'vitest';
import { TARGETS } from '../../src/index.ts';
import { lines, run } from './helpers.ts';

describe('eolab targets', () => {
  it('--format json: every target passes with the default parameters, exit 0', async () => {
    const r = await run('targets', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as Array<{
      id: string;
      claim: string;
      pass: boolean;
      measured: string;
    }>;
    expect(results.map((x) => x.id)).toEqual(TARGETS.map((t) => t.id));
    expect(results.map((x) => x.claim)).toEqual(TARGETS.map((t) => t.claim));
    for (const x of results) expect(x.pass, `${x.id}: ${x.measured}`).toBe(true);
  });

  it('table: id, claim, measured, range, pass columns with ✓; a failing target gives ✗ and exit 1', async () => {
    const ok = await run('targets');
    expect(ok.code).toBe(0);
    expect(lines(ok.stdout)[0]).toMatch(/^id\s+claim\s+measured\s+range\s+pass$/);
    expect(lines(ok.stdout).slice(2)).toHaveLength(TARGETS.length);
    for (const l of lines(ok.stdout).slice(2)) expect(l.endsWith('✓')).toBe(true);

    // No regulator activation: the endurance targets (T4 at least) cannot hold.
    const bad = await run('targets', '--set', 'kR=0');
    expect(bad.code).toBe(1);
    const t4 = lines(bad.stdout).find((l) => l.startsWith('T4 '))!;
    expect(t4.endsWith('✗')).toBe(true);
    expect(lines(bad.stderr)).toHaveLength(1);
    expect(bad.stderr).toMatch(/^eolab targets: \d+ of 9 targets fail \(.*T4.*\)$/m);
  });
});
