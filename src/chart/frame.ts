/**
 * The frame every chart shares: the root `<svg>` with its accessible `<title>`/`<desc>`, sizes
 * checked once, text sizes scaled with the width, the optional "out of date" marker, and the final
 * pass that rounds every coordinate to 2 decimals so SVG snapshots are stable across machines.
 */
import { type Selection, select } from 'd3-selection';
import { GREYS } from './palette.ts';
import { defaultTextMeasure, lineBox, type TextMeasure, wrapText } from './text.ts';

/** The SVG namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Defaults shared by every chart, declared once. */
export const CHART_DEFAULTS = Object.freeze({
  /** Base font size at the reference width; text scales with the chart width, never below 12 px. */
  fontSize: 14,
  referenceWidth: 640,
  minFontSize: 12,
  /** Secondary text (lane labels, value labels) as a fraction of the base size, never below the minimum. */
  smallFontScale: 0.86,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  /** Width of data lines, px (at least 2). */
  lineWidth: 2.5,
  /** Opacity of the data marks when the chart is stale. */
  staleOpacity: 0.45,
  staleLabel: 'out of date',
  staleColor: '#B00020',
});

/** Options every chart accepts for its text and lines (presenter mode sets them larger). */
export interface ChartStyleOptions {
  /** Base text size, px (default: 14 px at 640 px wide, scaled with the width, at least `minFontSize`). */
  readonly fontSize?: number;
  /** Smallest text the chart draws, px (default 12). */
  readonly minFontSize?: number;
  /** Width of the data lines, px (default 2.5); axis, reference and cursor lines follow it. */
  readonly lineWidth?: number;
  /** How text is measured for layout (default: the document's canvas in a browser, else a fixed table). */
  readonly measure?: TextMeasure;
}

/** A d3 selection of an SVG element with no bound data. */
export type Svg<E extends SVGElement = SVGElement> = Selection<E, unknown, null, undefined>;

/** Font size (px) for a chart of `width` px: 14 at 640, scaled with the width, at least `min` (12). */
export function fontSizeFor(width: number, min: number = CHART_DEFAULTS.minFontSize): number {
  const d = CHART_DEFAULTS;
  return Math.max(min, Math.round((d.fontSize * width) / d.referenceWidth));
}

export { dataNumber, formatFixed2, formatSig } from './format.ts';

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
export interface FrameOptions extends ChartStyleOptions {
  /** Chart kind, used in class names and ids (`time-course`). */
  readonly kind: string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** Accessible name: the `<title>` element. */
  readonly label: string;
  /** Accessible description in words: the `<desc>` element. */
  readonly description: string;
  /** Visible title drawn at the top (optional; wraps onto a second line when it must). */
  readonly title?: string;
  /** Marks the chart as out of date. */
  readonly stale?: boolean;
  /** Element id prefix; default derived from the chart's content, so equal charts share ids. */
  readonly id?: string;
}

/** The root of a chart under construction, with the sizes and measure its layout uses. */
export interface Frame {
  readonly doc: Document;
  readonly svg: Svg<SVGSVGElement>;
  /** Group holding the data marks (faded when stale). */
  readonly plot: Svg<SVGGElement>;
  /** Base font size, px. */
  readonly fontSize: number;
  /** Size of secondary text (lane labels, value labels), px. */
  readonly smallFontSize: number;
  /** Data line width, px. */
  readonly lineWidth: number;
  /** Width of axis, reference and tick lines, px. */
  readonly axisWidth: number;
  /** Text measure used by the layout. */
  readonly measure: TextMeasure;
  /** Height taken by the visible title and the stale label above the chart body, px. */
  readonly titleHeight: number;
  /** Width kept free at the top right for the stale label when it shares the first line, px. */
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

/** Font sizes, line widths and the measure of a chart `width` px wide with `o`'s style options. */
export function chartStyle(width: number, o: ChartStyleOptions & { kind: string }, doc: Document) {
  const min = o.minFontSize ?? CHART_DEFAULTS.minFontSize;
  const fontSize =
    o.fontSize === undefined
      ? fontSizeFor(width, min)
      : Math.max(min, checkPositive('fontSize', o.fontSize, `${o.kind} chart`));
  const lineWidth =
    o.lineWidth === undefined
      ? CHART_DEFAULTS.lineWidth
      : checkPositive('lineWidth', o.lineWidth, `${o.kind} chart`);
  return {
    fontSize,
    smallFontSize: Math.max(min, Math.round(fontSize * CHART_DEFAULTS.smallFontScale)),
    lineWidth,
    axisWidth: Math.max(1.5, lineWidth - 1),
    measure: o.measure ?? defaultTextMeasure(doc, CHART_DEFAULTS.fontFamily),
  };
}

/**
 * Create the root `<svg role="img">` labelled by its `<title>` and `<desc>`, with the visible
 * title and the stale marker drawn. The title is measured: it shares its line with the stale
 * label when both fit, wraps onto a second line when it must, and is shortened with `…` (the full
 * text stays in the accessible name) only past that.
 */
export function chartFrame(o: FrameOptions): Frame {
  const width = checkPositive('width', o.width, `${o.kind} chart`);
  const height = checkPositive('height', o.height, `${o.kind} chart`);
  const doc = resolveDocument(o.document, o.kind);
  const style = chartStyle(width, o, doc);
  const { fontSize, measure } = style;
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
  const pad = fontSize * 0.5;
  const staleW = o.stale ? measure(CHART_DEFAULTS.staleLabel, fontSize, 'bold') + fontSize : 0;
  let titleHeight = 0;
  let staleOwnLine = false;
  if (o.title) {
    const size = Math.round(fontSize * 1.2);
    const full = width - 2 * pad;
    const oneLine = measure(o.title, size, 'bold') <= full - staleW;
    const lines = oneLine
      ? [o.title]
      : wrapText(o.title, { measure, fontSize: size, maxWidth: full, maxLines: 2, weight: 'bold' });
    staleOwnLine = !oneLine && o.stale === true;
    const lineH = Math.round(size * 1.25);
    const text = svg
      .append('text')
      .attr('class', 'eol-title')
      .attr('x', pad)
      .attr('y', Math.round(size * 1.05))
      .attr('font-size', size)
      .attr('font-weight', 'bold');
    if (lines.length === 1) text.text(lines[0]!);
    else
      lines.forEach((l, k) => {
        text
          .append('tspan')
          .attr('x', pad)
          .attr('dy', k === 0 ? 0 : lineH)
          .text(l);
      });
    titleHeight = Math.round(size * 1.05 + (lines.length - 1) * lineH + size * 0.5);
  }
  const plot = svg.append('g').attr('class', 'eol-plot');
  if (o.stale) {
    plot.attr('opacity', CHART_DEFAULTS.staleOpacity);
    const y = staleOwnLine ? titleHeight + Math.round(fontSize * 1.05) : Math.round(fontSize * 1.2);
    svg
      .append('text')
      .attr('class', 'eol-stale-label')
      .attr('x', width - pad)
      .attr('y', y)
      .attr('text-anchor', 'end')
      .attr('font-weight', 'bold')
      .attr('fill', CHART_DEFAULTS.staleColor)
      .text(CHART_DEFAULTS.staleLabel);
    if (staleOwnLine) titleHeight += Math.round(lineBox(fontSize) + fontSize * 0.3);
  }
  const reservedRight = o.stale && !o.title ? Math.round(staleW + fontSize * 0.5) : 0;
  return { doc, svg, plot, ...style, titleHeight, reservedRight, width, height };
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
