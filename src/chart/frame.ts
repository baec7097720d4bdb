/**
 * The frame every chart shares: the root `<svg>` with its accessible `<title>`/`<desc>`, sizes
 * checked once, text sizes scaled with the width, the optional "out of date" marker, and the final
 * pass that rounds every coordinate to 2 decimals so SVG snapshots are stable across machines.
 */
import { type Selection, select } from 'd3-selection';
import { GREYS } from './palette.ts';

/** The SVG namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Defaults shared by every chart, declared once. */
export const CHART_DEFAULTS = Object.freeze({
  /** Base font size at the reference width; text scales with the chart width, never below 12 px. */
  fontSize: 14,
  referenceWidth: 640,
  minFontSize: 12,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  /** Width of data lines, px (at least 2). */
  lineWidth: 2.5,
  /** Opacity of the data marks when the chart is stale. */
  staleOpacity: 0.45,
  staleLabel: 'out of date',
  staleColor: '#B00020',
  /** Average glyph width as a fraction of the font size (layout estimate; no DOM measuring). */
  glyphWidth: 0.58,
});

/** A d3 selection of an SVG element with no bound data. */
export type Svg<E extends SVGElement = SVGElement> = Selection<E, unknown, null, undefined>;

/** Font size (px) for a chart of `width` px: 14 at 640, scaled with the width, at least 12. */
export function fontSizeFor(width: number): number {
  const d = CHART_DEFAULTS;
  return Math.max(d.minFontSize, Math.round((d.fontSize * width) / d.referenceWidth));
}

/** Estimated width (px) of `text` at `fontSize` (no layout engine needed, so it works headless). */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * CHART_DEFAULTS.glyphWidth;
}

/** `value` to `digits` significant digits without trailing zeros; `n/a` when not finite. */
export function formatSig(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  const v = Number(value.toPrecision(digits));
  return String(Object.is(v, -0) ? 0 : v);
}

/** A number for a `data-*` attribute: 6 significant digits, so snapshots do not depend on the last bits. */
export function dataNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

/** `value` with exactly 2 decimals (bar labels); `n/a` when not finite. */
export function formatFixed2(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const s = value.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** Throw `invalid <name>: <value> (<where>)` unless `value` is a finite number > 0. */
export function checkPositive(name: string, value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`invalid ${name}: ${String(value)} (${where}; must be a number > 0)`);
  }
  return value;
}

/** Small stable hash (FNV-1a, base 36) used to derive element ids from a chart's content. */
export function stableHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Options of `chartFrame`. */
export interface FrameOptions {
  /** Chart kind, used in class names and ids (`time-course`). */
  readonly kind: string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** Accessible name: the `<title>` element. */
  readonly label: string;
  /** Accessible description in words: the `<desc>` element. */
  readonly description: string;
  /** Visible title drawn at the top (optional). */
  readonly title?: string;
  /** Marks the chart as out of date. */
  readonly stale?: boolean;
  /** Element id prefix; default derived from the chart's content, so equal charts share ids. */
  readonly id?: string;
}

/** The root of a chart under construction. */
export interface Frame {
  readonly doc: Document;
  readonly svg: Svg<SVGSVGElement>;
  /** Group holding the data marks (faded when stale). */
  readonly plot: Svg<SVGGElement>;
  /** Base font size, px. */
  readonly fontSize: number;
  /** Height taken by the visible title (0 without one), px. */
  readonly titleHeight: number;
  /** Width kept free at the top right for the stale label when there is no title line, px. */
  readonly reservedRight: number;
  readonly width: number;
  readonly height: number;
}

/** Resolve the document a chart is built in: the option, else the global one. */
export function resolveDocument(doc: Document | undefined, kind: string): Document {
  const d = doc ?? (globalThis as { document?: Document }).document;
  if (!d) throw new Error(`no document to render the ${kind} chart in (pass the "document" option)`);
  return d;
}

/**
 * Create the root `<svg role="img">` labelled by its `<title>` and `<desc>`, with the visible
 * title and the stale marker drawn.
 */
export function chartFrame(o: FrameOptions): Frame {
  const width = checkPositive('width', o.width, `${o.kind} chart`);
  const height = checkPositive('height', o.height, `${o.kind} chart`);
  const doc = resolveDocument(o.document, o.kind);
  const fontSize = fontSizeFor(width);
  const id = o.id ?? `eol-${o.kind}-${stableHash(`${o.label}|${o.description}|${width}x${height}`)}`;
  const node = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  const svg = select(node)
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-labelledby', `${id}-title ${id}-desc`)
    .attr('class', `eol-chart eol-${o.kind}${o.stale ? ' stale' : ''}`)
    .attr('font-family', CHART_DEFAULTS.fontFamily)
    .attr('font-size', fontSize)
    .attr('fill', GREYS.text);
  svg.append('title').attr('id', `${id}-title`).text(o.label);
  svg
    .append('desc')
    .attr('id', `${id}-desc`)
    .text(o.description + (o.stale ? ' The chart is out of date.' : ''));
  let titleHeight = 0;
  if (o.title) {
    const size = Math.round(fontSize * 1.2);
    svg
      .append('text')
      .attr('class', 'eol-title')
      .attr('x', fontSize * 0.5)
      .attr('y', size)
      .attr('font-size', size)
      .attr('font-weight', 'bold')
      .text(o.title);
    titleHeight = Math.round(size * 1.5);
  }
  const plot = svg.append('g').attr('class', 'eol-plot');
  if (o.stale) {
    plot.attr('opacity', CHART_DEFAULTS.staleOpacity);
    svg
      .append('text')
      .attr('class', 'eol-stale-label')
      .attr('x', width - fontSize * 0.5)
      .attr('y', Math.round(fontSize * 1.2))
      .attr('text-anchor', 'end')
      .attr('font-weight', 'bold')
      .attr('fill', CHART_DEFAULTS.staleColor)
      .text(CHART_DEFAULTS.staleLabel);
  }
  const reservedRight =
    o.stale && !o.title ? Math.round(textWidth(CHART_DEFAULTS.staleLabel, fontSize) + fontSize * 1.5) : 0;
  return { doc, svg, plot, fontSize, titleHeight, reservedRight, width, height };
}

const GEOMETRY_ATTRIBUTES = [
  'd',
  'transform',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'width',
  'height',
  'cx',
  'cy',
  'r',
  'points',
  'font-size',
  'stroke-width',
];
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

function round2(text: string): string {
  const v = Math.round(Number(text) * 100) / 100;
  return String(Object.is(v, -0) ? 0 : v);
}

/** An attribute value that may hold a number with more than 2 decimals or an exponent. */
const NEEDS_ROUNDING = /\.\d{3}|\d[eE]/;

/**
 * Round every number in geometry attributes of `root` and its descendants to 2 decimals. Done
 * when a chart is exported (`svgToString`), which keeps files small and snapshots stable across
 * machines; charts on screen skip it, since it costs a few milliseconds per redraw.
 */
export function roundGeometry(root: Element): void {
  const nodes = [root, ...Array.from(root.querySelectorAll('*'))];
  for (const el of nodes) {
    for (const name of GEOMETRY_ATTRIBUTES) {
      const v = el.getAttribute(name);
      if (v === null || !NEEDS_ROUNDING.test(v)) continue;
      const rounded = v.replace(NUMBER, round2);
      if (rounded !== v) el.setAttribute(name, rounded);
    }
  }
}

/** Finish a chart: return its root `<svg>` (coordinates are rounded on export, not here). */
export function finishChart(frame: Frame): SVGSVGElement {
  return frame.svg.node()!;
}
