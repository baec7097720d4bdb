/**
 * Measuring text for chart layout. In a browser, text is measured by the page's own font engine
 * (a canvas `measureText`, which resolves the chart's font stack exactly as the SVG text does);
 * without one (jsdom, Node, a notebook), a fixed table of DejaVu Sans widths is used, which is wider
 * than the usual sans-serif fonts, so a layout made from it leaves room for whichever font the
 * reader's viewer picks. Also: wrapping and shortening text to a width.
 */
import { DEJAVU_SANS_WIDTHS } from './font-metrics.ts';

/** Font weight of measured text. */
export type FontWeight = 'normal' | 'bold';

/**
 * Width in px of `text` set at `fontSize` px. Implementations must be pure for a given input
 * (charts measure the same strings many times).
 */
export type TextMeasure = (text: string, fontSize: number, weight?: FontWeight) => number;

/**
 * Vertical metrics of the chart font, as fractions of the font size: the box a line of text takes
 * (DejaVu Sans: ascent 0.928, descent 0.236; other sans-serif fonts are shorter).
 */
export const TEXT_METRICS = Object.freeze({
  ascent: 0.93,
  descent: 0.24,
  /** Width of a character missing from the table (most scripts). */
  fallbackWidth: 0.7,
  /** Width of a wide (CJK, emoji) character. */
  wideWidth: 1,
});

/** Height (px) of one line of text at `fontSize`: ascent + descent. */
export function lineBox(fontSize: number): number {
  return (TEXT_METRICS.ascent + TEXT_METRICS.descent) * fontSize;
}

const TABLE = new Map<number, readonly [number, number]>(
  DEJAVU_SANS_WIDTHS.map(([c, n, b]) => [c, [n / 1000, b / 1000]] as const),
);

function charWidth(code: number, bold: boolean): number {
  const w = TABLE.get(code);
  if (w) return bold ? w[1] : w[0];
  return code >= 0x2e80 ? TEXT_METRICS.wideWidth : TEXT_METRICS.fallbackWidth;
}

/** Measure with the fixed DejaVu Sans table (no DOM needed): the headless default. */
export const fixedTextMeasure: TextMeasure = (text, fontSize, weight = 'normal') => {
  let em = 0;
  for (const ch of text) em += charWidth(ch.codePointAt(0)!, weight === 'bold');
  return em * fontSize;
};

interface CanvasLike {
  font: string;
  measureText(text: string): { width: number };
}

/**
 * Measure with a canvas 2-D context of `doc` in `fontFamily` (a CSS font stack). Returns
 * `undefined` when the document has no working canvas (jsdom, Node). Results are cached.
 */
export function canvasTextMeasure(doc: Document, fontFamily: string): TextMeasure | undefined {
  const view = doc.defaultView as (Window & { CanvasRenderingContext2D?: unknown }) | null;
  // jsdom has HTMLCanvasElement but no 2-D context (and logs an error when asked for one).
  if (!view || typeof view.CanvasRenderingContext2D !== 'function') return undefined;
  const ctx = doc.createElement('canvas').getContext('2d') as CanvasLike | null;
  if (!ctx) return undefined;
  const cache = new Map<string, number>();
  return (text, fontSize, weight = 'normal') => {
    const key = `${weight}|${fontSize}|${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      ctx.font = `${weight === 'bold' ? 'bold ' : ''}${fontSize}px ${fontFamily}`;
      w = ctx.measureText(text).width;
      if (cache.size > 5000) cache.clear();
      cache.set(key, w);
    }
    return w;
  };
}

const browserMeasures = new WeakMap<Document, Map<string, TextMeasure>>();

/**
 * The measure a chart uses when none is given: the document's canvas in a browser, else the
 * fixed table. One measure (and cache) per document and font stack.
 */
export function defaultTextMeasure(doc: Document, fontFamily: string): TextMeasure {
  let byFont = browserMeasures.get(doc);
  if (!byFont) {
    byFont = new Map();
    browserMeasures.set(doc, byFont);
  }
  let m = byFont.get(fontFamily);
  if (!m) {
    m = canvasTextMeasure(doc, fontFamily) ?? fixedTextMeasure;
    byFont.set(fontFamily, m);
  }
  return m;
}

/** Options of `wrapText`. */
export interface WrapOptions {
  readonly measure: TextMeasure;
  readonly fontSize: number;
  readonly maxWidth: number;
  /** At most this many lines; the last one is shortened with `…` if the text does not fit. */
  readonly maxLines?: number;
  readonly weight?: FontWeight;
}

/**
 * Break `text` into lines no wider than `maxWidth` at spaces (a single word wider than that is
 * shortened with `…`). With `maxLines`, text past the last line is cut and marked with `…`.
 */
export function wrapText(text: string, o: WrapOptions): string[] {
  const width = (s: string) => o.measure(s, o.fontSize, o.weight);
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (!line || width(next) <= o.maxWidth) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const max = o.maxLines ?? Number.POSITIVE_INFINITY;
  const kept = lines.slice(0, max);
  if (lines.length > max) kept[kept.length - 1] = `${kept[kept.length - 1]} ${lines.slice(max).join(' ')}`;
  return kept.map((l) => (width(l) <= o.maxWidth ? l : shorten(l, o)));
}

/** `text` cut at the end with `…` so that it is no wider than `maxWidth` (at least `…`). */
export function shorten(text: string, o: Omit<WrapOptions, 'maxLines'>): string {
  const width = (s: string) => o.measure(s, o.fontSize, o.weight);
  if (width(text) <= o.maxWidth) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  // Longest prefix that fits with the ellipsis (binary search: width grows with length).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (width(`${chars.slice(0, mid).join('').trimEnd()}…`) <= o.maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}
