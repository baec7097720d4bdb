/**
 * Cumulative MPS: the area under the curve over each AUC window (24 h and 48 h by default) as a
 * fold of the control group's, grouped bars per group, a reference line at 1.0 and value labels.
 */
import { scaleBand } from 'd3-scale';
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
import { dataNumber, formatClockH, formatFixed2 } from './format.ts';
import { type ChartStyleOptions, chartFrame, finishChart } from './frame.ts';
import { GREYS, type GroupPalette, groupPalette, styleOf } from './palette.ts';
import { lineBox } from './text.ts';

/** Defaults of `aucBarsChart`, declared once. */
export const AUC_BARS_DEFAULTS = Object.freeze({
  ...BAR_DEFAULTS,
  /** Fill opacity of the first and the last window's bars (others in between). */
  firstOpacity: 1,
  lastOpacity: 0.4,
  /** Gap between the bars of one group, as a fraction of a bar. */
  innerPadding: 0.08,
});

/** Options of `aucBarsChart`. */
export interface AucBarsOptions extends ChartStyleOptions {
  /** Rows of `readoutTable(result)`. */
  readonly rows: readonly GroupReadouts[];
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** Rows of an earlier run, drawn as thin outline bars. */
  readonly pinnedRows?: readonly GroupReadouts[];
  readonly title?: string;
  readonly stale?: boolean;
  /** Y-axis title (default `MPS AUC, fold vs control`). */
  readonly yLabel?: string;
  /** Group not drawn because it is the reference (default `control`). */
  readonly controlGroup?: string;
  /** Colours per group id (default: `groupPalette` of the rows' groups). */
  readonly palette?: GroupPalette;
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
  /** Spread of each bar's value keyed `<group>:<window>` (e.g. across plausible models), as error bars. */
  readonly errorBars?: Readonly<Record<string, BarInterval>>;
}

/** Name of an AUC window: `AUC 0–24:00 h`. */
function windowLabel(minutes: string): string {
  return `AUC 0–${formatClockH(Number(minutes))}`;
}

/**
 * Draw grouped bars of AUC fold vs control, one bar per window per group.
 * @throws Error when no group or no AUC window is left to draw, or for an invalid size
 */
export function aucBarsChart(o: AucBarsOptions): SVGSVGElement {
  const d = AUC_BARS_DEFAULTS;
  const rows = barRows(o.rows, o.controlGroup ?? d.controlGroup, 'AUC bars chart');
  const windows = [...new Set(rows.flatMap((r) => Object.keys(r.aucFold)))].sort(
    (a, b) => Number(a) - Number(b),
  );
  if (windows.length === 0)
    throw new Error('no AUC windows to draw (AUC bars chart; rows have an empty aucFold)');
  const value = (r: GroupReadouts | undefined, w: string) => r?.aucFold[w] ?? Number.NaN;
  const pinnedOf = (group: string) => o.pinnedRows?.find((p) => p.group === group);
  const hasPinned = rows.some((r) => pinnedOf(r.group) !== undefined);
  const opacity = (k: number) =>
    windows.length === 1
      ? d.firstOpacity
      : d.firstOpacity + ((d.lastOpacity - d.firstOpacity) * k) / (windows.length - 1);

  const sentences = [
    `Grouped bar chart of cumulative MPS (area under the curve) as fold change against the control group, ` +
      `for windows of ${windows.map((w) => formatClockH(Number(w))).join(' and ')} from the start of resistance exercise: ` +
      rows
        .map((r) => `${r.label} ${windows.map((w) => formatFixed2(value(r, w))).join(' and ')}`)
        .join('; ') +
      '. The dashed line at 1 is the control group.',
  ];
  if (hasPinned) sentences.push('Outlined bars show the pinned run.');
  const frame = chartFrame({
    ...o,
    kind: 'auc-bars',
    label: o.title ?? 'Cumulative MPS (AUC), fold vs control',
    description: sentences.join(' '),
  });
  const { svg, plot, measure } = frame;
  const labelFs = frame.smallFontSize;
  const palette = o.palette ?? groupPalette(o.rows.map((r) => r.group));

  const items: LegendItem[] = [
    ...windows.map((w, k) => ({
      label: windowLabel(w),
      swatch: boxSwatch(GREYS.axis, GREYS.axis, opacity(k)),
    })),
    referenceLegend(Math.max(2, frame.axisWidth)),
  ];
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
  const spread = (group: string, w: string) => o.errorBars?.[`${group}:${w}`];
  const all = rows.flatMap((r) =>
    windows.flatMap((w) => {
      const b = spread(r.group, w);
      return [value(r, w), value(pinnedOf(r.group), w), drawableInterval(b) ? b.q95 : Number.NaN];
    }),
  );
  const texts = rows.map((r) => windows.map((w) => formatFixed2(value(r, w))));
  const labelW = Math.max(...texts.flat().map((t) => measure(t, labelFs))) + 2;
  const layoutFor = (mode: ValueLabelMode) =>
    barLayout(frame, {
      maxValue: Math.max(...all.filter(Number.isFinite)),
      legendLabels: items.map((i) => i.label),
      groups: rows.map((r) => r.group),
      groupLabels: rows.map((r) => r.label),
      labelRoom: valueLabelRoomFor(mode, labelFs, labelW),
      yLabel: o.yLabel ?? 'MPS AUC, fold vs control',
    });
  // Labels side by side when they fit over their bars, staggered or upright when they do not.
  let layout = layoutFor('flat');
  const mode = valueLabelMode(labelW, layout.bandStep / windows.length);
  if (mode !== 'flat') layout = layoutFor(mode);
  checkBarHeight(frame, layout);
  const { top, bottom, x, y } = layout;
  const inner = scaleBand<string>().domain(windows).range([0, x.bandwidth()]).paddingInner(d.innerPadding);
  const bw = inner.bandwidth();
  drawBarAxis(frame, layout);

  const tops = rows.flatMap((r) =>
    windows.map((w) => {
      const v = value(r, w);
      const p = value(pinnedOf(r.group), w);
      return Math.min(
        Number.isFinite(v) ? y(v) : bottom,
        Number.isFinite(p) ? y(p) : bottom,
        intervalTop(spread(r.group, w), y, bottom),
      );
    }),
  );
  const lefts = rows.flatMap((r) => windows.map((w) => x(r.group)! + inner(w)!));
  // Upright labels narrower than a bar's slot would touch: then only the first window is labelled
  // (every value stays in the bars' tooltips and the data table).
  const onlyFirst = mode === 'rotated' && inner.step() < lineBox(labelFs) + 1;
  const placed = placeValueLabels(
    mode,
    lefts.map((bx, n) => ({ cx: bx + bw / 2, top: tops[n]!, width: labelW })),
    labelFs,
    { x: 0, y: top, width: frame.width, height: bottom - top },
    lefts.map((bx, n) => ({ x: bx, y: tops[n]!, width: bw, height: bottom - tops[n]! })),
  );

  const bars = plot.append('g').attr('class', 'eol-bars');
  const labels = plot.append('g').attr('class', 'eol-bar-labels');
  rows.forEach((r, i) => {
    const color = styleOf(palette, r.group, i + 1).color;
    const gx = x(r.group)!;
    windows.forEach((w, k) => {
      const v = value(r, w);
      const bx = gx + inner(w)!;
      if (Number.isFinite(v)) {
        bars
          .append('rect')
          .attr('class', 'eol-bar')
          .attr('data-group', r.group)
          .attr('data-window', w)
          .attr('data-value', dataNumber(v))
          .attr('x', bx)
          .attr('y', Math.min(y(v), bottom))
          .attr('width', bw)
          .attr('height', Math.abs(bottom - y(v)))
          .attr('fill', color)
          .attr('fill-opacity', opacity(k))
          .attr('stroke', color)
          .attr('stroke-width', 1.5)
          .append('title')
          .text(`${r.label}, ${windowLabel(w)}: ${formatFixed2(v)}`);
      }
      const p = value(pinnedOf(r.group), w);
      if (Number.isFinite(p)) {
        bars
          .append('rect')
          .attr('class', 'eol-pinned')
          .attr('data-group', r.group)
          .attr('data-window', w)
          .attr('data-value', dataNumber(p))
          .attr('x', bx + bw * 0.12)
          .attr('y', y(p))
          .attr('width', bw * 0.76)
          .attr('height', Math.abs(bottom - y(p)))
          .attr('fill', 'none')
          .attr('stroke', GREYS.pinned)
          .attr('stroke-width', frame.axisWidth)
          .attr('stroke-dasharray', d.pinnedDash);
      }
      const b = spread(r.group, w);
      if (drawableInterval(b))
        drawErrorBar(bars, b, {
          cx: bx + bw / 2,
          width: bw,
          y,
          lineWidth: frame.lineWidth,
          group: r.group,
          window: w,
          label: `${r.label}, ${windowLabel(w)}`,
        });
      if (onlyFirst && k > 0) return;
      drawValueLabel(labels, placed[i * windows.length + k]!, texts[i]![k]!)
        .attr('data-group', r.group)
        .attr('data-window', w)
        .attr('font-size', labelFs);
    });
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
