/**
 * Run a compiled model over every group of a protocol.
 *
 * Each group's schedule is split into constant-input segments (`toSegments`); the solver is
 * restarted at every bout boundary, readout time and AUC window edge, so no bout is stepped
 * over and every readout is an exact end-of-segment value rather than an interpolation. The
 * state vector is augmented with one running integral per observable, so areas under the
 * curve are integrated to solver tolerance instead of by the trapezoid rule.
 *
 * Output is sampled on the fixed grid t = tStart + i·dt from the solver's dense output.
 */
import type { CompiledModel } from '../model/compile.ts';
import { checkProtocol, type Group, groupAnchors, type Protocol, toSegments } from '../protocol/protocol.ts';
import {
  DEFAULT_SOLVE_OPTIONS,
  estimateStiffness,
  type SegmentSolution,
  type SolveOptions,
  SolveOutcome,
} from '../solve/odex-solver.ts';
import { STIFF_TOLERANCE_FLOOR } from '../solve/rosenbrock.ts';
import { solveSegment } from '../solve/select.ts';
import { likelyCause, SimulationError } from './errors.ts';
import { intensityLimits } from './scenario.ts';
import { steadyState } from './steady-state.ts';

/** Options of `simulate`; defaults in `DEFAULT_SIMULATE_OPTIONS`. */
export interface SimulateOptions {
  /** Parameter overrides by name; the rest keep the model's values. */
  readonly parameters?: Readonly<Record<string, number>>;
  /** Output grid step, minutes. */
  readonly dt?: number;
  /**
   * `steady-state` (default): start from the no-exercise steady state, computed if the
   * model's initial values are not one (with a warning). `spec`: start from the file's values.
   */
  readonly initial?: 'steady-state' | 'spec';
  /** Solver tolerances and limits. */
  readonly solver?: Partial<SolveOptions>;
  /** Bound on right-hand-side evaluations for the whole run, so a page can never freeze. */
  readonly maxEvaluations?: number;
}

/** Defaults of `simulate`, declared once. */
export const DEFAULT_SIMULATE_OPTIONS = Object.freeze({
  dt: 5,
  initial: 'steady-state' as const,
  maxEvaluations: 2_000_000,
});

/** Exact values at a segment boundary (bout edge, readout, AUC window edge). */
export interface EventSample {
  readonly t: number;
  /** States then observables, in `SimulationResult.seriesNames` order. */
  readonly values: Float64Array;
  /** Running integral of each observable from tStart, in `observableNames` order. */
  readonly integrals: Float64Array;
}

/** Per-group output. */
export interface GroupResult {
  readonly id: string;
  readonly label: string;
  readonly group: Group;
  /** Readout time (minutes) and AUC window start for this group. */
  readonly readoutTime: number;
  readonly aucStart: number;
  /** One array per series (states and observables), aligned with `SimulationResult.time`. */
  readonly series: Readonly<Record<string, Float64Array>>;
  /** Exact values at every segment boundary, in time order. */
  readonly events: readonly EventSample[];
  readonly stats: RunStats;
}

/** Work done by the solver. */
export interface RunStats {
  segments: number;
  steps: number;
  rejected: number;
  evaluations: number;
}

/** The plain-data result of a run: what charts, readouts, CLI and notebooks consume. */
export interface SimulationResult {
  readonly modelId: string;
  /** Every parameter value used (defaults with overrides applied). */
  readonly parameters: Readonly<Record<string, number>>;
  readonly protocol: Protocol;
  readonly dt: number;
  /** Sample times tStart + i·dt. */
  readonly time: Float64Array;
  readonly stateNames: readonly string[];
  readonly observableNames: readonly string[];
  /** States then observables. */
  readonly seriesNames: readonly string[];
  /** Initial (steady) state used, by state name. */
  readonly initialState: Readonly<Record<string, number>>;
  /** Observable values at rest (the control group's starting values). */
  readonly basal: Readonly<Record<string, number>>;
  readonly groups: readonly GroupResult[];
  readonly stats: RunStats;
  /** Non-fatal notes (initial state replaced, apparent stiffness, …), de-duplicated. */
  readonly warnings: readonly string[];
}

/**
 * Sample times t0 + i·dt up to t1 inclusive (never accumulated): every i whose computed time is
 * ≤ t1, so no sample falls outside the simulated window (200 · 1.1 = 220.00000000000003 > 220).
 */
export function sampleGrid(t0: number, t1: number, dt: number): Float64Array {
  if (!(dt > 0) || !Number.isFinite(dt)) throw new Error(`invalid dt: ${dt} (must be > 0 minutes)`);
  let n = Math.floor((t1 - t0) / dt + 1e-9) + 1;
  if (!(n <= 2_000_000)) throw new Error(`invalid dt: ${dt} (too many samples: ${n})`);
  while (n > 1 && t0 + (n - 1) * dt > t1) n--;
  while (t0 + n * dt <= t1) n++;
  const grid = new Float64Array(n);
  for (let i = 0; i < n; i++) grid[i] = t0 + i * dt;
  return grid;
}

/**
 * Simulate every group of `protocol` with `model`.
 * @throws ProtocolError for an invalid protocol, Error for unknown parameters or a bad dt,
 *   SimulationError when the solver fails (with the group, the time and the likely cause)
 */
export function simulate(
  model: CompiledModel,
  protocol: Protocol,
  options: SimulateOptions = {},
): SimulationResult {
  checkProtocol(protocol, intensityLimits(model));
  const dt = options.dt ?? DEFAULT_SIMULATE_OPTIONS.dt;
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_SIMULATE_OPTIONS.maxEvaluations;
  const solverOptions = { ...DEFAULT_SOLVE_OPTIONS, ...options.solver };
  const p = model.parameterVector(options.parameters);
  const warnings = new Set<string>();
  const nState = model.stateNames.length;
  const nObs = model.observableNames.length;
  const nSeries = nState + nObs;

  for (let i = 0; i < p.length; i++) {
    const name = model.parameterNames[i]!;
    const spec = model.spec.parameters[name]!;
    if (p[i]! < spec.min || p[i]! > spec.max) {
      warnings.add(`parameter ${name} = ${p[i]} is outside its documented range [${spec.min}, ${spec.max}]`);
    }
  }

  // Initial state: the no-exercise steady state.
  const rest = new Float64Array(model.inputNames.length);
  let y0 = model.initialState(p, protocol.tStart);
  const initial =
    options.initial ?? (model.spec.start === 'initial-values' ? 'spec' : DEFAULT_SIMULATE_OPTIONS.initial);
  if (initial === 'steady-state') {
    const ss = steadyState(model, p, y0);
    if (!ss.ok) {
      throw new SimulationError({
        kind: 'steady-state',
        message: `no steady state found at rest (${ss.reason})`,
        groupId: '',
        time: protocol.tStart,
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
  const basalObs = new Float64Array(nObs);
  model.observe(y0, p, rest, basalObs, protocol.tStart);
  model.observableNames.forEach((name, i) => {
    if (!(basalObs[i]! > 0) || !Number.isFinite(basalObs[i]!)) {
      warnings.add(
        `observable ${name} is ${basalObs[i]} at rest, so its fold changes against control are undefined`,
      );
    }
  });

  const time = sampleGrid(protocol.tStart, protocol.tEnd, dt);
  const u = new Float64Array(model.inputNames.length);
  const obsBuf = new Float64Array(nObs);
  const ri = model.inputIndex.resistance;
  const ei = model.inputIndex.endurance;
  const { rhsWithObservables } = model;
  // Augmented system: states, then the running integral of each observable.
  const f = (t: number, y: ArrayLike<number>, dy: Float64Array) => rhsWithObservables(y, p, u, dy, t);
  const switches = model.discontinuities(p);

  const stateIndices = model.stateNames.map((_, i) => i);
  const total: RunStats = { segments: 0, steps: 0, rejected: 0, evaluations: 0 };
  const groups: GroupResult[] = [];
  for (const group of protocol.groups) {
    const anchors = groupAnchors(protocol, group);
    const breaks = [
      anchors.readoutTime,
      anchors.aucStart,
      ...protocol.readout.aucWindows.map((w) => anchors.aucStart + w),
      ...switches,
    ];
    for (const w of protocol.readout.aucWindows) {
      if (anchors.aucStart + w > protocol.tEnd) {
        warnings.add(
          `the ${w / 60}-h AUC window of group "${group.label}" ends after the simulated window (${protocol.tEnd} min)`,
        );
      }
    }
    if (anchors.readoutTime > protocol.tEnd) {
      warnings.add(
        `the readout of group "${group.label}" (${anchors.readoutTime} min) is after the simulated window`,
      );
    }
    const segments = toSegments(protocol, group, breaks);
    const series: Record<string, Float64Array> = {};
    const columns = [...model.stateNames, ...model.observableNames].map((name) => {
      const col = new Float64Array(time.length);
      series[name] = col;
      return col;
    });
    const events: EventSample[] = [];
    const stats: RunStats = { segments: segments.length, steps: 0, rejected: 0, evaluations: 0 };
    let y: Float64Array = new Float64Array(nState + nObs);
    let lastStep = Number.NaN;
    let stiff = false;
    let prevSeg: (typeof segments)[number] | undefined;
    y.set(y0);

    const record = (index: number, t: number, yy: Float64Array) => {
      model.observe(yy, p, u, obsBuf, t);
      for (let s = 0; s < nState; s++) columns[s]![index] = yy[s]!;
      for (let k = 0; k < nObs; k++) columns[nState + k]![index] = obsBuf[k]!;
    };
    const pushEvent = (t: number, yy: Float64Array) => {
      const values = new Float64Array(nSeries);
      model.observe(yy, p, u, obsBuf, t);
      values.set(yy.subarray(0, nState));
      values.set(obsBuf, nState);
      events.push({ t, values, integrals: yy.slice(nState) });
    };

    // Values at tStart use the inputs of the first segment (rest, unless a bout starts at tStart).
    const first = segments[0];
    u.fill(0);
    if (first) {
      u[ri] = first.resistance;
      u[ei] = first.endurance;
    }
    if (time.length > 0 && time[0] === protocol.tStart) record(0, protocol.tStart, y);
    pushEvent(protocol.tStart, y);

    for (const seg of segments) {
      u.fill(0);
      u[ri] = seg.resistance;
      u[ei] = seg.endurance;
      const sol = solveSegment({
        f,
        t0: seg.t0,
        t1: seg.t1,
        y0: y,
        sampleTimes: time,
        onSample: record,
        // Carry the step size across a restart where the inputs do not change (readout and AUC
        // stops); after an input switch start small again.
        ...(lastStep > 0 && sameInputs(prevSeg, seg) ? { initialStep: lastStep } : {}),
        // Samples need only the states (observables are recomputed from them); the running
        // integrals are read at segment ends.
        denseComponents: stateIndices,
        method: stiff ? 'stiff' : 'auto',
        evaluationBudget: maxEvaluations - total.evaluations - stats.evaluations,
        options: solverOptions,
      });
      lastStep = sol.stats.lastStep;
      if (sol.method === 'rosenbrock' && !stiff) warnings.add(stiffNote(model, f, seg, y));
      stiff ||= sol.method === 'rosenbrock';
      prevSeg = seg;
      stats.steps += sol.stats.steps;
      stats.rejected += sol.stats.rejected;
      stats.evaluations += sol.stats.evaluations;
      if (sol.outcome !== SolveOutcome.Ok) {
        throw failure(model, p, f, group, seg, sol, solverOptions, maxEvaluations);
      }
      if (sol.stats.steps > 300) {
        const st = estimateStiffness(f, sol.t, sol.y);
        if (st.fastestTimeScale * 1e3 < seg.t1 - seg.t0) {
          warnings.add(
            `the model looks stiff (state ${model.stateNames[st.fastestComponent] ?? '?'} relaxes in ${st.fastestTimeScale.toPrecision(2)} min); results are valid but slow to compute`,
          );
        }
      }
      y = sol.y;
      pushEvent(seg.t1, y);
    }
    total.segments += stats.segments;
    total.steps += stats.steps;
    total.rejected += stats.rejected;
    total.evaluations += stats.evaluations;
    groups.push({
      id: group.id,
      label: group.label,
      group,
      readoutTime: anchors.readoutTime,
      aucStart: anchors.aucStart,
      series,
      events,
      stats,
    });
  }

  const parameters: Record<string, number> = {};
  model.parameterNames.forEach((name, i) => {
    parameters[name] = p[i]!;
  });
  const initialState: Record<string, number> = {};
  model.stateNames.forEach((name, i) => {
    initialState[name] = y0[i]!;
  });
  const basal: Record<string, number> = {};
  model.observableNames.forEach((name, i) => {
    basal[name] = basalObs[i]!;
  });
  return {
    modelId: model.spec.id,
    parameters,
    protocol,
    dt,
    time,
    stateNames: model.stateNames,
    observableNames: model.observableNames,
    seriesNames: [...model.stateNames, ...model.observableNames],
    initialState,
    basal,
    groups,
    stats: total,
    warnings: [...warnings],
  };
}

/** The warning for a run that needed the stiff method: why ODEX gave up, and what took over. */
function stiffNote(
  model: CompiledModel,
  f: (t: number, y: ArrayLike<number>, dy: Float64Array) => void,
  seg: { t0: number; t1: number },
  y: Float64Array,
): string {
  const st = estimateStiffness(f, seg.t0, y);
  const method = `the implicit Rosenbrock method (RODAS4, relative tolerance ${STIFF_TOLERANCE_FLOOR.relative})`;
  const stiff = st.fastestTimeScale * 200 < seg.t1 - seg.t0;
  return stiff
    ? `the model is stiff from t = ${seg.t0.toFixed(1)} min (state ${model.stateNames[st.fastestComponent] ?? '?'} relaxes in ${st.fastestTimeScale.toPrecision(2)} min): solved with ${method} instead of ODEX`
    : `ODEX could not find a step size from t = ${seg.t0.toFixed(1)} min: solved with ${method} instead`;
}

function sameInputs(
  a: { resistance: number; endurance: number } | undefined,
  b: { resistance: number; endurance: number },
) {
  return a !== undefined && a.resistance === b.resistance && a.endurance === b.endurance;
}

function failure(
  model: CompiledModel,
  p: Float64Array,
  f: (t: number, y: ArrayLike<number>, dy: Float64Array) => void,
  group: Group,
  seg: { t0: number; t1: number },
  sol: SegmentSolution,
  solverOptions: SolveOptions,
  maxEvaluations: number,
): SimulationError {
  const { outcome, t, y } = sol;
  const nState = model.stateNames.length;
  let worst = -1;
  let kind: string = outcome;
  let message: string;
  const at = `at t = ${t.toFixed(1)} min`;
  if (outcome === SolveOutcome.NonFinite) {
    // The solver names the component that went bad; an observable's running integral
    // (index ≥ nState) or an unknown component falls back to inspecting the last good state.
    const bad = sol.nonFiniteComponent ?? -1;
    if (bad >= 0 && bad < nState) worst = bad;
    const dy = new Float64Array(y.length);
    f(t, y, dy);
    for (let i = 0; i < nState && worst < 0; i++) {
      if (!Number.isFinite(y[i]!) || !Number.isFinite(dy[i]!)) {
        worst = i;
        break;
      }
    }
    if (worst < 0) {
      let big = 0;
      for (let i = 0; i < nState; i++) {
        if (Math.abs(y[i]!) > big) {
          big = Math.abs(y[i]!);
          worst = i;
        }
      }
    }
    message = `the solution became infinite or NaN ${at} (state ${model.stateNames[worst] ?? '?'})`;
  } else {
    const st = estimateStiffness(f, t, y);
    const span = seg.t1 - seg.t0;
    const stiff = st.fastestComponent < nState && st.fastestTimeScale * 200 < span;
    worst = st.fastestComponent < nState ? st.fastestComponent : -1;
    const what =
      outcome === SolveOutcome.MaxSteps
        ? `more than ${solverOptions.maxSteps} steps in one segment`
        : outcome === SolveOutcome.WorkLimit
          ? `the work limit of ${maxEvaluations} evaluations was reached`
          : 'the step size collapsed';
    if (stiff) {
      kind = 'stiff';
      message = `the model became stiff ${at}: ${what}; state ${model.stateNames[worst]} relaxes in ${st.fastestTimeScale.toPrecision(2)} min, far faster than the ${span.toFixed(0)}-min segment, and this solver (ODEX) is for non-stiff problems`;
    } else {
      message = `the solver stopped ${at}: ${what}`;
    }
  }
  return new SimulationError({
    kind,
    message: `${message} in group "${group.label}"`,
    groupId: group.id,
    time: t,
    cause: likelyCause(model, p, worst),
  });
}
