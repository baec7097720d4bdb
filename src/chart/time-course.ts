/**
 * Time-course chart: one line per group of a `SimulationResult` series (by default as fold vs the
 * control group at the same time), with a lane strip per group under the plot showing its bouts,
 * each group's readout time, an optional pinned run, a measuring cursor and a legend.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Bout } from '../protocol/protocol.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import {
  axisBottom,
  axisLeft,
  type LegendItem,
  legend,
  legendHeight,
  lineSwatch,
  type Tick,
} from './axis.ts';
import { CHART_DEFAULTS, chartFrame, finishChart, formatSig, type Svg, textWidth } from './frame.ts';
import { BOUT_FILLS, BOUT_STROKES, GREYS, groupColor, groupDash } from './palette.ts';
import { checkSeries, findGroup, seriesPoints, valueAtTime } from './series.ts';

/** Defaults of `timeCourseChart`, declared once. */
export const TIME_COURSE_DEFAULTS = Object.freeze({
  foldVsControl: true,
  /** Opacity of the other groups when one is highlighted. */
  dimOpacity: 0.3,
  /** Width factor of the highlighted line. */
  highlightWidth: 1.7,
  pinnedWidth: 2,
  pinnedDash: '5 4',
  /** Spacing of the hatching that marks endurance bouts, px. */
  hatchSpacing: 4,
  /** Narrowest drawn bout, px (a 20-min bout on a 76-h axis is still visible). */
  minBoutWidth: 2,
  /** Candidate x-tick steps, hours. */
  hourSteps: [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 96, 168],
  laneBackground: '#F4F4F4',
});

/** Options of `timeCourseChart`. Times in minutes; the x axis is drawn in hours. */
export interface TimeCourseOptions {
  readonly result: SimulationResult;
  /** Series to draw (a state or observable name, e.g. `mps`). */
  readonly series: string;
  /** Group ids to draw, in order (default: all groups of the result). */
  readonly groups?: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** Divide by the control group at the same time (default true). */
  readonly foldVsControl?: boolean;
  /** An earlier run drawn as thin grey dashed lines per group, labelled "pinned". */
  readonly pinned?: SimulationResult;
  /** Time of the measuring cursor, minutes: a vertical rule and each group's value there. */
  readonly cursorTime?: number;
  readonly title?: string;
  /** Y-axis title (default: the series name, plus "fold vs control" when folding). */
  readonly yLabel?: string;
  /** Marks the chart as out of date (class `stale` and a visible label). */
  readonly stale?: boolean;
  /** Group drawn on top and thicker; the others are dimmed. */
  readonly highlightGroup?: string;
  /** Time window shown, minutes (default: the whole simulation). */
  readonly timeRange?: readonly [number, number];
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
}

function hourTicks(h0: number, h1: number, maxTicks: number, x: (h: number) => number): Tick[] {
  const steps = TIME_COURSE_DEFAULTS.hourSteps;
  const step = steps.find((s) => (h1 - h0) / s <= maxTicks) ?? steps[steps.length - 1]!;
  const ticks: Tick[] = [];
  for (let k = Math.ceil(h0 / step - 1e-9); k * step <= h1 + 1e-9; k++) {
    const h = k * step;
    ticks.push({ pos: x(h), text: formatSig(h, 4) });
  }
  return ticks;
}

/** Clock time in words: `1 h 20 min`, `2 h`, `45 min`. */
function clockWords(minutes: number): string {
  const total = Math.round(minutes);
  const h = Math.trunc(total / 60);
  const m = Math.abs(total - h * 60);
  if (h === 0) return `${total} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function boutWords(b: Bout): string {
  return `${b.kind} bout, ${formatSig(b.duration)} min from ${clockWords(b.start)}, intensity ${formatSig(b.intensity)}`;
}

/** Positions of cursor labels pushed apart by at least `gap`, kept inside [lo, hi]. */
function spreadLabels(ys: number[], gap: number, lo: number, hi: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) order[k]!.y = Math.max(order[k]!.y, order[k - 1]!.y + gap);
  const overflow = order.length ? order[order.length - 1]!.y - hi : 0;
  if (overflow > 0) for (const o of order) o.y -= overflow;
  for (let k = 0; k < order.length; k++)
    order[k]!.y = Math.max(order[k]!.y, k === 0 ? lo : order[k - 1]!.y + gap);
  const out = new Array<number>(ys.length);
  for (const o of order) out[o.i] = o.y;
  return out;
}

/**
 * Draw a time course of `series` for the chosen groups.
 * @throws Error naming an unknown series or group, a missing control group, or an invalid size
 */
export function timeCourseChart(o: TimeCourseOptions): SVGSVGElement {
  const d = TIME_COURSE_DEFAULTS;
  const { result, series } = o;
  checkSeries(result, series, 'time-course chart');
  const groups = (o.groups ?? result.groups.map((g) => g.id)).map((id) =>
    findGroup(result, id, 'time-course chart'),
  );
  const fold = o.foldVsControl ?? d.foldVsControl;
  const control = fold
    ? findGroup(result, result.protocol.controlGroup, 'control group of the run')
    : undefined;
  const { time } = result;
  const [t0, t1] = o.timeRange ?? [time[0]!, time[time.length - 1]!];
  if (!(Number.isFinite(t0) && Number.isFinite(t1) && t1 > t0)) {
    throw new Error(`invalid timeRange: [${t0}, ${t1}] (time-course chart; must be increasing minutes)`);
  }
  if (o.highlightGroup !== undefined && !groups.some((g) => g.id === o.highlightGroup)) {
    throw new Error(
      `unknown highlightGroup: ${o.highlightGroup} (time-course chart; groups: ${groups.map((g) => g.id).join(', ')})`,
    );
  }
  const pinned = o.pinned;
  if (pinned) checkSeries(pinned, series, 'pinned run of the time-course chart');
  const pinnedControl =
    pinned && fold
      ? findGroup(pinned, pinned.protocol.controlGroup, 'control group of the pinned run')
      : undefined;
  const pinnedGroups = pinned
    ? groups.flatMap((g) => {
        const p = pinned.groups.find((x) => x.id === g.id);
        return p ? [p] : [];
      })
    : [];

  // Data, computed once.
  const lines = groups.map((g) => seriesPoints(result, g, series, control, t0, t1));
  const pinnedLines = pinnedGroups.map((g) => seriesPoints(pinned!, g, series, pinnedControl, t0, t1));
  const readouts = groups.map((g) => ({
    g,
    t: g.readoutTime,
    v: valueAtTime(result, g, series, g.readoutTime, control),
  }));
  const sharedReadout =
    groups.length > 0 && groups.every((g) => Math.abs(g.readoutTime - groups[0]!.readoutTime) < 1e-9);
  const readoutLabel = `readout (${formatSig(result.protocol.readout.afterResistance / 60)} h after RE)`;
  const cursor =
    o.cursorTime !== undefined && o.cursorTime >= t0 && o.cursorTime <= t1 ? o.cursorTime : undefined;

  // Words.
  const seriesWords = fold ? `${series}, fold vs control` : series;
  const yLabel = o.yLabel ?? seriesWords;
  const h0 = t0 / 60;
  const h1 = t1 / 60;
  const label = o.title ?? `Time course of ${series}`;
  const sentences = [
    `Line chart of ${series}${fold ? ' as fold change against the control group at the same time' : ''}, ` +
      `${formatSig(h0)} to ${formatSig(h1)} h, for ${groups.length} group${groups.length === 1 ? '' : 's'}: ` +
      `${groups.map((g) => g.label).join(', ')}.`,
    ...groups.map((g) => {
      const bouts = g.group.bouts;
      return `${g.label}: ${bouts.length ? bouts.map(boutWords).join('; ') : 'no exercise'}.`;
    }),
    `Values at each group's readout time: ${readouts.map((r) => `${r.g.label} ${formatSig(r.v)} at ${clockWords(r.t)}`).join(', ')}.`,
  ];
  if (pinnedGroups.length) sentences.push('Thin grey dashed lines show the pinned earlier run.');
  if (cursor !== undefined) {
    sentences.push(
      `Cursor at ${clockWords(cursor)}: ${groups.map((g) => `${g.label} ${formatSig(valueAtTime(result, g, series, cursor, control))}`).join(', ')}.`,
    );
  }

  const frame = chartFrame({
    kind: 'time-course',
    width: o.width,
    height: o.height,
    document: o.document,
    label,
    description: sentences.join(' '),
    title: o.title,
    stale: o.stale,
    id: o.id,
  });
  const { svg, plot, fontSize: fs, width, height } = frame;
  svg.attr('data-series', series);

  // Layout.
  const laneFs = Math.max(CHART_DEFAULTS.minFontSize, Math.round(fs * 0.86));
  const laneH = Math.round(laneFs * 1.4);
  const tickLen = Math.round(fs * 0.4);
  const laneLabelW = groups.reduce((m, g) => Math.max(m, textWidth(g.label, laneFs)), 0);
  const left = Math.round(Math.max(fs * 5, laneLabelW + fs));
  const right = Math.round(fs * 1.2);
  const legendLabels = [
    ...groups.map((g) => g.label),
    ...(pinnedGroups.length ? ['pinned'] : []),
    'resistance bout',
    'endurance bout',
    readoutLabel,
  ];
  const legendTop = frame.titleHeight + Math.round(fs * 0.3);
  const legendW = width - fs - frame.reservedRight;
  const legendH = legendHeight(legendLabels, legendW, fs);
  const top = legendTop + legendH + Math.round(fs * 0.8);
  const lanesH = groups.length * laneH;
  const axisH = tickLen + Math.round(fs * 1.3) + Math.round(fs * 1.4);
  const plotBottom = Math.round(height - axisH - lanesH - Math.round(fs * 0.4));
  const minPlot = fs * 3;
  if (plotBottom - top < minPlot) {
    throw new Error(
      `invalid height: ${height} (time-course chart with ${groups.length} groups needs at least ${Math.ceil(height - (plotBottom - top) + minPlot)} px)`,
    );
  }
  const lanesStart = plotBottom + Math.round(fs * 0.4);
  const axisY = lanesStart + lanesH;
  const x = scaleLinear()
    .domain([h0, h1])
    .range([left, width - right]);

  // Y scale over every drawn value (and 1 when folding).
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const pts of [...lines, ...pinnedLines]) {
    for (const [, v] of pts) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (fold) {
    lo = Math.min(lo, 1);
    hi = Math.max(hi, 1);
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
    const pad = Math.abs(hi) * 0.05 || 0.5;
    lo -= pad;
    hi += pad;
  }
  const yTickCount = Math.max(3, Math.floor((plotBottom - top) / (fs * 2.6)));
  const y = scaleLinear().domain([lo, hi]).nice(yTickCount).range([plotBottom, top]);
  const yFormat = y.tickFormat(yTickCount);
  const yTicks = y.ticks(yTickCount).map((v) => ({ pos: y(v), text: yFormat(v) }));
  const xTicks = hourTicks(h0, h1, Math.max(2, Math.floor((width - left - right) / (fs * 3.5))), x);

  // Axes and grid.
  axisLeft(plot, {
    ticks: yTicks,
    x: left,
    y0: top,
    y1: plotBottom,
    fontSize: fs,
    label: yLabel,
    labelX: Math.round(fs * 0.9),
    gridRight: width - right,
  });
  axisBottom(plot, {
    ticks: xTicks,
    y: axisY,
    x0: left,
    x1: width - right,
    fontSize: fs,
    label: 'time (h)',
    gridTop: top,
  });
  plot
    .append('line')
    .attr('class', 'eol-plot-baseline')
    .attr('x1', left)
    .attr('x2', width - right)
    .attr('y1', plotBottom)
    .attr('y2', plotBottom)
    .attr('stroke', GREYS.axis)
    .attr('stroke-width', 1);
  if (fold) {
    plot
      .append('line')
      .attr('class', 'eol-reference')
      .attr('x1', left)
      .attr('x2', width - right)
      .attr('y1', y(1))
      .attr('y2', y(1))
      .attr('stroke', GREYS.reference)
      .attr('stroke-width', 1.5);
  }

  // Lanes: one strip per group with its bouts and its readout marker.
  const lanes = plot.append('g').attr('class', 'eol-lanes');
  groups.forEach((g, gi) => {
    const ly = lanesStart + gi * laneH;
    const lane = lanes.append('g').attr('class', 'eol-lane').attr('data-group', g.id);
    lane
      .append('rect')
      .attr('class', 'eol-lane-background')
      .attr('x', left)
      .attr('y', ly + 1)
      .attr('width', width - right - left)
      .attr('height', laneH - 2)
      .attr('fill', d.laneBackground);
    lane
      .append('text')
      .attr('class', 'eol-lane-label')
      .attr('x', left - 6)
      .attr('y', ly + laneH / 2 + laneFs * 0.35)
      .attr('text-anchor', 'end')
      .attr('font-size', laneFs)
      .text(g.label);
    for (const b of g.group.bouts) {
      const s = Math.max(b.start, t0);
      const e = Math.min(b.start + b.duration, t1);
      if (e <= s) continue;
      const bx = x(s / 60);
      const bw = Math.max(d.minBoutWidth, x(e / 60) - bx);
      drawBout(lane, b, bx, ly + 3, bw, laneH - 6);
    }
    if (g.readoutTime >= t0 && g.readoutTime <= t1) {
      const rx = x(g.readoutTime / 60);
      const s = Math.round(laneFs * 0.45);
      const by = ly + laneH - 2;
      lane
        .append('path')
        .attr('class', 'eol-readout eol-readout-marker')
        .attr('data-group', g.id)
        .attr('d', `M${rx},${by - s * 1.4}L${rx + s},${by}L${rx - s},${by}Z`)
        .attr('fill', GREYS.text)
        .append('title')
        .text(`${g.label}: readout at ${clockWords(g.readoutTime)}`);
    }
  });

  // Shared readout rule.
  if (sharedReadout) {
    const rt = groups[0]!.readoutTime;
    if (rt >= t0 && rt <= t1) {
      const rx = x(rt / 60);
      const rule = plot.append('g').attr('class', 'eol-readout eol-readout-rule');
      rule
        .append('line')
        .attr('x1', rx)
        .attr('x2', rx)
        .attr('y1', top)
        .attr('y2', axisY)
        .attr('stroke', GREYS.text)
        .attr('stroke-width', 1.5)
        .attr('stroke-dasharray', '6 4');
      const anchorEnd = rx > (left + width - right) / 2;
      rule
        .append('text')
        .attr('x', rx + (anchorEnd ? -4 : 4))
        .attr('y', top + fs)
        .attr('text-anchor', anchorEnd ? 'end' : 'start')
        .attr('stroke', '#FFFFFF')
        .attr('stroke-width', 3)
        .attr('paint-order', 'stroke')
        .text(readoutLabel);
    }
  }

  // Lines.
  const path = line<[number, number]>()
    .defined(([, v]) => Number.isFinite(v))
    .x(([h]) => x(h))
    .y(([, v]) => y(v));
  const pinnedLayer = plot.append('g').attr('class', 'eol-pinned-lines');
  pinnedGroups.forEach((g, k) => {
    pinnedLayer
      .append('path')
      .attr('class', 'eol-pinned')
      .attr('data-group', g.id)
      .attr('d', path(pinnedLines[k]!) ?? '')
      .attr('fill', 'none')
      .attr('stroke', GREYS.pinned)
      .attr('stroke-width', d.pinnedWidth)
      .attr('stroke-dasharray', d.pinnedDash);
  });
  const lineLayer = plot.append('g').attr('class', 'eol-lines');
  const drawOrder = groups
    .map((g, gi) => ({ g, gi }))
    .sort((a, b) => {
      const ha = a.g.id === o.highlightGroup ? 1 : 0;
      const hb = b.g.id === o.highlightGroup ? 1 : 0;
      return ha - hb || a.gi - b.gi;
    });
  for (const { g, gi } of drawOrder) {
    const highlighted = g.id === o.highlightGroup;
    const el = lineLayer
      .append('path')
      .attr('class', highlighted ? 'eol-line eol-highlight' : 'eol-line')
      .attr('data-group', g.id)
      .attr('d', path(lines[gi]!) ?? '')
      .attr('fill', 'none')
      .attr('stroke', groupColor(g.id, gi))
      .attr(
        'stroke-width',
        highlighted ? CHART_DEFAULTS.lineWidth * d.highlightWidth : CHART_DEFAULTS.lineWidth,
      )
      .attr('stroke-dasharray', groupDash(g.id, gi))
      .attr('stroke-linejoin', 'round');
    if (o.highlightGroup !== undefined && !highlighted) el.attr('opacity', d.dimOpacity);
  }

  // Readout points on the lines.
  const points = plot.append('g').attr('class', 'eol-readout-points');
  readouts.forEach((r, gi) => {
    if (r.t < t0 || r.t > t1 || !Number.isFinite(r.v)) return;
    const dot = points
      .append('circle')
      .attr('class', 'eol-readout-point')
      .attr('data-group', r.g.id)
      .attr('cx', x(r.t / 60))
      .attr('cy', y(r.v))
      .attr('r', Math.round(fs * 0.3))
      .attr('fill', groupColor(r.g.id, gi))
      .attr('stroke', '#FFFFFF')
      .attr('stroke-width', 1.5);
    if (o.highlightGroup !== undefined && r.g.id !== o.highlightGroup) dot.attr('opacity', d.dimOpacity);
  });

  // Cursor.
  if (cursor !== undefined) drawCursor(plot, cursor);

  // Legend.
  const items: LegendItem[] = groups.map((g, gi) => ({
    label: g.label,
    className: `eol-legend-group${g.id === o.highlightGroup ? ' eol-highlight' : ''}`,
    swatch: lineSwatch(groupColor(g.id, gi), groupDash(g.id, gi), CHART_DEFAULTS.lineWidth),
  }));
  if (pinnedGroups.length) {
    items.push({
      label: 'pinned',
      className: 'eol-legend-pinned',
      swatch: lineSwatch(GREYS.pinned, d.pinnedDash, d.pinnedWidth),
    });
  }
  items.push(
    { label: 'resistance bout', swatch: (g, w, f) => drawBoutSwatch(g, 'resistance', w, f) },
    { label: 'endurance bout', swatch: (g, w, f) => drawBoutSwatch(g, 'endurance', w, f) },
    {
      label: readoutLabel,
      swatch: (g, w, f) => {
        const s = Math.round(f * 0.4);
        g.append('path')
          .attr('d', `M${w / 2},${-s * 0.9}L${w / 2 + s},${s * 0.6}L${w / 2 - s},${s * 0.6}Z`)
          .attr('fill', GREYS.text);
      },
    },
  );
  legend(svg, items, Math.round(fs * 0.5), legendTop, legendW, fs);

  return finishChart(frame);

  function drawCursor(layer: Svg<SVGGElement>, t: number): void {
    const cx = x(t / 60);
    const g = layer.append('g').attr('class', 'eol-cursor').attr('data-time', t);
    g.append('line')
      .attr('x1', cx)
      .attr('x2', cx)
      .attr('y1', top)
      .attr('y2', axisY)
      .attr('stroke', GREYS.text)
      .attr('stroke-width', 2);
    const onLeft = cx > left + (width - right - left) * 0.65;
    const dx = onLeft ? -6 : 6;
    const anchor = onLeft ? 'end' : 'start';
    g.append('text')
      .attr('class', 'eol-cursor-time')
      .attr('x', cx + dx)
      .attr('y', top - Math.round(fs * 0.3))
      .attr('text-anchor', anchor)
      .attr('font-weight', 'bold')
      .text(`${formatSig(t / 60)} h`);
    const values = groups.map((gr) => valueAtTime(result, gr, series, t, control));
    const ys = spreadLabels(
      values.map((v) => (Number.isFinite(v) ? y(v) : plotBottom)),
      fs * 1.15,
      top + fs,
      plotBottom,
    );
    groups.forEach((gr, gi) => {
      g.append('text')
        .attr('class', 'eol-cursor-label')
        .attr('data-group', gr.id)
        .attr('x', cx + dx)
        .attr('y', ys[gi]! + fs * 0.35)
        .attr('text-anchor', anchor)
        .attr('fill', GREYS.text)
        .attr('stroke', '#FFFFFF')
        .attr('stroke-width', 3)
        .attr('paint-order', 'stroke')
        .text(`${gr.label} ${formatSig(values[gi]!)}`);
    });
  }
}

function drawBout(parent: Svg<SVGGElement>, b: Bout, x: number, y: number, w: number, h: number): void {
  const g = parent.append('g').attr('class', 'eol-bout');
  g.append('rect')
    .attr('class', `eol-bout-${b.kind}`)
    .attr('data-start', b.start)
    .attr('data-duration', b.duration)
    .attr('x', x)
    .attr('y', y)
    .attr('width', w)
    .attr('height', h)
    .attr('fill', BOUT_FILLS[b.kind])
    .attr('stroke', BOUT_STROKES[b.kind])
    .attr('stroke-width', 1)
    .append('title')
    .text(boutWords(b));
  if (b.kind === 'endurance') hatch(g, x, y, w, h);
}

function hatch(g: Svg<SVGGElement>, x: number, y: number, w: number, h: number): void {
  const step = TIME_COURSE_DEFAULTS.hatchSpacing;
  let dPath = '';
  for (let hx = x + step / 2; hx < x + w; hx += step) dPath += `M${hx},${y}V${y + h}`;
  if (dPath) {
    g.append('path')
      .attr('class', 'eol-bout-hatch')
      .attr('d', dPath)
      .attr('stroke', BOUT_STROKES.endurance)
      .attr('stroke-width', 1);
  }
}

function drawBoutSwatch(g: Svg<SVGGElement>, kind: Bout['kind'], w: number, fs: number): void {
  const h = Math.round(fs * 0.8);
  g.append('rect')
    .attr('x', 0)
    .attr('y', -h / 2)
    .attr('width', w)
    .attr('height', h)
    .attr('fill', BOUT_FILLS[kind])
    .attr('stroke', BOUT_STROKES[kind])
    .attr('stroke-width', 1);
  if (kind === 'endurance') hatch(g, 0, -h / 2, w, h);
}
