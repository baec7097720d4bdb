/**
 * Allocation per run, reported by `npm run bench` (run as a child process with a 256-MB young
 * generation, so most measured runs fit between collections).
 *
 * Method: read `process.memoryUsage()` (heap used + array-buffer bytes), run once, read again;
 * the difference is what the run allocated, provided nothing was freed in between: a
 * `v8.GCProfiler` watches each run and a run during which any collection happened is discarded.
 * No collection is forced between runs (a forced one throws away optimised code that refers to
 * dead objects, and the next run would then measure the interpreter's boxed numbers). The cost
 * of measuring itself (an empty run) is subtracted. Median and least of 25 runs after 200
 * warm-up runs; the least is the better estimate on a busy machine, where the compiler's
 * background work (code, feedback) lands in the same heap during some runs.
 */
import { GCProfiler } from 'node:v8';
import { getModel } from '../models/index.ts';
import { studyReadouts } from '../src/analysis/sensitivity.ts';
import { axisValues, sweepGrid } from '../src/analysis/sweep.ts';
import { compileModel } from '../src/model/compile.ts';
import { buildProtocol } from '../src/simulate/scenario.ts';
import { simulate } from '../src/simulate/simulate.ts';
import { dp5Simulate } from './dp5-study.ts';
import { DP5_TOLERANCE } from './floor.ts';
import { quantiles, table } from './stats.ts';

/** Bytes allocated by one call of `fn` (median), and how many runs a collection spoiled. */
function allocation(
  fn: () => unknown,
  runs = 25,
  warmup = 200,
): { bytes: number; least: number; spoiled: number } {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  let spoiled = 0;
  for (let r = 0; r < runs; r++) {
    const profiler = new GCProfiler();
    profiler.start();
    const m0 = process.memoryUsage();
    fn();
    const m1 = process.memoryUsage();
    const collections = profiler.stop()?.statistics.length ?? 0;
    if (collections > 0) {
      spoiled++;
      continue;
    }
    samples.push(m1.heapUsed - m0.heapUsed + (m1.arrayBuffers - m0.arrayBuffers));
  }
  if (samples.length === 0) return { bytes: Number.NaN, least: Number.NaN, spoiled };
  return { bytes: quantiles(samples).median, least: Math.min(...samples), spoiled };
}

const model = compileModel(getModel());
const protocol = buildProtocol(model, 'study');
const window = protocol.tEnd - protocol.tStart;
const dp5 = { rtol: DP5_TOLERANCE, atol: DP5_TOLERANCE };
const empty = allocation(() => 0).least;
const chart = simulate(model, protocol);
const outputBytes = (chart.time.length * (1 + chart.groups.length * chart.seriesNames.length) * 8) | 0;
const mapRequest = {
  model,
  x: axisValues(-720, 720, 61),
  y: axisValues(0.4, 1, 41),
  xAxis: 'gap',
  yAxis: 'eeIntensity',
  metric: 'mps3h' as const,
};

const cases: [string, () => unknown, number][] = [
  ['study, chart output (simulate, dt 5 min)', () => simulate(model, protocol), 1],
  ['study, readouts only (simulate, no output grid)', () => simulate(model, protocol, { dt: window }), 1],
  ['study readouts (studyReadouts: run + readout table)', () => studyReadouts(model, {}), 1],
  ['DP5 floor, chart output', () => dp5Simulate(model, protocol, { ...dp5, dt: 5 }), 1],
  ['DP5 floor, readouts only', () => dp5Simulate(model, protocol, dp5), 1],
  ['61 × 41 map, one thread, per cell', () => sweepGrid(mapRequest), 61 * 41],
];
const kb = (b: number) => (b / 1024).toFixed(b < 10 * 1024 ? 1 : 0);
const rows = cases.map(([name, fn, per]) => {
  const a = per > 1 ? allocation(fn, 5, 2) : allocation(fn);
  return [
    name,
    kb((a.bytes - empty) / per),
    kb((a.least - empty) / per),
    a.spoiled ? `${a.spoiled} runs had a GC, discarded` : '',
  ];
});
console.log('\nAllocation per run (KB; heap used + array buffers, median; method in bench/alloc.ts)\n');
console.log(table(['run', 'KB allocated (median)', 'least', 'note'], rows));
console.log(
  `\nOf the chart run, the output itself (time column + ${chart.groups.length} groups × ${chart.seriesNames.length} series × ${chart.time.length} samples as Float64Array) is ${kb(outputBytes)} KB.`,
);
