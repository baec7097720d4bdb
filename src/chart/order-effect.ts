/**
 * The order effect against readout time: MPS in RE→EE over MPS in EE→RE (each a fold of control at
 * its own readout time) for readouts 0–24 h after an anchor, the current model as a line, the
 * ensemble of plausible models as 50% and 90% bands, a reference at 1 (no order effect) and a rule
 * at the readout time in use. Layout first (scales, ticks that fit, measured titles), then drawing.
 */
import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import {
  bottomAxisHeight,
  boxSwatch,
  drawLegend,
  drawPlotAxes,
  fitTicks,
  type LegendItem,
  leftAxisWidth,
  legendLayout,
  lineSwatch,
  maxTickWidth,
  titleCentre,
  titleLines,
} from './axis.ts';
import { dataNumber, formatClockH, formatFixed2 } from './format.ts';
import { type ChartStyleOptions, chartFrame, finishChart } from './frame.ts';
import { GREYS } from './palette.ts';
import { lineBox } from './text.ts';

/** Defaults of `orderEffectChart`, declared once. */
export const ORDER_EFFECT_DEFAULTS = Object.freeze({
  color: '#0072B2',
  bandOpacity90: 0.16,
  bandOpacity50: 0.32,
  /** x tick step candidates, hours. */
  tickHours: [1, 2, 3, 4, 6, 12],
  markerDash: '6 4',
});

/** Quantile bands over the offsets. */
export interface OrderEffectBand {
  readonly q05: ArrayLike<number>;
  readonly q25: ArrayLike<number>;
  readonly median: ArrayLike<number>;
  readonly q75: ArrayLike<number>;
  readonly q95: ArrayLike<number>;
}

/** Options of `orderEffectChart`. */
export interface OrderEffectChartOptions extends ChartStyleOptions {
  /** Readout offsets after the anchor, minutes, increasing. */
  readonly offsets: readonly number[];
  /** The current model's ratio at each offset. */
  readonly ratio: ArrayLike<number>;
  /** The ensemble's bands at the same offsets (optional). */
  readonly band?: OrderEffectBand;
  /** The readout time in use, minutes after the anchor: a labelled rule. */
  readonly readoutAt?: number;
  /** What offsets are measured from, in words: `after the end of RE`. */
  readonly anchorWords: string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  readonly title?: string;
  readonly stale?: boolean;
  readonly id?: string;
}

function valueAt(offsets: readonly number[], values: ArrayLike<number>, t: number): number {
  let k = 0;
  while (k < offsets.length - 1 && offsets[k + 1]! < t) k++;
  const [a, b] = [offsets[k]!, offsets[k + 1] ?? offsets[k]!];
  if (b === a) return values[k]!;
  const f = Math.min(1, Math.max(0, (t - a) / (b - a)));
  return values[k]! + f * (values[k + 1]! - values[k]!);
}

function describe(o: OrderEffectChartOptions): string {
  const r = Array.from(o.ratio);
  const finite = r.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const at = o.offsets[r.indexOf(lo)]!;
  const parts = [
    `Line chart of the order effect, MPS with RE→EE divided by MPS with EE→RE, against readout time ${o.anchorWords} from ${formatClockH(o.offsets[0]!)} to ${formatClockH(o.offsets[o.offsets.length - 1]!)}. ` +
      `1 means no order effect. The lowest ratio is ${formatFixed2(lo)} at ${formatClockH(at)}.`,
  ];
  if (o.readoutAt !== undefined)
    parts.push(
      `At the readout in use, ${formatClockH(o.readoutAt)}, the ratio is ${formatFixed2(valueAt(o.offsets, o.ratio, o.readoutAt))}.`,
    );
  if (o.band)
    parts.push(
      'Shaded bands show the plausible models: the darker band the middle 50%, the lighter one 90%.',
    );
  return parts.join(' ');
}

/**
 * Draw the order effect against readout time.
 * @throws Error when `ratio` or a band does not match `offsets`, or for an invalid size
 */
export function orderEffectChart(o: OrderEffectChartOptions): SVGSVGElement {
  const d = ORDER_EFFECT_DEFAULTS;
  const n = o.offsets.length;
  if (n < 2) throw new Error(`invalid offsets: ${n} entries (order-effect chart needs at least 2)`);
  const check = (name: string, a: ArrayLike<number>) => {
    if (a.length !== n)
      throw new Error(
        `invalid ${name}: ${a.length} entries (order-effect chart; expected ${n}, one per offset)`,
      );
  };
  check('ratio', o.ratio);
  if (o.band) for (const k of ['q05', 'q25', 'median', 'q75', 'q95'] as const) check(`band.${k}`, o.band[k]);

  const frame = chartFrame({
    ...o,
    kind: 'order-effect',
    label: o.title ?? 'Order effect against readout time',
    description: describe(o),
  });
  const { svg, plot, fontSize: fs, width, height, measure } = frame;
  const pad = Math.round(fs * 0.5);

  // Layout.
  const items: LegendItem[] = [
    { label: 'this model', swatch: lineSwatch(d.color, '', frame.lineWidth) },
    ...(o.band
      ? [
          { label: '50% of plausible models', swatch: boxSwatch(d.color, 'none', d.bandOpacity50 + 0.1) },
          { label: '90%', swatch: boxSwatch(d.color, 'none', d.bandOpacity90) },
        ]
      : []),
  ];
  const legend = legendLayout(
    items.map((i) => i.label),
    {
      x: pad,
      y: frame.titleHeight + Math.round(fs * 0.3),
      maxWidth: width - 2 * pad - frame.reservedRight,
      fontSize: fs,
      measure,
    },
  );
  // The readout rule's label sits a whole line above the plot, clear of the top y tick label.
  const markerRow = o.readoutAt !== undefined ? Math.round(lineBox(fs) + fs * 0.8) : Math.round(fs * 0.5);
  const top = frame.titleHeight + Math.round(fs * 0.3) + legend.height + markerRow + Math.round(fs * 0.2);
  const xTitle = titleLines(`readout time ${o.anchorWords} (h:mm)`, {
    maxWidth: width - 2 * pad,
    fontSize: fs,
    measure,
  });
  const bottom = Math.round(height - bottomAxisHeight(fs, xTitle.length) - fs * 0.2);
  if (bottom - top < fs * 3)
    throw new Error(
      `invalid height: ${height} (order-effect chart needs at least ${Math.ceil(height - (bottom - top) + fs * 3)} px)`,
    );
  const all = [...Array.from(o.ratio), 1];
  if (o.band) all.push(...Array.from(o.band.q05), ...Array.from(o.band.q95));
  const finite = all.filter(Number.isFinite);
  const yCount = Math.max(2, Math.floor((bottom - top) / (fs * 2.2)));
  const y = scaleLinear()
    .domain([Math.min(...finite), Math.max(...finite)])
    .nice(yCount)
    .range([bottom, top]);
  const yTicks = fitTicks(
    (k) => {
      const f = y.tickFormat(k);
      return y.ticks(k).map((v) => ({ pos: y(v), text: f(v) }));
    },
    { maxCount: yCount, fontSize: fs, measure, orientation: 'vertical' },
  );
  const yTitle = titleLines('RE→EE / EE→RE (MPS)', { maxWidth: bottom - top, fontSize: fs, measure });
  const left = leftAxisWidth(fs, maxTickWidth(yTicks, fs, measure), yTitle.length);
  const [t0, t1] = [o.offsets[0]!, o.offsets[n - 1]!];
  const lastText = formatClockH(t1);
  const right = Math.round(width - Math.max(fs * 1.5, measure(lastText, fs) / 2 + 2));
  const x = scaleLinear().domain([t0, t1]).range([left, right]);
  const xTicks = fitTicks(
    (k) => {
      const step =
        d.tickHours.find((hrs) => (t1 - t0) / (hrs * 60) <= k) ?? d.tickHours[d.tickHours.length - 1]!;
      const ticks = [];
      for (let t = Math.ceil(t0 / (step * 60)) * step * 60; t <= t1 + 1e-9; t += step * 60)
        ticks.push({ pos: x(t), text: formatClockH(t) });
      return ticks;
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
  plot
    .append('line')
    .attr('class', 'eol-reference')
    .attr('x1', left)
    .attr('x2', right)
    .attr('y1', y(1))
    .attr('y2', y(1))
    .attr('stroke', GREYS.reference)
    .attr('stroke-width', frame.axisWidth);
  const layer = plot.append('g').attr('class', 'eol-order-area');
  if (o.band) {
    const b = o.band;
    for (const [level, lo, hi, opacity] of [
      ['90', b.q05, b.q95, d.bandOpacity90],
      ['50', b.q25, b.q75, d.bandOpacity50],
    ] as const) {
      const shape = area<number>()
        .defined((k) => Number.isFinite(lo[k]!) && Number.isFinite(hi[k]!))
        .x((k) => x(o.offsets[k]!))
        .y0((k) => y(lo[k]!))
        .y1((k) => y(hi[k]!));
      layer
        .append('path')
        .attr('class', 'eol-band')
        .attr('data-level', level)
        .attr('d', shape(o.offsets.map((_, k) => k)) ?? '')
        .attr('fill', d.color)
        .attr('fill-opacity', opacity)
        .attr('stroke', 'none');
    }
  }
  const path = line<number>()
    .defined((k) => Number.isFinite(o.ratio[k]!))
    .x((k) => x(o.offsets[k]!))
    .y((k) => y(o.ratio[k]!));
  layer
    .append('path')
    .attr('class', 'eol-line')
    .attr('data-series', 'ratio')
    .attr('d', path(o.offsets.map((_, k) => k)) ?? '')
    .attr('fill', 'none')
    .attr('stroke', d.color)
    .attr('stroke-width', frame.lineWidth)
    .attr('stroke-linejoin', 'round');
  if (o.readoutAt !== undefined && o.readoutAt >= t0 && o.readoutAt <= t1) {
    const mx = x(o.readoutAt);
    const v = valueAt(o.offsets, o.ratio, o.readoutAt);
    const g = plot
      .append('g')
      .attr('class', 'eol-marker')
      .attr('data-x', dataNumber(o.readoutAt))
      .attr('data-value', dataNumber(v));
    g.append('line')
      .attr('x1', mx)
      .attr('x2', mx)
      .attr('y1', top)
      .attr('y2', bottom)
      .attr('stroke', GREYS.text)
      .attr('stroke-width', Math.max(2, frame.lineWidth - 0.5))
      .attr('stroke-dasharray', d.markerDash);
    const text = `readout ${formatClockH(o.readoutAt)}: ${formatFixed2(v)}`;
    const half = measure(text, fs) / 2;
    g.append('text')
      .attr('x', Math.min(Math.max(mx, left + half), width - pad - half))
      .attr('y', top - Math.round(fs * 0.9))
      .attr('text-anchor', 'middle')
      .text(text);
  }
  drawLegend(svg, items, legend);
  return finishChart(frame);
}
