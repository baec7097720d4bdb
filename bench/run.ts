/**
 * `npm run bench` — speed of the core, reported (never asserted): right-hand-side cost
 * compiled vs hand-written, and one full study preset. Medians over repeated runs; the
 * machines are shared and noisy, so read the spread too. Then runs the sweep benchmark
 * (`bench/sweep.ts`) when present. Numbers go into docs/performance.md by hand.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { getModel } from '../models/index.ts';
import { compileModel } from '../src/model/compile.ts';
import { studyProtocol } from '../src/protocol/presets.ts';
import { simulate } from '../src/simulate/simulate.ts';

function stats(samples: number[]): { median: number; p10: number; p90: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))]!;
  return { median: q(0.5), p10: q(0.1), p90: q(0.9) };
}

function time(fn: () => void, repeats: number, inner = 1): number[] {
  const out: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    out.push((performance.now() - t0) / inner);
  }
  return out;
}

const model = compileModel(getModel());
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

const N = 200_000;
const states = Array.from({ length: 64 }, (_, i) =>
  Float64Array.from([1 + i / 10, 1 + i / 20, 1 + i / 30, 1.1, 1.2]),
);
const u = Float64Array.from([0.5, 0.7]);
const dy = new Float64Array(5);
let sink = 0;
const compiled = stats(
  time(() => {
    for (let i = 0; i < N; i++) {
      model.rhs(states[i & 63]!, p, u, dy);
      sink += dy[4]!;
    }
  }, 15),
);
const hand = stats(
  time(() => {
    for (let i = 0; i < N; i++) {
      handWritten(states[i & 63]!, p, u, dy);
      sink += dy[4]!;
    }
  }, 15),
);

const protocol = studyProtocol({ reIntensity: 1, eeIntensity: 0.7 });
const protocol48 = { ...protocol, tEnd: 48 * 60 };
for (let i = 0; i < 20; i++) simulate(model, protocol); // warm-up (JIT)
const preset = stats(time(() => simulate(model, protocol), 60));
const preset48 = stats(time(() => simulate(model, protocol48), 60));
const preset48dt30 = stats(time(() => simulate(model, protocol48, { dt: 30 }), 60));
const runStats = simulate(model, protocol).stats;

const ns = (ms: number) => ((ms * 1e6) / N).toFixed(1);
const ms = (v: number) => v.toFixed(2);
console.log('Exercise Order Lab — core benchmark (median [p10–p90])');
console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('');
console.log('| measure | median | p10–p90 |');
console.log('|---|---|---|');
console.log(
  `| RHS, compiled from the model file (ns/call) | ${ns(compiled.median)} | ${ns(compiled.p10)}–${ns(compiled.p90)} |`,
);
console.log(`| RHS, hand-written (ns/call) | ${ns(hand.median)} | ${ns(hand.p10)}–${ns(hand.p90)} |`);
console.log(`| compiled / hand-written | ${(compiled.median / hand.median).toFixed(2)}× | |`);
console.log(
  `| study preset, 5 groups × 76 h, dt 5 min (ms) | ${ms(preset.median)} | ${ms(preset.p10)}–${ms(preset.p90)} |`,
);
console.log(
  `| study preset, 5 groups × 48 h, dt 5 min (ms) | ${ms(preset48.median)} | ${ms(preset48.p10)}–${ms(preset48.p90)} |`,
);
console.log(
  `| study preset, 5 groups × 48 h, dt 30 min (ms) | ${ms(preset48dt30.median)} | ${ms(preset48dt30.p10)}–${ms(preset48dt30.p90)} |`,
);
console.log(
  `| solver work per 76-h preset | ${runStats.segments} segments, ${runStats.steps} steps, ${runStats.evaluations} RHS calls | |`,
);
if (sink === 42) console.log('');

if (existsSync(new URL('./sweep.ts', import.meta.url))) {
  console.log('');
  execFileSync(process.execPath, [...process.execArgv, new URL('./sweep.ts', import.meta.url).pathname], {
    stdio: 'inherit',
  });
}
