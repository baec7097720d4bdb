/**
 * A stiff method for one smooth segment, behind the same contract as `integrateSegment`
 * (`SegmentProblem` in, `SegmentSolution` with an explicit `SolveOutcome` out).
 *
 * Method: RODAS4, the 6-stage, order-4 (embedded order 3), L-stable and stiffly accurate
 * Rosenbrock method of Hairer & Wanner (1996), Solving Ordinary Differential Equations II, 2nd
 * ed., §VI.4 (their code RODAS), in the formulation of the KPP Rosenbrock integrator (Sandu &
 * Sander 2006, Atmos. Chem. Phys. 6:187; coefficient table as printed there): stages K_i solve
 *
 *   (I/(h·γ) − J) K_i = f(t + α_i h, y + Σ_j a_ij K_j) + Σ_j (c_ij / h) K_j + h·γ_i·∂f/∂t,
 *
 * y_new = y + Σ m_i K_i, error estimate Σ e_i K_i. The Jacobian and ∂f/∂t are forward
 * differences; the linear systems share one LU factorisation per step. No npm package offered a
 * maintained stiff solver (no LSODA, Radau, CVODE or Rosenbrock port on the registry), so this
 * is written here; `tests/core/rosenbrock.test.ts` measures its order and accuracy.
 *
 * Output inside a step: one more, shorter step from the step's start to the sample time, with
 * the same Jacobian, so sampled values carry the method's own accuracy (a cubic Hermite
 * interpolant was 1e3× less accurate over the long steps a stiff problem allows).
 */
import {
  resolveSolveOptions,
  type SegmentIntegrator,
  type SegmentProblem,
  type SegmentSolution,
  type SolveOptions,
  SolveOutcome,
  type SolveStats,
} from './segment.ts';

/** A Rosenbrock method's coefficient table (KPP layout: a_ij and c_ij row by row, i > j). */
interface RosenbrockTable {
  readonly stages: number;
  readonly gamma: number;
  readonly a: readonly number[];
  readonly c: readonly number[];
  /** Which stages need a new f evaluation (else the previous stage's f is reused). */
  readonly newF: readonly boolean[];
  readonly m: readonly number[];
  readonly e: readonly number[];
  readonly alpha: readonly number[];
  readonly gammaSum: readonly number[];
  /** Order of the local error estimate: the step-size exponent is 1/errorOrder. */
  readonly errorOrder: number;
}

/** RODAS4 (Hairer & Wanner 1996, Solving ODEs II, §VI.4; coefficients as in KPP). */
export const RODAS4: RosenbrockTable = Object.freeze({
  stages: 6,
  gamma: 0.25,
  a: [
    1.544, 0.9466785280815826, 0.2557011698983284, 3.314825187068521, 2.896124015972201, 0.9986419139977817,
    1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895, 1.221224509226641,
    6.019134481288629, 12.53708332932087, -0.687886036105895, 1,
  ],
  c: [
    -5.6688, -2.430093356833875, -0.2063599157091915, -0.1073529058151375, -9.594562251023355,
    -20.47028614809616, 7.496443313967647, -10.24680431464352, -33.99990352819905, 11.7089089320616,
    8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054,
  ],
  newF: [true, true, true, true, true, true],
  m: [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895, 1, 1],
  e: [0, 0, 0, 0, 0, 1],
  alpha: [0, 0.386, 0.21, 0.63, 1, 1],
  gammaSum: [0.25, -0.1043, 0.1035, -0.0362, 0, 0],
  errorOrder: 4,
});

/**
 * Tolerance floors for the stiff method: an order-4 method at the 1e-12 the non-stiff one uses
 * would need thousands of steps per time scale, so it runs at no tighter than these.
 */
export const STIFF_TOLERANCE_FLOOR = Object.freeze({ relative: 1e-7, absolute: 1e-10 });

/** LU factorisation with partial pivoting, in place (P·A = L·U); false when singular. */
function luFactor(a: Float64Array, n: number, piv: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]!);
    for (let r = k + 1; r < n; r++) {
      const v = Math.abs(a[r * n + k]!);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    if (!(best > 0) || !Number.isFinite(best)) return false;
    piv[k] = p;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j]!;
        a[k * n + j] = a[p * n + j]!;
        a[p * n + j] = t;
      }
    }
    const d = a[k * n + k]!;
    for (let r = k + 1; r < n; r++) {
      const f = a[r * n + k]! / d;
      a[r * n + k] = f;
      if (f !== 0) for (let j = k + 1; j < n; j++) a[r * n + j]! -= f * a[k * n + j]!;
    }
  }
  return true;
}

function luSolve(a: Float64Array, n: number, piv: Int32Array, b: Float64Array): void {
  // Whole rows (multipliers included) were swapped while factoring, so P·A = L·U: apply every
  // swap to b first, then substitute forwards and backwards.
  for (let k = 0; k < n; k++) {
    const p = piv[k]!;
    if (p !== k) {
      const t = b[k]!;
      b[k] = b[p]!;
      b[p] = t;
    }
  }
  for (let k = 0; k < n; k++) for (let r = k + 1; r < n; r++) b[r]! -= a[r * n + k]! * b[k]!;
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < n; j++) s -= a[r * n + j]! * b[j]!;
    b[r] = s / a[r * n + r]!;
  }
}

const finite = (v: ArrayLike<number>) => {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
};

/** RODAS4 behind the segment interface, with its options fixed (`methods.ts` hands them out). */
export class RosenbrockIntegrator implements SegmentIntegrator {
  readonly options: SolveOptions;
  constructor(options: SolveOptions) {
    this.options = options;
  }
  /** @inheritdoc */
  integrate(problem: SegmentProblem): SegmentSolution {
    return integrateStiffSegment(problem, this.options);
  }
}

/**
 * Integrate one segment with RODAS4. Never throws for numerical trouble. Tolerances tighter
 * than `STIFF_TOLERANCE_FLOOR` are raised to it (a finite-difference Jacobian limits accuracy).
 * @param options method options (default: the defaults); the method name is ignored
 * @returns the outcome, the state reached and work counters
 */
export function integrateStiffSegment(
  problem: SegmentProblem,
  options?: Partial<SolveOptions>,
): SegmentSolution {
  const opts = resolveSolveOptions(options);
  const rtol = Math.max(opts.relativeTolerance, STIFF_TOLERANCE_FLOOR.relative);
  const atol = Math.max(opts.absoluteTolerance, STIFF_TOLERANCE_FLOOR.absolute);
  const { f, t0, t1 } = problem;
  if (!(t1 > t0)) throw new Error(`invalid segment: [${t0}, ${t1}]`);
  const n = problem.y0.length;
  if (problem.yOut && problem.yOut.length !== n) {
    throw new Error(`invalid yOut: length ${problem.yOut.length}, expected ${n}`);
  }
  const span = t1 - t0;
  const maxSteps = opts.maxSteps * 10;
  const budget = problem.evaluationBudget ?? Number.POSITIVE_INFINITY;
  const sampleTimes = problem.sampleTimes ?? [];
  const stats: SolveStats = {
    steps: 0,
    accepted: 0,
    rejected: 0,
    evaluations: 0,
    minStep: Number.POSITIVE_INFINITY,
    lastStep: Number.NaN,
    restarts: 0,
  };
  const R = RODAS4;
  let y: Float64Array = Float64Array.from(problem.y0);
  let t = t0;
  const fail = (outcome: SolveOutcome, bad?: number): SegmentSolution => ({
    outcome,
    t,
    y,
    ...(bad !== undefined && bad >= 0 ? { nonFiniteComponent: bad } : {}),
    stats,
  });
  if (!finite(y))
    return fail(
      SolveOutcome.NonFinite,
      Array.from(y).findIndex((v) => !Number.isFinite(v)),
    );

  const evalF = (tt: number, yy: Float64Array, out: Float64Array) => {
    stats.evaluations++;
    f(tt, yy, out);
  };
  const fy = new Float64Array(n);
  const fNew = new Float64Array(n);
  const ft = new Float64Array(n);
  const tmp = new Float64Array(n);
  const ytmp = new Float64Array(n);
  const jac = new Float64Array(n * n);
  const lu = new Float64Array(n * n);
  const piv = new Int32Array(n);
  const K = Array.from({ length: R.stages }, () => new Float64Array(n));
  const yNew = new Float64Array(n);
  const err = new Float64Array(n);
  const sample = new Float64Array(n).fill(Number.NaN);

  evalF(t, y, fy);
  if (!finite(fy))
    return fail(
      SolveOutcome.NonFinite,
      Array.from(fy).findIndex((v) => !Number.isFinite(v)),
    );
  let h = Math.min(opts.initialStep, span);
  let next = Math.max(0, problem.sampleFrom ?? 0);
  while (next < sampleTimes.length && sampleTimes[next]! <= t0) next++;
  let rejectedLast = false;

  while (t < t1) {
    if (stats.steps >= maxSteps) return fail(SolveOutcome.MaxSteps);
    if (stats.evaluations > budget) return fail(SolveOutcome.WorkLimit);
    if (t + h > t1 || t1 - (t + h) < 1e-12 * span) h = t1 - t;
    // Jacobian and ∂f/∂t by forward differences at (t, y).
    for (let j = 0; j < n; j++) {
      const d = Math.sqrt(2.2e-16 * Math.max(1e-5, Math.abs(y[j]!)));
      ytmp.set(y);
      ytmp[j] = y[j]! + d;
      evalF(t, ytmp, tmp);
      for (let i = 0; i < n; i++) jac[i * n + j] = (tmp[i]! - fy[i]!) / d;
    }
    const dt = Math.sqrt(2.2e-16) * Math.max(Math.abs(t), span);
    evalF(t + dt, y, tmp);
    for (let i = 0; i < n; i++) ft[i] = (tmp[i]! - fy[i]!) / dt;
    if (!finite(jac) || !finite(ft)) return fail(SolveOutcome.NonFinite);

    /**
     * One RODAS4 step of length hh from (t, y) with this step's Jacobian: the new state into
     * `yOut`, the error estimate into `err`. False when the matrix is singular.
     */
    const step = (hh: number, yOut: Float64Array): boolean => {
      const ghinv = 1 / (hh * R.gamma);
      for (let i = 0; i < n * n; i++) lu[i] = -jac[i]!;
      for (let i = 0; i < n; i++) lu[i * n + i]! += ghinv;
      if (!luFactor(lu, n, piv)) return false;
      for (let s = 0; s < R.stages; s++) {
        const rowStart = (s * (s - 1)) / 2;
        if (s === 0) tmp.set(fy);
        else if (R.newF[s]) {
          ytmp.set(y);
          for (let j = 0; j < s; j++) {
            const a = R.a[rowStart + j]!;
            if (a !== 0) for (let i = 0; i < n; i++) ytmp[i]! += a * K[j]![i]!;
          }
          evalF(t + R.alpha[s]! * hh, ytmp, tmp);
        }
        // Otherwise tmp still holds the previous stage's f.
        const Ks = K[s]!;
        Ks.set(tmp);
        for (let j = 0; j < s; j++) {
          const c = R.c[rowStart + j]! / hh;
          if (c !== 0) for (let i = 0; i < n; i++) Ks[i]! += c * K[j]![i]!;
        }
        const hg = hh * R.gammaSum[s]!;
        if (hg !== 0) for (let i = 0; i < n; i++) Ks[i]! += hg * ft[i]!;
        luSolve(lu, n, piv, Ks);
      }
      yOut.set(y);
      err.fill(0);
      for (let s = 0; s < R.stages; s++) {
        const m = R.m[s]!;
        const e = R.e[s]!;
        const Ks = K[s]!;
        for (let i = 0; i < n; i++) {
          yOut[i]! += m * Ks[i]!;
          err[i]! += e * Ks[i]!;
        }
      }
      return true;
    };

    let accepted = false;
    while (!accepted) {
      stats.steps++;
      if (stats.steps > maxSteps) return fail(SolveOutcome.MaxSteps);
      if (h < opts.minStepFraction * span) return fail(SolveOutcome.StepCollapse);
      if (!step(h, yNew)) {
        h *= 0.5;
        stats.rejected++;
        continue;
      }
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const sc = atol + rtol * Math.max(Math.abs(y[i]!), Math.abs(yNew[i]!));
        sum += (err[i]! / sc) ** 2;
      }
      const errNorm = Math.sqrt(sum / Math.max(n, 1));
      if (!Number.isFinite(errNorm) || !finite(yNew)) {
        h *= 0.25;
        stats.rejected++;
        rejectedLast = true;
        continue;
      }
      const fac = Math.min(6, Math.max(0.2, 0.9 / errNorm ** (1 / R.errorOrder)));
      if (errNorm > 1) {
        h *= Math.min(fac, 0.9);
        stats.rejected++;
        rejectedLast = true;
        continue;
      }
      accepted = true;
      evalF(t + h, yNew, fNew);
      if (!finite(fNew))
        return fail(
          SolveOutcome.NonFinite,
          Array.from(fNew).findIndex((v) => !Number.isFinite(v)),
        );
      const tNew = t + h;
      // Samples inside the step: a shorter step from its start (its local error is smaller
      // than the accepted step's), so sampled values carry the method's accuracy.
      while (next < sampleTimes.length && sampleTimes[next]! < tNew && sampleTimes[next]! < t1) {
        const ok = step(sampleTimes[next]! - t, sample);
        if (!ok || !finite(sample)) return fail(SolveOutcome.NonFinite);
        problem.onSample?.(next, sampleTimes[next]!, sample);
        next++;
      }
      if (next < sampleTimes.length && sampleTimes[next]! === tNew && tNew < t1) {
        problem.onSample?.(next, tNew, yNew);
        next++;
      }
      stats.accepted++;
      stats.minStep = Math.min(stats.minStep, h);
      stats.lastStep = h;
      t = tNew === t1 || t1 - tNew < 1e-12 * span ? t1 : tNew;
      y = Float64Array.from(yNew);
      fy.set(fNew);
      h *= rejectedLast ? Math.min(fac, 1) : fac;
      rejectedLast = false;
    }
  }
  while (next < sampleTimes.length && sampleTimes[next]! <= t1) {
    problem.onSample?.(next, sampleTimes[next]!, y);
    next++;
  }
  if (problem.yOut) {
    problem.yOut.set(y);
    y = problem.yOut;
  }
  return { outcome: SolveOutcome.Ok, t: t1, y, stats };
}
