/**
 * Bar chart of a global sensitivity analysis: for each parameter, its first-order Sobol index (the
 * share of the output's variance it explains alone) and its total index (alone and through its
 * interactions with the others), with bootstrap 95 % intervals as whiskers, sorted by the total
 * index (largest on top). `sobolSummary` puts the chart's message in one sentence, from the numbers.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import {
  bottomAxisHeight,
  boxSwatch,
  drawAxisBottom,
  drawLegend,
  fitTicks,
  type LegendItem,
  legendLayout,
  lineSwatch,
  titleCentre,
  titleLines,
} from './axis.ts';
import { dataNumber, formatSig } from './format.ts';
import { CHART_DEFAULTS, type ChartStyleOptions, chartFrame, finishChart } from './frame.ts';
import { GREYS } from './palette.ts';
import { lineBox, shorten } from './text.ts';

/** Defaults of `sobolChart`, declared once. */
export const SOBOL_DEFAULTS = Object.freeze({
  /** First-order index: dark purple (ColorBrewer PuOr, like the tornado's pair). */
  firstColor: '#542788',
  /** Total index: light purple, outlined, so the two differ in lightness too. */
  totalColor: '#B2ABD2',
  intervalColor: GREYS.text,
  /** Smallest row (both bars), px. */
  minRowHeight: 16,
  /** Gap between rows, as a fraction of a row. */
  rowPadding: 0.3,
  /** Row labels longer than this fraction of the width are shortened with `…`. */
  maxLabelFraction: 0.38,
  xLabel: 'Sobol index (share of the variance of the output)',
});

/** One parameter's indices. Intervals are optional ([low, high], e.g. bootstrap 2.5–97.5 %). */
export interface SobolRow {
  readonly parameter: string;
  readonly label: string;
  readonly first: number;
  readonly total: number;
  readonly firstCi?: readonly [number, number];
  readonly totalCi?: readonly [number, number];
}

/** Options of `sobolChart`. */
export interface SobolChartOptions extends ChartStyleOptions {
  readonly rows: readonly SobolRow[];
  /** What the indices are of (`Order effect at 3 h`), used in the accessible description. */
  readonly outputLabel: string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** Title of the index axis (default `SOBOL_DEFAULTS.xLabel`). */
  readonly xLabel?: string;
  readonly title?: string;
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
}

const finiteOr0 = (v: number) => (Number.isFinite(v) ? v : 0);

/** Rows sorted by total index, largest first (NaN counts as 0; ties by parameter name). */
export function sortSobolRows(rows: readonly SobolRow[]): SobolRow[] {
  return [...rows].sort(
    (a, b) => finiteOr0(b.total) - finiteOr0(a.total) || a.parameter.localeCompare(b.parameter),
  );
}

const pct = (v: number) => `${Math.round(100 * v)} %`;

/**
 * One sentence on what the indices say, generated from them: which parameter matters most (alone
 * and with its interactions), and how much of the variance first-order effects explain together.
 * @throws Error for no rows
 */
export function sobolSummary(rows: readonly SobolRow[], outputLabel: string): string {
  if (rows.length === 0) throw new Error('no rows to summarise (Sobol summary; rows is empty)');
  const sorted = sortSobolRows(rows);
  const top = sorted[0]!;
  const sumFirst = sorted.reduce((s, r) => s + Math.max(0, finiteOr0(r.first)), 0);
  const rest = Math.max(0, 1 - sumFirst);
  const second = sorted[1];
  const runnerUp = second ? `; next comes ${second.label} (total ${pct(second.total)})` : '';
  return (
    `${outputLabel}: ${top.label} matters most, explaining ${pct(top.first)} of the variance alone and ` +
    `${pct(top.total)} with its interactions${runnerUp}. First-order effects together explain ${pct(Math.min(1, sumFirst))}; ` +
    `the other ${pct(rest)} comes from parameters acting together.`
  );
}

/** Height (px) at which `rows` rows of a chart `width` px wide get comfortable bars. */
export function sobolHeight(
  o: Pick<SobolChartOptions, 'width' | 'title' | 'fontSize' | 'minFontSize'> & { rows: number },
): number {
  const fs = o.fontSize ?? Math.max(o.minFontSize ?? 12, Math.round((14 * o.width) / 640));
  const row = (2 * (lineBox(fs) * 0.75)) / (1 - SOBOL_DEFAULTS.rowPadding);
  const chrome = (o.title ? fs * 2.2 : 0) + fs * 3.3 + bottomAxisHeight(fs, 2) + fs;
  return Math.ceil(o.rows * row + chrome);
}

/**
 * Draw the first-order and total indices of each parameter as horizontal bars from 0.
 * @throws Error for no rows or an invalid size
 */
export function sobolChart(o: SobolChartOptions): SVGSVGElement {
  const d = SOBOL_DEFAULTS;
  if (o.rows.length === 0) throw new Error('no rows to draw (Sobol chart; rows is empty)');
  const rows = sortSobolRows(o.rows);
  const xLabel = o.xLabel ?? d.xLabel;
  const ci = (c: readonly [number, number] | undefined) =>
    c && Number.isFinite(c[0]) && Number.isFinite(c[1])
      ? ` (95 % interval ${formatSig(c[0])} to ${formatSig(c[1])})`
      : '';
  const frame = chartFrame({
    ...o,
    kind: 'sobol',
    label: o.title ?? `Global sensitivity of ${o.outputLabel}`,
    description: [
      `Bar chart: first-order and total Sobol indices of ${o.outputLabel} for ${rows.length} parameters, largest total first.`,
      sobolSummary(rows, o.outputLabel),
      rows
        .map(
          (r) =>
            `${r.label}: first-order ${formatSig(r.first)}${ci(r.firstCi)}, total ${formatSig(r.total)}${ci(r.totalCi)}.`,
        )
        .join(' '),
    ].join(' '),
  });
  const { svg, plot, fontSize: fs, width, height, measure } = frame;
  const pad = Math.round(fs * 0.5);

  const items: LegendItem[] = [
    { label: 'first order (alone)', swatch: boxSwatch(d.firstColor, d.firstColor) },
    { label: 'total (with interactions)', swatch: boxSwatch(d.totalColor, d.firstColor) },
    { label: '95 % interval', swatch: lineSwatch(d.intervalColor, 'none', 1.5) },
  ];
  const legendTop = frame.titleHeight + Math.round(fs * 0.3);
  const legend = legendLayout(
    items.map((i) => i.label),
    { x: pad, y: legendTop, maxWidth: width - 2 * pad - frame.reservedRight, fontSize: fs, measure },
  );
  const top = legendTop + legend.height + Math.round(fs * 0.5);
  const xTitle = titleLines(xLabel, { maxWidth: width - 2 * pad, fontSize: fs, measure });
  const bottom = Math.round(height - bottomAxisHeight(fs, xTitle.length) - fs * 0.2);
  if (bottom - top < d.minRowHeight * rows.length) {
    throw new Error(
      `invalid height: ${height} (Sobol chart with ${rows.length} rows needs at least ${Math.ceil(height - (bottom - top) + d.minRowHeight * rows.length)} px)`,
    );
  }
  const y = scaleBand<number>()
    .domain(rows.map((_, k) => k))
    .range([top, bottom])
    .paddingInner(d.rowPadding)
    .paddingOuter(d.rowPadding / 2);
  const rowH = y.bandwidth();
  const rowFs = Math.max(
    o.minFontSize ?? CHART_DEFAULTS.minFontSize,
    Math.min(fs, Math.floor(rowH / (lineBox(1) + 0.05))),
  );
  const labels = rows.map((r) =>
    shorten(r.label, { measure, fontSize: rowFs, maxWidth: width * d.maxLabelFraction }),
  );
  const labelW = Math.max(...labels.map((l) => measure(l, rowFs)));
  let lo = 0;
  let hi = 0.1;
  for (const r of rows) {
    for (const v of [r.first, r.total, ...(r.firstCi ?? []), ...(r.totalCi ?? [])]) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  const x0px = pad + labelW + fs * 0.8;
  const x1px = width - pad - fs;
  const x = scaleLinear().domain([lo, hi]).nice().range([x0px, x1px]);
  const ticks = fitTicks(
    (n) => {
      const f = x.tickFormat(n);
      return x.ticks(n).map((v) => ({ pos: x(v), text: f(v) }));
    },
    {
      maxCount: Math.max(2, Math.floor((x1px - x0px) / (fs * 3))),
      fontSize: fs,
      measure,
      orientation: 'horizontal',
    },
  );
  drawAxisBottom(plot, {
    ticks,
    y: bottom,
    x0: x0px,
    x1: x1px,
    fontSize: fs,
    strokeWidth: frame.axisWidth,
    title: xTitle,
    titleX: titleCentre(xTitle, { x0: x0px, x1: x1px, chartWidth: width, pad, fontSize: fs, measure }),
    gridTop: top,
  });

  const layer = plot.append('g').attr('class', 'eol-sobol-bars');
  const zero = x(0);
  rows.forEach((r, k) => {
    const ry = y(k)!;
    const half = rowH / 2;
    const text = layer
      .append('text')
      .attr('class', 'eol-row-label')
      .attr('data-parameter', r.parameter)
      .attr('x', pad + labelW)
      .attr('y', ry + half + rowFs * 0.35)
      .attr('text-anchor', 'end')
      .attr('font-size', rowFs)
      .text(labels[k]!);
    if (labels[k] !== r.label) text.append('title').text(r.label);
    for (const [kind, v, interval, by, fill] of [
      ['total', r.total, r.totalCi, ry, d.totalColor],
      ['first', r.first, r.firstCi, ry + half, d.firstColor],
    ] as const) {
      const h = Math.max(1, half - 1);
      if (Number.isFinite(v)) {
        const px = x(v);
        layer
          .append('rect')
          .attr('class', 'eol-bar')
          .attr('data-parameter', r.parameter)
          .attr('data-index', kind)
          .attr('data-value', dataNumber(v))
          .attr('x', Math.min(px, zero))
          .attr('y', by)
          .attr('width', Math.max(1, Math.abs(px - zero)))
          .attr('height', h)
          .attr('fill', fill)
          .attr('stroke', d.firstColor)
          .attr('stroke-width', 1)
          .append('title')
          .text(
            `${r.label}, ${kind === 'first' ? 'first-order' : 'total'} index: ${formatSig(v)}${ci(interval)}`,
          );
      }
      if (interval && Number.isFinite(interval[0]) && Number.isFinite(interval[1])) {
        const cy = by + h / 2;
        const [a, b] = [x(interval[0]), x(interval[1])];
        const tick = Math.max(2, h * 0.35);
        layer
          .append('path')
          .attr('class', 'eol-interval')
          .attr('data-parameter', r.parameter)
          .attr('data-index', kind)
          .attr('d', `M${a},${cy - tick}V${cy + tick}M${a},${cy}H${b}M${b},${cy - tick}V${cy + tick}`)
          .attr('fill', 'none')
          .attr('stroke', d.intervalColor)
          .attr('stroke-width', 1.5)
          .attr('pointer-events', 'none');
      }
    }
  });
  plot
    .append('line')
    .attr('class', 'eol-reference')
    .attr('x1', zero)
    .attr('x2', zero)
    .attr('y1', top)
    .attr('y2', bottom)
    .attr('stroke', GREYS.axis)
    .attr('stroke-width', frame.axisWidth);
  drawLegend(svg, items, legend);
  return finishChart(frame);
}
