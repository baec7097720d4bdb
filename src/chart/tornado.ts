/**
 * Tornado chart of a one-at-a-time sensitivity analysis: for each parameter, the readout when the
 * parameter is lowered and raised by `percent` %, as horizontal bars from the baseline readout,
 * sorted by the size of the larger effect (largest on top). Value labels are placed, not guessed:
 * each goes at the end of its bar, or beside its partner when the row is too short to stack them,
 * and never over another label or bar.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import {
  bottomAxisHeight,
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
import { type Box, placeLabels } from './label-layout.ts';
import { GREYS, SENSITIVITY_COLORS } from './palette.ts';
import { lineBox, shorten } from './text.ts';

/** Defaults of `tornadoChart`, declared once. */
export const TORNADO_DEFAULTS = Object.freeze({
  lowColor: SENSITIVITY_COLORS.low,
  highColor: SENSITIVITY_COLORS.high,
  /** Smallest row (both bars), px; rows shrink their text down to the minimum before the chart refuses. */
  minRowHeight: 16,
  /** Gap between rows, as a fraction of a row. */
  rowPadding: 0.25,
  /** Row labels longer than this fraction of the width are shortened with `…`. */
  maxLabelFraction: 0.4,
});

/** One parameter's effect: the readout with the parameter at −x % (`low`) and +x % (`high`). */
export interface TornadoRow {
  readonly parameter: string;
  readonly label: string;
  /** Readout value with the parameter lowered by `percent` %. */
  readonly low: number;
  /** Readout value with the parameter raised by `percent` %. */
  readonly high: number;
}

/** Options of `tornadoChart`. */
export interface TornadoOptions extends ChartStyleOptions {
  readonly rows: readonly TornadoRow[];
  /** Readout with every parameter at its value: the bars start here. */
  readonly baseline: number;
  /** Title of the readout axis. */
  readonly xLabel: string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** Size of the perturbation, % (e.g. 20 for ±20 %). */
  readonly percent: number;
  readonly title?: string;
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
}

/** Size of a row's larger effect, |value − baseline| (NaN effects count as 0 when sorting). */
function effect(r: TornadoRow, baseline: number): number {
  const e = Math.max(Math.abs(r.low - baseline), Math.abs(r.high - baseline));
  return Number.isFinite(e) ? e : 0;
}

/**
 * Height (px) at which every row of a tornado of `rows` rows, `width` px wide, has room for its two
 * value labels one above the other (the chart also works shorter, setting them side by side).
 */
export function tornadoHeight(
  o: Pick<TornadoOptions, 'width' | 'title' | 'fontSize' | 'minFontSize'> & { rows: number },
): number {
  const fs = o.fontSize ?? Math.max(o.minFontSize ?? 12, Math.round((14 * o.width) / 640));
  const valueFs = Math.max(o.minFontSize ?? 12, Math.round(fs * 0.86));
  const row = (2 * (lineBox(valueFs) + 1)) / (1 - TORNADO_DEFAULTS.rowPadding);
  const chrome = (o.title ? fs * 2.2 : 0) + fs * 3.3 + bottomAxisHeight(fs, 2) + fs;
  return Math.ceil(o.rows * row + chrome);
}

/**
 * Draw a tornado chart.
 * @throws Error for no rows, a non-finite baseline or percent, or an invalid size
 */
export function tornadoChart(o: TornadoOptions): SVGSVGElement {
  const d = TORNADO_DEFAULTS;
  if (o.rows.length === 0) throw new Error('no rows to draw (tornado chart; rows is empty)');
  if (!Number.isFinite(o.baseline)) throw new Error(`invalid baseline: ${o.baseline} (tornado chart)`);
  if (!(Number.isFinite(o.percent) && o.percent > 0))
    throw new Error(`invalid percent: ${o.percent} (tornado chart; must be > 0)`);
  const rows = [...o.rows].sort((a, b) => effect(b, o.baseline) - effect(a, o.baseline));
  const pct = formatSig(o.percent);
  const lowLabel = `−${pct} %`;
  const highLabel = `+${pct} %`;

  const sentences = [
    `Tornado chart: ${o.xLabel} when each parameter is lowered (${lowLabel}) or raised (${highLabel}), ` +
      `from a baseline of ${formatSig(o.baseline)}, largest effect first.`,
    rows
      .map((r) => `${r.label}: ${formatSig(r.low)} at ${lowLabel}, ${formatSig(r.high)} at ${highLabel}.`)
      .join(' '),
  ];
  const frame = chartFrame({
    ...o,
    kind: 'tornado',
    label: o.title ?? `Sensitivity of ${o.xLabel} to ±${pct} % parameter changes`,
    description: sentences.join(' '),
  });
  const { svg, plot, fontSize: fs, width, height, measure, smallFontSize: valueFs } = frame;
  const pad = Math.round(fs * 0.5);

  // Layout: legend, rows, axis.
  const items: LegendItem[] = [
    { label: lowLabel, swatch: lineSwatch(d.lowColor, 'none', fs * 0.7) },
    { label: highLabel, swatch: lineSwatch(d.highColor, 'none', fs * 0.7) },
    { label: `baseline ${formatSig(o.baseline)}`, swatch: lineSwatch(GREYS.text, 'none', frame.axisWidth) },
  ];
  const legendTop = frame.titleHeight + Math.round(fs * 0.3);
  const legend = legendLayout(
    items.map((i) => i.label),
    { x: pad, y: legendTop, maxWidth: width - 2 * pad - frame.reservedRight, fontSize: fs, measure },
  );
  const top = legendTop + legend.height + Math.round(fs * 0.5);
  const xTitle = titleLines(o.xLabel, { maxWidth: width - 2 * pad, fontSize: fs, measure });
  const bottom = Math.round(height - bottomAxisHeight(fs, xTitle.length) - fs * 0.2);
  if (bottom - top < d.minRowHeight * rows.length) {
    throw new Error(
      `invalid height: ${height} (tornado chart with ${rows.length} rows needs at least ${Math.ceil(height - (bottom - top) + d.minRowHeight * rows.length)} px)`,
    );
  }
  const y = scaleBand<number>()
    .domain(rows.map((_, k) => k))
    .range([top, bottom])
    .paddingInner(d.rowPadding)
    .paddingOuter(d.rowPadding / 2);
  const rowH = y.bandwidth();
  // Row labels as large as the base text, smaller when the rows are short (never below the minimum).
  const rowFs = Math.max(
    o.minFontSize ?? CHART_DEFAULTS.minFontSize,
    Math.min(fs, Math.floor(rowH / (lineBox(1) + 0.05))),
  );
  const labels = rows.map((r) =>
    shorten(r.label, { measure, fontSize: rowFs, maxWidth: width * d.maxLabelFraction }),
  );
  const labelW = Math.max(...labels.map((l) => measure(l, rowFs)));
  const valueTexts = rows.flatMap((r) => [formatSig(r.low), formatSig(r.high)]);
  const valueW = Math.max(...valueTexts.map((t) => measure(t, valueFs))) + 6;
  const labelRight = pad + labelW;
  let lo = o.baseline;
  let hi = o.baseline;
  for (const r of rows) {
    for (const v of [r.low, r.high]) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const p = Math.abs(o.baseline) * 0.01 || 0.01;
    [lo, hi] = [lo - p, hi + p];
  }
  // Value labels may sit beside each other outside the bars: room for two on either side.
  const x0px = labelRight + fs * 0.6 + 2 * valueW;
  const x1px = width - pad - 2 * valueW;
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
  const base = x(o.baseline);

  // Bars, then value labels placed around them.
  interface Bar {
    readonly row: number;
    readonly direction: 'low' | 'high';
    readonly v: number;
    readonly box: Box;
    readonly words: string;
    readonly color: string;
  }
  const bars: Bar[] = [];
  rows.forEach((r, k) => {
    const ry = y(k)!;
    const half = rowH / 2;
    for (const [direction, v, by, words, color] of [
      ['low', r.low, ry, lowLabel, d.lowColor],
      ['high', r.high, ry + half, highLabel, d.highColor],
    ] as const) {
      if (!Number.isFinite(v)) continue;
      const px = x(v);
      bars.push({
        row: k,
        direction,
        v,
        words,
        color,
        box: { x: Math.min(px, base), y: by, width: Math.max(1, Math.abs(px - base)), height: half - 1 },
      });
    }
  });
  const h = lineBox(valueFs) + 1;
  const rowLabelBoxes: Box[] = rows.map((_, k) => ({
    x: labelRight - labelW,
    y: y(k)! + rowH / 2 - lineBox(rowFs) / 2,
    width: labelW,
    height: lineBox(rowFs),
  }));
  const candidates = bars.map((b) => {
    const after = b.v >= o.baseline;
    const w = measure(formatSig(b.v), valueFs) + 2;
    const end = after ? b.box.x + b.box.width + 3 : b.box.x - 3 - w;
    const centreOwn = b.box.y + b.box.height / 2;
    const centreRow = y(b.row)! + rowH / 2;
    const other = bars.find((q) => q.row === b.row && q !== b);
    const otherEnd = other ? (after ? other.box.x + other.box.width : other.box.x) : undefined;
    const outer =
      otherEnd === undefined ? end : after ? Math.max(end, otherEnd + 3) : Math.min(end, otherEnd - 3 - w);
    // Side by side on the row's centre line: the low label first, the high one after it.
    const wLow = other && b.direction === 'high' ? measure(formatSig(other.v), valueFs) + 2 : 0;
    const beside = b.direction === 'low' ? outer : after ? outer + wLow + 6 : outer - wLow - 6;
    const box = (bx: number, cy: number) => ({ x: bx, y: cy - h / 2, width: w, height: h });
    return [box(end, centreOwn), box(end, centreRow), box(outer, centreOwn), box(beside, centreRow)];
  });
  const chosen = placeLabels(
    candidates.map((c) => ({ candidates: c })),
    [...bars.map((b) => b.box), ...rowLabelBoxes],
    { x: 0, y: top - fs * 0.2, width, height: bottom - top + fs * 0.2 },
  );

  // Drawing.
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
  const layer = plot.append('g').attr('class', 'eol-tornado-bars');
  rows.forEach((r, k) => {
    const text = layer
      .append('text')
      .attr('class', 'eol-row-label')
      .attr('data-parameter', r.parameter)
      .attr('x', labelRight)
      .attr('y', y(k)! + rowH / 2 + rowFs * 0.35)
      .attr('text-anchor', 'end')
      .attr('font-size', rowFs)
      .text(labels[k]!);
    if (labels[k] !== r.label) text.append('title').text(r.label);
  });
  bars.forEach((b, i) => {
    const r = rows[b.row]!;
    layer
      .append('rect')
      .attr('class', 'eol-bar')
      .attr('data-parameter', r.parameter)
      .attr('data-direction', b.direction)
      .attr('data-value', dataNumber(b.v))
      .attr('x', b.box.x)
      .attr('y', b.box.y)
      .attr('width', b.box.width)
      .attr('height', b.box.height)
      .attr('fill', b.color)
      .append('title')
      .text(`${r.label} ${b.words}: ${formatSig(b.v)}`);
    const k = chosen[i]!;
    if (k < 0) return;
    const box = candidates[i]![k]!;
    layer
      .append('text')
      .attr('class', 'eol-bar-label')
      .attr('data-parameter', r.parameter)
      .attr('data-direction', b.direction)
      .attr('x', box.x + 1)
      .attr('y', box.y + box.height / 2 + valueFs * 0.35)
      .attr('font-size', valueFs)
      .text(formatSig(b.v));
  });
  plot
    .append('line')
    .attr('class', 'eol-reference')
    .attr('x1', base)
    .attr('x2', base)
    .attr('y1', top)
    .attr('y2', bottom)
    .attr('stroke', GREYS.text)
    .attr('stroke-width', Math.max(2, frame.axisWidth));
  drawLegend(svg, items, legend);
  return finishChart(frame);
}
