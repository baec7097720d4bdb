/**
 * Global sensitivity of the order effect over the prior (Sobol indices), written to
 * `models/<model>.sobol.json`:
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/write-sobol.ts --n 512 --seed 1
 *
 * Options: --model ID, --n N (base sample; runs = N·(d + 2)), --seed S, --workers W (default 2),
 * --out FILE. Deterministic for the same options and model. The file holds every design row's
 * outputs; the indices are computed from them (`sobolFromFile`), here only for the summary line.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_ID, getModel } from '../models/index.ts';
import { GLOBAL_OUTPUTS } from '../src/analysis/global-sensitivity.ts';
import { abcLayout } from '../src/analysis/abc.ts';
import { buildSobolFile, formatSobolJson, sobolFromFile } from '../src/analysis/sobol-file.ts';
import type { SobolRows } from '../src/analysis/sobol.ts';
import { compileModel } from '../src/model/compile.ts';
import { progressLine, runTasks } from './pool.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: DEFAULT_MODEL_ID },
    n: { type: 'string', default: '512' },
    seed: { type: 'string', default: '1' },
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
const names = abcLayout(model).names;
const d = names.length;
const blocks = await runTasks<SobolRows>(tasks, int('workers', values.workers), progressLine(n * (d + 2)));
process.stderr.write('\n');
const command = `npx tsx --tsconfig tsconfig.node.json scripts/write-sobol.ts --model ${spec.id} --n ${n} --seed ${seed}`;
const file = buildSobolFile(model, names, GLOBAL_OUTPUTS, seed, blocks, command);
const out = values.out ?? new URL(`../models/${spec.id}.sobol.json`, import.meta.url).pathname;
writeFileSync(out, formatSobolJson(file));
const result = sobolFromFile(file, { bootstrap: 0 });
console.log(
  `wrote ${out}: N = ${n}, ${result.rows} rows usable, ${n * (d + 2)} runs, ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
