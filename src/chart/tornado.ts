/**
 * Tornado chart of a one-at-a-time sensitivity analysis: for each parameter, the readout when the
 * parameter is lowered and raised by `percent` %, as horizontal bars from the baseline readout,
 * sorted by the size of the larger effect (largest on top).
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { axisBottom, type LegendItem, legend, lineSwatch, type Tick } from './axis.ts';
import { CHART_DEFAULTS, chartFrame, dataNumber, finishChart, formatSig, textWidth } from './frame.ts';
import { GREYS, OKABE_ITO } from './palette.ts';

/** Defaults of `tornadoChart`, declared once. */
export const TORNADO_DEFAULTS = Object.freeze({
  lowColor: OKABE_ITO.blue,
  highColor: OKABE_ITO.vermillion,
  /** Smallest row (both bars), px; rows shrink their text down to 12 px before the chart refuses. */
  minRowHeight: 16,
  /** Gap between rows, as a fraction of a row. */
  rowPadding: 0.25,
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
export interface TornadoOptions {
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
    kind: 'tornado',
    width: o.width,
    height: o.height,
    document: o.document,
    label: o.title ?? `Sensitivity of ${o.xLabel} to ±${pct} % parameter changes`,
    description: sentences.join(' '),
    title: o.title,
    id: o.id,
  });
  const { svg, plot, fontSize: fs, width, height } = frame;
  const items: LegendItem[] = [
    { label: lowLabel, swatch: lineSwatch(d.lowColor, 'none', fs * 0.7) },
    { label: highLabel, swatch: lineSwatch(d.highColor, 'none', fs * 0.7) },
    { label: `baseline ${formatSig(o.baseline)}`, swatch: lineSwatch(GREYS.text, 'none', 2) },
  ];
  const legendTop = frame.titleHeight + Math.round(fs * 0.3);
  const legendH = legend(svg, items, Math.round(fs * 0.5), legendTop, width - fs - frame.reservedRight, fs);
  const top = legendTop + legendH + Math.round(fs * 0.5);
  const bottom = Math.round(height - fs * 3.2);
  if (bottom - top < d.minRowHeight * rows.length) {
    throw new Error(
      `invalid height: ${height} (tornado chart with ${rows.length} rows needs at least ${Math.ceil(height - (bottom - top) + d.minRowHeight * rows.length)} px)`,
    );
  }
  const labelW = rows.reduce((m, r) => Math.max(m, textWidth(r.label, fs)), 0);
  const left = Math.round(Math.min(labelW + fs, width * 0.4));
  const valueW = textWidth('0.000', fs) + fs * 0.5;
  const right = Math.round(fs + valueW);

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
    const pad = Math.abs(o.baseline) * 0.01 || 0.01;
    lo -= pad;
    hi += pad;
  }
  const tickCount = Math.max(2, Math.floor((width - left - right) / (fs * 4)));
  const x = scaleLinear()
    .domain([lo, hi])
    .nice(tickCount)
    .range([left + valueW, width - right]);
  const fmt = x.tickFormat(tickCount);
  const ticks: Tick[] = x.ticks(tickCount).map((v) => ({ pos: x(v), text: fmt(v) }));
  const y = scaleBand<number>()
    .domain(rows.map((_, k) => k))
    .range([top, bottom])
    .paddingInner(d.rowPadding)
    .paddingOuter(d.rowPadding / 2);
  const rowH = y.bandwidth();
  axisBottom(plot, {
    ticks,
    y: bottom,
    x0: left + valueW,
    x1: width - right,
    fontSize: fs,
    label: o.xLabel,
    gridTop: top,
  });

  const bars = plot.append('g').attr('class', 'eol-tornado-bars');
  const x0 = x(o.baseline);
  const min = CHART_DEFAULTS.minFontSize;
  const rowFs = Math.max(min, Math.min(fs, Math.round(rowH * 0.8)));
  const valueFs = Math.max(min, Math.min(Math.round(fs * 0.86), Math.round(rowH * 0.5)));
  rows.forEach((r, k) => {
    const ry = y(k)!;
    bars
      .append('text')
      .attr('class', 'eol-row-label')
      .attr('data-parameter', r.parameter)
      .attr('x', left - fs * 0.4)
      .attr('y', ry + rowH / 2 + rowFs * 0.35)
      .attr('text-anchor', 'end')
      .attr('font-size', rowFs)
      .text(r.label);
    const half = rowH / 2;
    const parts = [
      { direction: 'low', v: r.low, color: d.lowColor, by: ry, words: lowLabel },
      { direction: 'high', v: r.high, color: d.highColor, by: ry + half, words: highLabel },
    ];
    for (const p of parts) {
      if (!Number.isFinite(p.v)) continue;
      const px = x(p.v);
      bars
        .append('rect')
        .attr('class', 'eol-bar')
        .attr('data-parameter', r.parameter)
        .attr('data-direction', p.direction)
        .attr('data-value', dataNumber(p.v))
        .attr('x', Math.min(px, x0))
        .attr('y', p.by)
        .attr('width', Math.max(1, Math.abs(px - x0)))
        .attr('height', half - 1)
        .attr('fill', p.color)
        .append('title')
        .text(`${r.label} ${p.words}: ${formatSig(p.v)}`);
      const after = p.v >= o.baseline;
      bars
        .append('text')
        .attr('class', 'eol-bar-label')
        .attr('x', px + (after ? 4 : -4))
        .attr('y', p.by + half / 2 + valueFs * 0.35)
        .attr('text-anchor', after ? 'start' : 'end')
        .attr('font-size', valueFs)
        .text(formatSig(p.v));
    }
  });
  plot
    .append('line')
    .attr('class', 'eol-reference')
    .attr('x1', x0)
    .attr('x2', x0)
    .attr('y1', top)
    .attr('y2', bottom)
    .attr('stroke', GREYS.text)
    .attr('stroke-width', 2);
  return finishChart(frame);
}
