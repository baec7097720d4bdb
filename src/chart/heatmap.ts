/**
 * Heatmap of a 2-D scan (e.g. the interference map over gap × intensity): one `<rect>` per cell
 * with `data-i`, `data-j` and `data-value`, a diverging colour scale centred on 1.0 (red below,
 * blue above), a legend bar, hatched grey cells for values not computed yet, and a highlight.
 */
import { ticks as niceTicks } from 'd3-array';
import { scaleBand, scaleDiverging, scaleLinear } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';
import {
  bottomAxisHeight,
  drawAxisBottom,
  drawAxisLeft,
  fitTicks,
  leftAxisWidth,
  lineStep,
  maxTickWidth,
  type Tick,
  ticksFit,
  titleCentre,
  titleLines,
} from './axis.ts';
import { dataNumber, formatFixed2, formatSig } from './format.ts';
import { type ChartStyleOptions, chartFrame, finishChart } from './frame.ts';
import { GREYS } from './palette.ts';
import { lineBox } from './text.ts';

/** Defaults of `heatmapChart`, declared once. */
export const HEATMAP_DEFAULTS = Object.freeze({
  /** The value the colour scale is centred on (fold = 1: no change). */
  center: 1,
  /** Smallest half-width of the automatic domain, so tiny differences are not exaggerated. */
  minSpread: 0.05,
  /** Steps drawn in the legend bar. */
  legendSteps: 48,
  highlightColor: '#000000',
});

/** Options of `heatmapChart`. */
export interface HeatmapOptions extends ChartStyleOptions {
  /** Cell centres along x (column i). */
  readonly x: readonly number[];
  /** Cell centres along y (row j, drawn bottom to top). */
  readonly y: readonly number[];
  /** Row-major values: `values[j * x.length + i]` is the cell at `y[j]`, `x[i]`. */
  readonly values: ArrayLike<number>;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Tick and description text of an x value (default: 3 significant digits). */
  readonly xFormat?: (value: number) => string;
  /** Tick and description text of a y value (default: 3 significant digits). */
  readonly yFormat?: (value: number) => string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** Title of the colour legend (e.g. `MPS at 3 h, RE→EE / RE only`). */
  readonly colorLabel: string;
  /** Colour domain [low, high] (default: symmetric around 1 over the finite values). */
  readonly domain?: readonly [number, number];
  /** Cell drawn with a thick outline. */
  readonly highlight?: { readonly i: number; readonly j: number };
  /** Cells not computed yet (row-major like `values`): drawn grey and hatched. */
  readonly pending?: ArrayLike<boolean>;
  readonly title?: string;
  /** Marks the map as out of date (its inputs have changed since it was computed). */
  readonly stale?: boolean;
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
}

/**
 * Ticks at round values (d3's nice tick values within the axis range), placed by linear
 * interpolation between the centres of the two cells around each value, so a 61-cell gap axis
 * from −12 to 12 h is labelled −12, −9, −6, … rather than at every k-th cell's odd value.
 */
function axisTicks(
  values: readonly number[],
  pos: (k: number) => number,
  maxTicks: number,
  format: (v: number) => string,
): Tick[] {
  if (values.length === 1) return [{ pos: pos(0), text: format(values[0]!) }];
  const first = values[0]!;
  const last = values[values.length - 1]!;
  const increasing = last > first;
  const lo = Math.min(first, last);
  const hi = Math.max(first, last);
  const out: Tick[] = [];
  for (const v of niceTicks(lo, hi, Math.max(2, maxTicks))) {
    for (let k = 0; k + 1 < values.length; k++) {
      const a = values[k]!;
      const b = values[k + 1]!;
      const inside = increasing ? v >= a && v <= b : v <= a && v >= b;
      if (!inside || a === b) continue;
      const w = (v - a) / (b - a);
      out.push({ pos: pos(k) + w * (pos(k + 1) - pos(k)), text: format(v) });
      break;
    }
  }
  return out;
}

/**
 * Draw a heatmap of `values` over `x` × `y`.
 * @throws Error when `values` (or `pending`) does not have x.length × y.length entries, or a size is invalid
 */
export function heatmapChart(o: HeatmapOptions): SVGSVGElement {
  const d = HEATMAP_DEFAULTS;
  const nx = o.x.length;
  const ny = o.y.length;
  if (nx === 0 || ny === 0)
    throw new Error(`invalid grid: ${nx} × ${ny} (heatmap chart; x and y need at least one value)`);
  if (o.values.length !== nx * ny) {
    throw new Error(
      `invalid values: ${o.values.length} entries (heatmap chart; expected x.length × y.length = ${nx * ny})`,
    );
  }
  if (o.pending && o.pending.length !== nx * ny) {
    throw new Error(`invalid pending: ${o.pending.length} entries (heatmap chart; expected ${nx * ny})`);
  }
  const isPending = (k: number) => Boolean(o.pending?.[k]);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let argLo = -1;
  let argHi = -1;
  let computed = 0;
  for (let k = 0; k < nx * ny; k++) {
    const v = o.values[k]!;
    if (isPending(k) || !Number.isFinite(v)) continue;
    computed++;
    if (v < lo) [lo, argLo] = [v, k];
    if (v > hi) [hi, argHi] = [v, k];
  }
  let domain: [number, number];
  if (o.domain) {
    const [a, b] = o.domain;
    if (!(Number.isFinite(a) && Number.isFinite(b) && b > a)) {
      throw new Error(`invalid domain: [${a}, ${b}] (heatmap chart; must be increasing finite numbers)`);
    }
    domain = [a, b];
  } else {
    const spread = computed ? Math.max(d.minSpread, d.center - lo, hi - d.center) : d.minSpread;
    domain = [d.center - spread, d.center + spread];
  }
  const mid = Math.min(Math.max(d.center, domain[0]), domain[1]);
  const color = scaleDiverging(interpolateRdBu).domain([domain[0], mid, domain[1]]).clamp(true);

  const fx = o.xFormat ?? ((v: number) => formatSig(v));
  const fy = o.yFormat ?? ((v: number) => formatSig(v));
  const where = (k: number) => `${o.xLabel} ${fx(o.x[k % nx]!)}, ${o.yLabel} ${fy(o.y[Math.floor(k / nx)]!)}`;
  const sentences = [
    `Heatmap of ${o.colorLabel} over ${o.xLabel} (${nx} values, ${fx(o.x[0]!)} to ${fx(o.x[nx - 1]!)}) ` +
      `and ${o.yLabel} (${ny} values, ${fy(o.y[0]!)} to ${fy(o.y[ny - 1]!)}). ` +
      `Red is below ${d.center}, blue above.`,
  ];
  if (computed) {
    sentences.push(
      `Lowest ${formatSig(lo)} at ${where(argLo)}; highest ${formatSig(hi)} at ${where(argHi)}.`,
    );
  }
  if (computed < nx * ny)
    sentences.push(`${nx * ny - computed} of ${nx * ny} cells are not computed yet or have no value.`);
  const frame = chartFrame({
    ...o,
    kind: 'heatmap',
    label: o.title ?? `Heatmap of ${o.colorLabel}`,
    description: sentences.join(' '),
  });
  const { plot, fontSize: fs, width, height, measure } = frame;
  const pad = Math.round(fs * 0.5);

  // Layout: a key row above the plot, the colour legend bar on the right, axes left and below.
  const keyRow = Math.round(lineBox(fs) + fs * 0.4);
  const top = frame.titleHeight + keyRow + Math.round(fs * 0.3);
  const xTitle = titleLines(o.xLabel, { maxWidth: width - 2 * pad, fontSize: fs, measure });
  const bottom = Math.round(height - bottomAxisHeight(fs, xTitle.length) - fs * 0.2);
  if (bottom - top < fs * 2) {
    throw new Error(
      `invalid height: ${height} (heatmap chart needs at least ${Math.ceil(height - (bottom - top) + fs * 2)} px)`,
    );
  }
  const legendBarW = Math.round(fs * 1.1);
  const yBand = scaleBand<number>()
    .domain(o.y.map((_, j) => j))
    .range([bottom, top]);
  const yTicks = fitTicks((n) => axisTicks(o.y, (j) => yBand(j)! + yBand.bandwidth() / 2, n, fy), {
    maxCount: Math.floor((bottom - top) / (fs * 2.5)),
    fontSize: fs,
    measure,
    orientation: 'vertical',
  });
  const yTitle = titleLines(o.yLabel, { maxWidth: bottom - top, fontSize: fs, measure });
  const left = leftAxisWidth(fs, maxTickWidth(yTicks, fs, measure), yTitle.length);
  const legendScale = scaleLinear().domain(domain).range([bottom, top]);
  // Both ends and the centre, or only what fits the bar's height (the ends first).
  // A label's centre, kept inside the bar's height so the end labels do not reach the rows around it.
  const labelPos = (v: number) => Math.min(Math.max(legendScale(v), top + fs * 0.6), bottom - fs * 0.6);
  const tickAt = (v: number): Tick & { mark: number } => ({
    pos: labelPos(v),
    text: formatSig(v),
    mark: legendScale(v),
  });
  const tickSets = [[domain[0], mid, domain[1]], [domain[0], domain[1]], [mid]].map((vs) =>
    [...new Set(vs)].map(tickAt),
  );
  const legendTicks =
    tickSets.find((t) => ticksFit(t, { fontSize: fs, measure, orientation: 'vertical', gap: fs * 0.4 })) ??
    tickSets[2]!;
  const colorTitle = titleLines(o.colorLabel, { maxWidth: bottom - top, fontSize: fs, measure });
  const right = Math.round(
    legendBarW +
      fs * 1.2 +
      7 +
      maxTickWidth(legendTicks, fs, measure) +
      fs * 0.5 +
      colorTitle.length * lineStep(fs) +
      pad,
  );
  const xBand = scaleBand<number>()
    .domain(o.x.map((_, i) => i))
    .range([left, width - right]);
  const cw = xBand.bandwidth();
  const ch = yBand.bandwidth();
  const xTicks = fitTicks((n) => axisTicks(o.x, (i) => xBand(i)! + cw / 2, n, fx), {
    maxCount: Math.floor((width - left - right) / (fs * 4)),
    fontSize: fs,
    measure,
    orientation: 'horizontal',
  });

  // Cells.
  const cells = plot.append('g').attr('class', 'eol-cells');
  const labelFs = frame.smallFontSize;
  const widest = Math.max(
    ...Array.from(o.values, (v) => (Number.isFinite(v) ? measure(formatFixed2(v), labelFs) : 0)),
  );
  const showLabels = cw >= widest + 4 && ch >= lineBox(labelFs) + 2;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const v = o.values[k]!;
      const cx = xBand(i)!;
      const cy = yBand(j)!;
      const rect = cells
        .append('rect')
        .attr('data-i', i)
        .attr('data-j', j)
        .attr('x', cx)
        .attr('y', cy)
        .attr('width', cw)
        .attr('height', ch);
      if (isPending(k)) {
        rect.attr('class', 'eol-cell eol-pending').attr('data-pending', 'true').attr('fill', GREYS.pending);
        cells
          .append('path')
          .attr('class', 'eol-pending-hatch')
          .attr('d', `M${cx},${cy + ch}L${cx + cw},${cy}`)
          .attr('stroke', GREYS.missing)
          .attr('stroke-width', 1)
          .attr('pointer-events', 'none');
      } else if (!Number.isFinite(v)) {
        rect.attr('class', 'eol-cell eol-missing').attr('data-value', 'NaN').attr('fill', GREYS.missing);
      } else {
        rect.attr('class', 'eol-cell').attr('data-value', dataNumber(v)).attr('fill', color(v));
        if (showLabels) {
          const t = (Math.min(Math.max(v, domain[0]), domain[1]) - domain[0]) / (domain[1] - domain[0]);
          const dark = Math.abs(t - 0.5) > 0.32;
          cells
            .append('text')
            .attr('class', 'eol-cell-label')
            .attr('x', cx + cw / 2)
            .attr('y', cy + ch / 2 + labelFs * 0.35)
            .attr('text-anchor', 'middle')
            .attr('font-size', labelFs)
            .attr('fill', dark ? '#FFFFFF' : GREYS.text)
            .attr('pointer-events', 'none')
            .text(formatFixed2(v));
        }
      }
    }
  }
  if (o.highlight) {
    const { i, j } = o.highlight;
    if (Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < nx && j >= 0 && j < ny) {
      plot
        .append('rect')
        .attr('class', 'eol-highlight')
        .attr('data-i', i)
        .attr('data-j', j)
        .attr('x', xBand(i)! + 1.5)
        .attr('y', yBand(j)! + 1.5)
        .attr('width', Math.max(1, cw - 3))
        .attr('height', Math.max(1, ch - 3))
        .attr('fill', 'none')
        .attr('stroke', d.highlightColor)
        .attr('stroke-width', 3)
        .attr('pointer-events', 'none');
    }
  }

  drawAxisLeft(plot, {
    ticks: yTicks,
    x: left,
    y0: top,
    y1: bottom,
    fontSize: fs,
    strokeWidth: frame.axisWidth,
    title: yTitle,
  });
  drawAxisBottom(plot, {
    ticks: xTicks,
    y: bottom,
    x0: left,
    x1: width - right,
    fontSize: fs,
    strokeWidth: frame.axisWidth,
    title: xTitle,
    titleX: titleCentre(xTitle, {
      x0: left,
      x1: width - right,
      chartWidth: width,
      pad,
      fontSize: fs,
      measure,
    }),
  });

  // Colour legend bar.
  const lx = width - right + Math.round(fs * 1.2);
  const lg = plot.append('g').attr('class', 'eol-color-legend');
  const stepH = (bottom - top) / d.legendSteps;
  for (let s = 0; s < d.legendSteps; s++) {
    const v = domain[0] + ((s + 0.5) / d.legendSteps) * (domain[1] - domain[0]);
    lg.append('rect')
      .attr('x', lx)
      .attr('y', bottom - (s + 1) * stepH)
      .attr('width', legendBarW)
      .attr('height', stepH + 0.5)
      .attr('fill', color(v));
  }
  lg.append('rect')
    .attr('x', lx)
    .attr('y', top)
    .attr('width', legendBarW)
    .attr('height', bottom - top)
    .attr('fill', 'none')
    .attr('stroke', GREYS.axis)
    .attr('stroke-width', 1);
  for (const t of legendTicks) {
    lg.append('line')
      .attr('x1', lx + legendBarW)
      .attr('x2', lx + legendBarW + 4)
      .attr('y1', t.mark)
      .attr('y2', t.mark)
      .attr('stroke', GREYS.axis)
      .attr('stroke-width', frame.axisWidth);
    lg.append('text')
      .attr('x', lx + legendBarW + 7)
      .attr('y', t.pos + fs * 0.35)
      .text(t.text);
  }
  const titleX0 = lx + legendBarW + 7 + maxTickWidth(legendTicks, fs, measure) + fs * 0.5 + fs * 0.93;
  colorTitle.forEach((line, k) => {
    lg.append('text')
      .attr('class', 'eol-axis-label')
      .attr('transform', `translate(${titleX0 + k * lineStep(fs)},${(top + bottom) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text(line);
  });
  if (computed < nx * ny) {
    // Key for grey cells, in the row above the plot, right-aligned.
    const keyText = 'not computed yet';
    const tx = width - pad;
    const kx = tx - measure(keyText, fs) - 6 - legendBarW;
    const ky = top - Math.round(fs * 0.3) - Math.round(lineBox(fs));
    lg.append('rect')
      .attr('class', 'eol-pending-key')
      .attr('x', kx)
      .attr('y', ky + fs * 0.1)
      .attr('width', legendBarW)
      .attr('height', fs)
      .attr('fill', GREYS.pending)
      .attr('stroke', GREYS.missing);
    lg.append('text')
      .attr('x', tx)
      .attr('y', ky + fs * 0.93)
      .attr('text-anchor', 'end')
      .text(keyText);
  }
  return finishChart(frame);
}
