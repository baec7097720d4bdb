/**
 * The layout both bar charts share: legend rows under the title, a y axis from 0 with headroom
 * for value labels, a dashed reference line at 1.0 (= control), and room for group labels below.
 */

import type { ScaleLinear } from 'd3-scale';
import { scaleLinear } from 'd3-scale';
import type { GroupReadouts } from '../analysis/readouts.ts';
import { axisLeft, type LegendItem, legendHeight, lineSwatch, maxTickWidth, type Tick } from './axis.ts';
import type { Frame } from './frame.ts';
import { GREYS } from './palette.ts';

/** Defaults of the bar charts, declared once. */
export const BAR_DEFAULTS = Object.freeze({
  /** Id of the control group, whose fold is 1 by definition and is not drawn. */
  controlGroup: 'control',
  /** Headroom above the tallest bar for its value label, as a fraction of the axis. */
  headroom: 0.14,
  /** Gap between group bands, as a fraction of the band. */
  bandPadding: 0.28,
  pinnedDash: '5 3',
  pinnedWidth: 2,
  referenceDash: '6 4',
});

/** Options of `barLayout`. */
export interface BarLayoutOptions {
  /** Largest value drawn (bars and pinned bars). */
  readonly maxValue: number;
  readonly legendLabels: readonly string[];
  /** Lines of text under the axis (group labels, notes). */
  readonly bottomLines: number;
  readonly yLabel: string;
}

/** Pixel geometry of a bar chart. */
export interface BarLayout {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly legendTop: number;
  readonly legendWidth: number;
  readonly y: ScaleLinear<number, number>;
}

/** Rows to draw: every row except the control group's. Throws when nothing is left. */
export function barRows(
  rows: readonly GroupReadouts[],
  controlGroup: string,
  where: string,
): GroupReadouts[] {
  const out = rows.filter((r) => r.group !== controlGroup);
  if (out.length === 0)
    throw new Error(`no groups to draw (${where}; rows: ${rows.map((r) => r.group).join(', ') || 'none'})`);
  return out;
}

/** Compute the layout and draw the y axis, grid and the reference line at 1.0. */
export function barLayout(frame: Frame, o: BarLayoutOptions): BarLayout {
  const { fontSize: fs, width, height, plot } = frame;
  const legendTop = frame.titleHeight + Math.round(fs * 0.3);
  const legendWidth = width - fs - frame.reservedRight;
  const legendH = legendHeight(o.legendLabels, legendWidth, fs);
  const top = legendTop + legendH + Math.round(fs * 0.6);
  const bottom = Math.round(height - fs * (0.6 + 1.35 * o.bottomLines));
  if (bottom - top < fs * 3) {
    throw new Error(
      `invalid height: ${height} (bar chart needs at least ${Math.ceil(height - (bottom - top) + fs * 3)} px)`,
    );
  }
  const max = Math.max(1, Number.isFinite(o.maxValue) ? o.maxValue : 1);
  const count = Math.max(3, Math.floor((bottom - top) / (fs * 2.6)));
  const y = scaleLinear()
    .domain([0, max * (1 + BAR_DEFAULTS.headroom)])
    .nice(count)
    .range([bottom, top]);
  const format = y.tickFormat(count);
  const ticks: Tick[] = y.ticks(count).map((v) => ({ pos: y(v), text: format(v) }));
  const left = Math.round(fs * 1.9 + maxTickWidth(ticks, fs) + fs * 0.6);
  const right = Math.round(fs);
  axisLeft(plot, {
    ticks,
    x: left,
    y0: top,
    y1: bottom,
    fontSize: fs,
    label: o.yLabel,
    labelX: Math.round(fs * 0.9),
    gridRight: width - right,
  });
  return { top, bottom, left, right, legendTop, legendWidth, y };
}

/** Legend entry for the reference line at 1.0. */
export const REFERENCE_LEGEND: LegendItem = {
  label: 'control = 1',
  className: 'eol-legend-reference',
  swatch: lineSwatch(GREYS.reference, BAR_DEFAULTS.referenceDash, 2),
};

/** Draw the baseline and the dashed reference line at 1.0 (call after the bars, so it stays on top). */
export function drawReference(frame: Frame, layout: BarLayout): void {
  const { plot, width } = frame;
  const { left, right, bottom, y } = layout;
  plot
    .append('line')
    .attr('class', 'eol-axis-line eol-axis-x')
    .attr('x1', left)
    .attr('x2', width - right)
    .attr('y1', bottom)
    .attr('y2', bottom)
    .attr('stroke', GREYS.axis)
    .attr('stroke-width', 1.5);
  plot
    .append('line')
    .attr('class', 'eol-reference')
    .attr('x1', left)
    .attr('x2', width - right)
    .attr('y1', y(1))
    .attr('y2', y(1))
    .attr('stroke', GREYS.reference)
    .attr('stroke-width', 2)
    .attr('stroke-dasharray', BAR_DEFAULTS.referenceDash);
}
