/**
 * Draw the ensemble of plausible models and write `models/<model>.ensemble.json`:
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/write-ensemble.ts --n 1000 --seed 1
 *
 * Options: --model ID (default: the bundled default), --n N, --seed S, --prior-draws N (the
 * prior-predictive check, default 1000), --workers W (default 2; 1 runs in this thread),
 * --out FILE; --chains, --burn-in and --thin override the sampler's defaults (quick trials only).
 * The file is bit-identical for the same options, model file and solver, whatever the number of
 * workers. Progress goes to stderr.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_ID, getModel } from '../models/index.ts';
import { formatEnsembleJson } from '../src/analysis/ensemble-file.ts';
import {
  assembleEnsemble,
  type EnsembleRequest,
  type EnsembleTaskResult,
  ensembleTasks,
  taskCost,
} from '../src/analysis/ensemble-run.ts';
import { compileModel } from '../src/model/compile.ts';
import { DEFAULT_SOLVE_OPTIONS } from '../src/solve/odex-solver.ts';
import { progressLine, runTasks } from './pool.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: DEFAULT_MODEL_ID },
    n: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'prior-draws': { type: 'string', default: '1000' },
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    chains: { type: 'string' },
    'burn-in': { type: 'string' },
    thin: { type: 'string' },
    out: { type: 'string' },
  },
});
const int = (name: string, text: string) => {
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < 0) {
    console.error(`write-ensemble: invalid --${name}: ${text} (a non-negative integer)`);
    process.exit(2);
  }
  return v;
};
const overrides = {
  ...(values.chains !== undefined ? { chains: int('chains', values.chains) } : {}),
  ...(values['burn-in'] !== undefined ? { burnIn: int('burn-in', values['burn-in']) } : {}),
  ...(values.thin !== undefined ? { thin: int('thin', values.thin) } : {}),
};
const request: EnsembleRequest = {
  seed: int('seed', values.seed),
  n: int('n', values.n),
  priorDraws: int('prior-draws', values['prior-draws']),
  settings: overrides,
};
const workers = Math.max(1, int('workers', values.workers));
const spec = getModel(values.model);
const model = compileModel(spec);
const tasks = ensembleTasks(request);
const started = performance.now();
const results = await runTasks<EnsembleTaskResult>(
  tasks.map((task) => ({ kind: 'ensemble', spec, task })),
  workers,
  progressLine(tasks.reduce((s, t) => s + taskCost(t), 0)),
);
process.stderr.write('\n');
const extra = ['chains', 'burn-in', 'thin']
  .filter((k) => values[k as 'chains'] !== undefined)
  .map((k) => ` --${k} ${values[k as 'chains']}`)
  .join('');
const command = `npx tsx --tsconfig tsconfig.node.json scripts/write-ensemble.ts --model ${spec.id} --n ${request.n} --seed ${request.seed} --prior-draws ${request.priorDraws}${extra}`;
const file = assembleEnsemble(model, request, results, { command, solver: DEFAULT_SOLVE_OPTIONS });
const out = values.out ?? new URL(`../models/${spec.id}.ensemble.json`, import.meta.url).pathname;
writeFileSync(out, formatEnsembleJson(file));
const a = file.acceptance;
console.log(
  `wrote ${out}: ${file.members.length} members; rejection-ABC acceptance ${(100 * a.rejectionRate).toFixed(2)}% ` +
    `(${a.priorAccepted}/${a.priorDraws}); move acceptance ${a.moveRate === null ? 'n/a' : `${(100 * a.moveRate).toFixed(1)}%`}; ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s with ${workers} worker(s)`,
);
