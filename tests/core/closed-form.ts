/**
 * Closed-form solution of the linear two-state fixture (`tests/fixtures/linear-two-state.json`)
 * under a piecewise-constant schedule of bouts. Derived by hand, independent of the simulator:
 *
 *   dx/dt = a·re − (x − xb)/τ1
 *   dy/dt = b·ee + c·(x − xb) − (y − yb)/τ2
 *
 * With deviations X = x − xb, Y = y − yb and constant inputs over a segment of length s:
 *   X(s) = X∞ + D·e^{−s/τ1},                 X∞ = a·re·τ1,             D = X(0) − X∞
 *   Y(s) = Y∞ + E·e^{−s/τ1} + F·e^{−s/τ2},   Y∞ = τ2·(b·ee + c·X∞),   E = c·D·τ1·τ2/(τ1 − τ2),
 *                                            F = Y(0) − Y∞ − E          (τ1 ≠ τ2)
 * and the integrals ∫X = X∞·s + D·τ1·(1 − e^{−s/τ1}), ∫Y = Y∞·s + E·τ1·(1 − e^{−s/τ1}) +
 * F·τ2·(1 − e^{−s/τ2}). Segments are chained at every bout edge.
 */
import type { Bout } from '../../src/protocol/protocol.ts';

/** Parameters of the linear fixture. */
export interface LinearParameters {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly tau1: number;
  readonly tau2: number;
  readonly xb: number;
  readonly yb: number;
}

/** Exact values at one time: states and their integrals from the start of the window. */
export interface LinearExact {
  readonly x: number;
  readonly y: number;
  /** ∫ x dt from tStart. */
  readonly ix: number;
  /** ∫ y dt from tStart. */
  readonly iy: number;
}

interface Deviation {
  X: number;
  Y: number;
  IX: number;
  IY: number;
}

function advance(p: LinearParameters, s: Deviation, re: number, ee: number, span: number): Deviation {
  const xInf = p.a * re * p.tau1;
  const d = s.X - xInf;
  const yInf = p.tau2 * (p.b * ee + p.c * xInf);
  const e = (p.c * d * p.tau1 * p.tau2) / (p.tau1 - p.tau2);
  const f = s.Y - yInf - e;
  const e1 = Math.exp(-span / p.tau1);
  const e2 = Math.exp(-span / p.tau2);
  const g1 = -Math.expm1(-span / p.tau1);
  const g2 = -Math.expm1(-span / p.tau2);
  return {
    X: xInf + d * e1,
    Y: yInf + e * e1 + f * e2,
    IX: s.IX + xInf * span + d * p.tau1 * g1,
    IY: s.IY + yInf * span + e * p.tau1 * g1 + f * p.tau2 * g2,
  };
}

/**
 * Exact state of the fixture at time `t`, starting at rest (x = xb, y = yb) at `tStart`.
 * @param bouts the group's bouts (any order; they must not overlap)
 */
export function linearExact(
  p: LinearParameters,
  bouts: readonly Bout[],
  tStart: number,
  t: number,
): LinearExact {
  const edges = new Set<number>([tStart, t]);
  for (const b of bouts) {
    edges.add(b.start);
    edges.add(b.start + b.duration);
  }
  const times = [...edges].filter((x) => x >= tStart && x <= t).sort((u, v) => u - v);
  let s: Deviation = { X: 0, Y: 0, IX: 0, IY: 0 };
  for (let k = 0; k + 1 < times.length; k++) {
    const t0 = times[k]!;
    const t1 = times[k + 1]!;
    const mid = 0.5 * (t0 + t1);
    let re = 0;
    let ee = 0;
    for (const b of bouts) {
      if (mid > b.start && mid < b.start + b.duration) {
        if (b.kind === 'resistance') re = b.intensity;
        else ee = b.intensity;
      }
    }
    s = advance(p, s, re, ee, t1 - t0);
  }
  const elapsed = t - tStart;
  return { x: p.xb + s.X, y: p.yb + s.Y, ix: p.xb * elapsed + s.IX, iy: p.yb * elapsed + s.IY };
}
