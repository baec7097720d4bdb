/**
 * "What the paper measured": fold change vs control of one observable at each group's readout
 * time, one bar per group (control is the reference line at 1.0), value labels with 2 decimals,
 * the direction the study reported relative to RE only, and an optional pinned run as outlines.
 */
import type { GroupReadouts } from '../analysis/readouts.ts';
import { boxSwatch, drawLegend, type LegendItem } from './axis.ts';
import {
  BAR_DEFAULTS,
  barLayout,
  barRows,
  checkBarHeight,
  drawBarAxis,
  drawGroupLabels,
  drawReference,
  drawValueLabel,
  placeValueLabels,
  referenceLegend,
  type ValueLabelMode,
  valueLabelMode,
  valueLabelRoomFor,
} from './bar-layout.ts';
import { type BarInterval, drawableInterval, drawErrorBar, intervalTop } from './error-bars.ts';
import { dataNumber, formatFixed2 } from './format.ts';
import { type ChartStyleOptions, chartFrame, finishChart, type Svg } from './frame.ts';
import { GREYS, type GroupPalette, groupPalette, styleOf } from './palette.ts';

/** Direction the study reported for a group, relative to RE only. */
export type ExpectedDirection = 'up' | 'down' | 'same';

/** Defaults of `foldBarsChart`, declared once. */
export const FOLD_BARS_DEFAULTS = Object.freeze({
  ...BAR_DEFAULTS,
  /** Short note under a group label, per reported direction. */
  // Short enough to fit under a bar at 360 px; the legend says the direction is relative to RE only.
  notes: Object.freeze({ up: 'paper: ↑', down: 'paper: ↓', same: 'paper: =' }),
  /** Words for the description, per reported direction. */
  words: Object.freeze({ up: 'higher than RE only', down: 'lower than RE only', same: 'same as RE only' }),
});

/** Options of `foldBarsChart`. */
export interface FoldBarsOptions extends ChartStyleOptions {
  /** Rows of `readoutTable(result)`. */
  readonly rows: readonly GroupReadouts[];
  /** Observable to draw (`mps`, `anabolic`, `regulator`). */
  readonly observable: string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** The study's reported direction per group id, relative to RE only. */
  readonly expected?: Readonly<Record<string, ExpectedDirection>>;
  /** Rows of an earlier run, drawn as thin outline bars. */
  readonly pinnedRows?: readonly GroupReadouts[];
  readonly title?: string;
  readonly stale?: boolean;
  /** Y-axis title (default `<observable>, fold vs control`). */
  readonly yLabel?: string;
  /** Group not drawn because it is the reference (default `control`). */
  readonly controlGroup?: string;
  /** Colours per group id (default: `groupPalette` of the rows' groups). */
  readonly palette?: GroupPalette;
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
  /** Spread of each group's value (e.g. across an ensemble of plausible models), drawn as error bars. */
  readonly errorBars?: Readonly<Record<string, BarInterval>>;
}

function foldOf(row: GroupReadouts, observable: string): number {
  const v = row.fold[observable];
  if (v === undefined) {
    throw new Error(
      `unknown observable: ${observable} (fold-bars chart, group "${row.group}"; observables: ${Object.keys(row.fold).join(', ')})`,
    );
  }
  return v;
}

/** Draw the expected-direction marker (a triangle or an equals sign) centred at (x, y). */
function drawExpected(
  g: Svg<SVGGElement>,
  direction: ExpectedDirection,
  x: number,
  y: number,
  s: number,
  className = 'eol-expected',
): void {
  const d =
    direction === 'up'
      ? `M${x},${y - s}L${x + s},${y + s * 0.7}L${x - s},${y + s * 0.7}Z`
      : direction === 'down'
        ? `M${x},${y + s}L${x + s},${y - s * 0.7}L${x - s},${y - s * 0.7}Z`
        : `M${x - s},${y - s * 0.4}H${x + s}M${x - s},${y + s * 0.4}H${x + s}`;
  g.append('path')
    .attr('class', className)
    .attr('data-direction', direction)
    .attr('d', d)
    .attr('fill', direction === 'same' ? 'none' : GREYS.text)
    .attr('stroke', GREYS.text)
    .attr('stroke-width', 2);
}

/**
 * Draw fold vs control at the readout time, one bar per group.
 * @throws Error for an unknown observable, no groups to draw, or an invalid size
 */
export function foldBarsChart(o: FoldBarsOptions): SVGSVGElement {
  const d = FOLD_BARS_DEFAULTS;
  const control = o.controlGroup ?? d.controlGroup;
  const rows = barRows(o.rows, control, 'fold-bars chart');
  const values = rows.map((r) => foldOf(r, o.observable));
  const pinned = rows.map((r) => o.pinnedRows?.find((p) => p.group === r.group)?.fold[o.observable]);
  const expected = o.expected ?? {};
  const hasExpected = rows.some((r) => expected[r.group] !== undefined);
  const hasPinned = pinned.some((v) => v !== undefined);

  const sentences = [
    `Bar chart of ${o.observable} as fold change against the control group at each group's readout time: ` +
      `${rows.map((r, i) => `${r.label} ${formatFixed2(values[i]!)}`).join(', ')}. The dashed line at 1 is the control group.`,
  ];
  if (hasExpected) {
    sentences.push(
      `The study reported: ${rows
        .filter((r) => expected[r.group] !== undefined)
        .map((r) => `${r.label} ${d.words[expected[r.group]!]}`)
        .join('; ')}.`,
    );
  }
  if (o.errorBars && rows.some((r) => drawableInterval(o.errorBars?.[r.group])))
    sentences.push(
      `Error bars show the spread across plausible models (thick: middle 50%, thin: 90%): ${rows
        .flatMap((r) => {
          const b = o.errorBars?.[r.group];
          return drawableInterval(b) ? [`${r.label} ${formatFixed2(b.q05)} to ${formatFixed2(b.q95)}`] : [];
        })
        .join(', ')}.`,
    );
  if (hasPinned) {
    sentences.push(
      `Outlined bars show the pinned run: ${rows
        .flatMap((r, i) => (pinned[i] === undefined ? [] : [`${r.label} ${formatFixed2(pinned[i]!)}`]))
        .join(', ')}.`,
    );
  }
  const frame = chartFrame({
    ...o,
    kind: 'fold-bars',
    label: o.title ?? `${o.observable} at the readout time, fold vs control`,
    description: sentences.join(' '),
  });
  const { svg, plot, fontSize: fs, measure } = frame;
  svg.attr('data-observable', o.observable);
  const palette = o.palette ?? groupPalette(o.rows.map((r) => r.group));

  const items: LegendItem[] = [referenceLegend(Math.max(2, frame.axisWidth))];
  if (hasPinned) {
    items.push({
      label: 'pinned',
      className: 'eol-legend-pinned',
      swatch: (g, w, f) => {
        boxSwatch('none', GREYS.pinned)(g, w, f);
        g.select('rect').attr('stroke-dasharray', d.pinnedDash).attr('stroke-width', frame.axisWidth);
      },
    });
  }
  if (hasExpected) {
    items.push({
      label: 'the paper’s direction vs RE only',
      swatch: (g, w, f) => drawExpected(g, 'down', w / 2, 0, Math.round(f * 0.4), 'eol-expected-key'),
    });
  }
  const intervals = rows.map((r) => o.errorBars?.[r.group]);
  const maxValue = Math.max(
    ...values.filter(Number.isFinite),
    ...pinned.filter((v): v is number => v !== undefined),
    ...intervals.flatMap((b) => (drawableInterval(b) ? [b.q95] : [])),
  );
  const marker = Math.round(fs * 0.45);
  const markerRoom = hasExpected ? 2 * marker + 6 : 0;
  const texts = values.map((v) => formatFixed2(v));
  const labelW = Math.max(...texts.map((t) => measure(t, fs, 'bold'))) + 2;
  const layoutFor = (mode: ValueLabelMode) =>
    barLayout(frame, {
      maxValue,
      legendLabels: items.map((i) => i.label),
      groups: rows.map((r) => r.group),
      groupLabels: rows.map((r) => r.label),
      notes: rows.map((r) => (expected[r.group] ? d.notes[expected[r.group]!] : undefined)),
      labelRoom: valueLabelRoomFor(mode, fs, labelW) + markerRoom,
      yLabel: o.yLabel ?? `${o.observable}, fold vs control`,
    });
  let layout = layoutFor('flat');
  const mode = valueLabelMode(labelW, layout.bandStep);
  if (mode !== 'flat') layout = layoutFor(mode);
  checkBarHeight(frame, layout);
  const { top, bottom, x, y } = layout;
  const bw = x.bandwidth();
  drawBarAxis(frame, layout);

  const bars = plot.append('g').attr('class', 'eol-bars');
  const labels = plot.append('g').attr('class', 'eol-bar-labels');
  const tops = rows.map((_, i) => {
    const v = values[i]!;
    const p = pinned[i];
    return Math.min(
      Number.isFinite(v) ? y(v) : bottom,
      p !== undefined && Number.isFinite(p) ? y(p) : bottom,
      intervalTop(intervals[i], y, bottom),
    );
  });
  const placed = placeValueLabels(
    mode,
    rows.map((r, i) => ({ cx: x(r.group)! + bw / 2, top: tops[i]!, width: labelW })),
    fs,
    { x: 0, y: top + markerRoom, width: frame.width, height: bottom - top - markerRoom },
    rows.map((r, i) => ({ x: x(r.group)!, y: tops[i]!, width: bw, height: bottom - tops[i]! })),
  );
  rows.forEach((r, i) => {
    const v = values[i]!;
    const bx = x(r.group)!;
    const cx = bx + bw / 2;
    if (Number.isFinite(v)) {
      bars
        .append('rect')
        .attr('class', 'eol-bar')
        .attr('data-group', r.group)
        .attr('data-value', dataNumber(v))
        .attr('x', bx)
        .attr('y', Math.min(y(v), bottom))
        .attr('width', bw)
        .attr('height', Math.abs(bottom - y(v)))
        .attr('fill', styleOf(palette, r.group, i + 1).color)
        .append('title')
        .text(`${r.label}: ${formatFixed2(v)}`);
    }
    const p = pinned[i];
    if (p !== undefined && Number.isFinite(p)) {
      bars
        .append('rect')
        .attr('class', 'eol-pinned')
        .attr('data-group', r.group)
        .attr('data-value', dataNumber(p))
        .attr('x', bx + bw * 0.1)
        .attr('y', y(p))
        .attr('width', bw * 0.8)
        .attr('height', Math.abs(bottom - y(p)))
        .attr('fill', 'none')
        .attr('stroke', GREYS.pinned)
        .attr('stroke-width', frame.axisWidth)
        .attr('stroke-dasharray', d.pinnedDash);
    }
    const spread = intervals[i];
    if (drawableInterval(spread))
      drawErrorBar(bars, spread, {
        cx,
        width: bw,
        y,
        lineWidth: frame.lineWidth,
        group: r.group,
        label: r.label,
      });
    const label = placed[i]!;
    drawValueLabel(labels, label, texts[i]!).attr('data-group', r.group).attr('font-weight', 'bold');
    const dir = expected[r.group];
    if (dir !== undefined)
      drawExpected(labels, dir, cx, Math.max(top + marker, label.box.y - marker - 3), marker);
  });
  drawGroupLabels(
    labels,
    layout,
    rows.map((r) => r.group),
  );
  drawReference(frame, layout);
  drawLegend(svg, items, layout.legend);
  return finishChart(frame);
}
