/**
 * Ensemble benchmark (reported, never asserted), part of `npm run bench`: the study readouts of
 * 1,000 parameter sets (each nonzero parameter drawn log-uniformly within a factor of 2 of its
 * default, seeded) — five groups each, as the ensemble of issue 11 will run them — on worker
 * threads (batches of 25, each worker taking the next batch when done), and on one thread.
 *
 * Run alone: `npx tsx --tsconfig tsconfig.node.json bench/ensemble.ts [--workers 2] [--sets 1000]`
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { getModel } from '../models/index.ts';
import { studyReadouts } from '../src/analysis/sensitivity.ts';
import { compileModel } from '../src/model/compile.ts';
import { ms, table } from './stats.ts';

const { values: args } = parseArgs({
  options: { workers: { type: 'string' }, sets: { type: 'string', default: '1000' } },
});
const workers = Number(args.workers ?? Math.min(2, availableParallelism()));
const count = Number(args.sets);
const spec = getModel();
const model = compileModel(spec);

// Seeded draws (32-bit LCG), log-uniform in [v/2, 2v] for every nonzero parameter.
let seed = 20261201;
const rand = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
const sets = Array.from({ length: count }, () => {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(spec.parameters))
    if (p.value !== 0) out[name] = p.value * 2 ** (2 * rand() - 1);
  return out;
});

// One thread, on a sample of 100 sets (after warm-up).
for (let i = 0; i < 20; i++) studyReadouts(model, { parameters: sets[i]! });
let t0 = performance.now();
for (let i = 0; i < 100; i++) {
  try {
    studyReadouts(model, { parameters: sets[i]! });
  } catch {}
}
const perSet = (performance.now() - t0) / 100;

// Worker threads.
const threads = Array.from(
  { length: workers },
  () => new Worker(new URL('./ensemble-worker.mjs', import.meta.url)),
);
const batches: Record<string, number>[][] = [];
for (let i = 0; i < sets.length; i += 25) batches.push(sets.slice(i, i + 25));
const run = () =>
  new Promise<number[]>((resolve) => {
    const values: number[] = [];
    let next = 0;
    let done = 0;
    const give = (w: Worker) => {
      if (next < batches.length) w.postMessage({ id: next, sets: batches[next++] });
    };
    for (const w of threads) {
      w.removeAllListeners('message');
      w.on('message', (r: { id: number; values: number[] }) => {
        values.push(...r.values);
        if (++done === batches.length) resolve(values);
        else give(w);
      });
      give(w);
    }
  });
// Warm the threads (tsx start-up, compile, JIT) on a first pass, then time a second.
t0 = performance.now();
await run();
const first = performance.now() - t0;
t0 = performance.now();
const c0 = process.cpuUsage();
const values = await run();
const wall = performance.now() - t0;
const used = process.cpuUsage(c0);
const cpu = (used.user + used.system) / 1000;
await Promise.all(threads.map((w) => w.terminate()));

console.log(`\n## Ensemble (${count} parameter sets × the study's five groups, readouts only)\n`);
console.log(
  table(
    ['measure', 'value', 'aim'],
    [
      ['one thread, per parameter set', `${ms(perSet)} ms`, ''],
      [`${workers} worker threads, wall (warm)`, `${ms(wall)} ms`, '≤ 2000 ms'],
      [
        `same, CPU time of all threads (÷ ${workers}: the wall on an idle machine)`,
        `${ms(cpu)} ms (÷ ${workers} = ${ms(cpu / workers)} ms)`,
        '',
      ],
      ['first pass including worker start-up', `${ms(first)} ms`, ''],
      ['sets whose run failed', String(values.filter((v) => Number.isNaN(v)).length), ''],
    ],
  ),
);
