/**
 * Issue 3, independent accuracy check: the production solver (odex, adaptive extrapolation with
 * dense output) against a reference computed a different way — classical fixed-step RK4 with a
 * tiny step, its own bout bookkeeping (not `toSegments`) and Richardson extrapolation — on the
 * default scenario (study preset, five groups, 76 h).
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { compileModel } from '../../src/model/compile.ts';
import { studyProtocol } from '../../src/protocol/presets.ts';
import type { Bout } from '../../src/protocol/protocol.ts';
import { simulate } from '../../src/simulate/simulate.ts';

const model = compileModel(getModel());
const protocol = studyProtocol({ reIntensity: 1, eeIntensity: 0.7 });
const p = model.defaultParameters();
const n = model.stateNames.length;

/** RK4 over [t0, t1] with steps no longer than h, restarting at every bout edge. Returns states at `times`. */
function rk4Reference(bouts: readonly Bout[], times: Float64Array, h: number): Float64Array[] {
  const edges = [
    ...new Set([
      protocol.tStart,
      protocol.tEnd,
      ...bouts.flatMap((b) => [b.start, b.start + b.duration]),
      ...times,
    ]),
  ]
    .filter((t) => t >= protocol.tStart && t <= protocol.tEnd)
    .sort((a, b) => a - b);
  const u = new Float64Array(model.inputNames.length);
  const setInputs = (mid: number) => {
    u.fill(0);
    for (const b of bouts) {
      if (mid > b.start && mid < b.start + b.duration) u[model.inputIndex[b.kind]] = b.intensity;
    }
  };
  let y = model.initialState();
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  const out = new Map<number, Float64Array>();
  out.set(edges[0]!, Float64Array.from(y));
  for (let e = 0; e + 1 < edges.length; e++) {
    const a = edges[e]!;
    const b = edges[e + 1]!;
    setInputs((a + b) / 2);
    const steps = Math.max(1, Math.ceil((b - a) / h));
    const hh = (b - a) / steps;
    for (let s = 0; s < steps; s++) {
      model.rhs(y, p, u, k1);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + 0.5 * hh * k1[i]!;
      model.rhs(tmp, p, u, k2);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + 0.5 * hh * k2[i]!;
      model.rhs(tmp, p, u, k3);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + hh * k3[i]!;
      model.rhs(tmp, p, u, k4);
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) next[i] = y[i]! + (hh / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
      y = next;
    }
    out.set(b, Float64Array.from(y));
  }
  return Array.from(times, (t) => out.get(t)!);
}

describe('production solver vs an independent RK4 reference (default scenario)', () => {
  const result = simulate(model, protocol, { dt: 30 });

  it.each(protocol.groups.map((g) => [g.id, g] as const))(
    'group %s agrees to 1e-8 relative',
    (_id, group) => {
      const coarse = rk4Reference(group.bouts, result.time, 0.2);
      const fine = rk4Reference(group.bouts, result.time, 0.1);
      const g = result.groups.find((x) => x.id === group.id)!;
      let worstVsRef = 0;
      let worstRefError = 0;
      result.time.forEach((_t, k) => {
        for (let i = 0; i < n; i++) {
          // Richardson: RK4 error scales as h^4, so (16·fine − coarse)/15 cancels the leading term.
          const ref = (16 * fine[k]![i]! - coarse[k]![i]!) / 15;
          const scale = Math.max(Math.abs(ref), 1);
          worstRefError = Math.max(worstRefError, Math.abs(fine[k]![i]! - ref) / scale);
          const got = g.series[model.stateNames[i]!]![k]!;
          worstVsRef = Math.max(worstVsRef, Math.abs(got - ref) / scale);
        }
      });
      console.log(
        `group ${group.id}: max relative difference odex vs reference ${worstVsRef.toExponential(2)} (reference's own error estimate ${worstRefError.toExponential(2)})`,
      );
      expect(worstRefError).toBeLessThan(1e-10);
      expect(worstVsRef).toBeLessThan(1e-8);
    },
  );
});
