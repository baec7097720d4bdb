/**
 * Tidy tables: what every data file the product writes holds, before it becomes CSV or JSON.
 *
 * A table is a list of columns (name, unit, description — the data dictionary that travels in
 * the sidecar and the JSON envelope) and a list of rows. A row is a plain object whose values
 * are numbers (already rounded for output), text, booleans or `null` for a missing value, and
 * may nest one level of objects (`fold: { mps: 1.9 }`). The JSON output keeps the rows as they
 * are; the CSV flattens nested keys with a dot (`fold.mps`), as `pandas.json_normalize` does, so
 * a CSV header and the JSON keys name the same things.
 */
import { type CsvCell, formatCsv } from './csv.ts';

/** Significant digits of every number written to a data file (CSV and JSON). */
export const DATA_DIGITS = 10;

/** One column of a table: its name in the CSV header, its unit, and what it holds. */
export interface Column {
  readonly name: string;
  /** Unit of the values (`min`, `fold of control`, …); absent for text and ids. */
  readonly unit?: string;
  readonly description: string;
}

/** A value in a row: a cell, or one level of nested cells. */
export type RowValue = CsvCell | Readonly<Record<string, CsvCell>>;

/** One row: keys are column names (nested keys flatten to `outer.inner`). */
export type Row = Readonly<Record<string, RowValue>>;

/** Columns and rows. */
export interface DataTable<R extends Row = Row> {
  readonly columns: readonly Column[];
  readonly rows: readonly R[];
}

/**
 * `value` rounded to `digits` significant digits; NaN and ±Infinity become `null` (a missing
 * value: an empty CSV cell, `null` in JSON, which cannot hold NaN).
 */
export function roundValue(value: number, digits: number = DATA_DIGITS): number | null {
  if (!Number.isFinite(value)) return null;
  const rounded = Number(value.toPrecision(digits));
  return rounded === 0 ? 0 : rounded; // no -0 in files
}

/** Round every number of a record (for nested row values). */
export function roundRecord(
  record: Readonly<Record<string, number>>,
  digits: number = DATA_DIGITS,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(record)) out[k] = roundValue(v, digits);
  return out;
}

/** A row with nested objects flattened to dotted keys: `{ fold: { mps: 2 } }` → `{ 'fold.mps': 2 }`. */
export function flattenRow(row: Row): Record<string, CsvCell> {
  const out: Record<string, CsvCell> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value !== null && typeof value === 'object') {
      for (const [inner, cell] of Object.entries(value)) out[`${key}.${inner}`] = cell;
    } else out[key] = value;
  }
  return out;
}

/**
 * The table as CSV (through the one CSV writer): the column names as the header, one line per
 * row, missing values empty.
 * @throws Error naming the row and the key when a row holds a key that is not a column (it would
 *   silently vanish from the file otherwise)
 */
export function tableToCsv(table: DataTable): string {
  const names = table.columns.map((c) => c.name);
  const known = new Set(names);
  const rows = table.rows.map((row, i) => {
    const flat = flattenRow(row);
    for (const key of Object.keys(flat)) {
      if (!known.has(key)) throw new Error(`invalid table row ${i + 1}: "${key}" is not a column`);
    }
    return names.map((n) => flat[n]);
  });
  return formatCsv(names, rows);
}
