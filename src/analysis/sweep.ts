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
 * (the readout, or the end of the 24-h AUC window). In a model that starts at rest the control
 * group stays at that steady state, so it divides the cell and RE only alike and cancels; in one
 * that starts from its initial values the plan integrates the control to each group's own times
 * and divides by it (`sweep-plan.ts`).
 *
 * Prefix reuse (`sweep-plan.ts`): all cells with the same parameters form one `PathForest` —
 * RE only, and every cell's ordered group — so the RE-only run up to each EE start, the EE-only
 * run up to each RE start and the rest before the first bout are each integrated once for the
 * whole map, and RE only (the reference) once per parameter set. The plan covers the whole grid
 * even when a worker computes one chunk, so a cell's value does not depend on the chunking.
 * This file resolves cells from axes and settings and checks the grid.
 */
import type { CompiledModel } from '../model/compile.ts';
import { checkProtocol } from '../protocol/protocol.ts';
import { buildProtocol, intensityLimits, type ProtocolSettings } from '../simulate/scenario.ts';
import type { SolveOptions } from '../solve/segment.ts';
import { axisInfo, SETTING_AXES, type SweepAxis, type SweepMetric } from './sweep-axes.ts';
import {
  CellPlan,
  type SweepFailure,
  type SweepHooks,
  type SweepPlan,
  type SweepResult,
} from './sweep-plan.ts';

export * from './sweep-axes.ts';
export {
  SweepCancelled,
  type SweepFailure,
  type SweepHooks,
  type SweepPlan,
  type SweepResult,
} from './sweep-plan.ts';

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
  /** Run parameter values outside their documented range (`RunOptions.allowOutOfRange`; default false). */
  readonly allowOutOfRange?: boolean;
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
export interface CellScenario {
  readonly groupId: 're-ee' | 'ee-re';
  readonly settings: ProtocolSettings;
  readonly parameters: Readonly<Record<string, number>>;
  /** The parameter-axis values (the rest of `parameters` is the base): cells share a forest by it. */
  readonly parameterKey: string;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
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
    Object.hasOwn(model.spec.parameters, axis) && !(SETTING_AXES as readonly string[]).includes(axis);
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

/**
 * The map's value at one point: MPS of the ordered pair (RE→EE for gap ≥ 0, EE→RE for gap < 0)
 * as a fold of RE only, at the readout time (`mps3h`, 3 h after RE by default) or as the 24-h
 * AUC from the start of RE (`auc24`).
 * @throws Error for an unknown axis, ProtocolError for an impossible protocol, SimulationError
 *   when the solver fails, SolverOptionError for bad solver options
 */
export function interferenceCell(model: CompiledModel, options: CellOptions): number {
  const axes = options.axis === undefined ? [] : [{ axis: options.axis, value: options.value ?? Number.NaN }];
  return new CellPlan(model, options, [resolveCell(model, options, axes)], options.metric, true).value(0);
}

/** A grid to compute: x (usually the signed gap) by y, both ascending as given. */
export interface SweepOptions extends SweepBase, SweepHooks {
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
  const plan = new CellPlan(model, options, scenarios, metric, false);
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
