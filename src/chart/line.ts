/**
 * Line chart for 1-D parameter scans: one line per series over a shared numeric x, a legend and an
 * optional marker at the current value of the scanned parameter.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import {
  axisBottom,
  axisLeft,
  type LegendItem,
  legend,
  legendHeight,
  lineSwatch,
  maxTickWidth,
  type Tick,
} from './axis.ts';
import { CHART_DEFAULTS, chartFrame, finishChart, formatSig } from './frame.ts';
import { GREYS, groupColor, groupDash } from './palette.ts';

/** Defaults of `lineChart`, declared once. */
export const LINE_DEFAULTS = Object.freeze({
  /** Draw a dot at each point when there are at most this many. */
  maxDots: 40,
  markerDash: '6 4',
});

/** One line: values over the chart's shared x. */
export interface LineSeries {
  readonly id: string;
  readonly label: string;
  readonly values: readonly number[];
}

/** Options of `lineChart`. */
export interface LineChartOptions {
  readonly x: readonly number[];
  readonly series: readonly LineSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** The current value of the scanned parameter: a labelled vertical rule. */
  readonly markerX?: number;
  readonly title?: string;
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
}

/**
 * Draw one line per series.
 * @throws Error when a series has a different length from `x`, or for an invalid size
 */
export function lineChart(o: LineChartOptions): SVGSVGElement {
  const d = LINE_DEFAULTS;
  if (o.x.length === 0) throw new Error('invalid x: empty (line chart needs at least one point)');
  for (const s of o.series) {
    if (s.values.length !== o.x.length) {
      throw new Error(
        `invalid values: ${s.values.length} entries in series "${s.id}" (line chart; expected ${o.x.length}, one per x)`,
      );
    }
  }
  const xs = o.x.filter(Number.isFinite);
  const ys = o.series.flatMap((s) => s.values.filter(Number.isFinite));
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  if (!(x1 > x0)) [x0, x1] = [x0 - 0.5, x0 + 0.5];
  let [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (!(y1 - y0 > 1e-12 * Math.max(1, Math.abs(y1)))) {
    const pad = Math.abs(y1) * 0.05 || 0.5;
    [y0, y1] = [y0 - pad, y1 + pad];
  }

  const range = (s: LineSeries) => {
    const v = s.values.filter(Number.isFinite);
    return v.length ? `from ${formatSig(Math.min(...v))} to ${formatSig(Math.max(...v))}` : 'with no values';
  };
  const sentences = [
    `Line chart of ${o.yLabel} against ${o.xLabel} (${formatSig(x0)} to ${formatSig(x1)}, ${o.x.length} points): ` +
      `${o.series.map((s) => `${s.label} ${range(s)}`).join('; ')}.`,
  ];
  const marker = o.markerX !== undefined && Number.isFinite(o.markerX) ? o.markerX : undefined;
  if (marker !== undefined) sentences.push(`The marker shows the current value, ${formatSig(marker)}.`);
  const frame = chartFrame({
    kind: 'line',
    width: o.width,
    height: o.height,
    document: o.document,
    label: o.title ?? `${o.yLabel} against ${o.xLabel}`,
    description: sentences.join(' '),
    title: o.title,
    id: o.id,
  });
  const { svg, plot, fontSize: fs, width, height } = frame;

  const legendTop = frame.titleHeight + Math.round(fs * 0.3);
  const legendW = width - fs - frame.reservedRight;
  const legendH = legendHeight(
    o.series.map((s) => s.label),
    legendW,
    fs,
  );
  const top = legendTop + legendH + Math.round(fs * 0.9);
  const bottom = Math.round(height - fs * 3.2);
  if (bottom - top < fs * 3) {
    throw new Error(
      `invalid height: ${height} (line chart needs at least ${Math.ceil(height - (bottom - top) + fs * 3)} px)`,
    );
  }
  const yCount = Math.max(3, Math.floor((bottom - top) / (fs * 2.6)));
  const y = scaleLinear().domain([y0, y1]).nice(yCount).range([bottom, top]);
  const yFmt = y.tickFormat(yCount);
  const yTicks: Tick[] = y.ticks(yCount).map((v) => ({ pos: y(v), text: yFmt(v) }));
  const left = Math.round(fs * 1.9 + maxTickWidth(yTicks, fs) + fs * 0.6);
  const right = Math.round(fs * 1.5);
  const xCount = Math.max(2, Math.floor((width - left - right) / (fs * 4)));
  const x = scaleLinear()
    .domain([x0, x1])
    .nice(xCount)
    .range([left, width - right]);
  const xFmt = x.tickFormat(xCount);
  const xTicks: Tick[] = x.ticks(xCount).map((v) => ({ pos: x(v), text: xFmt(v) }));

  axisLeft(plot, {
    ticks: yTicks,
    x: left,
    y0: top,
    y1: bottom,
    fontSize: fs,
    label: o.yLabel,
    labelX: Math.round(fs * 0.9),
    gridRight: width - right,
  });
  axisBottom(plot, {
    ticks: xTicks,
    y: bottom,
    x0: left,
    x1: width - right,
    fontSize: fs,
    label: o.xLabel,
    gridTop: top,
  });

  const path = line<number>()
    .defined((v, k) => Number.isFinite(v) && Number.isFinite(o.x[k]!))
    .x((_, k) => x(o.x[k]!))
    .y((v) => y(v));
  const layer = plot.append('g').attr('class', 'eol-lines');
  o.series.forEach((s, k) => {
    const color = groupColor(s.id, k);
    layer
      .append('path')
      .attr('class', 'eol-line')
      .attr('data-series', s.id)
      .attr('d', path(s.values as number[]) ?? '')
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', CHART_DEFAULTS.lineWidth)
      .attr('stroke-dasharray', groupDash(s.id, k))
      .attr('stroke-linejoin', 'round');
    if (o.x.length <= d.maxDots) {
      s.values.forEach((v, i) => {
        if (!Number.isFinite(v) || !Number.isFinite(o.x[i]!)) return;
        layer
          .append('circle')
          .attr('class', 'eol-point')
          .attr('data-series', s.id)
          .attr('cx', x(o.x[i]!))
          .attr('cy', y(v))
          .attr('r', Math.round(fs * 0.22))
          .attr('fill', color);
      });
    }
  });

  if (marker !== undefined && marker >= x.domain()[0]! && marker <= x.domain()[1]!) {
    const mx = x(marker);
    const g = plot.append('g').attr('class', 'eol-cursor eol-marker').attr('data-x', marker);
    g.append('line')
      .attr('x1', mx)
      .attr('x2', mx)
      .attr('y1', top)
      .attr('y2', bottom)
      .attr('stroke', GREYS.text)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', d.markerDash);
    const onLeft = mx > left + (width - right - left) * 0.7;
    g.append('text')
      .attr('x', mx + (onLeft ? -4 : 4))
      .attr('y', top - Math.round(fs * 0.3))
      .attr('text-anchor', onLeft ? 'end' : 'start')
      .text(`current ${formatSig(marker)}`);
  }

  const items: LegendItem[] = o.series.map((s, k) => ({
    label: s.label,
    swatch: lineSwatch(groupColor(s.id, k), groupDash(s.id, k), CHART_DEFAULTS.lineWidth),
  }));
  legend(svg, items, Math.round(fs * 0.5), legendTop, legendW, fs);
  return finishChart(frame);
}
