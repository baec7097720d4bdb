/**
 * The layout of a time-course chart, computed before anything is drawn: the data (one polyline
 * per group, readouts, cursor values), the legend, the rows above and below the plot, the scales,
 * the ticks that fit, and where the cursor's direct labels go. Pure: the same options and text
 * measure give the same layout, and nothing here touches the DOM.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';
import type { GroupResult, SimulationResult } from '../simulate/simulate.ts';
import {
  bottomAxisHeight,
  fitTicks,
  type LegendLayout,
  leftAxisWidth,
  legendLayout,
  maxTickWidth,
  type Tick,
  ticksFit,
  titleCentre,
  titleLines,
} from './axis.ts';
import { formatClock, formatClockH, formatSig } from './format.ts';
import { type ChartStyleOptions, chartFrame, type Frame } from './frame.ts';
import { type Box, type DirectLabels, dodge, placeDirectLabels } from './label-layout.ts';
import { type GroupPalette, type GroupStyle, groupPalette } from './palette.ts';
import { checkSeries, findGroup, seriesPoints, valueAtTime } from './series.ts';
import { lineBox, shorten } from './text.ts';

/** Defaults of `timeCourseChart`, declared once. */
export const TIME_COURSE_DEFAULTS = Object.freeze({
  foldVsControl: true,
  /** Opacity of the other groups when one is highlighted. */
  dimOpacity: 0.3,
  /** Width factor of the highlighted line. */
  highlightWidth: 1.7,
  /** Pinned lines, as a fraction of the data line width. */
  pinnedWidth: 0.8,
  pinnedDash: '5 4',
  /** Spacing of the hatching that marks endurance bouts, px. */
  hatchSpacing: 4,
  /** Narrowest drawn bout, px (a 20-min bout on a 76-h axis is still visible). */
  minBoutWidth: 2,
  /** Candidate x-tick steps, minutes (the densest whose labels fit is used). */
  tickSteps: [15, 30, 60, 120, 180, 360, 720, 1440, 2880, 5760, 10080],
  laneBackground: '#F4F4F4',
  /** Smallest plot area height, in font sizes, when `minPlotHeight` is not given. */
  minPlotFontSizes: 3,
  /** Lane labels longer than this fraction of the width are shortened with `…`. */
  maxLaneLabelFraction: 0.35,
  /** Fill opacity of the 90% and the 50% uncertainty bands. */
  bandOpacity90: 0.14,
  bandOpacity50: 0.28,
});

/** Options of `timeCourseChart`. Times in minutes; the x axis is labelled in h:mm. */
export interface TimeCourseOptions extends ChartStyleOptions {
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
  /** Colours and dashes per group id (default: `groupPalette` of every group of the result). */
  readonly palette?: GroupPalette;
  /** Smallest height of the plot area, px (default 3 font sizes); the chart says how tall it must be. */
  readonly minPlotHeight?: number;
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
  /**
   * Uncertainty bands per group id, drawn under the lines (e.g. an ensemble's 50% and 90% bands, in
   * the same units as the lines: fold vs control when folding). Times in minutes.
   */
  readonly bands?: TimeCourseBands;
}

/** Quantile bands of a series over time, per group id. */
export interface TimeCourseBands {
  /** Minutes, increasing. */
  readonly time: ArrayLike<number>;
  readonly groups: Readonly<
    Record<
      string,
      {
        readonly q05: ArrayLike<number>;
        readonly q25: ArrayLike<number>;
        readonly q75: ArrayLike<number>;
        readonly q95: ArrayLike<number>;
      }
    >
  >;
}

/** The band polygons of a time course: per shown group, `[t, lo, hi]` for the 90% and 50% bands. */
export interface BandData {
  readonly g: GroupResult;
  readonly outer: readonly (readonly [number, number, number])[];
  readonly inner: readonly (readonly [number, number, number])[];
}

/** The data a time course draws, read once from the result. */
export interface TimeCourseData {
  readonly groups: readonly GroupResult[];
  readonly styles: readonly GroupStyle[];
  readonly control: GroupResult | undefined;
  readonly fold: boolean;
  readonly t0: number;
  readonly t1: number;
  /** `[minutes, value]` per group. */
  readonly lines: readonly (readonly [number, number])[][];
  readonly pinnedGroups: readonly GroupResult[];
  readonly pinnedLines: readonly (readonly [number, number])[][];
  readonly readouts: readonly { readonly g: GroupResult; readonly t: number; readonly v: number }[];
  /** The readout time every group shares, if they do. */
  readonly sharedReadout: number | undefined;
  readonly readoutLabel: string;
  readonly cursor: number | undefined;
  /** Each group's value at the cursor (empty without a cursor). */
  readonly cursorValues: readonly number[];
  /** Uncertainty bands of the shown groups that have them, within the window. */
  readonly bands: readonly BandData[];
}

function bandData(o: TimeCourseOptions, groups: readonly GroupResult[], t0: number, t1: number): BandData[] {
  const b = o.bands;
  if (!b) return [];
  return groups.flatMap((g) => {
    const q = b.groups[g.id];
    if (!q) return [];
    const outer: [number, number, number][] = [];
    const inner: [number, number, number][] = [];
    for (let i = 0; i < b.time.length; i++) {
      const t = b.time[i]!;
      if (t < t0 || t > t1) continue;
      outer.push([t, q.q05[i]!, q.q95[i]!]);
      inner.push([t, q.q25[i]!, q.q75[i]!]);
    }
    return [{ g, outer, inner }];
  });
}

/**
 * Read what a time course draws out of the result, checking every option.
 * @throws Error naming an unknown series or group, a missing control group, or a bad time range
 */
export function timeCourseData(o: TimeCourseOptions): TimeCourseData {
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
  const minutes = (pts: [number, number][]) => pts.map(([h, v]) => [h * 60, v] as [number, number]);
  const palette = o.palette ?? groupPalette(result.groups.map((g) => g.id));
  const cursor =
    o.cursorTime !== undefined && o.cursorTime >= t0 && o.cursorTime <= t1 ? o.cursorTime : undefined;
  return {
    groups,
    styles: groups.map((g) => palette.get(g.id) ?? groupPalette([g.id]).get(g.id)!),
    control,
    fold,
    t0,
    t1,
    lines: groups.map((g) => minutes(seriesPoints(result, g, series, control, t0, t1))),
    pinnedGroups,
    pinnedLines: pinnedGroups.map((g) => minutes(seriesPoints(pinned!, g, series, pinnedControl, t0, t1))),
    readouts: groups.map((g) => ({
      g,
      t: g.readoutTime,
      v: valueAtTime(result, g, series, g.readoutTime, control),
    })),
    sharedReadout:
      groups.length > 0 && groups.every((g) => Math.abs(g.readoutTime - groups[0]!.readoutTime) < 1e-9)
        ? groups[0]!.readoutTime
        : undefined,
    readoutLabel: `readout (${formatClockH(result.protocol.readout.afterResistance)} after RE)`,
    cursor,
    cursorValues:
      cursor === undefined ? [] : groups.map((g) => valueAtTime(result, g, series, cursor, control)),
    bands: bandData(o, groups, t0, t1),
  };
}

/** A label placed by the layout. */
export interface PlacedText {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor: 'start' | 'middle' | 'end';
}

/** Everything the drawing pass needs, in px. */
export interface TimeCourseLayout {
  readonly legend: LegendLayout;
  readonly legendLabels: readonly string[];
  /** The plot area: where the lines are. */
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
  /** Minutes → px. */
  readonly x: ScaleLinear<number, number>;
  /** Value → px. */
  readonly y: ScaleLinear<number, number>;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly xTitle: readonly string[];
  /** x of the time axis title's centre. */
  readonly xTitleX: number;
  readonly yTitle: readonly string[];
  readonly laneFontSize: number;
  readonly laneHeight: number;
  readonly lanesTop: number;
  readonly laneLabels: readonly string[];
  readonly axisY: number;
  /** The row above the plot: the cursor time and the shared readout's label (when it fits). */
  readonly cursorTimeLabel: PlacedText | undefined;
  readonly readoutRuleLabel: PlacedText | undefined;
  /**
   * Direct labels at the cursor, one per group: `group value`, or, when that leaves a label on a
   * line, the compact form (a swatch of the group's line, then the value) if it does better.
   */
  readonly cursorLabels:
    | (DirectLabels & { readonly texts: readonly string[]; readonly swatch: number | undefined })
    | undefined;
  /** Smallest chart height that keeps the plot area at its minimum, px. */
  readonly minHeight: number;
}

/** The rows above and below the plot area, which fix how tall the chart must be. */
function verticalLayout(data: TimeCourseData, frame: Frame) {
  const { fontSize: fs, smallFontSize: laneFs, measure, width } = frame;
  const pad = Math.round(fs * 0.5);
  // Legend, then the annotation row for the cursor time and the readout label.
  const legendLabels = [
    ...data.groups.map((g) => g.label),
    ...(data.pinnedGroups.length ? ['pinned'] : []),
    'RE bout',
    'EE bout',
    data.readoutLabel,
  ];
  const legendTop = frame.titleHeight + Math.round(fs * 0.3);
  const legend = legendLayout(legendLabels, {
    x: pad,
    y: legendTop,
    maxWidth: width - 2 * pad - frame.reservedRight,
    fontSize: fs,
    measure,
  });
  const rowH = Math.round(lineBox(fs) + fs * 0.35);
  const top = legendTop + legend.height + rowH + Math.round(fs * 0.2);
  // Rows below the plot: lanes, then the time axis.
  const laneHeight = Math.max(Math.round(laneFs * 1.4), Math.round(lineBox(laneFs) + 4));
  const xTitle = titleLines('time since the start (h:mm)', {
    maxWidth: width - 2 * pad,
    fontSize: fs,
    measure,
    maxLines: 1,
  });
  // Clears the lowest y tick label, which hangs below the plot's bottom edge.
  const gapBelowPlot = Math.round(fs * 0.65);
  const below = bottomAxisHeight(fs, xTitle.length) + data.groups.length * laneHeight + gapBelowPlot;
  return { legend, legendLabels, top, laneHeight, xTitle, gapBelowPlot, below, chrome: top + below };
}

/**
 * Height (px) of a time course whose plot area is `plotHeight` px tall, with everything else
 * (title, legend, lanes, axis) as `o` and the width make it. Use it to give the plot a height
 * rather than the whole chart.
 */
export function timeCourseHeight(o: TimeCourseOptions, plotHeight: number): number {
  const data = timeCourseData(o);
  const frame = chartFrame({ ...o, height: 1000, kind: 'time-course', label: '', description: '' });
  return Math.ceil(verticalLayout(data, frame).chrome + plotHeight);
}

/**
 * Lay a time course out in `frame` (which fixes the size, text sizes and measure).
 * @throws Error `invalid height: … needs at least N px` when the plot area would be too short
 */
export function timeCourseLayout(o: TimeCourseOptions, data: TimeCourseData, frame: Frame): TimeCourseLayout {
  const d = TIME_COURSE_DEFAULTS;
  const { fontSize: fs, smallFontSize: laneFs, measure, width, height } = frame;
  const pad = Math.round(fs * 0.5);

  const v = verticalLayout(data, frame);
  const { legend, legendLabels, top, laneHeight, xTitle } = v;
  const bottom = Math.round(height - v.below);
  const minPlot = o.minPlotHeight ?? fs * d.minPlotFontSizes;
  const minHeight = Math.ceil(v.chrome + minPlot);
  if (bottom - top < minPlot) {
    throw new Error(
      `invalid height: ${height} (time-course chart with ${data.groups.length} groups needs at least ${minHeight} px)`,
    );
  }
  const lanesTop = bottom + v.gapBelowPlot;
  const axisY = lanesTop + data.groups.length * laneHeight;

  // Y scale over every drawn value (and 1 when folding); ticks that fit the plot height.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const pts of [...data.lines, ...data.pinnedLines]) {
    for (const [, v] of pts) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  for (const b of data.bands) {
    for (const [, l, h] of b.outer) {
      if (Number.isFinite(l)) lo = Math.min(lo, l);
      if (Number.isFinite(h)) hi = Math.max(hi, h);
    }
  }
  if (data.fold) {
    lo = Math.min(lo, 1);
    hi = Math.max(hi, 1);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
    const p = Math.abs(hi) * 0.05 || 0.5;
    [lo, hi] = [lo - p, hi + p];
  }
  const yCount = Math.max(2, Math.floor((bottom - top) / (fs * 2.2)));
  const y = scaleLinear().domain([lo, hi]).nice(yCount).range([bottom, top]);
  const yTicks = fitTicks(
    (n) => {
      const f = y.tickFormat(n);
      return y.ticks(n).map((v) => ({ pos: y(v), text: f(v) }));
    },
    { maxCount: yCount, fontSize: fs, measure, orientation: 'vertical' },
  );
  const seriesWords = data.fold ? `${o.series}, fold vs control` : o.series;
  const yTitle = titleLines(o.yLabel ?? seriesWords, { maxWidth: bottom - top, fontSize: fs, measure });

  // Left margin: the y axis, or the lane labels if wider (they sit under the plot).
  const maxLane = width * d.maxLaneLabelFraction;
  const laneLabels = data.groups.map((g) =>
    shorten(g.label, { measure, fontSize: laneFs, maxWidth: maxLane }),
  );
  const laneW = Math.max(0, ...laneLabels.map((l) => measure(l, laneFs)));
  const left = Math.round(
    Math.max(leftAxisWidth(fs, maxTickWidth(yTicks, fs, measure), yTitle.length), laneW + fs * 0.8),
  );
  const lastLabel = formatClock(Math.floor(data.t1 / 60) * 60);
  const right = Math.round(width - Math.max(fs * 1.2, measure(lastLabel, fs) / 2 + 2));
  const x = scaleLinear().domain([data.t0, data.t1]).range([left, right]);
  const xTicks = timeTicks(data.t0, data.t1, x, fs, frame);

  // The row above the plot: cursor time (first) and the shared readout's label, dodged apart.
  const rowY = top - Math.round(fs * 0.45);
  const texts: { text: string; at: number; weight: 'bold' | 'normal' }[] = [];
  if (data.cursor !== undefined)
    texts.push({ text: formatClockH(data.cursor), at: x(data.cursor), weight: 'bold' });
  const rt = data.sharedReadout;
  if (rt !== undefined && rt >= data.t0 && rt <= data.t1)
    texts.push({ text: data.readoutLabel, at: x(rt), weight: 'normal' });
  const widths = texts.map((t) => measure(t.text, fs, t.weight));
  // Kept over the plot (the top y tick label pokes up beside it), dodged apart.
  const centres = dodge(
    texts.map((t, k) => ({ target: t.at, size: widths[k]! })),
    { min: left, max: width - pad, gap: fs },
  );
  const placed = texts.map((t, k) => ({
    x: centres[k]!,
    y: rowY,
    text: t.text,
    anchor: 'middle' as const,
    moved: Math.abs(centres[k]! - t.at) > widths[k]! / 2,
    fits: centres[k]! - widths[k]! / 2 >= left - 0.5 && centres[k]! + widths[k]! / 2 <= width - pad + 0.5,
  }));
  const cursorTimeLabel = data.cursor !== undefined ? placed[0] : undefined;
  const readoutPlaced = placed[data.cursor !== undefined ? 1 : 0];
  // The readout label is also in the legend: drop it here rather than show it away from its rule.
  const readoutRuleLabel =
    readoutPlaced && !readoutPlaced.moved && readoutPlaced.fits ? readoutPlaced : undefined;

  // Direct labels at the cursor: one per group, clear of every line.
  let cursorLabels: TimeCourseLayout['cursorLabels'];
  if (data.cursor !== undefined) {
    const cx = x(data.cursor);
    const labelTexts = data.groups.map((g, k) => `${g.label} ${formatSig(data.cursorValues[k]!)}`);
    const screen = (pts: readonly (readonly [number, number])[]) =>
      pts.map(([t, v]) => [x(t), y(v)] as const);
    const lines = [...data.lines.map(screen), ...data.pinnedLines.map(screen)];
    if (data.fold)
      lines.push([
        [left, y(1)],
        [right, y(1)],
      ]);
    const r = Math.round(fs * 0.3) + 2;
    const obstacles: Box[] = data.readouts
      .filter((rd) => rd.t >= data.t0 && rd.t <= data.t1 && Number.isFinite(rd.v))
      .map((rd) => ({ x: x(rd.t) - r, y: y(rd.v) - r, width: 2 * r, height: 2 * r }));
    const h = Math.ceil(lineBox(fs)) + 1;
    const place = (widths: number[]) =>
      placeDirectLabels({
        anchorX: cx,
        targets: data.cursorValues.map((v) => (Number.isFinite(v) ? y(v) : bottom)),
        widths,
        height: h,
        offset: Math.round(fs * 0.6),
        gap: 1,
        bounds: { x: left, y: top, width: width - pad - left, height: bottom - top },
        lines,
        obstacles,
      });
    const full = place(labelTexts.map((t) => Math.ceil(measure(t, fs)) + 2));
    cursorLabels = { ...full, texts: labelTexts, swatch: undefined };
    if (!full.clear) {
      // A narrower column crosses fewer lines: a swatch of each group's line and its value.
      const swatch = Math.round(fs * 1.3);
      const values = data.cursorValues.map((v) => formatSig(v));
      const compact = place(values.map((t) => swatch + 4 + Math.ceil(measure(t, fs)) + 2));
      const count = (d: DirectLabels) => d.onLine.filter(Boolean).length;
      if (count(compact) < count(full)) cursorLabels = { ...compact, texts: values, swatch };
    }
  }

  return {
    legend,
    legendLabels,
    plot: { left, top, right, bottom },
    x,
    y,
    xTicks,
    yTicks,
    xTitle,
    xTitleX: titleCentre(xTitle, { x0: left, x1: right, chartWidth: width, pad, fontSize: fs, measure }),
    yTitle,
    laneFontSize: laneFs,
    laneHeight,
    lanesTop,
    laneLabels,
    axisY,
    cursorTimeLabel,
    readoutRuleLabel,
    cursorLabels,
    minHeight,
  };
}

/** Ticks at round h:mm times: the densest step of `tickSteps` whose labels do not touch. */
function timeTicks(t0: number, t1: number, x: ScaleLinear<number, number>, fs: number, frame: Frame): Tick[] {
  const steps = TIME_COURSE_DEFAULTS.tickSteps;
  const make = (step: number) => {
    const ticks: Tick[] = [];
    for (let k = Math.ceil(t0 / step - 1e-9); k * step <= t1 + 1e-9; k++) {
      ticks.push({ pos: x(k * step), text: formatClock(k * step) });
    }
    return ticks;
  };
  const fit = { fontSize: fs, measure: frame.measure, orientation: 'horizontal', gap: fs } as const;
  const candidates = steps.map(make).filter((t) => t.length <= 60);
  return candidates.find((t) => ticksFit(t, fit)) ?? candidates[candidates.length - 1]?.slice(0, 1) ?? [];
}
