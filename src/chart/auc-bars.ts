/**
 * Cumulative MPS: the area under the curve over each AUC window (24 h and 48 h by default) as a
 * fold of the control group's, grouped bars per group, a reference line at 1.0 and value labels.
 */
import { scaleBand } from 'd3-scale';
import type { GroupReadouts } from '../analysis/readouts.ts';
import { boxSwatch, type LegendItem, legend } from './axis.ts';
import { BAR_DEFAULTS, barLayout, barRows, drawReference, REFERENCE_LEGEND } from './bar-layout.ts';
import { CHART_DEFAULTS, chartFrame, dataNumber, finishChart, formatFixed2, formatSig } from './frame.ts';
import { GREYS, groupColor } from './palette.ts';

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
export interface AucBarsOptions {
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
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
}

function windowLabel(minutes: string): string {
  return `${formatSig(Number(minutes) / 60)}-h AUC`;
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
      `for windows of ${windows.map((w) => `${formatSig(Number(w) / 60)} h`).join(' and ')} from the start of resistance exercise: ` +
      rows
        .map((r) => `${r.label} ${windows.map((w) => formatFixed2(value(r, w))).join(' and ')}`)
        .join('; ') +
      '. The dashed line at 1 is the control group.',
  ];
  if (hasPinned) sentences.push('Outlined bars show the pinned run.');
  const frame = chartFrame({
    kind: 'auc-bars',
    width: o.width,
    height: o.height,
    document: o.document,
    label: o.title ?? 'Cumulative MPS (AUC), fold vs control',
    description: sentences.join(' '),
    title: o.title,
    stale: o.stale,
    id: o.id,
  });
  const { svg, plot, fontSize: fs, width } = frame;
  const labelFs = Math.max(CHART_DEFAULTS.minFontSize, Math.round(fs * 0.86));

  const items: LegendItem[] = [
    ...windows.map((w, k) => ({
      label: windowLabel(w),
      swatch: boxSwatch(GREYS.axis, GREYS.axis, opacity(k)),
    })),
    REFERENCE_LEGEND,
  ];
  if (hasPinned) {
    items.push({
      label: 'pinned',
      className: 'eol-legend-pinned',
      swatch: (g, w, f) => {
        boxSwatch('none', GREYS.pinned)(g, w, f);
        g.select('rect').attr('stroke-dasharray', d.pinnedDash).attr('stroke-width', d.pinnedWidth);
      },
    });
  }
  const all = rows.flatMap((r) => windows.flatMap((w) => [value(r, w), value(pinnedOf(r.group), w)]));
  const layout = barLayout(frame, {
    maxValue: Math.max(...all.filter(Number.isFinite)),
    legendLabels: items.map((i) => i.label),
    bottomLines: 1,
    yLabel: o.yLabel ?? 'MPS AUC, fold vs control',
  });
  const { bottom, left, right, y } = layout;
  const x = scaleBand<string>()
    .domain(rows.map((r) => r.group))
    .range([left, width - right])
    .paddingInner(d.bandPadding)
    .paddingOuter(d.bandPadding / 2);
  const inner = scaleBand<string>().domain(windows).range([0, x.bandwidth()]).paddingInner(d.innerPadding);
  const bw = inner.bandwidth();

  const bars = plot.append('g').attr('class', 'eol-bars');
  const labels = plot.append('g').attr('class', 'eol-bar-labels');
  rows.forEach((r, i) => {
    const color = groupColor(r.group, i + 1);
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
          .attr('stroke-width', d.pinnedWidth)
          .attr('stroke-dasharray', d.pinnedDash);
      }
      const labelTop = Math.min(Number.isFinite(v) ? y(v) : bottom, Number.isFinite(p) ? y(p) : bottom);
      labels
        .append('text')
        .attr('class', 'eol-bar-label')
        .attr('data-group', r.group)
        .attr('data-window', w)
        .attr('x', bx + bw / 2)
        .attr('y', labelTop - labelFs * 0.35)
        .attr('text-anchor', 'middle')
        .attr('font-size', labelFs)
        .text(formatFixed2(v));
    });
    labels
      .append('text')
      .attr('class', 'eol-group-label')
      .attr('x', gx + x.bandwidth() / 2)
      .attr('y', bottom + fs * 1.3)
      .attr('text-anchor', 'middle')
      .text(r.label);
  });
  drawReference(frame, layout);
  legend(svg, items, Math.round(fs * 0.5), layout.legendTop, layout.legendWidth, fs);
  return finishChart(frame);
}
