/**
 * Output formatting for the CLI: numbers, CSV and aligned text tables. Pure functions; the
 * commands decide what to print and `CliIO` decides where.
 */

/** Significant digits of numbers in CSV and rounded JSON output. */
export const OUTPUT_DIGITS = 10;

/**
 * A number with at most `digits` significant digits and no trailing zeros (`0.1234567891`,
 * `1e-7`, `180`). Non-finite values print as `NaN`, `Infinity`, `-Infinity`.
 */
export function formatNumber(value: number, digits: number = OUTPUT_DIGITS): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(digits)));
}

/** `value` rounded to `digits` significant digits as a number; non-finite values become `null` (for JSON). */
export function roundForJson(value: number, digits: number = OUTPUT_DIGITS): number | null {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : null;
}

/** A JSON number, or `null` for NaN and ±Infinity (which JSON cannot hold). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** One column of a text table. */
export interface TableColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  /** `right` for numbers (default `left`). */
  readonly align?: 'left' | 'right';
}

/**
 * Rows as an aligned plain-text table: a header line, a dashed rule, one line per row; columns
 * separated by two spaces, no trailing spaces. Widths count code points, so `✓` and `→` align.
 */
export function formatTable<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const width = (s: string) => [...s].length;
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i]!))));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - width(s));
    return columns[i]!.align === 'right' ? fill + s : s + fill;
  };
  const line = (r: readonly string[]) => r.map(pad).join('  ').replace(/\s+$/, '');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...cells.map(line)].join('\n') + '\n';
}

/** A CSV field: quoted (with doubled quotes) only when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
