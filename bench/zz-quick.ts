import { getModel } from '../models/index.ts';
import { compileModel } from '../src/model/compile.ts';
import { buildProtocol } from '../src/simulate/scenario.ts';
import { simulate } from '../src/simulate/simulate.ts';
const spec = getModel();
const g = compileModel(spec, { kernel: 'generated' });
const c = compileModel(spec, { kernel: 'closures' });
const p = g.defaultParameters(); const u = Float64Array.from([0.5, 0.7]);
const y = Float64Array.from([1.2,1.1,1.3,1.1,1.2]); const a = new Float64Array(5);
const N=200000; let sink=0; const res: Record<string, number[]> = {gen:[],clo:[],sg:[],sc:[]};
for (let r=0;r<7;r++){ for (const [n,m] of [['gen',g],['clo',c]] as const){ const t0=performance.now(); for(let i=0;i<N;i++){ m.rhs(y,p,u,a); sink+=a[4]!; } res[n]!.push((performance.now()-t0)*1e6/N); } }
const proto = buildProtocol(g, 'study');
for (let r=0;r<7;r++){ for (const [n,m] of [['sg',g],['sc',c]] as const){ const t0=performance.now(); simulate(m, proto); res[n]!.push(performance.now()-t0); } }
const med = (x: number[]) => [...x].sort((a,b)=>a-b)[x.length>>1]!;
console.log(Object.fromEntries(Object.entries(res).map(([k,v])=>[k,med(v).toFixed(1)])), sink>0);
