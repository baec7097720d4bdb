/**
 * Run a compiled model over every group of a protocol.
 *
 * Each group's schedule is split into constant-input segments (`toSegments`); the solver is
 * restarted at every bout boundary, readout time and AUC window edge, so no bout is stepped
 * over and every readout is an exact end-of-segment value rather than an interpolation. The
 * state vector is augmented with one running integral per observable, so areas under the
 * curve are integrated to solver tolerance instead of by the trapezoid rule.
 *
 * Groups that share a prefix of inputs (every group rests until the first bout; RE only and
 * RE→EE share the RE bout) are integrated once up to where they part (`plan.ts`, `forest.ts`).
 *
 * Output is sampled on the fixed grid t = tStart + i·dt from the solver's dense output.
 */
import type { CompiledModel } from '../model/compile.ts';
import { checkProtocol, type Group, groupAnchors, type Protocol, toSegments } from '../protocol/protocol.ts';
import { type EventSample, type ForestPath, PathForest, type RunStats } from './forest.ts';
import { checkPhysical } from './physical.ts';
import { intensityLimits } from './scenario.ts';
import { DEFAULT_RUN_OPTIONS, prepareRun, type RunOptions } from './setup.ts';

export type { EventSample, RunStats } from './forest.ts';

/** Options of `simulate`; defaults in `DEFAULT_SIMULATE_OPTIONS`. */
export interface SimulateOptions extends RunOptions {
  /** Output grid step, minutes. */
  readonly dt?: number;
}

/**
 * Defaults of `simulate`, declared once. The 5-min grid gives 913 points over the study's 76 h
 * (about one per pixel of a wide chart) and 144 over the app's 12-h window; solver tolerances are
 * `DEFAULT_SOLVE_OPTIONS`.
 */
export const DEFAULT_SIMULATE_OPTIONS = Object.freeze({ dt: 5, ...DEFAULT_RUN_OPTIONS });

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

/** A group's readout time, AUC start and AUC window ends: the times its readouts are read at. */
function readoutTimes(protocol: Protocol, group: Group): number[] {
  const anchors = groupAnchors(protocol, group);
  return [
    anchors.readoutTime,
    anchors.aucStart,
    ...protocol.readout.aucWindows.map((w) => anchors.aucStart + w),
  ];
}

/**
 * The constant-input segments of one group, split at its bout edges, readout and AUC edges. The
 * control group is also split at every other group's readout and AUC edges: each fold divides by
 * the control at the other group's times, and a control that does not stay at one value (a model
 * that starts from its initial values) must be an exact solver stop there too, not read off the
 * output grid.
 */
export function groupSchedule(protocol: Protocol, group: Group) {
  const anchors = groupAnchors(protocol, group);
  const breaks =
    group.id === protocol.controlGroup
      ? protocol.groups.flatMap((g) => readoutTimes(protocol, g))
      : readoutTimes(protocol, group);
  return { anchors, segments: toSegments(protocol, group, breaks) };
}

function named(names: readonly string[], v: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, i) => {
    out[name] = v[i]!;
  });
  return out;
}

/**
 * Simulate every group of `protocol` with `model`.
 * @throws ProtocolError for an invalid protocol, ParameterError for an unknown, non-finite or
 *   (without `allowOutOfRange`) out-of-range parameter, Error for a bad dt, SolverOptionError
 *   for a bad solver option, SimulationError when the solver fails or the result is not
 *   physical (kind `non-physical`; with the group, the time and the likely cause)
 */
export function simulate(
  model: CompiledModel,
  protocol: Protocol,
  options: SimulateOptions = {},
): SimulationResult {
  checkProtocol(protocol, intensityLimits(model));
  const dt = options.dt ?? DEFAULT_SIMULATE_OPTIONS.dt;
  const time = sampleGrid(protocol.tStart, protocol.tEnd, dt);
  const setup = prepareRun(model, options, protocol.tStart);
  const { warnings } = setup;
  const seriesNames = [...model.stateNames, ...model.observableNames];

  const schedules = protocol.groups.map((group) => {
    const { anchors, segments } = groupSchedule(protocol, group);
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
    return { group, anchors, segments };
  });
  const paths: ForestPath[] = schedules.map(({ group, segments }) => ({
    id: group.id,
    label: group.label,
    segments,
  }));
  const columns = schedules.map(() => seriesNames.map(() => new Float64Array(time.length)));
  const forest = new PathForest(setup, protocol.tStart, paths, { time, columns });
  forest.sampleStart();

  const groups: GroupResult[] = schedules.map(({ group, anchors }, k) => {
    const events = forest.pathEvents(k);
    const series: Record<string, Float64Array> = {};
    seriesNames.forEach((name, i) => {
      series[name] = columns[k]![i]!;
    });
    return {
      id: group.id,
      label: group.label,
      group,
      readoutTime: anchors.readoutTime,
      aucStart: anchors.aucStart,
      series,
      events,
      stats: forest.pathStats(k),
    };
  });
  // Every path is integrated now (lazily, by `pathEvents`): check the samples before returning.
  checkPhysical(
    model,
    setup.p,
    setup.y0,
    time,
    schedules.map(({ group }, k) => ({ id: group.id, label: group.label, columns: columns[k]! })),
  );
  const total = { ...forest.total, segments: groups.reduce((n, g) => n + g.stats.segments, 0) };
  return {
    modelId: model.spec.id,
    parameters: named(model.parameterNames, setup.p),
    protocol,
    dt,
    time,
    stateNames: model.stateNames,
    observableNames: model.observableNames,
    seriesNames,
    initialState: named(model.stateNames, setup.y0),
    basal: named(model.observableNames, setup.basal),
    groups,
    stats: total,
    warnings: [...warnings],
  };
}
