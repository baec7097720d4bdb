/**
 * Integrate one smooth segment y' = f(t, y) with ODEX (Hairer & Wanner's extrapolation code,
 * ported to JavaScript as `odex`). This is the only module that imports odex. It knows vectors,
 * not biology: callers restart it at every input switch and turn outcomes into messages.
 *
 * Every run ends in an explicit `SolveOutcome`; nothing is thrown for numerical trouble and
 * nothing is silently truncated.
 */
import odex from 'odex';

// odex is CommonJS; Node's ESM loader exposes it only as a default export.
const { Outcome, Solver } = odex;

/** How a segment ended. Anything but `Ok` means the segment is incomplete. */
export enum SolveOutcome {
  Ok = 'ok',
  /** The per-segment step limit was reached (odex `MaxStepsExceeded`). */
  MaxSteps = 'max-steps',
  /** Accepted steps shrank below `minStepFraction` of the segment: the solver is stuck. */
  StepCollapse = 'step-collapse',
  /** The state or its derivative became NaN or infinite. */
  NonFinite = 'non-finite',
  /** The caller's budget of right-hand-side evaluations ran out. */
  WorkLimit = 'work-limit',
}

/** Right-hand side: write dy/dt at (t, y) into `dy`. */
export type RightHandSide = (t: number, y: ArrayLike<number>, dy: Float64Array) => void;

/** Tolerances and limits; defaults are declared once in `DEFAULT_SOLVE_OPTIONS`. */
export interface SolveOptions {
  readonly relativeTolerance: number;
  readonly absoluteTolerance: number;
  /** Steps allowed in one segment. */
  readonly maxSteps: number;
  /** A step shorter than this fraction of the segment length counts as collapse. */
  readonly minStepFraction: number;
}

/**
 * Defaults used by the simulator: tight enough for 1e-8 relative accuracy on smooth segments,
 * dense output included (`tests/core/accuracy.test.ts` checks this against a closed form; at
 * 1e-10 the global error reached 2e-8 for fast-relaxing states over long rest segments).
 */
export const DEFAULT_SOLVE_OPTIONS: SolveOptions = Object.freeze({
  relativeTolerance: 1e-12,
  absoluteTolerance: 1e-12,
  maxSteps: 5000,
  minStepFraction: 1e-12,
});

/** Work counters, summed over segments by the caller. */
export interface SolveStats {
  steps: number;
  accepted: number;
  rejected: number;
  evaluations: number;
  /** Shortest accepted step (minutes). */
  minStep: number;
  /** Last accepted step (minutes); a good first step for the next segment. */
  lastStep: number;
}

/** The outcome of one segment. */
export interface SegmentSolution {
  readonly outcome: SolveOutcome;
  /** Time reached: `t1` on success, else the last accepted time. */
  readonly t: number;
  /** State at `t`. */
  readonly y: Float64Array;
  /**
   * With `NonFinite`: the first component found NaN or infinite (in a derivative, a step or a
   * dense sample), so callers can name the variable; the state at `t` itself is still finite.
   */
  readonly nonFiniteComponent?: number;
  readonly stats: SolveStats;
}

/** One segment to integrate. */
export interface SegmentProblem {
  readonly f: RightHandSide;
  readonly t0: number;
  readonly t1: number;
  readonly y0: ArrayLike<number>;
  /**
   * Sample times inside (t0, t1] at which `onSample` receives the dense-output state, in
   * increasing order. `t1` itself is served from the final state, not interpolated.
   */
  readonly sampleTimes?: ArrayLike<number>;
  readonly onSample?: (index: number, t: number, y: Float64Array) => void;
  /**
   * Components `onSample` needs at interior sample times (default: all). The others hold NaN
   * there, which saves interpolation work (e.g. for running integrals that are only read at
   * segment ends).
   */
  readonly denseComponents?: readonly number[];
  /** Evaluations still allowed for the whole run (default: unlimited). */
  readonly evaluationBudget?: number;
  readonly options?: Partial<SolveOptions>;
  /**
   * First trial step (minutes), e.g. the last step of the previous segment: after a restart the
   * solution is often as smooth as before, and a good guess saves the step-size ramp-up. ODEX
   * rejects and shrinks a guess that is too large, so this affects work, never accuracy.
   */
  readonly initialStep?: number;
}

function allFinite(y: ArrayLike<number>): boolean {
  return firstNonFinite(y) < 0;
}

/** Index of the first NaN or infinite entry, or -1. */
function firstNonFinite(y: ArrayLike<number>): number {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i]!)) return i;
  return -1;
}

/**
 * Integrate one segment from `t0` to `t1` with dense output on the requested sample times.
 * @returns the outcome, the state reached and work counters; never throws for numerical trouble
 */
export function integrateSegment(problem: SegmentProblem): SegmentSolution {
  const opts = { ...DEFAULT_SOLVE_OPTIONS, ...problem.options };
  const { f, t0, t1 } = problem;
  const n = problem.y0.length;
  const sampleTimes = problem.sampleTimes ?? [];
  const budget = problem.evaluationBudget ?? Number.POSITIVE_INFINITY;
  const stats: SolveStats = {
    steps: 0,
    accepted: 0,
    rejected: 0,
    evaluations: 0,
    minStep: Number.POSITIVE_INFINITY,
    lastStep: Number.NaN,
  };

  if (!(t1 > t0)) throw new Error(`invalid segment: [${t0}, ${t1}]`);
  const yStart = Float64Array.from(problem.y0);
  if (!allFinite(yStart)) {
    return {
      outcome: SolveOutcome.NonFinite,
      t: t0,
      y: yStart,
      nonFiniteComponent: firstNonFinite(yStart),
      stats,
    };
  }

  const dyBuf = new Float64Array(n);
  let evaluations = 0;
  let nonFinite = false;
  let badComponent = -1;
  // Remember the first non-finite component of the first bad vector; when every component is
  // bad at once (a NaN step size spreads to all), the index says nothing, so leave it unknown.
  const flag = (v: ArrayLike<number>) => {
    if (!nonFinite) {
      const i = firstNonFinite(v);
      let allBad = true;
      for (let k = 0; k < v.length && allBad; k++) allBad = !Number.isFinite(v[k]!);
      badComponent = allBad ? -1 : i;
    }
    nonFinite = true;
  };
  let outOfBudget = false;
  // odex copies the returned array into its own storage at once, so one output array is reused
  // for every evaluation; the input is odex's fresh copy and is read directly. No allocation here.
  const dyOut = new Array<number>(n).fill(0);
  const derivative = (t: number, y: number[]): number[] => {
    evaluations++;
    if (!allFinite(y)) flag(y);
    f(t, y, dyBuf);
    if (!allFinite(dyBuf)) flag(dyBuf);
    for (let i = 0; i < n; i++) dyOut[i] = dyBuf[i]!;
    return dyOut;
  };

  let hasInteriorSamples = false;
  for (let i = 0; i < sampleTimes.length; i++) {
    const ts = sampleTimes[i]!;
    if (ts > t0 && ts < t1) {
      hasInteriorSamples = true;
      break;
    }
  }
  const denseList = problem.denseComponents ?? Array.from({ length: n }, (_, i) => i);
  for (const c of denseList) {
    if (!Number.isInteger(c) || c < 0 || c >= n) throw new Error(`invalid dense component: ${c}`);
  }
  const sample = new Float64Array(n).fill(Number.NaN);
  const solver = new Solver(n);
  solver.relativeTolerance = opts.relativeTolerance;
  solver.absoluteTolerance = opts.absoluteTolerance;
  solver.maxSteps = opts.maxSteps;
  // Dense output costs extra evaluations per step; switch it off when no sample falls inside.
  solver.denseOutput = hasInteriorSamples;
  if (hasInteriorSamples) solver.denseComponents = [...denseList];
  const guess = problem.initialStep;
  solver.initialStepSize =
    guess !== undefined && Number.isFinite(guess) && guess > 0
      ? Math.min(guess, t1 - t0)
      : Math.min(1, (t1 - t0) / 16);

  const span = t1 - t0;
  let next = 0;
  // Skip sample times at or before t0 and serve t1 from the final state.
  while (next < sampleTimes.length && sampleTimes[next]! <= t0) next++;
  let lastT = t0;
  let lastYRaw: ArrayLike<number> = yStart;
  let collapsed = false;

  const observer = (
    _nr: number,
    xOld: number,
    x: number,
    y: number[],
    dense?: (c: number, x: number) => number,
  ) => {
    if (!allFinite(y)) flag(y);
    if (nonFinite) return false;
    if (evaluations > budget) {
      outOfBudget = true;
      return false;
    }
    if (x > xOld) {
      const h = x - xOld;
      if (h < stats.minStep) stats.minStep = h;
      stats.lastStep = h;
      if (h < opts.minStepFraction * span && x < t1) {
        collapsed = true;
        return false;
      }
      if (dense) {
        while (next < sampleTimes.length && sampleTimes[next]! <= x && sampleTimes[next]! < t1) {
          const ts = sampleTimes[next]!;
          for (let k = 0; k < denseList.length; k++) {
            const i = denseList[k]!;
            const v = dense(i, ts);
            if (!Number.isFinite(v)) {
              if (!nonFinite) badComponent = i;
              nonFinite = true;
              return false;
            }
            sample[i] = v;
          }
          problem.onSample?.(next, ts, sample);
          next++;
        }
      }
    }
    lastT = x;
    // odex hands the observer a fresh copy of the state each step; keep it, convert on failure.
    lastYRaw = y;
    return undefined;
  };

  const result = solver.solve(derivative, t0, Array.from(yStart), t1, observer);
  stats.steps = result.nStep;
  stats.accepted = result.nAccept;
  stats.rejected = result.nReject;
  stats.evaluations = evaluations;

  let outcome: SolveOutcome;
  if (nonFinite) outcome = SolveOutcome.NonFinite;
  else if (outOfBudget) outcome = SolveOutcome.WorkLimit;
  else if (collapsed) outcome = SolveOutcome.StepCollapse;
  else if (result.outcome === Outcome.MaxStepsExceeded) outcome = SolveOutcome.MaxSteps;
  else if (result.outcome !== Outcome.Converged) outcome = SolveOutcome.StepCollapse;
  else if (Math.abs(lastT - t1) > 1e-9 * Math.max(1, Math.abs(t1))) outcome = SolveOutcome.StepCollapse;
  else outcome = SolveOutcome.Ok;

  if (outcome === SolveOutcome.Ok) {
    const yEnd = Float64Array.from(result.y);
    if (!allFinite(yEnd)) {
      return {
        outcome: SolveOutcome.NonFinite,
        t: lastT,
        y: Float64Array.from(lastYRaw),
        nonFiniteComponent: firstNonFinite(yEnd),
        stats,
      };
    }
    // Samples exactly at t1 come from the end state, not from interpolation.
    while (next < sampleTimes.length && sampleTimes[next]! <= t1) {
      problem.onSample?.(next, sampleTimes[next]!, yEnd);
      next++;
    }
    return { outcome, t: t1, y: yEnd, stats };
  }
  if (outcome === SolveOutcome.NonFinite)
    return { outcome, t: lastT, y: Float64Array.from(lastYRaw), nonFiniteComponent: badComponent, stats };
  return { outcome, t: lastT, y: Float64Array.from(lastYRaw), stats };
}

/** Estimate of how stiff the problem is at (t, y). */
export interface StiffnessEstimate {
  /** Largest |Jacobian row sum| (Gershgorin bound on the spectral radius), per minute. */
  readonly spectralRadius: number;
  /** Component with the largest |∂f_i/∂y_i|: the fastest relaxing variable. */
  readonly fastestComponent: number;
  /** Its time scale 1/|∂f_i/∂y_i| in minutes. */
  readonly fastestTimeScale: number;
}

/**
 * Estimate the Jacobian by forward differences and bound its spectral radius. Used to tell a
 * stiff parameter choice (fast time scales, which odex handles badly) from other failures.
 */
export function estimateStiffness(f: RightHandSide, t: number, y: ArrayLike<number>): StiffnessEstimate {
  const n = y.length;
  const y0 = Float64Array.from(y);
  const f0 = new Float64Array(n);
  const f1 = new Float64Array(n);
  f(t, y0, f0);
  const jac: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const h = 1e-7 * Math.max(1, Math.abs(y0[j]!));
    const yp = Float64Array.from(y0);
    yp[j] = y0[j]! + h;
    f(t, yp, f1);
    for (let i = 0; i < n; i++) jac[i]![j] = (f1[i]! - f0[i]!) / h;
  }
  let radius = 0;
  let fastest = 0;
  let fastestRate = 0;
  for (let i = 0; i < n; i++) {
    const row = jac[i]!;
    const sum = row.reduce((s, v) => s + (Number.isFinite(v) ? Math.abs(v) : 0), 0);
    radius = Math.max(radius, sum);
    const d = Math.abs(row[i]!);
    if (Number.isFinite(d) && d > fastestRate) {
      fastestRate = d;
      fastest = i;
    }
  }
  return {
    spectralRadius: radius,
    fastestComponent: fastest,
    fastestTimeScale: fastestRate > 0 ? 1 / fastestRate : Number.POSITIVE_INFINITY,
  };
}
