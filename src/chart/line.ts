/**
 * Line chart for 1-D parameter scans: one line per series over a shared numeric x, a legend and an
 * optional marker at the current value of the scanned parameter. Layout first (measured text,
 * ticks that fit, wrapped axis titles), then a short drawing pass.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import {
  bottomAxisHeight,
  drawLegend,
  drawPlotAxes,
  fitTicks,
  type LegendItem,
  leftAxisWidth,
  legendLayout,
  lineSwatch,
  maxTickWidth,
  type Tick,
  titleCentre,
  titleLines,
} from './axis.ts';
import { formatSig } from './format.ts';
import { type ChartStyleOptions, chartFrame, finishChart } from './frame.ts';
import { GREYS, type GroupStyle, groupColor, groupDash } from './palette.ts';
import { lineBox } from './text.ts';

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
  /** Colour and dash (default: the study group's style for a group id, else by position). */
  readonly style?: GroupStyle;
}

/** Options of `lineChart`. */
export interface LineChartOptions extends ChartStyleOptions {
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

function extent(values: readonly number[], pad: number): [number, number] {
  const v = values.filter(Number.isFinite);
  let [lo, hi] = v.length ? [Math.min(...v), Math.max(...v)] : [0, 1];
  if (!(hi - lo > 1e-12 * Math.max(1, Math.abs(hi)))) {
    const p = Math.abs(hi) * pad || 0.5;
    [lo, hi] = [lo - p, hi + p];
  }
  return [lo, hi];
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
  const [x0, x1] = extent(o.x, 0);
  const [y0, y1] = extent(
    o.series.flatMap((s) => s.values),
    0.05,
  );
  const styles = o.series.map((s, k) => s.style ?? { color: groupColor(s.id, k), dash: groupDash(s.id, k) });
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
    ...o,
    kind: 'line',
    label: o.title ?? `${o.yLabel} against ${o.xLabel}`,
    description: sentences.join(' '),
  });
  const { svg, plot, fontSize: fs, width, height, measure } = frame;
  const pad = Math.round(fs * 0.5);

  // Layout.
  const legend = legendLayout(
    o.series.map((s) => s.label),
    {
      x: pad,
      y: frame.titleHeight + Math.round(fs * 0.3),
      maxWidth: width - 2 * pad - frame.reservedRight,
      fontSize: fs,
      measure,
    },
  );
  const markerRow = marker !== undefined ? Math.round(lineBox(fs) + fs * 0.3) : Math.round(fs * 0.5);
  const top = frame.titleHeight + Math.round(fs * 0.3) + legend.height + markerRow + Math.round(fs * 0.2);
  const xTitle = titleLines(o.xLabel, { maxWidth: width - 2 * pad, fontSize: fs, measure });
  const bottom = Math.round(height - bottomAxisHeight(fs, xTitle.length) - fs * 0.2);
  if (bottom - top < fs * 3) {
    throw new Error(
      `invalid height: ${height} (line chart needs at least ${Math.ceil(height - (bottom - top) + fs * 3)} px)`,
    );
  }
  const yCount = Math.max(2, Math.floor((bottom - top) / (fs * 2.2)));
  const y = scaleLinear().domain([y0, y1]).nice(yCount).range([bottom, top]);
  const yTicks = fitTicks(
    (n) => {
      const f = y.tickFormat(n);
      return y.ticks(n).map((v) => ({ pos: y(v), text: f(v) }));
    },
    { maxCount: yCount, fontSize: fs, measure, orientation: 'vertical' },
  );
  const yTitle = titleLines(o.yLabel, { maxWidth: bottom - top, fontSize: fs, measure });
  const left = leftAxisWidth(fs, maxTickWidth(yTicks, fs, measure), yTitle.length);
  const x = scaleLinear().domain([x0, x1]).nice();
  const lastText = x.tickFormat(10)(x.domain()[1]!);
  const right = Math.round(width - Math.max(fs * 1.5, measure(lastText, fs) / 2 + 2));
  x.range([left, right]);
  const xTicks: Tick[] = fitTicks(
    (n) => {
      const f = x.tickFormat(n);
      return x.ticks(n).map((v) => ({ pos: x(v), text: f(v) }));
    },
    {
      maxCount: Math.max(2, Math.floor((right - left) / (fs * 3))),
      fontSize: fs,
      measure,
      orientation: 'horizontal',
    },
  );

  // Drawing.
  drawPlotAxes(plot, {
    box: { left, top, right, bottom },
    xTicks,
    yTicks,
    xTitle,
    yTitle,
    xTitleX: titleCentre(xTitle, { x0: left, x1: right, chartWidth: width, pad, fontSize: fs, measure }),
    fontSize: fs,
    strokeWidth: frame.axisWidth,
  });
  const path = line<number>()
    .defined((v, k) => Number.isFinite(v) && Number.isFinite(o.x[k]!))
    .x((_, k) => x(o.x[k]!))
    .y((v) => y(v));
  const layer = plot.append('g').attr('class', 'eol-lines');
  o.series.forEach((s, k) => {
    const { color, dash } = styles[k]!;
    layer
      .append('path')
      .attr('class', 'eol-line')
      .attr('data-series', s.id)
      .attr('d', path(s.values as number[]) ?? '')
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', frame.lineWidth)
      .attr('stroke-dasharray', dash)
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
      .attr('stroke-width', Math.max(2, frame.lineWidth - 0.5))
      .attr('stroke-dasharray', d.markerDash);
    const text = `current ${formatSig(marker)}`;
    const half = measure(text, fs) / 2;
    g.append('text')
      .attr('x', Math.min(Math.max(mx, left + half), width - pad - half))
      .attr('y', top - Math.round(fs * 0.45))
      .attr('text-anchor', 'middle')
      .text(text);
  }

  const items: LegendItem[] = o.series.map((s, k) => ({
    label: s.label,
    swatch: lineSwatch(styles[k]!.color, styles[k]!.dash, frame.lineWidth),
  }));
  drawLegend(svg, items, legend);
  return finishChart(frame);
}
