/**
 * The readouts of an ensemble as a table (`eolab readouts --ensemble`): per group and readout,
 * the median and the 50% and 90% central bands over the plausible models. Long (tidy) form, one
 * row per group × readout, with the readouts named as in `eolab readouts` (`fold.mps`,
 * `aucFold.1440`), so the two tables join on `group` and `readout`.
 */
import type { Band } from '../analysis/simulate-ensemble.ts';
import { type Column, type DataTable, roundValue } from './table.ts';
import { formatMinutes } from './units.ts';

/** One group's readout across the ensemble. */
export interface EnsembleReadout {
  readonly group: string;
  readonly label: string;
  /** Readout time, minutes (the same in every member: it depends on the protocol only). */
  readonly time: number;
  /** `fold.<observable>` or `aucFold.<window in minutes>`. */
  readonly readout: string;
  /** Members with a value (runs that succeeded and, for an AUC, whose window fits). */
  readonly members: number;
  readonly band: Band;
}

/** One row of the ensemble readouts table. */
export interface EnsembleReadoutRow {
  readonly group: string;
  readonly label: string;
  readonly time: number | null;
  readonly readout: string;
  readonly members: number;
  readonly median: number | null;
  readonly q25: number | null;
  readonly q75: number | null;
  readonly q05: number | null;
  readonly q95: number | null;
  readonly [key: string]: string | number | null;
}

/** Options of `ensembleReadoutsTable`. */
export interface EnsembleReadoutsTableOptions {
  /** What readout times are measured from, for the column description (default: after the end of RE). */
  readonly anchorText?: string;
}

/** The ensemble readouts as a table. */
export function ensembleReadoutsTable(
  readouts: readonly EnsembleReadout[],
  options: EnsembleReadoutsTableOptions = {},
): DataTable<EnsembleReadoutRow> {
  const unit = 'fold of control';
  const columns: Column[] = [
    { name: 'group', description: 'group id' },
    { name: 'label', description: 'group label' },
    {
      name: 'time',
      unit: 'min',
      description: `readout time (${options.anchorText ?? 'after the end of RE'}; same clock time for the control)`,
    },
    {
      name: 'readout',
      description: `fold.<observable>: the observable at the readout time over the control group's at the same time; aucFold.<window>: the MPS area under the curve over <window> min (${formatMinutes(1440)} = 1440) from the start of RE, over the control group's`,
    },
    { name: 'members', description: 'plausible models with a value (runs that succeeded)' },
    { name: 'median', unit, description: 'median over the members' },
    { name: 'q25', unit, description: '25% quantile: lower end of the central 50% band' },
    { name: 'q75', unit, description: '75% quantile: upper end of the central 50% band' },
    { name: 'q05', unit, description: '5% quantile: lower end of the central 90% band' },
    { name: 'q95', unit, description: '95% quantile: upper end of the central 90% band' },
  ];
  const rows = readouts.map((r) => ({
    group: r.group,
    label: r.label,
    time: roundValue(r.time),
    readout: r.readout,
    members: r.members,
    median: roundValue(r.band.median),
    q25: roundValue(r.band.q25),
    q75: roundValue(r.band.q75),
    q05: roundValue(r.band.q05),
    q95: roundValue(r.band.q95),
  }));
  return { columns, rows };
}
