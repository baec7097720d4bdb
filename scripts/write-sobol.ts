/**
 * Global sensitivity of the order effect over the prior (Sobol indices), written to
 * `models/<model>.sobol.json`:
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/write-sobol.ts --n 512 --seed 1
 *
 * Options: --model ID, --n N (base sample; runs = N·(d + 2)), --seed S, --bootstrap B (default
 * 200), --workers W (default 2), --out FILE. Deterministic for the same options and model.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_ID, getModel } from '../models/index.ts';
import { globalSensitivityFromRows } from '../src/analysis/global-sensitivity.ts';
import { buildSobolFile, SOBOL_CHECK_ROWS } from '../src/analysis/sobol-file.ts';
import type { SobolRows } from '../src/analysis/sobol.ts';
import { compileModel } from '../src/model/compile.ts';
import { progressLine, runTasks } from './pool.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: DEFAULT_MODEL_ID },
    n: { type: 'string', default: '512' },
    seed: { type: 'string', default: '1' },
    bootstrap: { type: 'string', default: '200' },
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    out: { type: 'string' },
  },
});
const int = (name: string, text: string) => {
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < 0) {
    console.error(`write-sobol: invalid --${name}: ${text} (a non-negative integer)`);
    process.exit(2);
  }
  return v;
};
const n = int('n', values.n);
const seed = int('seed', values.seed);
const bootstrap = int('bootstrap', values.bootstrap);
const spec = getModel(values.model);
const model = compileModel(spec);
const chunk = 16;
const tasks = Array.from({ length: Math.ceil(n / chunk) }, (_, i) => ({
  kind: 'sobol' as const,
  spec,
  seed,
  start: i * chunk,
  end: Math.min(n, (i + 1) * chunk),
}));
const started = performance.now();
const d = Object.values(spec.parameters).filter((p) => p.prior?.distribution !== 'fixed').length;
const blocks = await runTasks<SobolRows>(tasks, int('workers', values.workers), progressLine(n * (d + 2)));
process.stderr.write('\n');
const result = globalSensitivityFromRows(model, seed, blocks, bootstrap);
if (blocks[0]!.count < SOBOL_CHECK_ROWS) throw new Error(`--n must be at least ${SOBOL_CHECK_ROWS}`);
const command = `npx tsx --tsconfig tsconfig.node.json scripts/write-sobol.ts --model ${spec.id} --n ${n} --seed ${seed} --bootstrap ${bootstrap}`;
const file = buildSobolFile(model, result, blocks[0]!, { command, bootstrap });
const out = values.out ?? new URL(`../models/${spec.id}.sobol.json`, import.meta.url).pathname;
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
console.log(
  `wrote ${out}: N = ${n}, ${result.sobol.rows} rows used, ${n * (d + 2)} runs, ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
