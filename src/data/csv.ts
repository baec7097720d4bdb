/**
 * The one CSV writer for every file the product writes (CLI and app). Files open in pandas,
 * R's `read.csv`, `d3.csvParse`, Python's `csv` module and a spreadsheet with no options: the
 * first line is the header, there are no comment lines, every row has the header's width, and
 * quoting follows RFC 4180 (done by d3-dsv, not by hand). Provenance belongs in a sidecar file,
 * never inside the CSV.
 *
 * Text cells (names, labels, descriptions — anything a user or a model file could have typed)
 * are made inert: line breaks become spaces, so one record is always one line, and a cell that a
 * spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab or carriage return first) gets a
 * leading `'`. Number cells are written as numbers and never escaped (`-0.5` stays a number).
 */
import { csvFormatRows } from 'd3-dsv';

/** One cell: text, a number, or empty (`null`/`undefined`). */
export type CsvCell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text made safe for a spreadsheet and a line-based reader: line breaks become spaces, and a
 * leading formula character gets a `'` in front (`=1+1` → `'=1+1`).
 */
export function inertText(text: string): string {
  const oneLine = text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
  return FORMULA_START.test(oneLine) ? `'${oneLine}` : oneLine;
}

/** A number as CSV text: shortest round-trip form; NaN and ±Infinity leave the cell empty. */
function numberCell(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return numberCell(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return inertText(cell);
}

/**
 * Format a table as CSV: `header` first, then `rows`, `\n` line ends and a final newline.
 * Header names are text cells too (they can come from a model file).
 * @throws Error naming the row when a row's width differs from the header's
 */
export function formatCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const out: string[][] = [header.map(inertText)];
  let index = 0;
  for (const row of rows) {
    index++;
    if (row.length !== header.length) {
      throw new Error(`invalid CSV row ${index}: ${row.length} cells for ${header.length} columns`);
    }
    out.push(row.map(cellText));
  }
  return `${csvFormatRows(out)}\n`;
}
