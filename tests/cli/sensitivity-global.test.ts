/**
 * `eolab sensitivity --global`: the Sobol indices from the committed file equal the library's
 * `sobolFromFile` on it; `--n N --seed S` recomputes and equals the library's `globalSensitivity`;
 * the output says which; local-only and global-only flags are refused with one line.
 */
import { describe, expect, it } from 'vitest';
import { SOBOL_FILES } from '../../models/ensembles.ts';
import { compileModel, getModel, globalSensitivity, parseSobolFile, sobolFromFile } from '../../src/index.ts';
import { lines, parseCsv, run } from './helpers.ts';

const model = compileModel(getModel());

interface SobolRow {
  output: string;
  parameter: string;
  first: number;
  firstLow: number | null;
  firstHigh: number | null;
  total: number;
  totalLow: number | null;
  totalHigh: number | null;
}

/** Every row against the library's indices (10 significant digits). */
function expectIndices(
  rows: SobolRow[],
  names: readonly string[],
  outputs: readonly string[],
  sobol: ReturnType<typeof sobolFromFile>,
) {
  expect(rows).toHaveLength(names.length * outputs.length);
  const close = (a: number | null, b: number) =>
    expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(b), 1e-12));
  for (const row of rows) {
    const s = sobol.outputs[outputs.indexOf(row.output)]!;
    const i = names.indexOf(row.parameter);
    close(row.first, s.first[i]!);
    close(row.total, s.total[i]!);
    if (row.firstLow !== null) {
      close(row.firstLow, s.firstCi[i]![0]);
      close(row.totalHigh, s.totalCi[i]![1]);
    }
  }
  // Within each output, largest total index first.
  for (const o of outputs) {
    const totals = rows.filter((r) => r.output === o).map((r) => r.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  }
}

describe('eolab sensitivity --global', () => {
  it('from the committed Sobol file: the library’s indices and intervals, and it says so', async () => {
    const file = parseSobolFile(await SOBOL_FILES['concurrent-training']!(), 'committed', model);
    const r = await run('sensitivity', '--global', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.source).toMatchObject({ kind: 'committed', file: 'models/concurrent-training.sobol.json' });
    expect(out).toMatchObject({ seed: file.seed, n: file.n, bootstrap: 200 });
    const outputs = file.outputs.map((o) => o.id);
    expect(outputs).toEqual(['order-3h', 'order-auc24']);
    expectIndices(out.data, file.parameters, outputs, sobolFromFile(file, { bootstrap: 200 }));
    const table = await run('sensitivity', '--global');
    expect(table.stdout).toMatch(
      /^Sobol indices over the prior, from the committed file models\/concurrent-training\.sobol\.json: N = \d+ base rows, seed 1/,
    );
    expect(table.stdout).toContain('Order effect at 3 h');
    expect(table.stdout).toContain('Order effect in 24-h MPS AUC');
    expect(table.stdout).toMatch(/parameter +S1 +S1 95% +ST +ST 95%/);
  });

  it('--n 4 --seed 2 recomputes: the library’s globalSensitivity, and the output says recomputed', {
    timeout: 300_000,
  }, async () => {
    const r = await run(
      'sensitivity',
      '--global',
      '--n',
      '4',
      '--seed',
      '2',
      '--workers',
      '1',
      '--bootstrap',
      '20',
      '--format',
      'json',
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.source).toEqual({ kind: 'recomputed' });
    expect(out).toMatchObject({ seed: 2, n: 4, bootstrap: 20 });
    const want = globalSensitivity(model, { seed: 2, n: 4, bootstrap: 20 });
    expectIndices(
      out.data,
      want.parameters,
      want.outputs.map((o) => o.id),
      want.sobol,
    );
    for (const l of lines(r.stderr)) expect(l).toMatch(/^eolab sensitivity: +\d+% \d+\/\d+ runs/);
    const csv = await run(
      'sensitivity',
      '--global',
      '--n',
      '4',
      '--seed',
      '2',
      '--workers',
      '1',
      '--bootstrap',
      '0',
      '--format',
      'csv',
    );
    expect(parseCsv(csv.stdout).columns).toEqual([
      'output',
      'parameter',
      'first',
      'firstLow',
      'firstHigh',
      'total',
      'totalLow',
      'totalHigh',
    ]);
    const text = await run('sensitivity', '--global', '--n', '4', '--workers', '1');
    expect(text.stdout).toMatch(
      /^Sobol indices over the prior, recomputed now on 1 worker: N = 4 base rows, seed 1/,
    );
  });

  it.each([
    [['--global', '--percent', '10'], 'invalid --percent with --global'],
    [['--global', '--set', 'kR=1'], 'invalid --set with --global'],
    [['--global', '--gap', '30'], 'invalid --gap with --global'],
    [['--n', '4'], 'invalid --n: only the global analysis takes it (add --global)'],
    [['--bootstrap', '10'], 'invalid --bootstrap: only the global analysis takes it (add --global)'],
    [['--global', '--n', '1'], 'invalid --n: "1" (expected an integer from 2 to 1000000)'],
    [['--global', '--seed', 'x'], 'invalid --seed: "x"'],
    [['--global', '--bootstrap', '-3'], 'invalid --bootstrap: "-3"'],
  ])('eolab sensitivity %j: exit 2, one line naming the flag', async (args, message) => {
    const r = await run('sensitivity', ...args);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`eolab sensitivity: ${message}`);
  });

  it('a model without a committed Sobol file: exit 1, naming how to recompute', async () => {
    const r = await run('sensitivity', '--global', '--model', 'concurrent-training-rat-regulator');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^eolab sensitivity: model "concurrent-training-rat-regulator" has no committed Sobol file .*recompute with --n N --seed S\n$/,
    );
  });
});
