/**
 * The `odex` method: ODEX, Hairer & Wanner's extrapolation code (GBS), as ported to JavaScript
 * in the `odex` package (3.0.0-rc.4, pinned exactly). This is the only module that imports odex.
 * It knows vectors, not biology: callers restart it at every input switch and turn outcomes
 * into messages.
 *
 * odex 3 takes an in-place right-hand side (`rawFunction`) and fixes its options when a `Solver`
 * is constructed, so one solver per option set (and dense-output layout) is built once and
 * reused for every segment: no per-step allocation here (odex itself still allocates a copy of
 * the state and, with dense output, the interpolant per accepted step). Dense output is switched
 * off for segments without an interior sample, since it costs extra evaluations per step.
 *
 * odex 3 throws on its step limit; that, a non-finite value, a step collapse and the caller's
 * evaluation budget all end as a `SolveOutcome`, never as a throw.
 */
import odex from 'odex';
import {
  type RightHandSide,
  type SegmentIntegrator,
  type SegmentProblem,
  type SegmentSolution,
  type SolveOptions,
  SolveOutcome,
  type SolveStats,
} from './segment.ts';

// odex is CommonJS; Node's ESM loader exposes it only as a default export.
const { Solver } = odex;
type OdexSolver = InstanceType<typeof Solver>;

/** odex 3's message when `maxSteps` is reached (it throws a plain Error). */
const MAX_STEPS_MESSAGE = /^maximum allowed steps exceeded/;

/** Thrown from inside the solver's callbacks to stop it; caught in `integrate`. */
class Stop {
  constructor(readonly outcome: SolveOutcome) {}
}
const STOP_NON_FINITE = new Stop(SolveOutcome.NonFinite);
const STOP_WORK_LIMIT = new Stop(SolveOutcome.WorkLimit);
const STOP_COLLAPSE = new Stop(SolveOutcome.StepCollapse);
/**
 * A stage at a non-finite time: odex 3.0.0-rc.4 can turn its step size into NaN when dense output
 * rejects the final step of an interval at a high extrapolation order (after the rejection it
 * reads a step estimate `hh[k − 1]` of a column not yet computed). The model is not to blame, so
 * the segment restarts from the last accepted step instead of failing.
 */
const STOP_BAD_STEP = new Stop(SolveOutcome.NonFinite);
/** Restarts allowed per segment after `STOP_BAD_STEP`. */
const MAX_RESTARTS = 3;

/** Index of the first NaN or infinite entry, or -1. */
function firstNonFinite(y: ArrayLike<number>): number {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i]!)) return i;
  return -1;
}

/** The first bad component, or -1 when every component is bad (a NaN step spreads to all). */
function badComponentOf(v: ArrayLike<number>): number {
  for (let k = 0; k < v.length; k++) if (Number.isFinite(v[k]!)) return firstNonFinite(v);
  return -1;
}

/**
 * One odex `Solver` for a dimension and dense-output layout, with the per-call state its
 * callbacks read. The callbacks are bound once, so a call allocates only its result.
 */
class OdexSlot {
  readonly solver: OdexSolver;
  readonly n: number;
  readonly dense: boolean;
  readonly denseList: readonly number[];
  busy = false;
  private readonly minStepFraction: number;
  private readonly yStart: number[];
  private readonly dy: Float64Array;
  private readonly sample: Float64Array;
  // Per call:
  private f: RightHandSide = () => {};
  private budget = Number.POSITIVE_INFINITY;
  evaluations = 0;
  accepted = 0;
  badComponent = -1;
  private t1 = 0;
  private span = 0;
  private sampleTimes: ArrayLike<number> = [];
  private next = 0;
  private onSample: SegmentProblem['onSample'] = undefined;
  minStep = Number.POSITIVE_INFINITY;
  lastStep = Number.NaN;
  lastT = 0;
  lastY: ArrayLike<number> = [];

  constructor(options: SolveOptions, n: number, denseList: readonly number[] | null) {
    this.n = n;
    this.dense = denseList !== null;
    this.denseList = denseList ?? [];
    this.minStepFraction = options.minStepFraction;
    this.yStart = new Array<number>(n).fill(0);
    this.dy = new Float64Array(n);
    this.sample = new Float64Array(n).fill(Number.NaN);
    this.solver = new Solver(this.rhs, n, {
      rawFunction: true,
      relativeTolerance: options.relativeTolerance,
      absoluteTolerance: options.absoluteTolerance,
      maxSteps: options.maxSteps,
      // odex takes max(this, 1e-4), at most half the interval, and shortens a trial that fails.
      initialStepSize: options.initialStep,
      denseOutput: this.dense,
      // odex reads 0 as "no cap" (the whole interval).
      maxStepSize: Number.isFinite(options.maxStep) ? options.maxStep : 0,
      ...(this.dense ? { denseComponents: [...this.denseList] } : {}),
    });
  }

  private readonly rhs = (t: number, y: number[], yp: number[]): void => {
    if (++this.evaluations > this.budget) throw STOP_WORK_LIMIT;
    if (!Number.isFinite(t)) throw STOP_BAD_STEP;
    const dy = this.dy;
    this.f(t, y, dy);
    for (let i = 0; i < this.n; i++) {
      const v = dy[i]!;
      if (!Number.isFinite(v)) {
        this.badComponent = badComponentOf(dy);
        throw STOP_NON_FINITE;
      }
      yp[i] = v;
    }
  };

  private readonly observe = (
    xOld: number,
    x: number,
    y: number[],
    dense: (c: number, x: number) => number,
  ): void => {
    const bad = firstNonFinite(y);
    if (bad >= 0) {
      this.badComponent = badComponentOf(y);
      throw STOP_NON_FINITE;
    }
    const h = x - xOld;
    if (h > 0) {
      if (h < this.minStep) this.minStep = h;
      this.lastStep = h;
      if (h < this.minStepFraction * this.span && x < this.t1) throw STOP_COLLAPSE;
    }
    if (this.dense) {
      const times = this.sampleTimes;
      const sample = this.sample;
      const list = this.denseList;
      while (this.next < times.length && times[this.next]! <= x && times[this.next]! < this.t1) {
        const ts = times[this.next]!;
        for (let k = 0; k < list.length; k++) {
          const c = list[k]!;
          const v = dense(c, ts);
          if (!Number.isFinite(v)) {
            this.badComponent = c;
            throw STOP_NON_FINITE;
          }
          sample[c] = v;
        }
        this.onSample?.(this.next, ts, sample);
        this.next++;
      }
    }
    this.accepted++;
    this.lastT = x;
    this.lastY = y;
  };

  /** Integrate `problem` (already checked) from the sample index `next`. */
  run(problem: SegmentProblem, next: number): SegmentSolution {
    this.reset(problem, next);
    const { outcome, counts, yEnd, restarts, before } = this.solveWithRestarts(problem.t0, problem.t1);
    const ok = outcome === SolveOutcome.Ok;
    const stats: SolveStats = {
      steps: ok ? before + counts.nStep : this.accepted,
      accepted: ok ? before + counts.nAccept : this.accepted,
      rejected: ok ? counts.nReject : 0,
      evaluations: this.evaluations,
      minStep: this.minStep,
      lastStep: this.lastStep,
      restarts,
    };
    if (ok) return this.finish(problem, yEnd, stats);
    const y = Float64Array.from(this.lastY);
    if (outcome === SolveOutcome.NonFinite) {
      return { outcome, t: this.lastT, y, nonFiniteComponent: this.badComponent, stats };
    }
    return { outcome, t: this.lastT, y, stats };
  }

  /** Set the per-call state the callbacks read. */
  private reset(problem: SegmentProblem, next: number): void {
    const { t0, t1 } = problem;
    this.f = problem.f;
    this.budget = problem.evaluationBudget ?? Number.POSITIVE_INFINITY;
    this.evaluations = 0;
    this.accepted = 0;
    this.badComponent = -1;
    this.t1 = t1;
    this.span = t1 - t0;
    this.sampleTimes = problem.sampleTimes ?? [];
    this.next = next;
    this.onSample = problem.onSample;
    this.minStep = Number.POSITIVE_INFINITY;
    this.lastStep = Number.NaN;
    this.lastT = t0;
    const y0 = problem.y0;
    for (let i = 0; i < this.n; i++) this.yStart[i] = y0[i]!;
    this.lastY = this.yStart;
  }

  /**
   * Run odex from t0 to t1, restarting from the last accepted step after `STOP_BAD_STEP`; map
   * every way it stops to an outcome (odex throws on its step limit).
   */
  private solveWithRestarts(t0: number, t1: number) {
    let outcome = SolveOutcome.Ok;
    let counts = { nStep: 0, nAccept: 0, nReject: 0 };
    let yEnd: ArrayLike<number> = this.yStart;
    let from = t0;
    let before = 0;
    let restarts = 0;
    for (; ; restarts++) {
      try {
        const result = this.solver.solve(from, this.yStart, t1, this.observe);
        counts = result;
        yEnd = result.y;
      } catch (err) {
        if (err === STOP_BAD_STEP && restarts < MAX_RESTARTS) {
          // Continue from the last accepted step (samples up to it are already delivered).
          from = this.lastT;
          for (let i = 0; i < this.n; i++) this.yStart[i] = this.lastY[i]!;
          this.lastY = this.yStart;
          before = this.accepted;
          continue;
        }
        if (err instanceof Stop) outcome = err.outcome;
        else if (err instanceof Error && MAX_STEPS_MESSAGE.test(err.message)) outcome = SolveOutcome.MaxSteps;
        else throw err;
      }
      break;
    }
    return { outcome, counts, yEnd, restarts, before };
  }

  /** A segment that reached t1: the end state (into `yOut`), and samples exactly at t1 from it. */
  private finish(problem: SegmentProblem, yEnd: ArrayLike<number>, stats: SolveStats): SegmentSolution {
    const y = problem.yOut ?? new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) y[i] = yEnd[i]!;
    if (firstNonFinite(y) >= 0) {
      return {
        outcome: SolveOutcome.NonFinite,
        t: this.lastT,
        y: Float64Array.from(this.lastY),
        nonFiniteComponent: badComponentOf(y),
        stats,
      };
    }
    const times = this.sampleTimes;
    while (this.next < times.length && times[this.next]! <= problem.t1) {
      problem.onSample?.(this.next, times[this.next]!, y);
      this.next++;
    }
    return { outcome: SolveOutcome.Ok, t: problem.t1, y, stats };
  }
}

/**
 * ODEX behind the segment interface, with its options fixed (see `methods.ts` for how a caller
 * gets one). Keeps one warm odex `Solver` per state dimension and dense-output layout.
 */
export class OdexIntegrator implements SegmentIntegrator {
  readonly options: SolveOptions;
  private readonly slots = new Map<string, OdexSlot>();
  /** Dense-output slots by the caller's component array, so a repeat call skips building a key. */
  private readonly byList = new WeakMap<readonly number[], OdexSlot>();

  constructor(options: SolveOptions) {
    this.options = options;
  }

  /** @inheritdoc */
  integrate(problem: SegmentProblem): SegmentSolution {
    const { t0, t1 } = problem;
    const n = problem.y0.length;
    if (!(t1 > t0)) throw new Error(`invalid segment: [${t0}, ${t1}]`);
    if (problem.yOut && problem.yOut.length !== n) {
      throw new Error(`invalid yOut: length ${problem.yOut.length}, expected ${n}`);
    }
    const times = problem.sampleTimes ?? [];
    let next = Math.max(0, problem.sampleFrom ?? 0);
    while (next < times.length && times[next]! <= t0) next++;
    const interior = next < times.length && times[next]! < t1;

    const start = firstNonFinite(problem.y0);
    if (start >= 0) {
      return {
        outcome: SolveOutcome.NonFinite,
        t: t0,
        y: Float64Array.from(problem.y0),
        nonFiniteComponent: start,
        stats: {
          steps: 0,
          accepted: 0,
          rejected: 0,
          evaluations: 0,
          minStep: Number.NaN,
          lastStep: Number.NaN,
          restarts: 0,
        },
      };
    }
    const slot = interior ? this.denseSlot(n, problem.denseComponents) : this.plainSlot(n);
    slot.busy = true;
    try {
      return slot.run(problem, next);
    } finally {
      slot.busy = false;
    }
  }

  /** The solver without dense output for dimension `n`. */
  private plainSlot(n: number): OdexSlot {
    return this.pick(`${n}`, () => new OdexSlot(this.options, n, null));
  }

  /** The dense-output solver for `n` and these components (looked up by array identity first). */
  private denseSlot(n: number, components: readonly number[] | undefined): OdexSlot {
    const known = components ? this.byList.get(components) : undefined;
    if (known && known.n === n && !known.busy) return known;
    const list = components ?? Array.from({ length: n }, (_, i) => i);
    for (const c of list) {
      if (!Number.isInteger(c) || c < 0 || c >= n) throw new Error(`invalid dense component: ${c}`);
    }
    const slot = this.pick(`${n}|${list.join(',')}`, () => new OdexSlot(this.options, n, list));
    if (components && !slot.busy) this.byList.set(components, slot);
    return slot;
  }

  /** The cached slot for `key`, or a new one (a fresh one if the cached one is busy: re-entry). */
  private pick(key: string, make: () => OdexSlot): OdexSlot {
    const found = this.slots.get(key);
    if (found && !found.busy) return found;
    const slot = make();
    if (!found) {
      if (this.slots.size >= 16) this.slots.clear();
      this.slots.set(key, slot);
    }
    return slot;
  }
}
