/**
 * Map benchmarks (reported, never asserted), part of `npm run bench`:
 * - the app's default map, 61 gaps × 41 EE intensities (MPS at 3 h): one thread (cost per cell,
 *   right-hand-side evaluations per cell), and wall time on worker threads through the same
 *   `ExplorePool` the app uses — as one job (`sweep`) and as a live map (`liveSweep`: time to the
 *   coarse pass and to the whole map);
 * - the same map of the 24-h AUC, and a 100 × 100 map (10,000 scenarios) for comparison with
 *   earlier rounds.
 * Workers are started and warmed first; each timed map differs slightly (EE intensities moved by
 * 1e-9) so no worker can reuse a plan from an earlier one.
 *
 * Run alone: `npx tsx --tsconfig tsconfig.node.json bench/sweep.ts [--workers 2] [--repeats 5]`
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { getModel } from '../models/index.ts';

import { ExplorePool } from '../src/analysis/pool.ts';
import { axisValues, type SweepMetric, sweepGrid } from '../src/analysis/sweep.ts';
import { type CompiledModel, compileModel } from '../src/model/compile.ts';
import { nodeWorkerFactory } from './node-pool.ts';
import { ms, quantiles, table } from './stats.ts';

const { values: args } = parseArgs({
  options: { workers: { type: 'string' }, repeats: { type: 'string', default: '5' } },
});
const workers = Number(args.workers ?? Math.min(2, availableParallelism()));
const repeats = Number(args.repeats);
const spec = getModel();
const model = compileModel(spec);

/** The default map's request, EE intensities shifted by `shift` (so plans are not reused). */
function mapRequest(nx: number, ny: number, metric: SweepMetric, shift = 0) {
  return {
    x: axisValues(-720, 720, nx),
    y: axisValues(0.4 + shift, 1 - shift, ny),
    xAxis: 'gap',
    yAxis: 'eeIntensity',
    metric,
  };
}

// 1. One thread.
let evaluations = 0;
const counting: CompiledModel = {
  ...model,
  rhsWithObservables: (y, p, u, out) => {
    evaluations++;
    model.rhsWithObservables(y, p, u, out);
  },
};
const cells = 61 * 41;
sweepGrid({ ...mapRequest(61, 41, 'mps3h'), model: counting });
const evalsPerCell = evaluations / cells;
const single: number[] = [];
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  sweepGrid({ ...mapRequest(61, 41, 'mps3h', (r + 1) * 1e-9), model });
  single.push(performance.now() - t0);
}
const singleMs = quantiles(single).median;

// 2. Worker threads.
const factory = nodeWorkerFactory();
const explore = new ExplorePool(factory, workers);
const t0 = performance.now();
await explore.sweep({ spec, request: mapRequest(8, workers, 'mps3h', 0.5e-9) }).promise;
const startup = performance.now() - t0;

/** Median wall time and median CPU time of the whole process (every thread) per run. */
async function timedCpu(run: (shift: number) => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    const c0 = process.cpuUsage();
    await run((r + 11) * 1e-9);
    const c = process.cpuUsage(c0);
    walls.push(performance.now() - start);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wall: quantiles(walls).median, cpu: quantiles(cpus).median };
}
const timed = async (run: (shift: number) => Promise<unknown>) => (await timedCpu(run)).wall;
let failed = 0;
const { wall, cpu } = await timedCpu(async (shift) => {
  const r = await explore.sweep({ spec, request: mapRequest(61, 41, 'mps3h', shift) }).promise;
  failed += r.failures.length;
});
const wallAuc = await timed(async (shift) => {
  await explore.sweep({ spec, request: mapRequest(61, 41, 'auc24', shift) }).promise;
});
let live = { coarse: Number.NaN, full: Number.NaN };
if ('liveSweep' in ExplorePool.prototype) {
  const coarse: number[] = [];
  const full: number[] = [];
  // Warm the live lane, then time.
  await explore.liveSweep({ spec, request: mapRequest(8, workers, 'mps3h', 0.25e-9) }).promise;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await explore.liveSweep({
      spec,
      request: mapRequest(61, 41, 'mps3h', (r + 31) * 1e-9),
      onPass: (pass) => {
        if (pass.index === 0) coarse.push(performance.now() - start);
      },
    }).promise;
    full.push(performance.now() - start);
  }
  live = { coarse: quantiles(coarse).median, full: quantiles(full).median };
}
const wall10k = await timed(async (shift) => {
  await explore.sweep({ spec, request: mapRequest(100, 100, 'mps3h', shift) }).promise;
});
explore.dispose();

console.log(`\n## Maps (${workers} worker threads unless said; median of ${repeats})\n`);
console.log(
  table(
    ['measure', 'value', 'aim'],
    [
      [
        '61 × 41 map (MPS at 3 h), one thread',
        `${ms(singleMs)} ms (${((singleMs * 1000) / cells).toFixed(0)} µs per cell)`,
        '',
      ],
      ['RHS evaluations per cell', evalsPerCell.toFixed(0), ''],
      [`61 × 41 map (MPS at 3 h), ${workers} worker threads, wall`, `${ms(wall)} ms`, '≤ 150 ms'],
      [
        `same, CPU time of all threads (÷ ${workers}: the wall on an idle machine)`,
        `${ms(cpu)} ms (÷ ${workers} = ${ms(cpu / workers)} ms)`,
        '',
      ],
      [
        `live map 61 × 41: coarse pass (21 × 14) / whole map, ${workers} threads`,
        Number.isNaN(live.full) ? '— (no liveSweep)' : `${ms(live.coarse)} / ${ms(live.full)} ms`,
        '',
      ],
      [`61 × 41 map (24-h AUC), ${workers} worker threads, wall`, `${ms(wallAuc)} ms`, ''],
      [`100 × 100 map (MPS at 3 h), ${workers} worker threads, wall`, `${ms(wall10k)} ms`, ''],
      ['worker start-up (tsx + compile; not in the walls above)', `${ms(startup)} ms`, ''],
      ['failed cells', String(failed), ''],
    ],
  ),
);
