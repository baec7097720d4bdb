/**
 * Reading values out of a `SimulationResult` for drawing: a group's series (optionally as fold vs
 * the control group at the same time) and its value at any time (exact at event samples such as
 * readout times, linear on the output grid elsewhere). Pure; never runs the solver.
 */
import type { GroupResult, SimulationResult } from '../simulate/simulate.ts';

/** Find a group by id or throw naming the id and the groups available. */
export function findGroup(result: SimulationResult, id: string, where: string): GroupResult {
  const g = result.groups.find((x) => x.id === id);
  if (!g)
    throw new Error(`unknown group: ${id} (${where}; groups: ${result.groups.map((x) => x.id).join(', ')})`);
  return g;
}

/** Throw unless `series` is one of the result's series. */
export function checkSeries(result: SimulationResult, series: string, where: string): void {
  if (!result.seriesNames.includes(series)) {
    throw new Error(`unknown series: ${series} (${where}; series: ${result.seriesNames.join(', ')})`);
  }
}

/** Raw value of `series` in group `g` at `t` minutes; NaN outside the output. */
export function rawValueAt(result: SimulationResult, g: GroupResult, series: string, t: number): number {
  const si = result.seriesNames.indexOf(series);
  const tol = 1e-9 * Math.max(1, Math.abs(t));
  for (const e of g.events) if (Math.abs(e.t - t) <= tol) return e.values[si]!;
  const { time } = result;
  const n = time.length;
  if (n === 0 || !(t >= time[0]! && t <= time[n - 1]!)) return Number.NaN;
  const col = g.series[series]!;
  if (n === 1) return col[0]!;
  const x = (t - time[0]!) / result.dt;
  const i = Math.min(Math.max(Math.floor(x), 0), n - 2);
  const w = x - i;
  return col[i]! * (1 - w) + col[i + 1]! * w;
}

/** Value of `series` in `g` at `t`, divided by the control group's when `control` is given. */
export function valueAtTime(
  result: SimulationResult,
  g: GroupResult,
  series: string,
  t: number,
  control: GroupResult | undefined,
): number {
  const v = rawValueAt(result, g, series, t);
  return control ? v / rawValueAt(result, control, series, t) : v;
}

/** `[hours, value]` points of a group's series on the output grid within `[t0, t1]` minutes. */
export function seriesPoints(
  result: SimulationResult,
  g: GroupResult,
  series: string,
  control: GroupResult | undefined,
  t0: number,
  t1: number,
): [number, number][] {
  const col = g.series[series]!;
  const base = control?.series[series];
  const out: [number, number][] = [];
  result.time.forEach((t, i) => {
    if (t < t0 - 1e-9 || t > t1 + 1e-9) return;
    out.push([t / 60, base ? col[i]! / base[i]! : col[i]!]);
  });
  return out;
}
