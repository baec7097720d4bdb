/**
 * Hand-drawn axes, grid lines and wrapping legends shared by the charts. Written out rather than
 * taken from d3-axis so that text sizes follow the chart width and nothing reads `window`.
 */
import type { Svg } from './frame.ts';
import { textWidth } from './frame.ts';
import { GREYS } from './palette.ts';

/** One tick: its pixel position and label. */
export interface Tick {
  readonly pos: number;
  readonly text: string;
}

/** Options of `axisBottom`. */
export interface BottomAxisOptions {
  readonly ticks: readonly Tick[];
  /** Pixel y of the axis line. */
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
  readonly fontSize: number;
  /** Axis title, centred under the tick labels. */
  readonly label?: string;
  /** Draw light grid lines from the axis up to this pixel y. */
  readonly gridTop?: number;
  readonly className?: string;
}

/** Draw a bottom axis; returns the height it takes below `y`, px. */
export function axisBottom(parent: Svg<SVGGElement>, o: BottomAxisOptions): number {
  const g = parent.append('g').attr('class', o.className ?? 'eol-axis eol-axis-x');
  const tickLen = Math.round(o.fontSize * 0.4);
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
    .attr('stroke-width', 1.5);
  for (const t of o.ticks) {
    g.append('line')
      .attr('x1', t.pos)
      .attr('x2', t.pos)
      .attr('y1', o.y)
      .attr('y2', o.y + tickLen)
      .attr('stroke', GREYS.axis)
      .attr('stroke-width', 1.5);
    g.append('text')
      .attr('x', t.pos)
      .attr('y', o.y + tickLen + o.fontSize)
      .attr('text-anchor', 'middle')
      .text(t.text);
  }
  let h = tickLen + Math.round(o.fontSize * 1.3);
  if (o.label) {
    g.append('text')
      .attr('class', 'eol-axis-label')
      .attr('x', (o.x0 + o.x1) / 2)
      .attr('y', o.y + h + o.fontSize)
      .attr('text-anchor', 'middle')
      .text(o.label);
    h += Math.round(o.fontSize * 1.4);
  }
  return h;
}

/** Options of `axisLeft`. */
export interface LeftAxisOptions {
  readonly ticks: readonly Tick[];
  /** Pixel x of the axis line. */
  readonly x: number;
  readonly y0: number;
  readonly y1: number;
  readonly fontSize: number;
  /** Axis title, rotated, at pixel x `labelX`. */
  readonly label?: string;
  readonly labelX?: number;
  /** Draw light grid lines from the axis right to this pixel x. */
  readonly gridRight?: number;
  readonly className?: string;
}

/** Draw a left axis. */
export function axisLeft(parent: Svg<SVGGElement>, o: LeftAxisOptions): void {
  const g = parent.append('g').attr('class', o.className ?? 'eol-axis eol-axis-y');
  const tickLen = Math.round(o.fontSize * 0.4);
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
    .attr('stroke-width', 1.5);
  for (const t of o.ticks) {
    g.append('line')
      .attr('x1', o.x - tickLen)
      .attr('x2', o.x)
      .attr('y1', t.pos)
      .attr('y2', t.pos)
      .attr('stroke', GREYS.axis)
      .attr('stroke-width', 1.5);
    g.append('text')
      .attr('x', o.x - tickLen - 3)
      .attr('y', t.pos + o.fontSize * 0.35)
      .attr('text-anchor', 'end')
      .text(t.text);
  }
  if (o.label) {
    const lx = o.labelX ?? o.fontSize;
    g.append('text')
      .attr('class', 'eol-axis-label')
      .attr('transform', `translate(${lx},${(o.y0 + o.y1) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text(o.label);
  }
}

/** Width (px) of the widest tick label, for margins. */
export function maxTickWidth(ticks: readonly Tick[], fontSize: number): number {
  return ticks.reduce((m, t) => Math.max(m, textWidth(t.text, fontSize)), 0);
}

/** One legend entry: a swatch drawn by `swatch` into a box `swatchWidth` wide centred on y = 0. */
export interface LegendItem {
  readonly label: string;
  readonly swatch: (g: Svg<SVGGElement>, swatchWidth: number, fontSize: number) => void;
  readonly className?: string;
}

/**
 * Lay legend items out left to right from (x, y), wrapping at `maxWidth`.
 * @returns the height used, px
 */
export function legend<E extends SVGElement>(
  parent: Svg<E>,
  items: readonly LegendItem[],
  x: number,
  y: number,
  maxWidth: number,
  fontSize: number,
): number {
  if (items.length === 0) return 0;
  const g = parent.append('g').attr('class', 'eol-legend');
  const swatchWidth = Math.round(fontSize * 2);
  const rowHeight = Math.round(fontSize * 1.5);
  let cx = 0;
  let row = 0;
  for (const item of items) {
    const w = swatchWidth + 6 + textWidth(item.label, fontSize) + fontSize;
    if (cx > 0 && cx + w > maxWidth) {
      cx = 0;
      row++;
    }
    const cy = y + row * rowHeight + rowHeight / 2;
    const entry = g
      .append('g')
      .attr('class', item.className ? `eol-legend-item ${item.className}` : 'eol-legend-item')
      .attr('transform', `translate(${x + cx},${cy})`);
    item.swatch(entry.append('g'), swatchWidth, fontSize);
    entry
      .append('text')
      .attr('x', swatchWidth + 6)
      .attr('y', fontSize * 0.35)
      .text(item.label);
    cx += w;
  }
  return (row + 1) * rowHeight;
}

/** Height a legend would take, without drawing it (same wrapping rule as `legend`). */
export function legendHeight(labels: readonly string[], maxWidth: number, fontSize: number): number {
  if (labels.length === 0) return 0;
  const swatchWidth = Math.round(fontSize * 2);
  let cx = 0;
  let rows = 1;
  for (const label of labels) {
    const w = swatchWidth + 6 + textWidth(label, fontSize) + fontSize;
    if (cx > 0 && cx + w > maxWidth) {
      cx = 0;
      rows++;
    }
    cx += w;
  }
  return rows * Math.round(fontSize * 1.5);
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
