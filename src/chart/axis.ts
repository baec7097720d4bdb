/**
 * Axes, grid lines and wrapping legends shared by the charts, split as everywhere in `src/chart/`
 * into *layout* (pure: which ticks fit, how wide the labels are, where legend items go, all from
 * measured text) and *drawing* (appending the elements). Written out rather than taken from
 * d3-axis so that text sizes follow the chart and nothing reads `window`.
 */
import type { Svg } from './frame.ts';
import { GREYS } from './palette.ts';
import { lineBox, type TextMeasure, wrapText } from './text.ts';

/** One tick: its pixel position and label. */
export interface Tick {
  readonly pos: number;
  readonly text: string;
}

/** Length of a tick mark at `fontSize`, px. */
export function tickLength(fontSize: number): number {
  return Math.round(fontSize * 0.4);
}

/** Line spacing of multi-line axis titles and legends, px. */
export function lineStep(fontSize: number): number {
  return Math.round(fontSize * 1.3);
}

/** How tick labels are checked for room: their size, measure and direction. */
export interface TickFitOptions {
  readonly fontSize: number;
  readonly measure: TextMeasure;
  readonly orientation: 'horizontal' | 'vertical';
  /** Space kept between neighbouring labels, px (default 0.8 font sizes). */
  readonly gap?: number;
}

/**
 * Do these tick labels keep clear of each other? Horizontal labels (centred on their tick) need
 * half of each width plus `gap` between centres; vertical ones a line box plus a quarter gap.
 */
export function ticksFit(ticks: readonly Tick[], o: TickFitOptions): boolean {
  const gap = o.gap ?? o.fontSize * 0.8;
  const sorted = [...ticks].sort((a, b) => a.pos - b.pos);
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1]!;
    const b = sorted[k]!;
    const need =
      o.orientation === 'horizontal'
        ? (o.measure(a.text, o.fontSize) + o.measure(b.text, o.fontSize)) / 2 + gap
        : lineBox(o.fontSize) + gap * 0.25;
    if (b.pos - a.pos < need) return false;
  }
  return true;
}

/**
 * The densest tick set whose labels keep clear of each other: `make(count)` proposes ticks for a
 * requested count (e.g. `scale.ticks`), tried from `maxCount` down to 2; if even the sparsest
 * collides, every k-th of it is kept. A single tick always fits.
 */
export function fitTicks(
  make: (count: number) => Tick[],
  o: TickFitOptions & { readonly maxCount: number },
): Tick[] {
  let last: Tick[] = [];
  for (let count = Math.max(2, Math.floor(o.maxCount)); count >= 2; count--) {
    last = make(count);
    if (ticksFit(last, o)) return last;
  }
  for (let step = 2; step <= last.length; step++) {
    const kept = last.filter((_, k) => k % step === 0);
    if (ticksFit(kept, o)) return kept;
  }
  return last.slice(0, 1);
}

/** Widest tick label, px. */
export function maxTickWidth(ticks: readonly Tick[], fontSize: number, measure: TextMeasure): number {
  return ticks.reduce((m, t) => Math.max(m, measure(t.text, fontSize)), 0);
}

/** Lines of an axis title at most `maxWidth` wide (at most `maxLines`, shortened with `…` past that). */
export function titleLines(
  title: string | undefined,
  o: {
    readonly maxWidth: number;
    readonly fontSize: number;
    readonly measure: TextMeasure;
    readonly maxLines?: number;
  },
): string[] {
  if (!title) return [];
  return wrapText(title, { ...o, maxLines: o.maxLines ?? 2 });
}

/** Height a bottom axis takes below its line: ticks, labels and `titleLineCount` title lines, px. */
export function bottomAxisHeight(fontSize: number, titleLineCount: number): number {
  const base = tickLength(fontSize) + Math.round(fontSize * 1.45);
  return titleLineCount === 0
    ? base
    : base + Math.round(fontSize * 0.25) + titleLineCount * lineStep(fontSize);
}

/** Width a left axis takes left of its line: title lines, tick labels and marks, px. */
export function leftAxisWidth(fontSize: number, tickLabelWidth: number, titleLineCount: number): number {
  const title = titleLineCount === 0 ? 0 : titleLineCount * lineStep(fontSize) + Math.round(fontSize * 0.3);
  return Math.round(fontSize * 0.3 + title + tickLabelWidth + tickLength(fontSize) + 4);
}

/**
 * Centre of a bottom axis title: the middle of the axis `[x0, x1]`, moved just enough that its
 * widest line stays `pad` px inside the chart.
 */
export function titleCentre(
  lines: readonly string[],
  o: {
    readonly x0: number;
    readonly x1: number;
    readonly chartWidth: number;
    readonly pad: number;
    readonly fontSize: number;
    readonly measure: TextMeasure;
  },
): number {
  const half = Math.max(0, ...lines.map((l) => o.measure(l, o.fontSize))) / 2;
  const mid = (o.x0 + o.x1) / 2;
  return Math.min(Math.max(mid, o.pad + half), o.chartWidth - o.pad - half);
}

/** Options of `drawAxisBottom`. */
export interface BottomAxisOptions {
  readonly ticks: readonly Tick[];
  /** Pixel y of the axis line. */
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
  readonly fontSize: number;
  readonly strokeWidth: number;
  /** Title lines, centred under the tick labels. */
  readonly title?: readonly string[];
  /** x of the title's centre (default: the middle of the axis; see `titleCentre`). */
  readonly titleX?: number;
  /** Draw light grid lines from the axis up to this pixel y. */
  readonly gridTop?: number;
  readonly className?: string;
}

/** Draw a bottom axis (line, ticks, labels, title) and optional vertical grid lines. */
export function drawAxisBottom(parent: Svg<SVGGElement>, o: BottomAxisOptions): void {
  const g = parent.append('g').attr('class', o.className ?? 'eol-axis eol-axis-x');
  const tickLen = tickLength(o.fontSize);
  if (o.gridTop !== undefined) {
    for (const t of o.ticks) {
      g.append('line')
        .attr('class', 'eol-grid')
        .attr('x1', t.pos)
        .attr('x2', t.pos)
        .attr('y1', o.gridTop)
        .attr('y2', o.y)
        .attr('stroke', GREYS.grid)
        .attr('stroke-width', 1);
    }
  }
  g.append('line')
    .attr('class', 'eol-axis-line')
    .attr('x1', o.x0)
    .attr('x2', o.x1)
    .attr('y1', o.y)
    .attr('y2', o.y)
    .attr('stroke', GREYS.axis)
    .attr('stroke-width', o.strokeWidth);
  for (const t of o.ticks) {
    g.append('line')
      .attr('class', 'eol-tick')
      .attr('x1', t.pos)
      .attr('x2', t.pos)
      .attr('y1', o.y)
      .attr('y2', o.y + tickLen)
      .attr('stroke', GREYS.axis)
      .attr('stroke-width', o.strokeWidth);
    g.append('text')
      .attr('x', t.pos)
      // Low enough that a label at the axis's left end clears the y axis's lowest label.
      .attr('y', o.y + tickLen + Math.round(o.fontSize * 1.15))
      .attr('text-anchor', 'middle')
      .text(t.text);
  }
  const step = lineStep(o.fontSize);
  const first = o.y + tickLen + Math.round(o.fontSize * 1.45) + Math.round(o.fontSize * 0.25) + o.fontSize;
  (o.title ?? []).forEach((line, k) => {
    g.append('text')
      .attr('class', 'eol-axis-label')
      .attr('x', o.titleX ?? (o.x0 + o.x1) / 2)
      .attr('y', first + k * step)
      .attr('text-anchor', 'middle')
      .text(line);
  });
}

/** Options of `drawAxisLeft`. */
export interface LeftAxisOptions {
  readonly ticks: readonly Tick[];
  /** Pixel x of the axis line. */
  readonly x: number;
  readonly y0: number;
  readonly y1: number;
  readonly fontSize: number;
  readonly strokeWidth: number;
  /** Title lines, rotated, the first at pixel x `titleX` (its baseline), the next further right. */
  readonly title?: readonly string[];
  readonly titleX?: number;
  /** Draw light grid lines from the axis right to this pixel x. */
  readonly gridRight?: number;
  readonly className?: string;
}

/** Draw a left axis (line, ticks, labels, rotated title) and optional horizontal grid lines. */
export function drawAxisLeft(parent: Svg<SVGGElement>, o: LeftAxisOptions): void {
  const g = parent.append('g').attr('class', o.className ?? 'eol-axis eol-axis-y');
  const tickLen = tickLength(o.fontSize);
  if (o.gridRight !== undefined) {
    for (const t of o.ticks) {
      g.append('line')
        .attr('class', 'eol-grid')
        .attr('x1', o.x)
        .attr('x2', o.gridRight)
        .attr('y1', t.pos)
        .attr('y2', t.pos)
        .attr('stroke', GREYS.grid)
        .attr('stroke-width', 1);
    }
  }
  g.append('line')
    .attr('class', 'eol-axis-line')
    .attr('x1', o.x)
    .attr('x2', o.x)
    .attr('y1', o.y0)
    .attr('y2', o.y1)
    .attr('stroke', GREYS.axis)
    .attr('stroke-width', o.strokeWidth);
  for (const t of o.ticks) {
    g.append('line')
      .attr('class', 'eol-tick')
      .attr('x1', o.x - tickLen)
      .attr('x2', o.x)
      .attr('y1', t.pos)
      .attr('y2', t.pos)
      .attr('stroke', GREYS.axis)
      .attr('stroke-width', o.strokeWidth);
    g.append('text')
      .attr('x', o.x - tickLen - 3)
      .attr('y', t.pos + o.fontSize * 0.35)
      .attr('text-anchor', 'end')
      .text(t.text);
  }
  const x0 = o.titleX ?? leftTitleX(o.fontSize);
  (o.title ?? []).forEach((line, k) => {
    g.append('text')
      .attr('class', 'eol-axis-label')
      .attr('transform', `translate(${x0 + k * lineStep(o.fontSize)},${(o.y0 + o.y1) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text(line);
  });
}

/** Options of `drawPlotAxes`: the plot box, its ticks and titles. */
export interface PlotAxesOptions {
  readonly box: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly xTitle: readonly string[];
  readonly yTitle: readonly string[];
  /** x of the bottom title's centre (see `titleCentre`). */
  readonly xTitleX: number;
  readonly fontSize: number;
  readonly strokeWidth: number;
  /** Pixel y of the bottom axis line (default: the box's bottom). */
  readonly axisY?: number;
}

/** The left and bottom axes of a plot box, each with grid lines across the box. */
export function drawPlotAxes(parent: Svg<SVGGElement>, o: PlotAxesOptions): void {
  const { left, top, right, bottom } = o.box;
  drawAxisLeft(parent, {
    ticks: o.yTicks,
    x: left,
    y0: top,
    y1: bottom,
    fontSize: o.fontSize,
    strokeWidth: o.strokeWidth,
    title: o.yTitle,
    gridRight: right,
  });
  drawAxisBottom(parent, {
    ticks: o.xTicks,
    y: o.axisY ?? bottom,
    x0: left,
    x1: right,
    fontSize: o.fontSize,
    strokeWidth: o.strokeWidth,
    title: o.xTitle,
    titleX: o.xTitleX,
    gridTop: top,
  });
}

/** Baseline x of the first rotated title line of a left axis whose area starts at x = 0. */
export function leftTitleX(fontSize: number): number {
  return Math.round(fontSize * 0.3 + fontSize * 0.95);
}

/** One legend entry: a swatch drawn by `swatch` into a box `swatchWidth` wide centred on y = 0. */
export interface LegendItem {
  readonly label: string;
  readonly swatch: (g: Svg<SVGGElement>, swatchWidth: number, fontSize: number) => void;
  readonly className?: string;
}

/** Where each legend item goes, and the height of the whole legend. */
export interface LegendLayout {
  readonly positions: readonly { readonly x: number; readonly y: number; readonly label: string }[];
  readonly height: number;
  readonly fontSize: number;
}

/**
 * Lay legend labels out left to right from (x, y), wrapping at `maxWidth`; a label longer than a
 * whole row is shortened with `…`. Pure: measured text in, positions (row centres) out.
 */
export function legendLayout(
  labels: readonly string[],
  o: {
    readonly x: number;
    readonly y: number;
    readonly maxWidth: number;
    readonly fontSize: number;
    readonly measure: TextMeasure;
  },
): LegendLayout {
  const fs = o.fontSize;
  const swatchWidth = Math.round(fs * 2);
  const rowHeight = Math.round(fs * 1.5);
  const positions: { x: number; y: number; label: string }[] = [];
  let cx = 0;
  let row = 0;
  for (const full of labels) {
    const label =
      wrapText(full, {
        measure: o.measure,
        fontSize: fs,
        maxWidth: o.maxWidth - swatchWidth - 6,
        maxLines: 1,
      })[0] ?? '';
    const w = swatchWidth + 6 + o.measure(label, fs) + fs;
    if (cx > 0 && cx + w - fs > o.maxWidth) {
      cx = 0;
      row++;
    }
    positions.push({ x: o.x + cx, y: o.y + row * rowHeight + rowHeight / 2, label });
    cx += w;
  }
  return { positions, height: labels.length === 0 ? 0 : (row + 1) * rowHeight, fontSize: fs };
}

/** Draw legend items at the positions of `layout` (from `legendLayout` over the same labels). */
export function drawLegend<E extends SVGElement>(
  parent: Svg<E>,
  items: readonly LegendItem[],
  layout: LegendLayout,
): void {
  if (items.length === 0) return;
  const fs = layout.fontSize;
  const g = parent.append('g').attr('class', 'eol-legend');
  const swatchWidth = Math.round(fs * 2);
  items.forEach((item, k) => {
    const p = layout.positions[k]!;
    const entry = g
      .append('g')
      .attr('class', item.className ? `eol-legend-item ${item.className}` : 'eol-legend-item')
      .attr('transform', `translate(${p.x},${p.y})`);
    item.swatch(entry.append('g'), swatchWidth, fs);
    entry
      .append('text')
      .attr('x', swatchWidth + 6)
      .attr('y', fs * 0.35)
      .text(p.label);
  });
}

/** Swatch: a short line in `color` with `dash`. */
export function lineSwatch(color: string, dash: string, width = 2.5, opacity = 1): LegendItem['swatch'] {
  return (g, w) => {
    const line = g
      .append('line')
      .attr('x1', 0)
      .attr('x2', w)
      .attr('y1', 0)
      .attr('y2', 0)
      .attr('stroke', color)
      .attr('stroke-width', width)
      .attr('stroke-dasharray', dash);
    if (opacity !== 1) line.attr('opacity', opacity);
  };
}

/** Swatch: a filled box. */
export function boxSwatch(fill: string, stroke: string, fillOpacity = 1): LegendItem['swatch'] {
  return (g, w, fs) => {
    const h = Math.round(fs * 0.8);
    const rect = g
      .append('rect')
      .attr('x', 0)
      .attr('y', -h / 2)
      .attr('width', w)
      .attr('height', h)
      .attr('fill', fill)
      .attr('stroke', stroke)
      .attr('stroke-width', 1.5);
    if (fillOpacity !== 1) rect.attr('fill-opacity', fillOpacity);
  };
}
