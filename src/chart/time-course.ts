/**
 * Time-course chart: one line per group of a `SimulationResult` series (by default as fold vs the
 * control group at the same time), with a lane strip per group under the plot showing its bouts,
 * each group's readout time, an optional pinned run, a measuring cursor with direct labels that
 * keep clear of the lines, and a legend. `timeCourseLayout` decides where everything goes; this
 * file only draws it.
 *
 * The plot area is published for overlays (e.g. a "sketch the curve" layer): the `<g
 * class="eol-plot-area">` holding the lines carries its pixel box and domains as data attributes,
 * read back with `plotAreaOf(svg)`.
 */
import { area as area_, line } from 'd3-shape';
import type { Bout } from '../protocol/protocol.ts';
import { drawLegend, drawPlotAxes, type LegendItem, lineSwatch } from './axis.ts';
import { dataNumber, formatClockH, formatSig } from './format.ts';
import { chartFrame, type Frame, finishChart, type Svg } from './frame.ts';
import { BOUT_FILLS, BOUT_STROKES, GREYS } from './palette.ts';
import {
  TIME_COURSE_DEFAULTS,
  type TimeCourseData,
  type TimeCourseLayout,
  type TimeCourseOptions,
  timeCourseData,
  timeCourseLayout,
} from './time-course-layout.ts';

export {
  TIME_COURSE_DEFAULTS,
  type TimeCourseBands,
  type TimeCourseData,
  type TimeCourseLayout,
  type TimeCourseOptions,
  timeCourseData,
  timeCourseHeight,
  timeCourseLayout,
} from './time-course-layout.ts';

/** The plot area of a drawn time course: its pixel box, its domains and the mappings between them. */
export interface PlotArea {
  /** Pixel box in the SVG's user units (the viewBox), left < right, top < bottom. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** Time domain, minutes, at `left` and `right`. */
  readonly t0: number;
  readonly t1: number;
  /** Value domain at `bottom` (v0) and `top` (v1). */
  readonly v0: number;
  readonly v1: number;
  /** Minutes → x px. */
  x(t: number): number;
  /** Value → y px. */
  y(v: number): number;
  /** x px → minutes. */
  t(x: number): number;
  /** y px → value. */
  v(y: number): number;
}

/**
 * The plot area of a time-course chart drawn by `timeCourseChart`, read from the data attributes
 * of its `g.eol-plot-area` (`data-left`, `data-right`, `data-top`, `data-bottom` in SVG units;
 * `data-t0`, `data-t1` in minutes; `data-v0`, `data-v1` in the series' units — fold when folded).
 * Both axes are linear. `undefined` if `svg` is not such a chart. To draw over the lines, append
 * to that `<g>`; to map a pointer, convert client coordinates with the SVG's `getScreenCTM()`.
 */
export function plotAreaOf(svg: SVGSVGElement): PlotArea | undefined {
  const g = svg.querySelector('g.eol-plot-area');
  if (!g) return undefined;
  const num = (k: string) => Number(g.getAttribute(`data-${k}`));
  const [left, right, top, bottom, t0, t1, v0, v1] = [
    'left',
    'right',
    'top',
    'bottom',
    't0',
    't1',
    'v0',
    'v1',
  ].map(num) as [number, number, number, number, number, number, number, number];
  if (![left, right, top, bottom, t0, t1, v0, v1].every(Number.isFinite) || right <= left || bottom <= top)
    return undefined;
  return {
    left,
    right,
    top,
    bottom,
    t0,
    t1,
    v0,
    v1,
    x: (t) => left + ((t - t0) / (t1 - t0)) * (right - left),
    y: (v) => bottom - ((v - v0) / (v1 - v0)) * (bottom - top),
    t: (x) => t0 + ((x - left) / (right - left)) * (t1 - t0),
    v: (y) => v0 + ((bottom - y) / (bottom - top)) * (v1 - v0),
  };
}

/** Time in words for descriptions: `4:20 h`. */
const when = formatClockH;

function boutWords(b: Bout): string {
  return `${b.kind} bout, ${when(b.duration)} long from ${when(b.start)}, intensity ${formatSig(b.intensity)}`;
}

function describe(o: TimeCourseOptions, data: TimeCourseData): string {
  const { groups, fold } = data;
  const sentences = [
    `Line chart of ${o.series}${fold ? ' as fold change against the control group at the same time' : ''}, ` +
      `${when(data.t0)} to ${when(data.t1)}, for ${groups.length} group${groups.length === 1 ? '' : 's'}: ` +
      `${groups.map((g) => g.label).join(', ')}.`,
    ...groups.map((g) => {
      const bouts = g.group.bouts;
      return `${g.label}: ${bouts.length ? bouts.map(boutWords).join('; ') : 'no exercise'}.`;
    }),
    `Values at each group's readout time: ${data.readouts.map((r) => `${r.g.label} ${formatSig(r.v)} at ${when(r.t)}`).join(', ')}.`,
  ];
  if (data.pinnedGroups.length) sentences.push('Thin grey dashed lines show the pinned earlier run.');
  if (data.bands.length)
    sentences.push(
      'Shaded bands show where the plausible models lie: the darker band holds the middle 50%, the lighter one 90%.',
    );
  if (data.cursor !== undefined) {
    sentences.push(
      `Cursor at ${when(data.cursor)}: ${groups.map((g, k) => `${g.label} ${formatSig(data.cursorValues[k]!)}`).join(', ')}.`,
    );
  }
  return sentences.join(' ');
}

/**
 * Draw a time course of `series` for the chosen groups.
 * @throws Error naming an unknown series or group, a missing control group, or an invalid size
 *   (`invalid height: … needs at least N px` when the plot area would be shorter than its minimum)
 */
export function timeCourseChart(o: TimeCourseOptions): SVGSVGElement {
  const data = timeCourseData(o);
  const frame = chartFrame({
    ...o,
    kind: 'time-course',
    label: o.title ?? `Time course of ${o.series}`,
    description: describe(o, data),
  });
  frame.svg.attr('data-series', o.series);
  const layout = timeCourseLayout(o, data, frame);
  drawAxes(frame, layout, data);
  drawLanes(frame, layout, data);
  drawReadoutRule(frame, layout, data);
  const area = drawPlotArea(frame, layout, data);
  drawLines(area, frame, layout, data, o.highlightGroup);
  if (data.cursor !== undefined) drawCursor(area, frame, layout, data);
  drawTimeCourseLegend(frame, layout, data, o.highlightGroup);
  return finishChart(frame);
}

function drawAxes(frame: Frame, L: TimeCourseLayout, data: TimeCourseData): void {
  const { plot, fontSize: fs, axisWidth } = frame;
  const p = L.plot;
  drawPlotAxes(plot, {
    box: p,
    xTicks: L.xTicks,
    yTicks: L.yTicks,
    xTitle: L.xTitle,
    yTitle: L.yTitle,
    xTitleX: L.xTitleX,
    fontSize: fs,
    strokeWidth: axisWidth,
    axisY: L.axisY,
  });
  plot
    .append('line')
    .attr('class', 'eol-plot-baseline')
    .attr('x1', p.left)
    .attr('x2', p.right)
    .attr('y1', p.bottom)
    .attr('y2', p.bottom)
    .attr('stroke', GREYS.axis)
    .attr('stroke-width', 1);
  if (data.fold) {
    plot
      .append('line')
      .attr('class', 'eol-reference')
      .attr('x1', p.left)
      .attr('x2', p.right)
      .attr('y1', L.y(1))
      .attr('y2', L.y(1))
      .attr('stroke', GREYS.reference)
      .attr('stroke-width', axisWidth);
  }
}

/** Lanes: one strip per group with its bouts and its readout marker. */
function drawLanes(frame: Frame, L: TimeCourseLayout, data: TimeCourseData): void {
  const d = TIME_COURSE_DEFAULTS;
  const { left, right } = L.plot;
  const lanes = frame.plot.append('g').attr('class', 'eol-lanes');
  const laneFs = L.laneFontSize;
  const laneH = L.laneHeight;
  data.groups.forEach((g, gi) => {
    const ly = L.lanesTop + gi * laneH;
    const lane = lanes.append('g').attr('class', 'eol-lane').attr('data-group', g.id);
    lane
      .append('rect')
      .attr('class', 'eol-lane-background')
      .attr('x', left)
      .attr('y', ly + 1)
      .attr('width', right - left)
      .attr('height', laneH - 2)
      .attr('fill', d.laneBackground);
    const label = lane
      .append('text')
      .attr('class', 'eol-lane-label')
      .attr('x', left - 6)
      .attr('y', ly + laneH / 2 + laneFs * 0.35)
      .attr('text-anchor', 'end')
      .attr('font-size', laneFs)
      .text(L.laneLabels[gi]!);
    if (L.laneLabels[gi] !== g.label) label.append('title').text(g.label);
    for (const b of g.group.bouts) {
      const s = Math.max(b.start, data.t0);
      const e = Math.min(b.start + b.duration, data.t1);
      if (e <= s) continue;
      const bx = L.x(s);
      drawBout(lane, b, bx, ly + 3, Math.max(d.minBoutWidth, L.x(e) - bx), laneH - 6);
    }
    if (g.readoutTime >= data.t0 && g.readoutTime <= data.t1) {
      const rx = L.x(g.readoutTime);
      const s = Math.round(laneFs * 0.45);
      const by = ly + laneH - 2;
      lane
        .append('path')
        .attr('class', 'eol-readout eol-readout-marker')
        .attr('data-group', g.id)
        .attr('d', `M${rx},${by - s * 1.4}L${rx + s},${by}L${rx - s},${by}Z`)
        .attr('fill', GREYS.text)
        .append('title')
        .text(`${g.label}: readout at ${formatClockH(g.readoutTime)}`);
    }
  });
}

/** The readout time every group shares: a dashed rule over plot and lanes, labelled when it fits. */
function drawReadoutRule(frame: Frame, L: TimeCourseLayout, data: TimeCourseData): void {
  const rt = data.sharedReadout;
  if (rt === undefined || rt < data.t0 || rt > data.t1) return;
  const rx = L.x(rt);
  const rule = frame.plot.append('g').attr('class', 'eol-readout eol-readout-rule');
  rule
    .append('line')
    .attr('x1', rx)
    .attr('x2', rx)
    .attr('y1', L.plot.top)
    .attr('y2', L.axisY)
    .attr('stroke', GREYS.text)
    .attr('stroke-width', frame.axisWidth)
    .attr('stroke-dasharray', '6 4');
  const t = L.readoutRuleLabel;
  if (t) rule.append('text').attr('x', t.x).attr('y', t.y).attr('text-anchor', t.anchor).text(t.text);
}

function drawPlotArea(frame: Frame, L: TimeCourseLayout, data: TimeCourseData): Svg<SVGGElement> {
  const [v0, v1] = L.y.domain() as [number, number];
  return frame.plot
    .append('g')
    .attr('class', 'eol-plot-area')
    .attr('data-left', dataNumber(L.plot.left))
    .attr('data-right', dataNumber(L.plot.right))
    .attr('data-top', dataNumber(L.plot.top))
    .attr('data-bottom', dataNumber(L.plot.bottom))
    .attr('data-t0', dataNumber(data.t0))
    .attr('data-t1', dataNumber(data.t1))
    .attr('data-v0', dataNumber(v0))
    .attr('data-v1', dataNumber(v1));
}

/** Uncertainty bands under the lines: the 90% band faint, the 50% band stronger, in the group's colour. */
function drawBands(area: Svg<SVGGElement>, L: TimeCourseLayout, data: TimeCourseData): void {
  if (data.bands.length === 0) return;
  const d = TIME_COURSE_DEFAULTS;
  const shape = area_<readonly [number, number, number]>()
    .defined(([, lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi))
    .x(([t]) => L.x(t))
    .y0(([, lo]) => L.y(lo))
    .y1(([, , hi]) => L.y(hi));
  const layer = area.append('g').attr('class', 'eol-bands');
  for (const b of data.bands) {
    const color = data.styles[data.groups.indexOf(b.g)]!.color;
    for (const [level, pts, opacity] of [
      ['90', b.outer, d.bandOpacity90],
      ['50', b.inner, d.bandOpacity50],
    ] as const)
      layer
        .append('path')
        .attr('class', 'eol-band')
        .attr('data-group', b.g.id)
        .attr('data-level', level)
        .attr('d', shape(pts) ?? '')
        .attr('fill', color)
        .attr('fill-opacity', opacity)
        .attr('stroke', 'none');
  }
}

function drawLines(
  area: Svg<SVGGElement>,
  frame: Frame,
  L: TimeCourseLayout,
  data: TimeCourseData,
  highlight: string | undefined,
): void {
  const d = TIME_COURSE_DEFAULTS;
  const lw = frame.lineWidth;
  const path = line<readonly [number, number]>()
    .defined(([, v]) => Number.isFinite(v))
    .x(([t]) => L.x(t))
    .y(([, v]) => L.y(v));
  drawBands(area, L, data);
  const pinnedLayer = area.append('g').attr('class', 'eol-pinned-lines');
  data.pinnedGroups.forEach((g, k) => {
    pinnedLayer
      .append('path')
      .attr('class', 'eol-pinned')
      .attr('data-group', g.id)
      .attr('d', path(data.pinnedLines[k]!) ?? '')
      .attr('fill', 'none')
      .attr('stroke', GREYS.pinned)
      .attr('stroke-width', lw * d.pinnedWidth)
      .attr('stroke-dasharray', d.pinnedDash);
  });
  const lineLayer = area.append('g').attr('class', 'eol-lines');
  const order = data.groups
    .map((g, gi) => ({ g, gi }))
    .sort((a, b) => Number(a.g.id === highlight) - Number(b.g.id === highlight) || a.gi - b.gi);
  for (const { g, gi } of order) {
    const on = g.id === highlight;
    const style = data.styles[gi]!;
    const el = lineLayer
      .append('path')
      .attr('class', on ? 'eol-line eol-highlight' : 'eol-line')
      .attr('data-group', g.id)
      .attr('d', path(data.lines[gi]!) ?? '')
      .attr('fill', 'none')
      .attr('stroke', style.color)
      .attr('stroke-width', on ? lw * d.highlightWidth : lw)
      .attr('stroke-dasharray', style.dash)
      .attr('stroke-linejoin', 'round');
    if (highlight !== undefined && !on) el.attr('opacity', d.dimOpacity);
  }
  const points = area.append('g').attr('class', 'eol-readout-points');
  data.readouts.forEach((r, gi) => {
    if (r.t < data.t0 || r.t > data.t1 || !Number.isFinite(r.v)) return;
    const dot = points
      .append('circle')
      .attr('class', 'eol-readout-point')
      .attr('data-group', r.g.id)
      .attr('cx', L.x(r.t))
      .attr('cy', L.y(r.v))
      .attr('r', Math.round(frame.fontSize * 0.3))
      .attr('fill', data.styles[gi]!.color)
      .attr('stroke', '#FFFFFF')
      .attr('stroke-width', 1.5);
    if (highlight !== undefined && r.g.id !== highlight) dot.attr('opacity', d.dimOpacity);
  });
}

function drawCursor(area: Svg<SVGGElement>, frame: Frame, L: TimeCourseLayout, data: TimeCourseData): void {
  const t = data.cursor!;
  const fs = frame.fontSize;
  const cx = L.x(t);
  const g = area.append('g').attr('class', 'eol-cursor').attr('data-time', t);
  g.append('line')
    .attr('x1', cx)
    .attr('x2', cx)
    .attr('y1', L.plot.top)
    .attr('y2', L.axisY)
    .attr('stroke', GREYS.text)
    .attr('stroke-width', Math.max(2, frame.lineWidth - 0.5));
  const time = L.cursorTimeLabel;
  if (time) {
    g.append('text')
      .attr('class', 'eol-cursor-time')
      .attr('x', time.x)
      .attr('y', time.y)
      .attr('text-anchor', time.anchor)
      .attr('font-weight', 'bold')
      .text(time.text);
  }
  const labels = L.cursorLabels;
  if (!labels) return;
  data.groups.forEach((gr, gi) => {
    const box = labels.boxes[gi]!;
    const v = data.cursorValues[gi]!;
    const ty = Number.isFinite(v) ? L.y(v) : undefined;
    const ly = labels.ys[gi]!;
    const right = labels.side === 'right';
    if (ty !== undefined && Math.abs(ty - ly) > box.height / 2) {
      // A leader from the line to its label when the label had to move away from it.
      g.append('line')
        .attr('class', 'eol-cursor-leader')
        .attr('data-group', gr.id)
        .attr('x1', cx)
        .attr('y1', ty)
        .attr('x2', right ? box.x - 1 : box.x + box.width + 1)
        .attr('y2', ly)
        .attr('stroke', data.styles[gi]!.color)
        .attr('stroke-width', 1.5);
    }
    const sw = labels.swatch;
    if (sw !== undefined) {
      // Compact label: a short stretch of the group's line says which group the value is.
      const style = data.styles[gi]!;
      g.append('line')
        .attr('class', 'eol-cursor-swatch')
        .attr('data-group', gr.id)
        .attr('x1', box.x + 1)
        .attr('x2', box.x + 1 + sw)
        .attr('y1', ly)
        .attr('y2', ly)
        .attr('stroke', style.color)
        .attr('stroke-dasharray', style.dash)
        .attr('stroke-width', frame.lineWidth);
    }
    const text = g
      .append('text')
      .attr('class', 'eol-cursor-label')
      .attr('data-group', gr.id)
      .attr('x', sw !== undefined ? box.x + sw + 5 : right ? box.x + 1 : box.x + box.width - 1)
      .attr('y', ly + fs * 0.35)
      .attr('text-anchor', sw !== undefined || right ? 'start' : 'end')
      .attr('fill', GREYS.text)
      .text(labels.texts[gi]!);
    if (sw !== undefined) text.append('title').text(data.groups[gi]!.label);
    // A label that could not be kept off a line gets a white halo, so it stays readable.
    if (labels.onLine[gi])
      text.attr('stroke', '#FFFFFF').attr('stroke-width', 3).attr('paint-order', 'stroke');
  });
}

function drawTimeCourseLegend(
  frame: Frame,
  L: TimeCourseLayout,
  data: TimeCourseData,
  highlight: string | undefined,
): void {
  const d = TIME_COURSE_DEFAULTS;
  const lw = frame.lineWidth;
  const items: LegendItem[] = data.groups.map((g, gi) => ({
    label: g.label,
    className: `eol-legend-group${g.id === highlight ? ' eol-highlight' : ''}`,
    swatch: lineSwatch(data.styles[gi]!.color, data.styles[gi]!.dash, lw),
  }));
  if (data.pinnedGroups.length) {
    items.push({
      label: 'pinned',
      className: 'eol-legend-pinned',
      swatch: lineSwatch(GREYS.pinned, d.pinnedDash, lw * d.pinnedWidth),
    });
  }
  items.push(
    { label: 'RE bout', swatch: (g, w, f) => drawBoutSwatch(g, 'resistance', w, f) },
    { label: 'EE bout', swatch: (g, w, f) => drawBoutSwatch(g, 'endurance', w, f) },
    {
      label: data.readoutLabel,
      swatch: (g, w, f) => {
        const s = Math.round(f * 0.4);
        g.append('path')
          .attr('d', `M${w / 2},${-s * 0.9}L${w / 2 + s},${s * 0.6}L${w / 2 - s},${s * 0.6}Z`)
          .attr('fill', GREYS.text);
      },
    },
  );
  drawLegend(frame.svg, items, L.legend);
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
