/**
 * The layout both bar charts share: legend rows under the title, one band per group with its
 * label wrapped to the band (and an optional note line), a y axis from 0 with measured headroom for
 * the value labels, and a dashed reference line at 1.0 (= control). Computed first, drawn after.
 */

import type { ScaleBand, ScaleLinear } from 'd3-scale';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { GroupReadouts } from '../analysis/readouts.ts';
import {
  drawAxisLeft,
  fitTicks,
  type LegendItem,
  type LegendLayout,
  leftAxisWidth,
  legendLayout,
  lineStep,
  lineSwatch,
  maxTickWidth,
  type Tick,
  titleLines,
} from './axis.ts';
import type { Frame, Svg } from './frame.ts';
import { type Box, placeLabels } from './label-layout.ts';
import { GREYS } from './palette.ts';
import { lineBox, TEXT_METRICS, wrapText } from './text.ts';

const TEXT_ASCENT = TEXT_METRICS.ascent;
const TEXT_DESCENT = TEXT_METRICS.descent;

/** Defaults of the bar charts, declared once. */
export const BAR_DEFAULTS = Object.freeze({
  /** Id of the control group, whose fold is 1 by definition and is not drawn. */
  controlGroup: 'control',
  /** Gap between group bands, as a fraction of the band. */
  bandPadding: 0.28,
  pinnedDash: '5 3',
  referenceDash: '6 4',
});

/** Options of `barLayout`. */
export interface BarLayoutOptions {
  /** Largest value drawn (bars and pinned bars). */
  readonly maxValue: number;
  readonly legendLabels: readonly string[];
  /** Group ids, in drawing order, and their labels. */
  readonly groups: readonly string[];
  readonly groupLabels: readonly string[];
  /** A short note under each group's label (e.g. the paper's direction), if any. */
  readonly notes?: readonly (string | undefined)[];
  /** Room above the tallest bar for its value labels and markers, px. */
  readonly labelRoom: number;
  readonly yLabel: string;
}

/** Pixel geometry of a bar chart. */
export interface BarLayout {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly legend: LegendLayout;
  readonly y: ScaleLinear<number, number>;
  readonly yTicks: readonly Tick[];
  readonly yTitle: readonly string[];
  readonly x: ScaleBand<string>;
  /** Each group's label lines. */
  readonly groupLines: readonly (readonly string[])[];
  /** Each group's note lines (empty without a note). */
  readonly noteLines: readonly (readonly string[])[];
  /** Baseline of the first label line, and the step between lines, px. */
  readonly groupLabelY: number;
  readonly lineStep: number;
  /** Baseline of the note line (under the longest label), px. */
  readonly noteY: number;
  /**
   * Distance between band centres estimated before the y axis is known (from the widest label a
   * fold below 10 needs): it does not depend on the height, so choices made from it are stable.
   */
  readonly bandStep: number;
  /** Smallest chart height with a plot of at least 3 font sizes under the label room, px. */
  readonly minHeight: number;
}

/** @throws Error `invalid height: … needs at least N px` when `layout` does not fit the frame */
export function checkBarHeight(frame: Frame, layout: BarLayout): void {
  if (frame.height < layout.minHeight) {
    throw new Error(`invalid height: ${frame.height} (bar chart needs at least ${layout.minHeight} px)`);
  }
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

/**
 * Lay out a bar chart in `frame`: legend, bands, wrapped group labels, y scale and ticks. The
 * layout says how tall the chart must be (`minHeight`); `checkBarHeight` enforces it.
 */
export function barLayout(frame: Frame, o: BarLayoutOptions): BarLayout {
  const { fontSize: fs, width, height, measure } = frame;
  const pad = Math.round(fs * 0.5);
  const legendTop = frame.titleHeight + Math.round(fs * 0.3);
  const legend = legendLayout(o.legendLabels, {
    x: pad,
    y: legendTop,
    maxWidth: width - 2 * pad - frame.reservedRight,
    fontSize: fs,
    measure,
  });
  const top = legendTop + legend.height + Math.round(fs * 0.6);
  const right = Math.round(fs);
  // The x band depends on the left margin, which depends on the y ticks, which depend on the plot
  // height, which depends on how many lines the group labels take: estimate the margin from the
  // widest tick a value in [0, 10) needs (generously: four characters, two title lines), wrap,
  // then compute the ticks.
  const guessLeft = leftAxisWidth(fs, measure('0.00', fs), 2);
  const band = (left: number) =>
    scaleBand<string>()
      .domain(o.groups)
      .range([left, width - right])
      .paddingInner(BAR_DEFAULTS.bandPadding)
      .paddingOuter(BAR_DEFAULTS.bandPadding / 2);
  const wrapAt = (x: ScaleBand<string>) => Math.max(fs * 2, x.step() - fs * 0.4);
  let x = band(guessLeft);
  let groupLines = o.groupLabels.map((l) =>
    wrapText(l, { measure, fontSize: fs, maxWidth: wrapAt(x), maxLines: 2 }),
  );
  const lines = () => Math.max(1, ...groupLines.map((g) => g.length));
  const wrapNotes = (x: ScaleBand<string>) =>
    o.groups.map((_, i) => {
      const note = o.notes?.[i];
      return note ? wrapText(note, { measure, fontSize: fs, maxWidth: wrapAt(x), maxLines: 2 }) : [];
    });
  let noteLines = wrapNotes(x);
  const noteCount = Math.max(0, ...noteLines.map((n) => n.length));
  const step = lineStep(fs);
  const below = () => Math.round(fs * 0.5 + (lines() + noteCount) * step + fs * 0.2);
  const bottom = Math.round(height - below());
  const minHeight = Math.ceil(height - (bottom - top) + o.labelRoom + fs * 3);
  const max = Math.max(1, Number.isFinite(o.maxValue) ? o.maxValue : 1);
  const count = Math.max(2, Math.floor((bottom - top) / (fs * 3.2)));
  const room = scaleLinear()
    .domain([0, max])
    .range([bottom, top + o.labelRoom]);
  const y = scaleLinear()
    .domain([0, room.invert(top)])
    .nice(count)
    .range([bottom, top]);
  const yTicks = fitTicks(
    (n) => {
      const f = y.tickFormat(n);
      return y.ticks(n).map((v) => ({ pos: y(v), text: f(v) }));
    },
    { maxCount: count, fontSize: fs, measure, orientation: 'vertical' },
  );
  const yTitle = titleLines(o.yLabel, { maxWidth: bottom - top, fontSize: fs, measure });
  const left = leftAxisWidth(fs, maxTickWidth(yTicks, fs, measure), yTitle.length);
  if (left > guessLeft) {
    // Bands got narrower than estimated: wrap again, keeping the line count within the room.
    x = band(left);
    const before = lines();
    groupLines = o.groupLabels.map((l) =>
      wrapText(l, { measure, fontSize: fs, maxWidth: wrapAt(x), maxLines: Math.max(before, 1) }),
    );
    noteLines = wrapNotes(x).map((n) => (n.length > noteCount ? n.slice(0, noteCount) : n));
  } else x = band(left);
  const groupLabelY = bottom + Math.round(fs * 0.5) + Math.round(fs * 0.93);
  return {
    top,
    bottom,
    left,
    right,
    legend,
    y,
    yTicks,
    yTitle,
    x,
    groupLines,
    noteLines,
    groupLabelY,
    lineStep: step,
    noteY: groupLabelY + lines() * step,
    bandStep: band(guessLeft).step(),
    minHeight,
  };
}

/** Draw the y axis and its grid. */
export function drawBarAxis(frame: Frame, L: BarLayout): void {
  drawAxisLeft(frame.plot, {
    ticks: L.yTicks,
    x: L.left,
    y0: L.top,
    y1: L.bottom,
    fontSize: frame.fontSize,
    strokeWidth: frame.axisWidth,
    title: L.yTitle,
    gridRight: frame.width - L.right,
  });
}

/** Draw each group's label lines under its band. */
export function drawGroupLabels(parent: Frame['plot'], L: BarLayout, groups: readonly string[]): void {
  groups.forEach((id, i) => {
    const cx = L.x(id)! + L.x.bandwidth() / 2;
    const text = parent
      .append('text')
      .attr('class', 'eol-group-label')
      .attr('data-group', id)
      .attr('x', cx)
      .attr('y', L.groupLabelY)
      .attr('text-anchor', 'middle');
    const lines = L.groupLines[i]!;
    const notes = L.noteLines[i]!;
    if (notes.length > 0) {
      const note = parent
        .append('text')
        .attr('class', 'eol-expected-note')
        .attr('data-group', id)
        .attr('x', cx)
        .attr('y', L.noteY)
        .attr('text-anchor', 'middle');
      notes.forEach((l, k) => {
        note
          .append('tspan')
          .attr('x', cx)
          .attr('dy', k === 0 ? 0 : L.lineStep)
          .text(l);
      });
    }
    if (lines.length === 1) text.text(lines[0]!);
    else
      lines.forEach((l, k) => {
        text
          .append('tspan')
          .attr('x', cx)
          .attr('dy', k === 0 ? 0 : L.lineStep)
          .text(l);
      });
  });
}

/** Height of one line of value labels at `fontSize`, with a little air, px. */
export function valueLabelRoom(fontSize: number, lines: number): number {
  return Math.ceil(lines * (lineBox(fontSize) + 2) + fontSize * 0.35);
}

/** Legend entry for the reference line at 1.0. */
export function referenceLegend(width: number): LegendItem {
  return {
    label: 'control = 1',
    className: 'eol-legend-reference',
    swatch: lineSwatch(GREYS.reference, BAR_DEFAULTS.referenceDash, width),
  };
}

/** Draw the baseline and the dashed reference line at 1.0 (call after the bars, so it stays on top). */
export function drawReference(frame: Frame, layout: BarLayout): void {
  const { plot, width, axisWidth } = frame;
  const { left, right, bottom, y } = layout;
  plot
    .append('line')
    .attr('class', 'eol-axis-line eol-axis-x')
    .attr('x1', left)
    .attr('x2', width - right)
    .attr('y1', bottom)
    .attr('y2', bottom)
    .attr('stroke', GREYS.axis)
    .attr('stroke-width', axisWidth);
  plot
    .append('line')
    .attr('class', 'eol-reference')
    .attr('x1', left)
    .attr('x2', width - right)
    .attr('y1', y(1))
    .attr('y2', y(1))
    .attr('stroke', GREYS.reference)
    .attr('stroke-width', Math.max(2, axisWidth))
    .attr('stroke-dasharray', BAR_DEFAULTS.referenceDash);
}

/** How value labels sit over bars: side by side, in two staggered rows, or turned upright. */
export type ValueLabelMode = 'flat' | 'staggered' | 'rotated';

/**
 * The mode for labels `labelWidth` px wide over bars `slot` px apart (centre to centre): flat when
 * they fit their slot, staggered when they fit two, rotated (reading upwards) otherwise.
 */
export function valueLabelMode(labelWidth: number, slot: number): ValueLabelMode {
  if (labelWidth + 3 <= slot) return 'flat';
  if (labelWidth + 3 <= 2 * slot) return 'staggered';
  return 'rotated';
}

/** Room above the tallest bar the labels of `mode` need, px. */
export function valueLabelRoomFor(mode: ValueLabelMode, fontSize: number, labelWidth: number): number {
  if (mode === 'rotated') return Math.ceil(labelWidth + 6);
  // Staggered labels may climb two rows above a bar a little lower than its neighbour.
  return valueLabelRoom(fontSize, mode === 'staggered' ? 3 : 1);
}

/** Where one value label goes: its anchor (baseline start, or the rotation origin) and its box. */
export interface PlacedValueLabel {
  readonly x: number;
  readonly y: number;
  readonly rotated: boolean;
  readonly box: Box;
}

/**
 * Place value labels over bars: each centred on its bar (`cx`) just above `top`; staggered labels
 * take the lowest of three rows that is free of the other labels and of `obstacles` (the bars).
 */
export function placeValueLabels(
  mode: ValueLabelMode,
  items: readonly { readonly cx: number; readonly top: number; readonly width: number }[],
  fontSize: number,
  bounds: Box,
  obstacles: readonly Box[],
): PlacedValueLabel[] {
  const h = lineBox(fontSize) + 2;
  if (mode === 'rotated') {
    return items.map((it) => {
      const x = it.cx + ((TEXT_ASCENT - TEXT_DESCENT) / 2) * fontSize;
      const y = it.top - 3;
      return { x, y, rotated: true, box: { x: it.cx - h / 2, y: y - it.width, width: h, height: it.width } };
    });
  }
  const lifts = mode === 'staggered' ? [0, 1, 2] : [0];
  const candidates = items.map((it) =>
    lifts.map((lift) => ({
      x: it.cx - it.width / 2,
      y: it.top - 2 - h * (lift + 1),
      width: it.width,
      height: h,
    })),
  );
  const chosen = placeLabels(
    candidates.map((c) => ({ candidates: c })),
    obstacles,
    bounds,
  );
  return items.map((it, i) => {
    const box = candidates[i]![Math.max(0, chosen[i]!)]!;
    return { x: it.cx, y: box.y + box.height - 1 - TEXT_DESCENT * fontSize, rotated: false, box };
  });
}

/** Draw a value label placed by `placeValueLabels` (centred, or reading upwards). */
export function drawValueLabel(
  parent: Svg<SVGGElement>,
  p: PlacedValueLabel,
  text: string,
): Svg<SVGTextElement> {
  const t = parent.append('text').attr('class', 'eol-bar-label');
  if (p.rotated) t.attr('transform', `translate(${p.x},${p.y}) rotate(-90)`).attr('text-anchor', 'start');
  else t.attr('x', p.x).attr('y', p.y).attr('text-anchor', 'middle');
  return t.text(text);
}
