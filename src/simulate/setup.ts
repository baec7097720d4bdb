/**
 * What every run of one parameter set shares, computed once: the parameter vector, the
 * no-exercise steady state it starts from, the basal observables, the integrator (method and
 * tolerances, checked) and the evaluation budget. `simulate` builds one per call; sweeps build
 * one per parameter set and reuse it for every cell.
 */
import type { CompiledModel } from '../model/compile.ts';
import { checkParameterValues } from '../model/parameters.ts';
import {
  DEFAULT_SOLVE_OPTIONS,
  estimateStiffness,
  type SegmentIntegrator,
  type SolveOptions,
  segmentIntegrator,
} from '../solve/index.ts';
import { type EvaluationLimit, evaluationLimit, nodesPerEvaluation } from './budget.ts';
import { likelyCause, SimulationError } from './errors.ts';
import { steadyState } from './steady-state.ts';

/** How a run starts and how hard it may work; defaults in `DEFAULT_RUN_OPTIONS`. */
export interface RunOptions {
  /** Parameter overrides by name; the rest keep the model's values. */
  readonly parameters?: Readonly<Record<string, number>>;
  /**
   * `steady-state` (default, unless the model file says `start: initial-values`): start from the
   * no-exercise steady state, computed if the model's initial values are not one (with a
   * warning). `spec`: start from the file's values (an imported SBML model's initial state).
   */
  readonly initial?: 'steady-state' | 'spec';
  /** Solver method, tolerances and limits (default: `DEFAULT_SOLVE_OPTIONS`). */
  readonly solver?: Partial<SolveOptions>;
  /**
   * Bound on the work of the whole run, so a page can never freeze: this many right-hand-side
   * evaluations of a model of up to `REFERENCE_NODES_PER_EVALUATION` nodes, proportionally fewer
   * for a larger one (`budget.ts`).
   */
  readonly maxEvaluations?: number;
  /**
   * Run with parameter values outside their documented `[min, max]` (default false: such a value
   * is a `ParameterError`). With it, each such value is a warning, and a result that is not
   * physical (a non-finite or non-positive observable, a state 1e9 times its resting level) is a
   * `SimulationError` of kind `non-physical` rather than a result.
   */
  readonly allowOutOfRange?: boolean;
}

/** Defaults of `RunOptions`, declared once. */
export const DEFAULT_RUN_OPTIONS = Object.freeze({
  initial: 'steady-state' as const,
  maxEvaluations: 2_000_000,
  allowOutOfRange: false,
});

/** A prepared parameter set. */
export interface RunSetup {
  readonly model: CompiledModel;
  readonly p: Float64Array;
  /** Start state (states only). */
  readonly y0: Float64Array;
  /** Observables at rest, from `y0`. */
  readonly basal: Float64Array;
  readonly integrator: SegmentIntegrator;
  /** Evaluations the run may make (the work budget over this model's cost per evaluation). */
  readonly maxEvaluations: number;
  /** The work budget behind `maxEvaluations`, for messages. */
  readonly budget: EvaluationLimit;
  /** Notes so far (parameters outside their range, initial state replaced). */
  readonly warnings: Set<string>;
  /**
   * Times at which the model's equations switch (piecewise expressions in time, from SBML
   * import), increasing; the solver restarts there as at a bout edge.
   */
  readonly switches: readonly number[];
}

/**
 * Prepare a run: parameters (unknown names, non-finite and — unless `allowOutOfRange` —
 * out-of-range values throw), out-of-range notes, the start state and the basal observables
 * (one that is not positive gets a warning: its folds are undefined).
 * @param tStart the time a failure here is reported at
 * @throws ParameterError for an unknown parameter, a non-finite value or one outside its range;
 *   SolverOptionError for bad solver options; SimulationError (`steady-state`) when no steady
 *   state at rest is found
 */
export function prepareRun(model: CompiledModel, options: RunOptions, tStart: number): RunSetup {
  // Check the options first (a bad one is named before any work is done).
  segmentIntegrator(options.solver, 'options.solver');
  const requested = options.maxEvaluations ?? DEFAULT_RUN_OPTIONS.maxEvaluations;
  if (!(requested > 0) || !Number.isFinite(requested)) {
    throw new Error(`invalid maxEvaluations: ${requested} (must be a finite number > 0)`);
  }
  const budget = evaluationLimit(requested, nodesPerEvaluation(model));
  const maxEvaluations = budget.evaluations;
  const allowOutOfRange = options.allowOutOfRange ?? DEFAULT_RUN_OPTIONS.allowOutOfRange;
  checkParameterValues(model.spec, options.parameters ?? {}, { allowOutOfRange });
  const p = model.parameterVector(options.parameters);
  const warnings = new Set<string>();
  for (let i = 0; i < p.length; i++) {
    const name = model.parameterNames[i]!;
    const spec = model.spec.parameters[name]!;
    if (p[i]! < spec.min || p[i]! > spec.max) {
      warnings.add(`parameter ${name} = ${p[i]} is outside its documented range [${spec.min}, ${spec.max}]`);
    }
  }
  let y0 = model.initialState(p, tStart);
  const initial =
    options.initial ?? (model.spec.start === 'initial-values' ? 'spec' : DEFAULT_RUN_OPTIONS.initial);
  if (initial === 'steady-state') {
    const ss = steadyState(model, p, y0);
    if (!ss.ok) {
      throw new SimulationError({
        kind: 'steady-state',
        message: `no steady state found at rest (${ss.reason})`,
        groupId: '',
        time: tStart,
        cause: likelyCause(model, p, ss.worstState),
      });
    }
    if (ss.moved) {
      warnings.add(
        `the model's initial values are not a steady state at rest; started from the computed steady state (largest change: ${model.stateNames[ss.worstState]} ${y0[ss.worstState]} → ${ss.y[ss.worstState]!.toPrecision(6)})`,
      );
    }
    y0 = ss.y;
  }
  const rest = new Float64Array(model.inputNames.length);
  const basal = new Float64Array(model.observableNames.length);
  model.observe(y0, p, rest, basal, tStart);
  model.observableNames.forEach((name, i) => {
    if (!(basal[i]! > 0) || !Number.isFinite(basal[i]!)) {
      warnings.add(
        `observable ${name} is ${basal[i]} at rest, so its fold changes against control are undefined`,
      );
    }
  });
  const integrator = segmentIntegrator(
    runSolveOptions(model, p, y0, tStart, options.solver),
    'options.solver',
  );
  const switches = model.discontinuities(p);
  return { model, p, y0, basal, integrator, maxEvaluations, budget, warnings, switches };
}

/**
 * How steps scale with the fastest relaxation time τ at rest (1/(−∂f_i/∂y_i) at the start state,
 * over the states that relax; a growing state, an unstable choice, limits nothing):
 * steps are capped at `maxSteps`·τ and each segment's first trial is `firstStep`·τ, both rounded
 * down to a power of √2 so nearby parameter sets share solvers. ODEX is explicit: on steps many
 * times τ its error estimate can miss the error of the decaying state (the closed-form fixture
 * showed 4e-8 after a long rest of a 22-min state at 180-min steps, with rtol 1e-11).
 */
export const STEP_SCALES = Object.freeze({ maxSteps: 3, firstStep: 0.1 });

function belowPowerOfSqrt2(v: number): number {
  return Math.SQRT2 ** Math.floor(Math.log(v) / Math.log(Math.SQRT2) + 1e-9);
}

/**
 * The absolute tolerance of a run whose caller did not set one: the default times the largest
 * start value when that is below 1, so a model whose quantities are all small (an imported SBML
 * model in mol/l, ~1e-6) keeps the relative accuracy of the bundled ones (whose states start at
 * 1, where this changes nothing). Without it, ODEX met 5e-11 at step ends on values of ~1e-5
 * while its dense output between them was off by 7e-4 relative (SBML Test Suite case 00670).
 */
function scaledAbsoluteTolerance(y0: Float64Array, solver: Partial<SolveOptions> | undefined): number {
  const atol = solver?.absoluteTolerance ?? DEFAULT_SOLVE_OPTIONS.absoluteTolerance;
  if (solver?.absoluteTolerance !== undefined) return atol;
  let largest = 0;
  for (const v of y0) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  return largest > 0 && largest < 1 ? atol * largest : atol;
}

/**
 * The solver options of a run: the caller's (over the defaults), with `maxStep` lowered to
 * `STEP_SCALES.maxSteps`·τ and, unless the caller set it, `initialStep` set to
 * `STEP_SCALES.firstStep`·τ (τ: the fastest relaxation time at rest) and `absoluteTolerance`
 * scaled to the start values (`scaledAbsoluteTolerance`).
 */
function runSolveOptions(
  model: CompiledModel,
  p: Float64Array,
  y0: Float64Array,
  tStart: number,
  solver: Partial<SolveOptions> | undefined,
): Partial<SolveOptions> {
  const u = new Float64Array(model.inputNames.length);
  const y = new Float64Array(model.stateNames.length + model.observableNames.length);
  y.set(y0);
  const tau = estimateStiffness(
    (t, yy, dy) => model.rhsWithObservables(yy, p, u, dy, t),
    tStart,
    y,
  ).fastestDecayTimeScale;
  const maxStep = solver?.maxStep ?? DEFAULT_SOLVE_OPTIONS.maxStep;
  const absoluteTolerance = scaledAbsoluteTolerance(y0, solver);
  if (!(tau > 0 && Number.isFinite(tau))) return { ...solver, absoluteTolerance };
  return {
    ...solver,
    absoluteTolerance,
    maxStep: Math.min(maxStep, belowPowerOfSqrt2(STEP_SCALES.maxSteps * tau)),
    initialStep: solver?.initialStep ?? belowPowerOfSqrt2(STEP_SCALES.firstStep * tau),
  };
}
