/**
 * The segment interface every integration method implements, method-neutral: a problem is one
 * smooth stretch y' = f(t, y) on [t0, t1] (constant inputs: callers restart at every switch),
 * a solution is an explicit `SolveOutcome` plus the state reached and work counters.
 *
 * A method (`odex-solver.ts` today; an implicit method for stiff models can follow) provides a
 * `SegmentIntegrator`; `methods.ts` is the one place that picks it. Callers (`src/simulate/`)
 * see only this file's types, so a second method changes nothing above `src/solve/`.
 *
 * The accuracy contract and the default tolerances that meet it are declared here, once.
 */

/** How a segment ended. Anything but `Ok` means the segment is incomplete. */
export enum SolveOutcome {
  Ok = 'ok',
  /** The per-segment step limit (`maxSteps`) was reached. */
  MaxSteps = 'max-steps',
  /** Accepted steps shrank below `minStepFraction` of the segment: the solver is stuck. */
  StepCollapse = 'step-collapse',
  /** The state or its derivative became NaN or infinite. */
  NonFinite = 'non-finite',
  /** The caller's budget of right-hand-side evaluations ran out. */
  WorkLimit = 'work-limit',
}

/**
 * Right-hand side: write dy/dt at (t, y) into `dy`. Must not keep `y` or `dy` after returning
 * (methods pass their own work arrays) and must not allocate if the caller cares about speed.
 */
export type RightHandSide = (t: number, y: ArrayLike<number>, dy: Float64Array) => void;

/**
 * The integration methods, by name; `methods.ts` maps each to its implementation.
 * - `odex`: explicit extrapolation (Hairer & Wanner's ODEX via the odex package), very accurate
 *   on smooth non-stiff problems;
 * - `rosenbrock`: RODAS4, implicit and L-stable, for stiff problems (`rosenbrock.ts`);
 * - `auto` (default): ODEX, and RODAS4 from the segment's start when ODEX gives up on step size
 *   (which stiffness causes), as LSODA switches methods.
 */
export type SolveMethod = 'auto' | 'odex' | 'rosenbrock';

/** The method that actually integrated a segment (`none`: an empty system needs no solver). */
export type UsedMethod = 'odex' | 'rosenbrock' | 'none';

/** Tolerances and limits; defaults are declared once in `DEFAULT_SOLVE_OPTIONS`. */
export interface SolveOptions {
  /** Which method integrates the segments (default `auto`). */
  readonly method: SolveMethod;
  /** Relative tolerance per step (> 0). */
  readonly relativeTolerance: number;
  /** Absolute tolerance per step (> 0). */
  readonly absoluteTolerance: number;
  /**
   * Largest step, minutes (> 0; Infinity for none). Long rest segments otherwise take steps of
   * many hours through slow decays with a fast component, where ODEX's error estimate is
   * optimistic. `simulate` lowers it further to a few relaxation times of the model.
   */
  readonly maxStep: number;
  /**
   * First trial step of every segment, minutes (> 0). A trial that is too long is rejected and
   * shortened, so this changes work, not accuracy (within the contract).
   */
  readonly initialStep: number;
  /** Steps allowed in one segment (a positive integer). */
  readonly maxSteps: number;
  /** A step shorter than this fraction of the segment length counts as collapse (≥ 0, < 1). */
  readonly minStepFraction: number;
}

/**
 * The accuracy the product promises, relative to a tight reference run of the same model and
 * protocol (`REFERENCE_SOLVE_OPTIONS`):
 * - `readout`: values at solver stops (bout edges, readout times, AUC window edges) and the
 *   running integrals behind every AUC, i.e. everything a readout, target, map cell or
 *   sensitivity value is computed from;
 * - `display`: output samples between stops (what charts draw and CSV files hold), which come
 *   from the method's dense output.
 * `tests/core/accuracy.test.ts` and `tests/model/contract.test.ts` check both.
 */
export const ACCURACY_CONTRACT = Object.freeze({ readout: 1e-8, display: 1e-6 });

/**
 * Defaults used everywhere (app, CLI, notebooks, sweeps), so numbers agree: rtol = atol = 5e-11,
 * steps of at most 180 min and a first trial step of 1 min — and a run lowers both to a few
 * times / a tenth of the model's fastest relaxation time at rest (`src/simulate/setup.ts`),
 * because ODEX, an explicit method, can misjudge its error on steps many times that time. The
 * worst readout then stays ~30× and the worst sample ~100× inside `ACCURACY_CONTRACT` on the
 * default model (study, every preset, the fastest documented time constants, random protocols)
 * and on the closed-form fixture's random time constants (5 min–24 h):
 * `tests/model/contract.test.ts` and `tests/core/accuracy.test.ts` print the worst cases, and
 * docs/performance.md records the scan that chose these values.
 */
export const DEFAULT_SOLVE_OPTIONS: SolveOptions = Object.freeze({
  method: 'auto',
  relativeTolerance: 5e-11,
  absoluteTolerance: 5e-11,
  maxStep: 180,
  initialStep: 1,
  maxSteps: 5000,
  minStepFraction: 1e-12,
});

/** Tolerances of a reference run, for checking the contract (far tighter than the defaults). */
export const REFERENCE_SOLVE_OPTIONS: Partial<SolveOptions> = Object.freeze({
  relativeTolerance: 1e-13,
  absoluteTolerance: 1e-13,
  maxSteps: 100_000,
});

/** A solver option that cannot work, named with its value and where it came from. */
export class SolverOptionError extends Error {
  /** The option's name, e.g. `relativeTolerance`. */
  readonly option: string;
  readonly value: unknown;
  constructor(option: string, value: unknown, rule: string, where: string) {
    super(`invalid solver option ${option}: ${String(value)} (${rule})${where ? ` in ${where}` : ''}`);
    this.name = 'SolverOptionError';
    this.option = option;
    this.value = value;
  }
}

const METHODS: readonly SolveMethod[] = ['auto', 'odex', 'rosenbrock'];

/**
 * Merge `options` over the defaults and check every field.
 * @param where where the options came from, for the message (e.g. `simulate options.solver`)
 * @throws SolverOptionError naming the option and the value: a tolerance that is not a finite
 *   number > 0, a `maxStep` or `initialStep` that is not > 0, a `maxSteps` that is not a positive integer, a
 *   `minStepFraction` outside [0, 1), an unknown method or an unknown option name
 */
export function resolveSolveOptions(options: Partial<SolveOptions> | undefined, where = ''): SolveOptions {
  const merged = { ...DEFAULT_SOLVE_OPTIONS, ...stripUndefined(options ?? {}) };
  for (const key of Object.keys(merged)) {
    if (!(key in DEFAULT_SOLVE_OPTIONS)) {
      throw new SolverOptionError(
        key,
        (merged as Record<string, unknown>)[key],
        `unknown option; options: ${Object.keys(DEFAULT_SOLVE_OPTIONS).join(', ')}`,
        where,
      );
    }
  }
  if (!METHODS.includes(merged.method)) {
    throw new SolverOptionError('method', merged.method, `methods: ${METHODS.join(', ')}`, where);
  }
  for (const key of ['relativeTolerance', 'absoluteTolerance'] as const) {
    const v = merged[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) {
      throw new SolverOptionError(key, v, 'must be a finite number > 0', where);
    }
  }
  if (typeof merged.maxStep !== 'number' || !(merged.maxStep > 0)) {
    throw new SolverOptionError(
      'maxStep',
      merged.maxStep,
      'must be a number > 0 (minutes; Infinity for none)',
      where,
    );
  }
  if (
    typeof merged.initialStep !== 'number' ||
    !(merged.initialStep > 0) ||
    !Number.isFinite(merged.initialStep)
  ) {
    throw new SolverOptionError(
      'initialStep',
      merged.initialStep,
      'must be a finite number > 0 (minutes)',
      where,
    );
  }
  if (typeof merged.maxSteps !== 'number' || !Number.isInteger(merged.maxSteps) || !(merged.maxSteps > 0)) {
    throw new SolverOptionError('maxSteps', merged.maxSteps, 'must be an integer > 0', where);
  }
  const m = merged.minStepFraction;
  if (typeof m !== 'number' || !(m >= 0 && m < 1)) {
    throw new SolverOptionError('minStepFraction', m, 'must be a number in [0, 1)', where);
  }
  return Object.freeze(merged);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Work counters of one segment (callers sum them). */
export interface SolveStats {
  /** Steps attempted (accepted + rejected). */
  steps: number;
  accepted: number;
  rejected: number;
  /** Right-hand-side evaluations. */
  evaluations: number;
  /** Shortest accepted step (minutes). */
  minStep: number;
  /** Last accepted step (minutes). */
  lastStep: number;
  /** Times the method restarted the segment from an accepted step after an internal fault. */
  restarts: number;
}

/** The outcome of one segment. */
export interface SegmentSolution {
  readonly outcome: SolveOutcome;
  /** Time reached: `t1` on success, else the last accepted time. */
  readonly t: number;
  /** State at `t`: `problem.yOut` when given and the segment ended `Ok`, else a fresh array. */
  readonly y: Float64Array;
  /**
   * With `NonFinite`: the first component found NaN or infinite (in a derivative, a step or a
   * dense sample), so callers can name the variable; -1 when every component went bad at once.
   * The state at `t` itself is still finite.
   */
  readonly nonFiniteComponent?: number;
  readonly stats: SolveStats;
  /** The method that produced this solution (set by `auto`, which may switch). */
  readonly method?: UsedMethod;
}

/** One segment to integrate. */
export interface SegmentProblem {
  readonly f: RightHandSide;
  readonly t0: number;
  readonly t1: number;
  readonly y0: ArrayLike<number>;
  /**
   * Sample times at which `onSample` receives the state, increasing. Times ≤ t0 and > t1 are
   * skipped; times inside (t0, t1) come from dense output; `t1` itself is served from the final
   * state, not interpolated. `sampleFrom` says where to start looking.
   */
  readonly sampleTimes?: ArrayLike<number>;
  /** Index into `sampleTimes` to start the search from (default 0), to avoid rescanning. */
  readonly sampleFrom?: number;
  /**
   * Receives each sample; `y` is a work array valid only during the call. Components outside
   * `denseComponents` hold NaN at interior samples.
   */
  readonly onSample?: (index: number, t: number, y: Float64Array) => void;
  /**
   * Components `onSample` needs at interior sample times (default: all), which saves
   * interpolation work (e.g. for running integrals read only at segment ends).
   */
  readonly denseComponents?: readonly number[];
  /** Evaluations still allowed (default: unlimited); past it the outcome is `WorkLimit`. */
  readonly evaluationBudget?: number;
  /**
   * Where to write the end state on success (length of `y0`; may be a subarray view), so a caller
   * that stores many states allocates none here. Default: a fresh array.
   */
  readonly yOut?: Float64Array;
}

/** An integration method, configured with fixed options. */
export interface SegmentIntegrator {
  readonly options: SolveOptions;
  /**
   * Integrate one segment. Never throws for numerical trouble: every way a run can end is a
   * `SolveOutcome`.
   * @throws Error only for a malformed problem (t1 ≤ t0, a bad dense component)
   */
  integrate(problem: SegmentProblem): SegmentSolution;
  /**
   * The integrator to use for the rest of a run once a segment needed the stiff method (`auto`
   * only), so ODEX's failed attempt is not repeated on every segment.
   */
  readonly stiffFallback?: SegmentIntegrator;
}
