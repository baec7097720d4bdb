/**
 * Draw the ensemble of plausible models (rejection ABC) and write `models/<model>.ensemble.json`:
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/write-ensemble.ts --n 1000 --seed 1
 *
 * Options: --model ID (default: the bundled default), --n N, --seed S, --prior-draws N (the
 * prior-predictive check, default 1000), --workers W (default 2; 1 runs in this thread),
 * --block B (draws per task, default 500), --out FILE. Blocks of draws are dispatched in order
 * until the blocks from draw 0 hold n kept draws; the file is bit-identical for the same options,
 * model file and solver, whatever the number of workers. Progress goes to stderr.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { DEFAULT_MODEL_ID, getModel } from '../models/index.ts';
import { formatEnsembleJson } from '../src/analysis/ensemble-file.ts';
import {
  assembleEnsemble,
  type EnsembleRequest,
  type EnsembleTask,
  type EnsembleTaskResult,
  priorTasks,
  runEnsembleTask,
  samplerDone,
  samplerTask,
} from '../src/analysis/ensemble-run.ts';
import { compileModel } from '../src/model/compile.ts';
import { DEFAULT_SOLVE_OPTIONS } from '../src/solve/index.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: DEFAULT_MODEL_ID },
    n: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'prior-draws': { type: 'string', default: '1000' },
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    block: { type: 'string' },
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
const request: EnsembleRequest = {
  seed: int('seed', values.seed),
  n: int('n', values.n),
  priorDraws: int('prior-draws', values['prior-draws']),
  ...(values.block !== undefined ? { settings: { blockSize: int('block', values.block) } } : {}),
};
const workers = Math.max(1, int('workers', values.workers));
const spec = getModel(values.model);
const model = compileModel(spec);
const started = performance.now();
const results: EnsembleTaskResult[] = [];
let draws = 0;
let kept = 0;
let lastLine = '';
const report = (note: string) => {
  const line = `${((performance.now() - started) / 1000).toFixed(0)} s: ${draws} draws judged, ${kept} kept (of ${request.n})${note}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(lastLine.length)}`);
  lastLine = line;
};

/** The next task: sampler blocks until enough are in, then the prior-predictive check. */
let nextBlock = 0;
const prior = priorTasks(request);
function nextTask(): EnsembleTask | undefined {
  if (!samplerDone(request, results)) {
    const t = samplerTask(request, nextBlock);
    if (t) {
      nextBlock++;
      return t;
    }
  }
  return prior.shift();
}
function collect(r: EnsembleTaskResult) {
  results.push(r);
  if (r.kind === 'block') {
    draws += r.block.end - r.block.start;
    kept += r.block.accepted.length;
    if (!process.stderr.isTTY && Math.floor(kept / 100) !== Math.floor((kept - r.block.accepted.length) / 100))
      process.stderr.write(`${lastLine}\n`);
  }
  report(r.kind === 'prior' ? ', prior-predictive check' : '');
}

if (workers === 1) {
  for (let t = nextTask(); t; t = nextTask()) collect(runEnsembleTask(model, t));
} else {
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./task-worker.mjs', import.meta.url)));
  await Promise.all(
    pool.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const post = () => {
            const task = nextTask();
            if (!task) return resolve();
            w.postMessage({ id: 0, task: { kind: 'ensemble', spec, task } });
          };
          w.on('message', (msg: { units?: number; result?: EnsembleTaskResult; error?: string }) => {
            if (msg.error !== undefined) reject(new Error(msg.error));
            else if (msg.result !== undefined) {
              collect(msg.result);
              post();
            }
          });
          w.on('error', reject);
          post();
        }),
    ),
  );
  for (const w of pool) void w.terminate();
}
process.stderr.write('\n');
const block = values.block !== undefined ? ` --block ${values.block}` : '';
const command = `npx tsx --tsconfig tsconfig.node.json scripts/write-ensemble.ts --model ${spec.id} --n ${request.n} --seed ${request.seed} --prior-draws ${request.priorDraws}${block}`;
const file = assembleEnsemble(model, request, results, { command, solver: DEFAULT_SOLVE_OPTIONS });
const out = values.out ?? new URL(`../models/${spec.id}.ensemble.json`, import.meta.url).pathname;
writeFileSync(out, formatEnsembleJson(file));
const a = file.acceptance;
console.log(
  `wrote ${out}: ${file.members.length} members; acceptance ${(100 * a.rate).toFixed(2)}% (${a.accepted}/${a.draws}); ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s with ${workers} worker(s)`,
);
