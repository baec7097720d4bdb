/**
 * Text output for people: numbers and aligned tables that fit a terminal. Pure functions; the
 * commands decide what to print and `CliIO` decides where. Files (CSV, JSON) are written by
 * `src/data/`, never here.
 */

/** Width tables are fitted to: a 100-column terminal. */
export const TABLE_WIDTH = 100;

/**
 * A number with at most `digits` significant digits and no trailing zeros (`0.1234567891`,
 * `1e-7`, `180`). Non-finite values print as `—`.
 */
export function formatNumber(value: number, digits = 10): string {
  if (!Number.isFinite(value)) return '—';
  return String(Number(value.toPrecision(digits)));
}

/** One column of a text table. */
export interface TableColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  /** `right` for numbers (default `left`). */
  readonly align?: 'left' | 'right';
  /** Text that may wrap onto more lines when the table is too wide (default: never wraps). */
  readonly wrap?: boolean;
}

/** Options of `formatTable`. */
export interface TableOptions {
  /** Widest line allowed (default `TABLE_WIDTH`); wrapping columns share what is left. */
  readonly width?: number;
}

/** Narrowest a wrapping column gets. */
const MIN_WRAP = 12;
const GAP = '  ';

const length = (s: string) => [...s].length;

/** Split `text` into lines of at most `width` code points, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (length(w) > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push([...w].slice(0, width).join(''));
      w = [...w].slice(width).join('');
    }
    if (!line) line = w;
    else if (length(line) + 1 + length(w) <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Widths for the columns: natural widths when they fit in `width`; otherwise the wrapping
 * columns share the room left by the others (each at least `MIN_WRAP`, none wider than it
 * needs), widest need first.
 */
function fitWidths(natural: readonly number[], wraps: readonly boolean[], width: number): number[] {
  const total = natural.reduce((a, b) => a + b, 0) + GAP.length * (natural.length - 1);
  if (total <= width || !wraps.some(Boolean)) return [...natural];
  const fixed = natural.reduce((a, w, i) => a + (wraps[i] ? 0 : w), 0) + GAP.length * (natural.length - 1);
  const out = [...natural];
  const flexible = natural.map((_, i) => i).filter((i) => wraps[i]);
  let room = Math.max(width - fixed, MIN_WRAP * flexible.length);
  // Water-filling: columns that need less than an equal share keep their natural width.
  const pending = [...flexible].sort((a, b) => natural[a]! - natural[b]!);
  while (pending.length > 0) {
    const share = Math.floor(room / pending.length);
    const i = pending[0]!;
    if (natural[i]! <= share) {
      out[i] = natural[i]!;
      room -= natural[i]!;
      pending.shift();
    } else {
      for (const j of pending) out[j] = Math.max(MIN_WRAP, share);
      break;
    }
  }
  return out;
}

/**
 * Rows as an aligned plain-text table: a header line, a dashed rule, then the rows; columns
 * separated by two spaces, no trailing spaces. Widths count code points, so `✓` and `→` align.
 * When the table is wider than `options.width`, columns marked `wrap` wrap their text, and rows
 * are then separated by a blank line so each reads as one block.
 */
export function formatTable<Row>(
  rows: readonly Row[],
  columns: readonly TableColumn<Row>[],
  options: TableOptions = {},
): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const natural = columns.map((c, i) => Math.max(length(c.header), ...cells.map((r) => length(r[i]!))));
  const widths = fitWidths(
    natural,
    columns.map((c) => Boolean(c.wrap)),
    options.width ?? TABLE_WIDTH,
  );
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, widths[i]! - length(s)));
    return columns[i]!.align === 'right' ? fill + s : s + fill;
  };
  const block = (r: readonly string[]): string[] => {
    const wrapped = r.map((text, i) => (length(text) > widths[i]! ? wrapText(text, widths[i]!) : [text]));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped
        .map((w, i) => pad(w[k] ?? '', i))
        .join(GAP)
        .replace(/\s+$/, ''),
    );
  };
  const body = cells.map(block);
  const spaced = body.some((b) => b.length > 1);
  const rule = widths.map((w) => '-'.repeat(w)).join(GAP);
  const lines = [...block(columns.map((c) => c.header)), rule];
  body.forEach((b, k) => {
    if (spaced && k > 0) lines.push('');
    lines.push(...b);
  });
  return `${lines.join('\n')}\n`;
}
