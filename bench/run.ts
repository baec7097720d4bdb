/**
 * `npm run bench` — speed of the core, reported (never asserted):
 * 1. the right-hand side compiled from the model file (generated source, and closures over the
 *    checked tree as the browser runs it) vs written by hand;
 * 2. the study scenario (76 h, five groups) with chart output and readouts only, against a
 *    hand-written DP5(4) doing the same work to the same accuracy (`bench/dopri5.ts`, the floor
 *    a specialised solver reaches), each figure also as a ratio to it;
 * 3. allocation per run (`bench/alloc.ts`, in a process with a 256-MB young generation), maps on worker threads (`bench/sweep.ts`) and an
 *    ensemble of plausible models × the study groups (`bench/ensemble.ts`, the committed
 *    ensemble on 2 worker threads), each in its own process.
 * Timings interleave the variants compared (bench/stats.ts); medians over rounds. The machines
 * are shared: the load average is printed, and ratios within one run are what count.
 * Numbers go into docs/performance.md by hand.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { getModel } from '../models/index.ts';
import { studyReadouts } from '../src/analysis/sensitivity.ts';
import { compileModel } from '../src/model/compile.ts';
import { buildProtocol } from '../src/simulate/scenario.ts';
import { type SimulationResult, simulate } from '../src/simulate/simulate.ts';
import { dp5Simulate } from './dp5-study.ts';
import { DP5_TOLERANCE } from './floor.ts';
import { interleaved, medianRatio, ms, quantiles, table } from './stats.ts';

const model = compileModel(getModel(), { kernel: 'generated' });
// The kernel the browser app runs (closures over the checked tree: no `new Function`, so the site
// can ship `script-src 'self'`).
const closures = compileModel(getModel(), { kernel: 'closures' });
const p = model.defaultParameters();
const names = model.parameterNames;
const idx = (n: string) => names.indexOf(n);
// Parameter slots, resolved once (a hand-written kernel would hard-code them).
const [kP, tauP, tauD, gA, kR, tauR, I50, nI, trained, KB, nB, kC, tauC, tauM, cM] = [
  'kP',
  'tauP',
  'tauD',
  'gA',
  'kR',
  'tauR',
  'I50',
  'nI',
  'trained',
  'KB',
  'nB',
  'kC',
  'tauC',
  'tauM',
  'cM',
].map(idx) as number[];

/**
 * The default model's right-hand side written by hand, with the same contract as the compiled
 * kernel: parameters are read from the parameter vector, since they change between runs.
 */
function handWritten(y: Float64Array, p: Float64Array, u: Float64Array, dy: Float64Array): void {
  const P_ = y[0]!;
  const D = y[1]!;
  const R = y[2]!;
  const C = y[3]!;
  const M = y[4]!;
  const re = u[0]!;
  const ee = u[1]!;
  const eeDrive = ee ** p[nI!]! / (p[I50!]! ** p[nI!]! + ee ** p[nI!]!);
  const brake = 1 / (1 + (Math.max(R - 1, 0) / p[KB!]!) ** p[nB!]!);
  const A = 1 + p[gA!]! * (D - 1) * brake;
  const contraction = 1 / (1 + p[cM!]! * re);
  dy[0] = p[kP!]! * re - (P_ - 1) / p[tauP!]!;
  dy[1] = (P_ - D) / p[tauD!]!;
  dy[2] = p[kR!]! * (1 - p[trained!]!) * eeDrive - (R - 1) / p[tauR!]!;
  dy[3] = p[kC!]! * (D - 1) - (C - 1) / p[tauC!]!;
  dy[4] = (A * C * contraction - M) / p[tauM!]!;
}

console.log('Exercise Order Lab — core benchmark');
console.log(
  `node ${process.version}, ${new Date().toISOString()}, ${availableParallelism()} cores, load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' / ')}`,
);

// 1. Right-hand side.
const N = 200_000;
const states = Array.from({ length: 64 }, (_, i) =>
  Float64Array.from([1 + i / 10, 1 + i / 20, 1 + i / 30, 1.1, 1.2]),
);
const u = Float64Array.from([0.5, 0.7]);
const dy = new Float64Array(5);
let sink = 0;
const rhs = interleaved(
  [
    {
      name: 'compiled',
      run: () => {
        for (let i = 0; i < N; i++) {
          model.rhs(states[i & 63]!, p, u, dy);
          sink += dy[4]!;
        }
      },
    },
    {
      name: 'closures',
      run: () => {
        for (let i = 0; i < N; i++) {
          closures.rhs(states[i & 63]!, p, u, dy);
          sink += dy[4]!;
        }
      },
    },
    {
      name: 'hand',
      run: () => {
        for (let i = 0; i < N; i++) {
          handWritten(states[i & 63]!, p, u, dy);
          sink += dy[4]!;
        }
      },
    },
  ],
  15,
  1,
);
const ns = (v: number) => ((v * 1e6) / N).toFixed(1);

// 2. Accuracy of the floor and of the product against a tight reference (same protocol).
const protocol = buildProtocol(model, 'study');
const window = protocol.tEnd - protocol.tStart;
const protocol48 = { ...protocol, tEnd: 48 * 60 };
const reference = simulate(model, protocol, {
  solver: { relativeTolerance: 1e-13, absoluteTolerance: 1e-13, maxSteps: 100_000 },
});
const nState = model.stateNames.length;
const dp5 = { rtol: DP5_TOLERANCE, atol: DP5_TOLERANCE };

/** Worst relative error at stops (states, running integrals) and at samples, against the reference. */
function dp5Errors(r: ReturnType<typeof dp5Simulate>): { stops: number; samples: number } {
  let stops = 0;
  let samples = 0;
  r.groups.forEach((g, gi) => {
    const ref = reference.groups[gi]!;
    g.events.forEach((e, k) => {
      const want = ref.events[k]!;
      for (let i = 0; i < nState; i++) stops = Math.max(stops, Math.abs(e.y[i]! / want.values[i]! - 1));
      if (e.t > protocol.tStart) {
        for (let i = nState; i < e.y.length; i++) {
          stops = Math.max(stops, Math.abs(e.y[i]! / want.integrals[i - nState]! - 1));
        }
      }
    });
    g.columns.forEach((col, ci) => {
      const want = ref.series[reference.seriesNames[ci]!]!;
      for (let i = 0; i < col.length; i++) samples = Math.max(samples, Math.abs(col[i]! / want[i]! - 1));
    });
  });
  return { stops, samples };
}
function productErrors(r: SimulationResult): { stops: number; samples: number } {
  let stops = 0;
  let samples = 0;
  r.groups.forEach((g, gi) => {
    const ref = reference.groups[gi]!;
    g.events.forEach((e, k) => {
      const want = ref.events[k]!;
      e.values.forEach((v, i) => {
        stops = Math.max(stops, Math.abs(v / want.values[i]! - 1));
      });
      if (e.t > protocol.tStart) {
        e.integrals.forEach((v, i) => {
          stops = Math.max(stops, Math.abs(v / want.integrals[i]! - 1));
        });
      }
    });
    if (r.dt === reference.dt) {
      for (const name of r.seriesNames) {
        const a = g.series[name]!;
        const b = ref.series[name]!;
        for (let i = 0; i < a.length; i++) samples = Math.max(samples, Math.abs(a[i]! / b[i]! - 1));
      }
    }
  });
  return { stops, samples };
}
const dp5Chart = dp5Simulate(model, protocol, { ...dp5, dt: 5 });
const dp5Bare = dp5Simulate(model, protocol, dp5);
const prodChart = simulate(model, protocol);
const prodBare = simulate(model, protocol, { dt: window });
const acc = [
  ['product, chart output', productErrors(prodChart), prodChart.stats.evaluations],
  ['product, readouts only', productErrors(prodBare), prodBare.stats.evaluations],
  [`DP5 floor (rtol = atol = ${DP5_TOLERANCE}), chart output`, dp5Errors(dp5Chart), dp5Chart.evaluations],
  [`DP5 floor (rtol = atol = ${DP5_TOLERANCE}), readouts only`, dp5Errors(dp5Bare), dp5Bare.evaluations],
] as const;

// 3. Timing, interleaved.
const t = interleaved(
  [
    { name: 'chart', run: () => simulate(model, protocol) },
    { name: 'chartClosures', run: () => simulate(closures, protocol) },
    { name: 'bare', run: () => simulate(model, protocol, { dt: window }) },
    { name: 'chart48', run: () => simulate(model, protocol48) },
    { name: 'readouts', run: () => studyReadouts(model, {}) },
    { name: 'dp5chart', run: () => dp5Simulate(model, protocol, { ...dp5, dt: 5 }) },
    { name: 'dp5bare', run: () => dp5Simulate(model, protocol, dp5) },
    { name: 'dp5chart48', run: () => dp5Simulate(model, protocol48, { ...dp5, dt: 5 }) },
  ],
  15,
  8,
);
const m = (k: string) => quantiles(t.get(k)!).median;
const spread = (k: string) => {
  const q = quantiles(t.get(k)!);
  return `${ms(q.p10)}–${ms(q.p90)}`;
};
const ratio = (a: string, b: string) => `${medianRatio(t.get(a)!, t.get(b)!).toFixed(2)}×`;

console.log('\n## Right-hand side\n');
console.log(
  table(
    ['measure', 'ns per call (median)', 'p10–p90'],
    [
      ['compiled from the model file (generated kernel)', ns(quantiles(rhs.get('compiled')!).median), ''],
      ['hand-written, same contract', ns(quantiles(rhs.get('hand')!).median), ''],
      ['compiled / hand-written', `${medianRatio(rhs.get('compiled')!, rhs.get('hand')!).toFixed(2)}×`, ''],
      ['closures over the checked tree (the browser kernel)', ns(quantiles(rhs.get('closures')!).median), ''],
      ['closures / compiled', `${medianRatio(rhs.get('closures')!, rhs.get('compiled')!).toFixed(2)}×`, ''],
    ],
  ),
);
console.log('\n## Study scenario (five groups), product vs the DP5 floor\n');
console.log(
  table(
    ['run', 'ms (median)', 'p10–p90', 'vs DP5 floor (same work)', 'aim'],
    [
      [
        'product, 76 h, chart output (dt 5 min)',
        ms(m('chart')),
        spread('chart'),
        ratio('chart', 'dp5chart'),
        '≤ 3×',
      ],
      [
        'product with the closure kernel (browser), 76 h, chart output',
        ms(m('chartClosures')),
        spread('chartClosures'),
        `${ratio('chartClosures', 'dp5chart')} (${ratio('chartClosures', 'chart')} of generated)`,
        '≤ 1.5× of generated',
      ],
      ['product, 76 h, readouts only', ms(m('bare')), spread('bare'), ratio('bare', 'dp5bare'), '≤ 1.5×'],
      [
        'product, 48 h, chart output (dt 5 min)',
        ms(m('chart48')),
        spread('chart48'),
        ratio('chart48', 'dp5chart48'),
        '',
      ],
      [
        'studyReadouts (what sensitivity and ensembles run: to the 24-h AUC)',
        ms(m('readouts')),
        spread('readouts'),
        `${ratio('readouts', 'dp5bare')} (of DP5's 76-h run)`,
        '',
      ],
      ['DP5 floor, 76 h, chart output', ms(m('dp5chart')), spread('dp5chart'), '1.00×', ''],
      ['DP5 floor, 76 h, readouts only', ms(m('dp5bare')), spread('dp5bare'), '1.00×', ''],
      ['DP5 floor, 48 h, chart output', ms(m('dp5chart48')), spread('dp5chart48'), '1.00×', ''],
    ],
  ),
);
console.log('\nAccuracy against a 1e-13 reference run (worst relative error) and work per 76-h run:\n');
console.log(
  table(
    ['run', 'at solver stops', 'at samples', 'RHS evaluations'],
    acc.map(([name, e, evals]) => [
      name,
      e.stops.toExponential(1),
      name.includes('readouts') ? '—' : e.samples.toExponential(1),
      String(evals),
    ]),
  ),
);
if (sink === 42) console.log('');

// 4. Children: allocation (in a large young generation, so runs fit between collections), maps, ensemble.
const child = (file: string, flags: string[] = []) => {
  const path = new URL(file, import.meta.url).pathname;
  if (!existsSync(path)) return;
  execFileSync(process.execPath, [...process.execArgv, ...flags, path], { stdio: 'inherit' });
};
child('./alloc.ts', ['--min-semi-space-size=256', '--max-semi-space-size=256']);
child('./sweep.ts');
child('./ensemble.ts');
