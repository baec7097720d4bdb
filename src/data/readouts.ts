/**
 * The readouts table (`eolab readouts`): per group, the fold change against the control group of
 * every observable at the readout time, and the cumulative AUC folds. Rows are the library's
 * `GroupReadouts` with numbers rounded: `fold` and `aucFold` nest, so the CSV header reads
 * `fold.mps`, `aucFold.1440` — an AUC window is named by its length in minutes everywhere
 * (library, JSON, CSV), like `protocol.readout.aucWindows`.
 */
import type { GroupReadouts } from '../analysis/readouts.ts';
import { type Column, type DataTable, roundRecord, roundValue } from './table.ts';
import { formatMinutes } from './units.ts';

/** One row of the readouts table. */
export interface ReadoutRow {
  readonly group: string;
  readonly label: string;
  /** Readout time, minutes. */
  readonly time: number | null;
  readonly fold: Readonly<Record<string, number | null>>;
  readonly aucFold: Readonly<Record<string, number | null>>;
  readonly [key: string]: string | number | null | Readonly<Record<string, number | null>>;
}

/** Options of `readoutsTable`. */
export interface ReadoutsTableOptions {
  /** The observable whose AUC `aucFold` holds (for the column descriptions; default `mps`). */
  readonly aucSeries?: string;
}

/** The readouts as a table. */
export function readoutsTable(
  readouts: readonly GroupReadouts[],
  options: ReadoutsTableOptions = {},
): DataTable<ReadoutRow> {
  const first = readouts[0];
  const aucSeries = options.aucSeries ?? 'mps';
  const columns: Column[] = [
    { name: 'group', description: 'group id' },
    { name: 'label', description: 'group label' },
    {
      name: 'time',
      unit: 'min',
      description: 'readout time (after the end of RE; same clock time for groups without RE)',
    },
    ...Object.keys(first?.fold ?? {}).map((k) => ({
      name: `fold.${k}`,
      unit: 'fold of control',
      description: `${k} at the readout time, divided by the control group's at the same time`,
    })),
    ...Object.keys(first?.aucFold ?? {}).map((w) => ({
      name: `aucFold.${w}`,
      unit: 'fold of control',
      description: `${aucSeries} area under the curve over ${w} min (${formatMinutes(Number(w))}) from the start of RE, divided by the control group's over the same clock time; empty when the window runs past the simulation`,
    })),
  ];
  const rows = readouts.map((r) => ({
    group: r.group,
    label: r.label,
    time: roundValue(r.time),
    fold: roundRecord(r.fold),
    aucFold: roundRecord(r.aucFold),
  }));
  return { columns, rows };
}
