/**
 * The accessible alternative to every chart: a plain HTML data table with a caption, column
 * headers, row headers (a text first column) and numbers to 3 significant digits.
 */
import { formatSig, resolveDocument } from './frame.ts';

/** Defaults of `dataTable`, declared once. */
export const TABLE_DEFAULTS = Object.freeze({
  significantDigits: 3,
  className: 'eol-table',
});

/** Options of `dataTable`. */
export interface DataTableOptions {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly document?: Document;
}

/** Format a cell: numbers to 3 significant digits (`n/a` when not finite), strings as they are. */
export function formatCell(value: string | number): string {
  return typeof value === 'number' ? formatSig(value, TABLE_DEFAULTS.significantDigits) : value;
}

/**
 * Build a `<table>` with `<caption>`, a header row of `<th scope="col">` and one body row per
 * entry; a text first column becomes `<th scope="row">`. Numbers are right-aligned.
 * @throws Error naming the row when its length differs from the number of columns
 */
export function dataTable(o: DataTableOptions): HTMLTableElement {
  const doc = resolveDocument(o.document, 'data table');
  o.rows.forEach((row, k) => {
    if (row.length !== o.columns.length) {
      throw new Error(
        `invalid row ${k + 1}: ${row.length} cells (data table "${o.caption}"; expected ${o.columns.length})`,
      );
    }
  });
  const table = doc.createElement('table');
  table.className = TABLE_DEFAULTS.className;
  const caption = doc.createElement('caption');
  caption.textContent = o.caption;
  table.append(caption);
  const thead = doc.createElement('thead');
  const headRow = doc.createElement('tr');
  for (const c of o.columns) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    headRow.append(th);
  }
  thead.append(headRow);
  table.append(thead);
  const tbody = doc.createElement('tbody');
  for (const row of o.rows) {
    const tr = doc.createElement('tr');
    row.forEach((value, k) => {
      const header = k === 0 && typeof value === 'string';
      const cell = doc.createElement(header ? 'th' : 'td');
      if (header) (cell as HTMLTableCellElement).scope = 'row';
      if (typeof value === 'number') {
        cell.style.textAlign = 'right';
        cell.setAttribute('data-value', String(value));
      }
      cell.textContent = formatCell(value);
      tr.append(cell);
    });
    tbody.append(tr);
  }
  table.append(tbody);
  return table;
}
