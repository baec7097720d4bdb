/**
 * The interference map as a table (`eolab sweep`): one row per cell, x varying fastest, with the
 * two axis values and the metric — `gap,eeIntensity,mps3h`. A failed cell has an empty metric
 * (`null` in JSON); the failures are listed in the provenance.
 */
import type { AxisInfo, SweepMetric } from '../analysis/sweep.ts';
import { SWEEP_METRICS } from '../analysis/sweep.ts';
import { type Column, type DataTable, roundValue } from './table.ts';

/** One cell of the map. */
export type SweepRow = Readonly<Record<string, number | null>>;

/** Options of `sweepTable`. */
export interface SweepTableOptions {
  readonly x: AxisInfo;
  readonly y: AxisInfo;
  readonly xValues: readonly number[];
  readonly yValues: readonly number[];
  readonly metric: SweepMetric;
  /** Flat values, index j·nx + i (x fastest); NaN where a cell failed. */
  readonly values: ArrayLike<number>;
}

function axisColumn(info: AxisInfo): Column {
  return { name: info.axis, unit: info.unit, description: info.label };
}

/**
 * The map as a table.
 * @throws Error when the number of values is not `xValues.length × yValues.length`, or both axes
 *   are the same
 */
export function sweepTable(o: SweepTableOptions): DataTable<SweepRow> {
  const nx = o.xValues.length;
  const total = nx * o.yValues.length;
  if (o.values.length !== total) {
    throw new Error(`invalid sweep values: ${o.values.length} for ${nx} × ${o.yValues.length} cells`);
  }
  if (o.x.axis === o.y.axis) throw new Error(`invalid sweep axes: both are "${o.x.axis}"`);
  const rows: SweepRow[] = [];
  for (let k = 0; k < total; k++) {
    const i = k % nx;
    rows.push({
      [o.x.axis]: roundValue(o.xValues[i]!),
      [o.y.axis]: roundValue(o.yValues[(k - i) / nx]!),
      [o.metric]: roundValue(o.values[k]!),
    });
  }
  const columns: Column[] = [
    axisColumn(o.x),
    axisColumn(o.y),
    { name: o.metric, unit: 'fold of RE only', description: SWEEP_METRICS[o.metric].label },
  ];
  return { columns, rows };
}
