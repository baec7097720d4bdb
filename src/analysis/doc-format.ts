/** Number and table formatting shared by the generated model documentation. */

/** Escape a table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Three significant digits; exponent form for very large or small numbers. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2);
  return Number(v.toPrecision(3)).toString();
}

/** A fixed number of decimals with a real minus sign. */
export function fixed(v: number, digits: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  const s = v.toFixed(digits);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** A fraction as a percentage, e.g. `96%`, `0.4%`. */
export function percentOf(x: number, digits = 0): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : 'n/a';
}

/** A signed relative change as a percentage, e.g. `−24%`, `+3%`. */
export function signedPercent(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return 'n/a';
  const p = Number((100 * x).toFixed(digits));
  if (p === 0) return `±${(0).toFixed(digits)}%`;
  return `${p < 0 ? '−' : '+'}${Math.abs(p).toFixed(digits)}%`;
}

/** A markdown table from a header and rows. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}
