/**
 * The no-exercise steady state: check the model's initial values, or find the steady state by
 * damped Newton iteration on f(y) = 0 with a finite-difference Jacobian.
 */
import type { CompiledModel } from '../model/compile.ts';

/** Outcome of `steadyState`. */
export type SteadyStateResult =
  | { readonly ok: true; readonly y: Float64Array; readonly moved: boolean; readonly worstState: number }
  | { readonly ok: false; readonly reason: string; readonly worstState: number };

/** A state is steady when |dy/dt| · horizon ≤ tolerance · max(|y|, 1) for every component. */
export const STEADY_STATE_TOLERANCE = Object.freeze({ horizon: 72 * 60, relative: 1e-10 });

function residual(
  model: CompiledModel,
  p: Float64Array,
  y: Float64Array,
  out: Float64Array,
  u: Float64Array,
) {
  model.rhs(y, p, u, out);
}

function worst(y: Float64Array, dy: Float64Array): { index: number; score: number } {
  let index = 0;
  let score = 0;
  for (let i = 0; i < y.length; i++) {
    const s = (Math.abs(dy[i]!) * STEADY_STATE_TOLERANCE.horizon) / Math.max(Math.abs(y[i]!), 1);
    if (!(s <= score)) {
      score = s;
      index = i;
    }
  }
  return { index, score };
}

/** Solve a small dense linear system in place (Gaussian elimination, partial pivoting). */
function solveLinear(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    if (Math.abs(a[piv]![c]!) < 1e-300) return undefined;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    [b[c], b[piv]] = [b[piv]!, b[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < n; k++) a[r]![k]! -= f * a[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/**
 * Return the steady state at rest, starting the search from `guess` (normally the model's
 * initial values). `moved` says whether the guess was not already steady.
 */
export function steadyState(model: CompiledModel, p: Float64Array, guess: Float64Array): SteadyStateResult {
  const n = guess.length;
  const u = new Float64Array(model.inputNames.length);
  const dy = new Float64Array(n);
  let y = Float64Array.from(guess);
  residual(model, p, y, dy, u);
  let w = worst(y, dy);
  if (w.score <= STEADY_STATE_TOLERANCE.relative) return { ok: true, y, moved: false, worstState: w.index };
  const guessWorst = w.index;
  const f1 = new Float64Array(n);
  for (let iter = 0; iter < 100; iter++) {
    const jac: number[][] = [];
    for (let i = 0; i < n; i++) jac.push(new Array<number>(n).fill(0));
    for (let j = 0; j < n; j++) {
      const h = 1e-7 * Math.max(1, Math.abs(y[j]!));
      const yp = Float64Array.from(y);
      yp[j] = y[j]! + h;
      residual(model, p, yp, f1, u);
      for (let i = 0; i < n; i++) jac[i]![j] = (f1[i]! - dy[i]!) / h;
    }
    const step = solveLinear(
      jac,
      Array.from(dy, (v) => -v),
    );
    if (!step) return { ok: false, reason: 'singular Jacobian at rest', worstState: w.index };
    let lambda = 1;
    let accepted = false;
    for (let k = 0; k < 30; k++) {
      const trial = Float64Array.from(y, (v, i) => v + lambda * step[i]!);
      residual(model, p, trial, f1, u);
      const wt = worst(trial, f1);
      if (Number.isFinite(wt.score) && (wt.score < w.score || wt.score <= STEADY_STATE_TOLERANCE.relative)) {
        y = trial;
        dy.set(f1);
        w = wt;
        accepted = true;
        break;
      }
      lambda /= 2;
    }
    if (!accepted) break;
    if (w.score <= STEADY_STATE_TOLERANCE.relative)
      return { ok: true, y, moved: true, worstState: guessWorst };
  }
  return {
    ok: false,
    reason: `Newton iteration did not converge (state ${model.stateNames[w.index]})`,
    worstState: w.index,
  };
}
