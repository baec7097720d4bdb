/**
 * The interference map: MPS of one ordered pair of bouts as a fold of RE alone, over the
 * signed gap between the bouts and a second axis (a protocol setting or any model parameter).
 *
 * Signed gap g (minutes): g > 0 means EE *after* RE (group `re-ee`, gap g); g < 0 means EE
 * *before* RE (group `ee-re`, gap |g|). At g = 0 both orders are back to back; the map uses
 * RE→EE there (the study's interfering order), so the column at 0 continues the positive side.
 *
 * A cell needs the ordered group and RE only from `studyProtocol` (through `buildProtocol`, so
 * parameter-preset protocol hints apply as in the app), each only as far as the metric needs
 * (the readout, or the end of the 24-h AUC window). The control group stays at the steady
 * state the run starts from, so it divides the cell and RE only alike and cancels.
 *
 * Prefix reuse: all cells with the same parameters form one `PathForest` — RE only, and every
 * cell's ordered group — so the RE-only run up to each EE start, the EE-only run up to each RE
 * start and the rest before the first bout are each integrated once for the whole map, and RE
 * only (the reference) once per parameter set. The plan covers the whole grid even when a
 * worker computes one chunk, so a cell's value does not depend on how the map was chunked.
 */
import type { CompiledModel } from '../model/compile.ts';
import { checkProtocol, type Group, groupAnchors, type Protocol, toSegments } from '../protocol/protocol.ts';
import { type ForestPath, PathForest } from '../simulate/forest.ts';
import { buildProtocol, intensityLimits, type ProtocolSettings } from '../simulate/scenario.ts';
import { DEFAULT_RUN_OPTIONS, prepareRun } from '../simulate/setup.ts';
import type { SolveOptions } from '../solve/segment.ts';
import { axisInfo, SETTING_AXES, type SweepAxis, type SweepMetric } from './sweep-axes.ts';

export * from './sweep-axes.ts';

/** The common inputs of a cell: everything but the axes. */
export interface SweepBase {
  /** Parameter overrides (e.g. `presetParameters(spec, preset, params)`). */
  readonly parameters?: Readonly<Record<string, number>>;
  /** Protocol settings all cells share (the axes override them; `gap` is ignored: see `gap`). */
  readonly settings?: ProtocolSettings;
  /** Parameter preset whose protocol hints apply (as in `buildProtocol`). */
  readonly parameterPreset?: string;
  /** Signed gap used when neither axis is `gap` (default 0: RE→EE back to back). */
  readonly gap?: number;
  /** Solver options passed to `simulate` (default: the simulator's). */
  readonly solver?: Partial<SolveOptions>;
}

/** One cell: the base, plus the value of one axis. */
export interface CellOptions extends SweepBase {
  /** Signed gap, minutes (< 0: EE before RE). */
  readonly gap: number;
  /** The second axis (a setting or parameter name), if any. */
  readonly axis?: SweepAxis;
  readonly value?: number;
  readonly metric: SweepMetric;
}

/** A resolved scenario point: the ordered group, its settings and parameters. */
interface CellScenario {
  readonly groupId: 're-ee' | 'ee-re';
  readonly settings: ProtocolSettings;
  readonly parameters: Readonly<Record<string, number>>;
  /** The parameter-axis values (the rest of `parameters` is the base): cells share a forest by it. */
  readonly parameterKey: string;
}

/** The group id a signed gap maps to: RE→EE for g ≥ 0, EE→RE for g < 0. */
export function orderedGroup(gap: number): 're-ee' | 'ee-re' {
  return gap < 0 ? 'ee-re' : 're-ee';
}

function applyAxis(
  model: CompiledModel,
  point: { gap: number; settings: Record<string, number | undefined>; parameters: Record<string, number> },
  axis: SweepAxis,
  value: number,
): void {
  if (!Number.isFinite(value)) throw new Error(`invalid value for axis ${axis}: ${value}`);
  if (axis === 'gap') point.gap = value;
  else if ((SETTING_AXES as readonly string[]).includes(axis)) point.settings[axis] = value;
  else if (model.spec.parameters[axis]) point.parameters[axis] = value;
  else axisInfo(model, axis); // throws the "unknown axis" message
}

const NO_PARAMETERS: Readonly<Record<string, number>> = Object.freeze({});

function resolveCell(
  model: CompiledModel,
  base: SweepBase,
  axes: readonly { axis: SweepAxis; value: number }[],
): CellScenario {
  const isParameter = (axis: SweepAxis) =>
    Boolean(model.spec.parameters[axis]) && !(SETTING_AXES as readonly string[]).includes(axis);
  const point = {
    gap: base.gap ?? 0,
    settings: { ...(base.settings ?? {}) } as Record<string, number | undefined>,
    // The base parameters are shared by every cell; copied only when an axis changes one.
    parameters: (axes.some((a) => isParameter(a.axis))
      ? { ...(base.parameters ?? {}) }
      : (base.parameters ?? NO_PARAMETERS)) as Record<string, number>,
  };
  const keys: number[] = [];
  for (const { axis, value } of axes) {
    applyAxis(model, point, axis, value);
    if (isParameter(axis)) keys.push(value);
  }
  if (!Number.isFinite(point.gap)) throw new Error(`invalid gap: ${point.gap}`);
  return {
    groupId: orderedGroup(point.gap),
    settings: { ...point.settings, gap: Math.abs(point.gap) },
    parameters: point.parameters,
    parameterKey: keys.join(','),
  };
}

/** Where a path's metric is read: its readout time and AUC start. */
interface PathAnchors {
  readonly readoutTime: number;
  readonly aucStart: number;
}

/**
 * The segments of one group of `protocol`, cut at the time the metric needs (the readout, or the
 * end of the 24-h AUC window from the start of RE); bouts that start later are dropped, since
 * they cannot change the value.
 * @throws Error when that time is after the protocol's window
 */
function metricPath(
  protocol: Protocol,
  group: Group,
  metric: SweepMetric,
): { readonly path: ForestPath; readonly anchors: PathAnchors } {
  const anchors = groupAnchors(protocol, group);
  const end = metric === 'mps3h' ? anchors.readoutTime : anchors.aucStart + AUC_WINDOW;
  if (end > protocol.tEnd) {
    throw new Error(
      `the ${metric === 'mps3h' ? 'readout' : '24-h AUC window'} of group "${group.label}" ends after the simulated window (${protocol.tEnd} min)`,
    );
  }
  const kept = { ...group, bouts: group.bouts.filter((b) => b.start < end) };
  const breaks = metric === 'mps3h' ? [anchors.readoutTime] : [anchors.aucStart, end];
  const segments = toSegments({ ...protocol, tEnd: end }, kept, breaks);
  return { path: { id: group.id, label: group.label, segments }, anchors };
}

/** The 24-h AUC window of the `auc24` metric, minutes. */
const AUC_WINDOW = 1440;

/** Every cell with the same parameters: one forest of paths, built when first needed. */
interface ForestEntry {
  readonly parameters: Readonly<Record<string, number>>;
  readonly tStart: number;
  readonly paths: ForestPath[];
  readonly anchors: PathAnchors[];
  /** RE-only path index by the RE bout and readout it depends on. */
  readonly refs: Map<string, number>;
  /** Each path's metric once computed (NaN before), or the error that stopped it. */
  readonly metrics: number[];
  readonly errors: (Error | undefined)[];
  forest: PathForest | Error | undefined;
}

type CellEntry =
  | { readonly forest: ForestEntry; readonly path: number; readonly ref: number }
  | { readonly error: Error };

/** A planned map: every cell resolved to its forest and paths. Computing is lazy. */
export interface SweepPlan {
  /** Cells in the grid (nx · ny; 1 for a single cell). */
  readonly total: number;
  /**
   * How the cells share work: forests (one per parameter set), distinct paths in them (RE only
   * plus each distinct ordered group), and the solver's work so far.
   */
  work(): { readonly forests: number; readonly paths: number; readonly evaluations: number };
  /**
   * Compute cells `start ≤ k < end` (default: all; k = j·nx + i, x fastest).
   * @throws SweepCancelled when `isCancelled` returns true (checked before each cell)
   */
  compute(
    range?: { readonly start: number; readonly end: number },
    hooks?: Pick<SweepOptions, 'onProgress' | 'isCancelled'>,
  ): SweepResult;
  /**
   * Compute the cells at flat `indices` (any order), e.g. a coarse pass over a subgrid.
   * @returns values aligned with `indices` (NaN where a cell failed) and the failures
   * @throws SweepCancelled when `isCancelled` returns true
   */
  computeCells(
    indices: ArrayLike<number>,
    hooks?: Pick<SweepOptions, 'onProgress' | 'isCancelled'>,
  ): Pick<SweepResult, 'values' | 'failures'>;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Plan cells from their scenarios: forests by parameters, paths de-duplicated. */
function planCells(
  model: CompiledModel,
  base: SweepBase,
  scenarios: readonly (CellScenario | Error)[],
  metric: SweepMetric,
  checkEach: boolean,
): SweepPlan & { value(k: number): number } {
  const mps = model.observableNames.indexOf('mps');
  if (mps < 0) {
    throw new Error(
      `the map needs an observable named mps (observables: ${model.observableNames.join(', ')})`,
    );
  }
  const limits = intensityLimits(model);
  const forests = new Map<string, ForestEntry>();
  const addPath = (entry: ForestEntry, p: { path: ForestPath; anchors: PathAnchors }): number => {
    entry.paths.push(p.path);
    entry.anchors.push(p.anchors);
    entry.metrics.push(Number.NaN);
    entry.errors.push(undefined);
    return entry.paths.length - 1;
  };
  /** Same segments and anchors: the same path (a second bout cut off by the readout). */
  const samePath = (entry: ForestEntry, k: number, p: { path: ForestPath; anchors: PathAnchors }) => {
    const a = entry.paths[k]!.segments;
    const b = p.path.segments;
    const x = entry.anchors[k]!;
    if (
      a.length !== b.length ||
      x.readoutTime !== p.anchors.readoutTime ||
      x.aucStart !== p.anchors.aucStart
    ) {
      return false;
    }
    for (let i = 0; i < a.length; i++) {
      const u = a[i]!;
      const v = b[i]!;
      if (u.t0 !== v.t0 || u.t1 !== v.t1 || u.resistance !== v.resistance || u.endurance !== v.endurance)
        return false;
    }
    return true;
  };
  const cells: CellEntry[] = scenarios.map((cell) => {
    if (cell instanceof Error) return { error: cell };
    try {
      const protocol = buildProtocol(model, 'study', cell.settings, base.parameterPreset);
      if (checkEach) checkProtocol(protocol, limits);
      const key = cell.parameterKey;
      let entry = forests.get(key);
      if (!entry) {
        entry = {
          parameters: cell.parameters,
          tStart: protocol.tStart,
          paths: [],
          anchors: [],
          refs: new Map(),
          metrics: [],
          errors: [],
          forest: undefined,
        };
        forests.set(key, entry);
      }
      const byId = (id: string) => protocol.groups.find((g) => g.id === id)!;
      const re = byId('re');
      let refKey = `${protocol.readout.afterResistance}`;
      for (const b of re.bouts) refKey += `|${b.kind},${b.start},${b.duration},${b.intensity}`;
      let ref = entry.refs.get(refKey);
      if (ref === undefined) {
        ref = addPath(entry, metricPath(protocol, re, metric));
        entry.refs.set(refKey, ref);
      }
      // A cell whose second bout starts after what the metric needs is RE only: share its path.
      const own = metricPath(protocol, byId(cell.groupId), metric);
      const path = samePath(entry, ref, own) ? ref : addPath(entry, own);
      return { forest: entry, path, ref };
    } catch (err) {
      return { error: asError(err) };
    }
  });

  const metricOf = (entry: ForestEntry, k: number): number => {
    const known = entry.errors[k];
    if (known) throw known;
    if (!Number.isNaN(entry.metrics[k]!)) return entry.metrics[k]!;
    if (entry.forest === undefined) {
      try {
        const setup = prepareRun(
          model,
          {
            parameters: entry.parameters,
            solver: base.solver,
            // The budget of one run per path, as when every cell was a run of its own.
            maxEvaluations: DEFAULT_RUN_OPTIONS.maxEvaluations * entry.paths.length,
          },
          entry.tStart,
        );
        entry.forest = new PathForest(setup, entry.tStart, entry.paths);
      } catch (err) {
        entry.forest = asError(err);
      }
    }
    if (entry.forest instanceof Error) throw entry.forest;
    try {
      const forest = entry.forest;
      const { readoutTime, aucStart } = entry.anchors[k]!;
      const value =
        metric === 'mps3h'
          ? forest.observableAt(k, readoutTime, mps)
          : forest.integralAt(k, aucStart + AUC_WINDOW, mps) - forest.integralAt(k, aucStart, mps);
      entry.metrics[k] = value;
      return value;
    } catch (err) {
      entry.errors[k] = asError(err);
      throw entry.errors[k];
    }
  };

  /** Cell k's value. @throws the error that stopped it (SimulationError, ProtocolError, …) */
  const value = (k: number): number => {
    const cell = cells[k]!;
    if ('error' in cell) throw cell.error;
    return metricOf(cell.forest, cell.path) / metricOf(cell.forest, cell.ref);
  };
  return {
    total: cells.length,
    value,
    work() {
      let paths = 0;
      let evaluations = 0;
      for (const f of forests.values()) {
        paths += f.paths.length;
        if (f.forest instanceof PathForest) evaluations += f.forest.total.evaluations;
      }
      return { forests: forests.size, paths, evaluations };
    },
    compute(range, hooks = {}) {
      const start = Math.max(0, range?.start ?? 0);
      const end = Math.min(cells.length, range?.end ?? cells.length);
      const indices = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
      return { start, ...this.computeCells(indices, hooks) };
    },
    computeCells(indices, hooks = {}) {
      const values = new Float64Array(indices.length);
      const failures: SweepFailure[] = [];
      for (let n = 0; n < indices.length; n++) {
        if (hooks.isCancelled?.()) throw new SweepCancelled();
        const k = indices[n]!;
        try {
          if (!(k >= 0 && k < cells.length)) throw new Error(`invalid cell index: ${k}`);
          values[n] = value(k);
        } catch (err) {
          values[n] = Number.NaN;
          failures.push({ index: k, x: Number.NaN, y: Number.NaN, message: asError(err).message });
        }
        hooks.onProgress?.(n + 1, indices.length);
      }
      return { values, failures };
    },
  };
}

/**
 * The map's value at one point: MPS of the ordered pair (RE→EE for gap ≥ 0, EE→RE for gap < 0)
 * as a fold of RE only, at the readout time (`mps3h`, 3 h after RE by default) or as the 24-h
 * AUC from the start of RE (`auc24`).
 * @throws Error for an unknown axis, ProtocolError for an impossible protocol, SimulationError
 *   when the solver fails, SolverOptionError for bad solver options
 */
export function interferenceCell(model: CompiledModel, options: CellOptions): number {
  const axes = options.axis === undefined ? [] : [{ axis: options.axis, value: options.value ?? Number.NaN }];
  return planCells(model, options, [resolveCell(model, options, axes)], options.metric, true).value(0);
}

/** A grid to compute: x (usually the signed gap) by y, both ascending as given. */
export interface SweepOptions extends SweepBase {
  readonly model: CompiledModel;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly xAxis: SweepAxis;
  readonly yAxis: SweepAxis;
  readonly metric: SweepMetric;
  /**
   * Compute only flat cells `start ≤ k < end` (k = j·nx + i: x varies fastest), for worker
   * chunks. Default: the whole grid.
   */
  readonly range?: { readonly start: number; readonly end: number };
  /** Called after each cell with the number done and the number to do. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked before each cell; when it returns true the sweep stops with a `SweepCancelled`. */
  readonly isCancelled?: () => boolean;
}

/** A cell whose simulation failed: where, and why. */
export interface SweepFailure {
  /** Flat index j·nx + i. */
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly message: string;
}

/** The computed cells. */
export interface SweepResult {
  /** First flat index computed. */
  readonly start: number;
  /** Values of cells start…end−1 (NaN where a cell failed). */
  readonly values: Float64Array;
  /** Failed cells (their values are NaN), so no failure is silent. */
  readonly failures: readonly SweepFailure[];
}

/** Thrown by `sweepGrid` when `isCancelled` returns true. */
export class SweepCancelled extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepCancelled';
  }
}

/**
 * Check a sweep's axes and values before running it.
 * @throws Error naming the axis: unknown, the same on both axes, no values, or a value that
 *   is not finite or outside the axis's admissible range
 */
export function checkSweep(
  model: CompiledModel,
  options: Pick<SweepOptions, 'x' | 'y' | 'xAxis' | 'yAxis'>,
): void {
  if (options.xAxis === options.yAxis) throw new Error(`invalid axes: x and y are both ${options.xAxis}`);
  for (const [name, axis, values] of [
    ['x', options.xAxis, options.x],
    ['y', options.yAxis, options.y],
  ] as const) {
    const info = axisInfo(model, axis);
    if (values.length === 0) throw new Error(`invalid ${name} axis ${axis}: no values`);
    for (const v of values) {
      if (!Number.isFinite(v) || v < info.min || v > info.max) {
        throw new Error(
          `invalid ${name} axis ${axis}: value ${v} outside [${info.min}, ${info.max}] ${info.unit}`,
        );
      }
    }
  }
}

/**
 * Plan a map: check the axes, resolve every cell of the grid (x fastest) to its paths, and group
 * them into one forest per parameter set. Nothing is integrated until `compute`; a worker keeps
 * the plan between chunks so shared prefixes are integrated once per worker.
 * @throws Error from `checkSweep` for bad axes
 */
export function planSweep(options: Omit<SweepOptions, 'range' | 'onProgress' | 'isCancelled'>): SweepPlan {
  const { model, x, y, xAxis, yAxis, metric } = options;
  checkSweep(model, options);
  const scenarios: (CellScenario | Error)[] = [];
  for (const yv of y) {
    for (const xv of x) {
      try {
        scenarios.push(
          resolveCell(model, options, [
            { axis: xAxis, value: xv },
            { axis: yAxis, value: yv },
          ]),
        );
      } catch (err) {
        scenarios.push(asError(err));
      }
    }
  }
  // The study protocol is valid for a setting if it is at both ends of the setting's range
  // (durations > 0, intensities within the model's limits; gaps ≥ 0 never overlap), and
  // `checkSweep` has put every axis value inside its range: so the grid's corners decide, and
  // a corner that fails can only fail on the shared base settings — then every cell fails.
  const nx = x.length;
  const ny = y.length;
  for (const k of new Set([0, nx - 1, (ny - 1) * nx, ny * nx - 1])) {
    const cell = scenarios[k]!;
    if (cell instanceof Error) continue;
    try {
      checkProtocol(
        buildProtocol(model, 'study', cell.settings, options.parameterPreset),
        intensityLimits(model),
      );
    } catch (err) {
      scenarios.fill(asError(err));
      break;
    }
  }
  const plan = planCells(model, options, scenarios, metric, false);
  // Name each failed cell's axis values.
  const named = (failures: readonly SweepFailure[]) =>
    failures.map((f) => ({ ...f, x: x[f.index % nx]!, y: y[Math.floor(f.index / nx)]! }));
  return {
    total: plan.total,
    work: () => plan.work(),
    compute(range, hooks) {
      const r = plan.compute(range, hooks);
      return { ...r, failures: named(r.failures) };
    },
    computeCells(indices, hooks) {
      const r = plan.computeCells(indices, hooks);
      return { ...r, failures: named(r.failures) };
    },
  };
}

/**
 * Compute the interference map (or a contiguous part of it, for a worker chunk). Each cell
 * equals `interferenceCell` at that point to the accuracy contract; failed cells are NaN and
 * listed in `failures`.
 * @throws Error from `checkSweep` for bad axes; `SweepCancelled` when cancelled
 */
export function sweepGrid(options: SweepOptions): SweepResult {
  return planSweep(options).compute(options.range, options);
}
