/**
 * Readouts over a `SimulationResult`: value at a time, fold change against the control group at
 * the same clock time (how the paper reports), peak and time to peak, area under the curve.
 * Pure functions; nothing here runs the solver.
 */
import { anchorTime, type ReadoutAnchor } from '../protocol/protocol.ts';
import type { GroupResult, SimulationResult } from '../simulate/simulate.ts';

/** Find a group by id. @throws Error naming the id and the groups available */
export function groupById(result: SimulationResult, groupId: string): GroupResult {
  const g = result.groups.find((x) => x.id === groupId);
  if (!g) throw new Error(`unknown group: ${groupId} (groups: ${result.groups.map((x) => x.id).join(', ')})`);
  return g;
}

function seriesIndex(result: SimulationResult, series: string): number {
  const i = result.seriesNames.indexOf(series);
  if (i < 0) throw new Error(`unknown series: ${series} (series: ${result.seriesNames.join(', ')})`);
  return i;
}

/**
 * Value of `series` in `groupId` at time `t` (minutes). Exact at segment boundaries (bout
 * edges, readout times, AUC window edges); elsewhere linear interpolation on the output grid.
 */
export function valueAt(result: SimulationResult, groupId: string, series: string, t: number): number {
  const g = groupById(result, groupId);
  const si = seriesIndex(result, series);
  const tol = 1e-9 * Math.max(1, Math.abs(t));
  for (const e of g.events) if (Math.abs(e.t - t) <= tol) return e.values[si]!;
  const { time } = result;
  if (!(t >= time[0]! && t <= time[time.length - 1]!)) {
    throw new Error(`time ${t} min is outside the simulated output [${time[0]}, ${time[time.length - 1]}]`);
  }
  const col = g.series[series]!;
  const x = (t - time[0]!) / result.dt;
  const i = Math.min(Math.floor(x), time.length - 2);
  if (i < 0) return col[0]!;
  const w = x - i;
  return col[i]! * (1 - w) + col[i + 1]! * w;
}

/**
 * Fold change of `series` in `groupId` against the control group at the same time.
 * @param t time in minutes (default: the group's readout time)
 */
export function foldVsControl(result: SimulationResult, groupId: string, series: string, t?: number): number {
  const g = groupById(result, groupId);
  const at = t ?? g.readoutTime;
  return valueAt(result, groupId, series, at) / valueAt(result, result.protocol.controlGroup, series, at);
}

/** Peak value and the time it is reached. */
export interface Peak {
  readonly value: number;
  readonly time: number;
}

/** Options of `peak`. */
export interface PeakOptions {
  /** Window start, minutes (default: start of output). */
  readonly from?: number;
  /** Window end, minutes (default: end of output). */
  readonly to?: number;
  /** `max` (default) or `min`. */
  readonly mode?: 'max' | 'min';
}

/** Largest (or smallest) value of a series over a window, on the grid and at exact boundary samples. */
export function peak(
  result: SimulationResult,
  groupId: string,
  series: string,
  options: PeakOptions = {},
): Peak {
  const g = groupById(result, groupId);
  const si = seriesIndex(result, series);
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const sign = options.mode === 'min' ? -1 : 1;
  let best: Peak = { value: Number.NaN, time: Number.NaN };
  const consider = (t: number, v: number) => {
    if (t < from || t > to) return;
    if (Number.isNaN(best.value) || sign * v > sign * best.value) best = { value: v, time: t };
  };
  const col = g.series[series]!;
  for (let i = 0; i < result.time.length; i++) consider(result.time[i]!, col[i]!);
  for (const e of g.events) consider(e.t, e.values[si]!);
  if (Number.isNaN(best.value)) throw new Error(`empty window [${from}, ${to}] for peak of ${series}`);
  return best;
}

/**
 * Area under `series` from `t0` to `t1` (value × minutes). Observables use the solver's running
 * integral (exact to tolerance when t0 and t1 are segment boundaries); states use the
 * trapezoid rule on the output grid.
 */
export function auc(
  result: SimulationResult,
  groupId: string,
  series: string,
  t0: number,
  t1: number,
): number {
  const g = groupById(result, groupId);
  const oi = result.observableNames.indexOf(series);
  if (oi >= 0) {
    const tol = 1e-9 * Math.max(1, Math.abs(t0), Math.abs(t1));
    const a = g.events.find((e) => Math.abs(e.t - t0) <= tol);
    const b = g.events.find((e) => Math.abs(e.t - t1) <= tol);
    if (a && b) return b.integrals[oi]! - a.integrals[oi]!;
  }
  const { time } = result;
  if (t0 < time[0]! || t1 > time[time.length - 1]! + 1e-9) {
    throw new Error(`AUC window [${t0}, ${t1}] min is outside the simulated output`);
  }
  // Trapezoid over grid points inside the window plus interpolated end points.
  let sum = 0;
  let prevT = t0;
  let prevV = valueAt(result, groupId, series, t0);
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (t <= t0 || t >= t1) continue;
    const v = g.series[series]![i]!;
    sum += 0.5 * (v + prevV) * (t - prevT);
    prevT = t;
    prevV = v;
  }
  const end = valueAt(result, groupId, series, t1);
  return sum + 0.5 * (end + prevV) * (t1 - prevT);
}

/**
 * AUC of `series` over `window` minutes from the group's AUC start, as a fold of the control
 * group's AUC over the same clock-time window. NaN when the window leaves the simulation.
 */
export function aucFold(result: SimulationResult, groupId: string, series: string, window: number): number {
  const g = groupById(result, groupId);
  const t0 = g.aucStart;
  const t1 = t0 + window;
  if (t1 > result.protocol.tEnd + 1e-9) return Number.NaN;
  return auc(result, groupId, series, t0, t1) / auc(result, result.protocol.controlGroup, series, t0, t1);
}

/** One row of the readouts table. */
export interface GroupReadouts {
  readonly group: string;
  readonly label: string;
  /** Readout time, minutes. */
  readonly time: number;
  /** Fold vs control of each observable at the readout time. */
  readonly fold: Readonly<Record<string, number>>;
  /** AUC folds of the observable named in `aucSeries`, keyed by window in minutes. */
  readonly aucFold: Readonly<Record<string, number>>;
}

/**
 * The readout time of a group under an anchor and offset, minutes: `anchorTime` + `after`.
 * Defaults are the protocol's own anchor and offset, i.e. the group's `readoutTime`.
 */
export function readoutTimeOf(
  result: SimulationResult,
  groupId: string,
  options: { readonly anchor?: ReadoutAnchor; readonly after?: number } = {},
): number {
  const g = groupById(result, groupId);
  const r = result.protocol.readout;
  if (options.anchor === undefined && options.after === undefined) return g.readoutTime;
  return (
    anchorTime(result.protocol, g.group, options.anchor ?? r.anchor ?? 'resistance-end') +
    (options.after ?? r.afterResistance)
  );
}

/** Options of `readoutTable`. */
export interface ReadoutTableOptions {
  /** Readout time override, minutes after the anchor (default: the protocol's). */
  readonly afterResistance?: number;
  /** Readout anchor override (default: the protocol's, else the end of RE). */
  readonly anchor?: ReadoutAnchor;
  /** Observable whose cumulative AUC is reported (default `mps` when present, else the last). */
  readonly aucSeries?: string;
}

/**
 * Per group: fold vs control of every observable at the readout time, plus AUC folds. A fold
 * whose readout time, or an AUC whose window, lies past the simulated window is NaN.
 */
export function readoutTable(result: SimulationResult, options: ReadoutTableOptions = {}): GroupReadouts[] {
  const aucSeries =
    options.aucSeries ??
    (result.observableNames.includes('mps')
      ? 'mps'
      : result.observableNames[result.observableNames.length - 1]!);
  return result.groups.map((g) => {
    const time = readoutTimeOf(result, g.id, {
      ...(options.anchor !== undefined ? { anchor: options.anchor } : {}),
      ...(options.afterResistance !== undefined ? { after: options.afterResistance } : {}),
    });
    const fold: Record<string, number> = {};
    // A readout after the simulated window (simulate warns) has no fold: NaN, "—" in tables.
    const inside = time >= result.time[0]! && time <= result.time[result.time.length - 1]!;
    for (const name of result.observableNames)
      fold[name] = inside ? foldVsControl(result, g.id, name, time) : Number.NaN;
    const aucFolds: Record<string, number> = {};
    for (const w of result.protocol.readout.aucWindows)
      aucFolds[String(w)] = aucFold(result, g.id, aucSeries, w);
    return { group: g.id, label: g.label, time, fold, aucFold: aucFolds };
  });
}
