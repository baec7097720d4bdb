/**
 * Map cells as shared integration: every cell of a map resolved to its two paths (its ordered
 * group and RE only, each cut where the metric needs it), cells grouped into one `PathForest`
 * per parameter set, values computed lazily. Within a forest the RE-only run up to each EE start,
 * the EE-only run up to each RE start and the rest before the first bout are integrated once, and
 * RE only (the reference) once per parameter set. In a model that starts at rest the control
 * stays at the steady state and cancels in the fold; in one that starts from its initial values
 * (an imported SBML model, say) the control drifts, so the control is integrated too, to each
 * time a metric is read at, and divides it. `sweep.ts` builds plans for single cells and grids.
 */
import type { CompiledModel } from '../model/compile.ts';
import { checkProtocol, type Group, groupAnchors, type Protocol, toSegments } from '../protocol/protocol.ts';
import { type ForestPath, PathForest } from '../simulate/forest.ts';
import { buildProtocol, intensityLimits } from '../simulate/scenario.ts';
import { DEFAULT_RUN_OPTIONS, prepareRun } from '../simulate/setup.ts';
import type { CellScenario, SweepBase } from './sweep.ts';
import type { SweepMetric } from './sweep-axes.ts';

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

/** Thrown when `isCancelled` returns true. */
export class SweepCancelled extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepCancelled';
  }
}

/** Progress and cancellation while cells are computed. */
export interface SweepHooks {
  /** Called after each cell with the number done and the number to do. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked before each cell; when it returns true the sweep stops with a `SweepCancelled`. */
  readonly isCancelled?: () => boolean;
}

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
  compute(range?: { readonly start: number; readonly end: number }, hooks?: SweepHooks): SweepResult;
  /**
   * Compute the cells at flat `indices` (any order), e.g. a coarse pass over a subgrid.
   * @returns values aligned with `indices` (NaN where a cell failed) and the failures
   * @throws SweepCancelled when `isCancelled` returns true
   */
  computeCells(indices: ArrayLike<number>, hooks?: SweepHooks): Pick<SweepResult, 'values' | 'failures'>;
}

/** The 24-h AUC window of the `auc24` metric, minutes. */
const AUC_WINDOW = 1440;

/** Where a path's metric is read: its readout time and AUC start. */
interface PathAnchors {
  readonly readoutTime: number;
  readonly aucStart: number;
}

/** A path to integrate and where its metric is read. */
interface MetricPath {
  readonly path: ForestPath;
  readonly anchors: PathAnchors;
}

/**
 * The segments of one group of `protocol`, cut at the time the metric needs (the readout, or the
 * end of the 24-h AUC window from the start of RE); bouts that start later are dropped, since
 * they cannot change the value.
 * @throws Error when that time is after the protocol's window
 */
function metricPath(protocol: Protocol, group: Group, metric: SweepMetric): MetricPath {
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

/**
 * The control group of `protocol` integrated to where the metric of a path with `anchors` is read
 * (a drifting control divides each path's metric at that path's own times).
 */
function controlPath(protocol: Protocol, anchors: PathAnchors, metric: SweepMetric): MetricPath {
  const control = protocol.groups.find((g) => g.id === protocol.controlGroup)!;
  const end = metric === 'mps3h' ? anchors.readoutTime : anchors.aucStart + AUC_WINDOW;
  const breaks = metric === 'mps3h' ? [anchors.readoutTime] : [anchors.aucStart, end];
  const kept = { ...control, bouts: control.bouts.filter((b) => b.start < end) };
  return {
    path: {
      id: control.id,
      label: control.label,
      segments: toSegments({ ...protocol, tEnd: end }, kept, breaks),
    },
    anchors,
  };
}

/** Same segments and anchors: the same path (e.g. a second bout cut off by the readout). */
function samePath(a: MetricPath, b: MetricPath): boolean {
  const x = a.path.segments;
  const y = b.path.segments;
  if (
    x.length !== y.length ||
    a.anchors.readoutTime !== b.anchors.readoutTime ||
    a.anchors.aucStart !== b.anchors.aucStart
  ) {
    return false;
  }
  for (let i = 0; i < x.length; i++) {
    const u = x[i]!;
    const v = y[i]!;
    if (u.t0 !== v.t0 || u.t1 !== v.t1 || u.resistance !== v.resistance || u.endurance !== v.endurance) {
      return false;
    }
  }
  return true;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Every cell with the same parameters: one forest of paths, built when first needed. */
class ForestEntry {
  readonly parameters: Readonly<Record<string, number>>;
  readonly tStart: number;
  readonly paths: MetricPath[] = [];
  /** RE-only path index by the RE bout and readout it depends on. */
  readonly refs = new Map<string, number>();
  /** Control path index by the time its metric is read (models that do not start at rest). */
  readonly controls = new Map<string, number>();
  /** Each path's metric once computed (NaN before), or the error that stopped it. */
  readonly metrics: number[] = [];
  readonly errors: (Error | undefined)[] = [];
  forest: PathForest | Error | undefined;

  constructor(parameters: Readonly<Record<string, number>>, tStart: number) {
    this.parameters = parameters;
    this.tStart = tStart;
  }

  add(p: MetricPath): number {
    this.paths.push(p);
    this.metrics.push(Number.NaN);
    this.errors.push(undefined);
    return this.paths.length - 1;
  }
}

type CellEntry =
  | {
      readonly forest: ForestEntry;
      readonly path: number;
      readonly ref: number;
      /** The control at the path's and the reference's times, when the control drifts. */
      readonly controls?: { readonly path: number; readonly ref: number };
    }
  | { readonly error: Error };

/** Cells planned onto forests, one per parameter set. */
export class CellPlan implements SweepPlan {
  readonly total: number;
  private readonly model: CompiledModel;
  private readonly base: SweepBase;
  private readonly metric: SweepMetric;
  private readonly mps: number;
  /** The control group drifts (the model starts from its initial values, not at rest). */
  private readonly drifts: boolean;
  private readonly forests = new Map<string, ForestEntry>();
  private readonly cells: CellEntry[];

  /**
   * @param scenarios the cells (an Error for a cell that could not be resolved)
   * @param checkEach check every cell's protocol (else the caller has checked what decides)
   * @throws Error when the model has no `mps` observable
   */
  constructor(
    model: CompiledModel,
    base: SweepBase,
    scenarios: readonly (CellScenario | Error)[],
    metric: SweepMetric,
    checkEach: boolean,
  ) {
    this.model = model;
    this.base = base;
    this.metric = metric;
    this.mps = model.observableNames.indexOf('mps');
    this.drifts = model.spec.start === 'initial-values';
    if (this.mps < 0) {
      throw new Error(
        `the map needs an observable named mps (observables: ${model.observableNames.join(', ')})`,
      );
    }
    const limits = checkEach ? intensityLimits(model) : undefined;
    this.cells = scenarios.map((cell) => {
      if (cell instanceof Error) return { error: cell };
      try {
        const protocol = buildProtocol(model, 'study', cell.settings, base.parameterPreset);
        if (limits) checkProtocol(protocol, limits);
        return this.place(cell, protocol);
      } catch (err) {
        return { error: asError(err) };
      }
    });
    this.total = this.cells.length;
  }

  /** Put a cell's paths into its forest; RE only once per RE bout, equal paths shared. */
  private place(cell: CellScenario, protocol: Protocol): CellEntry {
    let entry = this.forests.get(cell.parameterKey);
    if (!entry) {
      entry = new ForestEntry(cell.parameters, protocol.tStart);
      this.forests.set(cell.parameterKey, entry);
    }
    const byId = (id: string) => protocol.groups.find((g) => g.id === id)!;
    const re = byId('re');
    let refKey = `${protocol.readout.afterResistance}`;
    for (const b of re.bouts) refKey += `|${b.kind},${b.start},${b.duration},${b.intensity}`;
    let ref = entry.refs.get(refKey);
    if (ref === undefined) {
      ref = entry.add(metricPath(protocol, re, this.metric));
      entry.refs.set(refKey, ref);
    }
    // A cell whose second bout starts after what the metric needs is RE only: share its path.
    const own = metricPath(protocol, byId(cell.groupId), this.metric);
    const path = samePath(entry.paths[ref]!, own) ? ref : entry.add(own);
    if (!this.drifts) return { forest: entry, path, ref };
    const control = (anchors: PathAnchors) => {
      const key = this.metric === 'mps3h' ? `${anchors.readoutTime}` : `${anchors.aucStart}`;
      let k = entry.controls.get(key);
      if (k === undefined) {
        k = entry.add(controlPath(protocol, anchors, this.metric));
        entry.controls.set(key, k);
      }
      return k;
    };
    return {
      forest: entry,
      path,
      ref,
      controls: { path: control(entry.paths[path]!.anchors), ref: control(entry.paths[ref]!.anchors) },
    };
  }

  /** The forest of `entry`, built (parameter set prepared) on first use. */
  private forestOf(entry: ForestEntry): PathForest {
    if (entry.forest === undefined) {
      try {
        const setup = prepareRun(
          this.model,
          {
            parameters: entry.parameters,
            solver: this.base.solver,
            allowOutOfRange: this.base.allowOutOfRange ?? false,
            // The budget of one run per path, as when every cell was a run of its own.
            maxEvaluations: DEFAULT_RUN_OPTIONS.maxEvaluations * entry.paths.length,
          },
          entry.tStart,
        );
        entry.forest = new PathForest(
          setup,
          entry.tStart,
          entry.paths.map((p) => p.path),
        );
      } catch (err) {
        entry.forest = asError(err);
      }
    }
    if (entry.forest instanceof Error) throw entry.forest;
    return entry.forest;
  }

  /** The metric of path `k` of `entry`: MPS at its readout, or its 24-h MPS AUC. */
  private metricOf(entry: ForestEntry, k: number): number {
    const known = entry.errors[k];
    if (known) throw known;
    if (!Number.isNaN(entry.metrics[k]!)) return entry.metrics[k]!;
    const forest = this.forestOf(entry);
    try {
      const { readoutTime, aucStart } = entry.paths[k]!.anchors;
      const mps = this.mps;
      const value =
        this.metric === 'mps3h'
          ? forest.observableAt(k, readoutTime, mps)
          : forest.integralAt(k, aucStart + AUC_WINDOW, mps) - forest.integralAt(k, aucStart, mps);
      entry.metrics[k] = value;
      return value;
    } catch (err) {
      entry.errors[k] = asError(err);
      throw entry.errors[k];
    }
  }

  /** Cell k's value. @throws the error that stopped it (SimulationError, ProtocolError, …) */
  value(k: number): number {
    const cell = this.cells[k]!;
    if ('error' in cell) throw cell.error;
    const ratio = this.metricOf(cell.forest, cell.path) / this.metricOf(cell.forest, cell.ref);
    if (!cell.controls) return ratio;
    // Folds vs control at each path's own times: (path / control) ÷ (ref / control at ref's times).
    return (
      (ratio * this.metricOf(cell.forest, cell.controls.ref)) / this.metricOf(cell.forest, cell.controls.path)
    );
  }

  /** @inheritdoc */
  work() {
    let paths = 0;
    let evaluations = 0;
    for (const f of this.forests.values()) {
      paths += f.paths.length;
      if (f.forest instanceof PathForest) evaluations += f.forest.total.evaluations;
    }
    return { forests: this.forests.size, paths, evaluations };
  }

  /** @inheritdoc */
  compute(range?: { readonly start: number; readonly end: number }, hooks: SweepHooks = {}): SweepResult {
    const start = Math.max(0, range?.start ?? 0);
    const end = Math.min(this.total, range?.end ?? this.total);
    const indices = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
    return { start, ...this.computeCells(indices, hooks) };
  }

  /** @inheritdoc */
  computeCells(indices: ArrayLike<number>, hooks: SweepHooks = {}): Pick<SweepResult, 'values' | 'failures'> {
    const values = new Float64Array(indices.length);
    const failures: SweepFailure[] = [];
    for (let n = 0; n < indices.length; n++) {
      if (hooks.isCancelled?.()) throw new SweepCancelled();
      const k = indices[n]!;
      try {
        if (!(k >= 0 && k < this.total)) throw new Error(`invalid cell index: ${k}`);
        values[n] = this.value(k);
      } catch (err) {
        values[n] = Number.NaN;
        failures.push({ index: k, x: Number.NaN, y: Number.NaN, message: asError(err).message });
      }
      hooks.onProgress?.(n + 1, indices.length);
    }
    return { values, failures };
  }
}
