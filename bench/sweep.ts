/**
 * Sweep benchmark (reported, never asserted): a 10,000-scenario interference map (100 signed
 * gaps × 100 EE intensities) on `node:worker_threads` through the same `ExplorePool` the app
 * uses, against the single-thread cost per scenario, and where a scenario's time goes (solver
 * overhead in odex vs the model's right-hand side).
 *
 * Run: `TSX_TSCONFIG_PATH=tsconfig.node.json npx tsx bench/sweep.ts [--cells 10000] [--workers 2]`
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { getModel } from '../models/index.ts';
import { ExplorePool } from '../src/analysis/pool.ts';
import { axisValues, sweepGrid } from '../src/analysis/sweep.ts';
import { compileModel } from '../src/model/compile.ts';
import { nodeWorkerFactory } from './node-pool.ts';

const { values: args } = parseArgs({
  options: { cells: { type: 'string', default: '10000' }, workers: { type: 'string' } },
});
const side = Math.max(2, Math.round(Math.sqrt(Number(args.cells))));
const workers = Number(args.workers ?? Math.min(4, availableParallelism()));
const spec = getModel();
const model = compileModel(spec);
const request = {
  x: axisValues(-720, 720, side),
  y: axisValues(0.4, 1, side),
  xAxis: 'gap',
  yAxis: 'eeIntensity',
  metric: 'mps3h' as const,
};
const total = side * side;

// 1. Single thread: cost per scenario on a strided sample of rows (warm JIT first).
sweepGrid({ ...request, model, range: { start: 0, end: side } });
const sampleRows = Math.min(side, 10);
const rowTimes: number[] = [];
for (let r = 0; r < sampleRows; r++) {
  const j = Math.floor((r * side) / sampleRows);
  const t0 = performance.now();
  sweepGrid({ ...request, model, range: { start: j * side, end: (j + 1) * side } });
  rowTimes.push(performance.now() - t0);
}
// Median row: the machines are shared, so one slow row should not set the number.
rowTimes.sort((a, b) => a - b);
const singleMs = rowTimes[Math.floor(rowTimes.length / 2)]! * sampleRows;
const perScenario = singleMs / (sampleRows * side);

// 2. Where the time goes: right-hand-side evaluations per scenario (counted on the same sample)
// × the cost of one evaluation.
let evaluations = 0;
const counting = {
  ...model,
  rhsWithObservables: (
    yy: ArrayLike<number>,
    pp: ArrayLike<number>,
    uu: ArrayLike<number>,
    out: Float64Array,
  ) => {
    evaluations++;
    model.rhsWithObservables(yy, pp, uu, out);
  },
};
for (let r = 0; r < sampleRows; r++) {
  const j = Math.floor((r * side) / sampleRows);
  sweepGrid({ ...request, model: counting, range: { start: j * side, end: (j + 1) * side } });
}
const evalsPerScenario = evaluations / (sampleRows * side);
const p = model.defaultParameters();
const y = new Float64Array(model.stateNames.length).fill(1.2);
const u = new Float64Array(model.inputNames.length).fill(0.5);
const dy = new Float64Array(model.stateNames.length + model.observableNames.length);
const N = 2_000_000;
let t0 = performance.now();
for (let i = 0; i < N; i++) {
  y[0] = 1 + (i & 7) * 0.01;
  model.rhsWithObservables(y, p, u, dy);
}
const rhsMicros = ((performance.now() - t0) * 1000) / N;
const rhsShare = (evalsPerScenario * rhsMicros) / 1000 / perScenario;

// 3. Workers: start and warm them (one small map), then time the full map.
const factory = nodeWorkerFactory();
const pool = new ExplorePool(factory, workers);
t0 = performance.now();
await pool.sweep({ spec, request: { ...request, x: request.x.slice(0, 4), y: request.y.slice(0, workers) } })
  .promise;
const startupMs = performance.now() - t0;
t0 = performance.now();
const result = await pool.sweep({ spec, request }).promise;
const wallMs = performance.now() - t0;
pool.dispose();

const rows: [string, string][] = [
  ['scenarios', `${total} (${side} gaps × ${side} EE intensities)`],
  ['single thread, per scenario', `${perScenario.toFixed(2)} ms`],
  ['single thread, projected total', `${((perScenario * total) / 1000).toFixed(1)} s`],
  [
    `worker_threads × ${workers}, wall time`,
    `${(wallMs / 1000).toFixed(2)} s (${(total / (wallMs / 1000)).toFixed(0)} scenarios/s)`,
  ],
  ['worker start-up (tsx + compile, not in wall time)', `${(startupMs / 1000).toFixed(2)} s`],
  ['speed-up vs one thread', `${((perScenario * total) / wallMs).toFixed(2)}×`],
  ['failed cells', String(result.failures.length)],
  ['RHS evaluations per scenario (solver)', evalsPerScenario.toFixed(0)],
  ['one RHS evaluation (states + observable integrals)', `${rhsMicros.toFixed(3)} µs`],
  [
    'share of scenario time in the model RHS',
    `${(100 * rhsShare).toFixed(1)}% (rest: odex steps, dense output, per-run set-up)`,
  ],
];
const w = Math.max(...rows.map((r) => r[0].length));
process.stdout.write(
  `\nSweep benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})\n`,
);
for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(w)}  ${v}\n`);
