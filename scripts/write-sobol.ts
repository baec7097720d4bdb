/**
 * Global sensitivity of the order effect over the prior (Sobol indices), written to
 * `models/<model>.sobol.json`:
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/write-sobol.ts --n 512 --seed 1
 *
 * Options: --model ID, --n N (base sample; runs = N·(d + 2)), --seed S, --workers W (default 2),
 * --out FILE. Deterministic for the same options and model. The file holds every design row's
 * outputs; the indices are computed from them (`sobolFromFile`), here only for the summary line.
 * The design runs through the same code as `eolab sensitivity --global --n N --seed S`
 * (`src/cli/sobol-generate.ts`).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_ID, getModel } from '../models/index.ts';
import { formatSobolJson, sobolFromFile } from '../src/analysis/sobol-file.ts';
import { generateSobol } from '../src/cli/sobol-generate.ts';
import { defaultWorkers } from '../src/cli/task-pool.ts';
import { progressLine } from './pool.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: DEFAULT_MODEL_ID },
    n: { type: 'string', default: '512' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: String(defaultWorkers()) },
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
const started = performance.now();
let shown = 0;
let bar: ReturnType<typeof progressLine> | undefined;
const file = await generateSobol({
  spec,
  n,
  seed,
  workers: int('workers', values.workers),
  command: `npx tsx --tsconfig tsconfig.node.json scripts/write-sobol.ts --model ${spec.id} --n ${n} --seed ${seed}`,
  onProgress: (done, total) => {
    bar ??= progressLine(total);
    bar(done - shown);
    shown = done;
  },
});
process.stderr.write('\n');
const out = values.out ?? new URL(`../models/${spec.id}.sobol.json`, import.meta.url).pathname;
writeFileSync(out, formatSobolJson(file));
const result = sobolFromFile(file, { bootstrap: 0 });
console.log(
  `wrote ${out}: N = ${n}, ${result.rows} rows usable, ${shown} runs, ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
