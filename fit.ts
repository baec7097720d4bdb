import { getModel } from './models/index.ts';
import { compileModel } from './src/model/compile.ts';
import { simulate } from './src/simulate/simulate.ts';
import { studyProtocol } from './src/protocol/presets.ts';
import { readoutTable, valueAt, peak } from './src/analysis/readouts.ts';
const m = compileModel(getModel());
function metrics(pars: Record<string, number>) {
  const run = (gap=0) => simulate(m, studyProtocol({ reIntensity: 1, eeIntensity: 0.7, gap }), { parameters: pars, dt: 5, solver: { relativeTolerance: 1e-7, absoluteTolerance: 1e-9 } });
  const r = run(); const t = readoutTable(r); const f = (g:string) => t.find(x=>x.group===g)!;
  const re=f('re'), ree=f('re-ee'), eer=f('ee-re');
  const pk = peak(r,'re','anabolic');
  const out: Record<string, number> = {
    pkT: pk.time-80, f6: (valueAt(r,'re','anabolic',440)-1)/(pk.value-1), f24: (valueAt(r,'re','anabolic',1520)-1)/(pk.value-1),
    mps3: re.fold.mps, mps24: valueAt(r,'re','mps',1520), mps72: valueAt(r,'re','mps',4320),
    Rend: valueAt(r,'ee','R',120), R3: valueAt(r,'ee','R',300),
    t6: ree.fold.mps/re.fold.mps, R6: ree.fold.regulator, t7: eer.fold.mps/re.fold.mps, R8: eer.fold.regulator,
  };
  let worst9 = 0;
  for (const gap of [360]) { const t2 = readoutTable(run(gap)); const g=(x:string)=>t2.find(y=>y.group===x)!;
    for (const k of ['re-ee','ee-re']) { worst9 = Math.max(worst9, Math.abs(g(k).fold.mps/g('re').fold.mps-1), Math.abs(g(k).aucFold['1440']/g('re').aucFold['1440']-1)); } }
  out.t9 = worst9;
  return out;
}
function cost(x: Record<string, number>) {
  const sq = (v: number) => v*v;
  return sq((x.pkT-105)/75) + sq(Math.max(0, 0.5-x.f6)/0.2) + sq(Math.max(0,x.f24-0.1)/0.2)
   + sq((x.mps3-2)/0.5) + sq(Math.max(0,1.35-x.mps24)/0.15) + sq(Math.max(0,x.mps72-1.05)/0.1)
   + sq((x.Rend-3)/1) + sq(Math.max(0,x.R3-1.1)/0.1) + sq((x.t6-0.725)/0.125) + sq(Math.max(0,1.3-x.R6)/0.1)
   + sq((x.t7-1)/0.1) + sq(Math.max(0,x.R8-1.05)/0.05) + sq(x.t9/0.05);
}
const names = (process.argv[3] ?? 'kP,tauP,tauD,gA,kR,tauR,KB,nB,kC,tauC,tauM,I50,nI').split(',');
const spec = getModel().parameters;
let p: Record<string, number> = JSON.parse(process.argv[2] ?? '{}');
for (const n of names) p[n] ??= spec[n]!.value;
let best = cost(metrics(p));
console.log('start', best.toFixed(4), metrics(p));
let step = 0.2;
for (let it = 0; it < 40; it++) {
  let improved = false;
  for (const n of names) for (const dir of [1,-1]) {
    const q = { ...p, [n]: p[n]! * Math.exp(dir*step) };
    if (q[n]! < spec[n]!.min || q[n]! > spec[n]!.max) continue;
    let c: number; try { c = cost(metrics(q)); } catch { continue; }
    if (c < best) { best = c; p = q; improved = true; }
  }
  if (!improved) step /= 2;
  console.log(it, best.toFixed(4), step);
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(p).map(([k,v])=>[k, Number(v.toPrecision(3))]))));
console.log(metrics(p));
