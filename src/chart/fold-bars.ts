/**
 * "What the paper measured": fold change vs control of one observable at each group's readout
 * time, one bar per group (control is the reference line at 1.0), value labels with 2 decimals,
 * the direction the study reported relative to RE only, and an optional pinned run as outlines.
 */
import { scaleBand } from 'd3-scale';
import type { GroupReadouts } from '../analysis/readouts.ts';
import { boxSwatch, type LegendItem, legend } from './axis.ts';
import { BAR_DEFAULTS, barLayout, barRows, drawReference, REFERENCE_LEGEND } from './bar-layout.ts';
import { chartFrame, dataNumber, finishChart, formatFixed2, type Svg } from './frame.ts';
import { GREYS, groupColor } from './palette.ts';

/** Direction the study reported for a group, relative to RE only. */
export type ExpectedDirection = 'up' | 'down' | 'same';

/** Defaults of `foldBarsChart`, declared once. */
export const FOLD_BARS_DEFAULTS = Object.freeze({
  ...BAR_DEFAULTS,
  /** Short note under a group label, per reported direction. */
  // Short enough to fit under a bar at 360 px; the legend says the direction is relative to RE only.
  notes: Object.freeze({ up: 'paper: ↑', down: 'paper: ↓', same: 'paper: =' }),
  /** Words for the description, per reported direction. */
  words: Object.freeze({ up: 'higher than RE only', down: 'lower than RE only', same: 'same as RE only' }),
});

/** Options of `foldBarsChart`. */
export interface FoldBarsOptions {
  /** Rows of `readoutTable(result)`. */
  readonly rows: readonly GroupReadouts[];
  /** Observable to draw (`mps`, `anabolic`, `regulator`). */
  readonly observable: string;
  readonly width: number;
  readonly height: number;
  readonly document?: Document;
  /** The study's reported direction per group id, relative to RE only. */
  readonly expected?: Readonly<Record<string, ExpectedDirection>>;
  /** Rows of an earlier run, drawn as thin outline bars. */
  readonly pinnedRows?: readonly GroupReadouts[];
  readonly title?: string;
  readonly stale?: boolean;
  /** Y-axis title (default `<observable>, fold vs control`). */
  readonly yLabel?: string;
  /** Group not drawn because it is the reference (default `control`). */
  readonly controlGroup?: string;
  /** Element id prefix (default derived from the content). */
  readonly id?: string;
}

function foldOf(row: GroupReadouts, observable: string): number {
  const v = row.fold[observable];
  if (v === undefined) {
    throw new Error(
      `unknown observable: ${observable} (fold-bars chart, group "${row.group}"; observables: ${Object.keys(row.fold).join(', ')})`,
    );
  }
  return v;
}

/** Draw the expected-direction marker (a triangle or an equals sign) centred at (x, y). */
function drawExpected(
  g: Svg<SVGGElement>,
  direction: ExpectedDirection,
  x: number,
  y: number,
  s: number,
  className = 'eol-expected',
): void {
  const d =
    direction === 'up'
      ? `M${x},${y - s}L${x + s},${y + s * 0.7}L${x - s},${y + s * 0.7}Z`
      : direction === 'down'
        ? `M${x},${y + s}L${x + s},${y - s * 0.7}L${x - s},${y - s * 0.7}Z`
        : `M${x - s},${y - s * 0.4}H${x + s}M${x - s},${y + s * 0.4}H${x + s}`;
  g.append('path')
    .attr('class', className)
    .attr('data-direction', direction)
    .attr('d', d)
    .attr('fill', direction === 'same' ? 'none' : GREYS.text)
    .attr('stroke', GREYS.text)
    .attr('stroke-width', 2);
}

/**
 * Draw fold vs control at the readout time, one bar per group.
 * @throws Error for an unknown observable, no groups to draw, or an invalid size
 */
export function foldBarsChart(o: FoldBarsOptions): SVGSVGElement {
  const d = FOLD_BARS_DEFAULTS;
  const control = o.controlGroup ?? d.controlGroup;
  const rows = barRows(o.rows, control, 'fold-bars chart');
  const values = rows.map((r) => foldOf(r, o.observable));
  const pinned = rows.map((r) => o.pinnedRows?.find((p) => p.group === r.group)?.fold[o.observable]);
  const expected = o.expected ?? {};
  const hasExpected = rows.some((r) => expected[r.group] !== undefined);
  const hasPinned = pinned.some((v) => v !== undefined);

  const sentences = [
    `Bar chart of ${o.observable} as fold change against the control group at each group's readout time: ` +
      `${rows.map((r, i) => `${r.label} ${formatFixed2(values[i]!)}`).join(', ')}. The dashed line at 1 is the control group.`,
  ];
  if (hasExpected) {
    sentences.push(
      `The study reported: ${rows
        .filter((r) => expected[r.group] !== undefined)
        .map((r) => `${r.label} ${d.words[expected[r.group]!]}`)
        .join('; ')}.`,
    );
  }
  if (hasPinned) {
    sentences.push(
      `Outlined bars show the pinned run: ${rows
        .flatMap((r, i) => (pinned[i] === undefined ? [] : [`${r.label} ${formatFixed2(pinned[i]!)}`]))
        .join(', ')}.`,
    );
  }
  const frame = chartFrame({
    kind: 'fold-bars',
    width: o.width,
    height: o.height,
    document: o.document,
    label: o.title ?? `${o.observable} at the readout time, fold vs control`,
    description: sentences.join(' '),
    title: o.title,
    stale: o.stale,
    id: o.id,
  });
  const { svg, plot, fontSize: fs, width } = frame;
  svg.attr('data-observable', o.observable);

  const items: LegendItem[] = [REFERENCE_LEGEND];
  if (hasPinned) {
    items.push({
      label: 'pinned',
      className: 'eol-legend-pinned',
      swatch: (g, w, f) => {
        boxSwatch('none', GREYS.pinned)(g, w, f);
        g.select('rect').attr('stroke-dasharray', d.pinnedDash).attr('stroke-width', d.pinnedWidth);
      },
    });
  }
  if (hasExpected) {
    items.push({
      label: 'direction reported by the paper (vs RE only)',
      swatch: (g, w, f) => drawExpected(g, 'down', w / 2, 0, Math.round(f * 0.4), 'eol-expected-key'),
    });
  }
  const maxValue = Math.max(
    ...values.filter(Number.isFinite),
    ...pinned.filter((v): v is number => v !== undefined),
  );
  const layout = barLayout(frame, {
    maxValue,
    legendLabels: items.map((i) => i.label),
    bottomLines: hasExpected ? 2 : 1,
    yLabel: o.yLabel ?? `${o.observable}, fold vs control`,
  });
  const { top, bottom, left, right, y } = layout;
  const x = scaleBand<string>()
    .domain(rows.map((r) => r.group))
    .range([left, width - right])
    .paddingInner(d.bandPadding)
    .paddingOuter(d.bandPadding / 2);
  const bw = x.bandwidth();

  const bars = plot.append('g').attr('class', 'eol-bars');
  const labels = plot.append('g').attr('class', 'eol-bar-labels');
  rows.forEach((r, i) => {
    const v = values[i]!;
    const bx = x(r.group)!;
    const cx = bx + bw / 2;
    if (Number.isFinite(v)) {
      bars
        .append('rect')
        .attr('class', 'eol-bar')
        .attr('data-group', r.group)
        .attr('data-value', dataNumber(v))
        .attr('x', bx)
        .attr('y', Math.min(y(v), bottom))
        .attr('width', bw)
        .attr('height', Math.abs(bottom - y(v)))
        .attr('fill', groupColor(r.group, i + 1))
        .append('title')
        .text(`${r.label}: ${formatFixed2(v)}`);
    }
    const p = pinned[i];
    if (p !== undefined && Number.isFinite(p)) {
      bars
        .append('rect')
        .attr('class', 'eol-pinned')
        .attr('data-group', r.group)
        .attr('data-value', dataNumber(p))
        .attr('x', bx + bw * 0.1)
        .attr('y', y(p))
        .attr('width', bw * 0.8)
        .attr('height', Math.abs(bottom - y(p)))
        .attr('fill', 'none')
        .attr('stroke', GREYS.pinned)
        .attr('stroke-width', d.pinnedWidth)
        .attr('stroke-dasharray', d.pinnedDash);
    }
    const labelTop = Math.min(
      Number.isFinite(v) ? y(v) : bottom,
      p !== undefined && Number.isFinite(p) ? y(p) : bottom,
    );
    labels
      .append('text')
      .attr('class', 'eol-bar-label')
      .attr('data-group', r.group)
      .attr('x', cx)
      .attr('y', labelTop - fs * 0.35)
      .attr('text-anchor', 'middle')
      .attr('font-weight', 'bold')
      .text(formatFixed2(v));
    labels
      .append('text')
      .attr('class', 'eol-group-label')
      .attr('x', cx)
      .attr('y', bottom + fs * 1.3)
      .attr('text-anchor', 'middle')
      .text(r.label);
    const dir = expected[r.group];
    if (dir !== undefined) {
      const s = Math.round(fs * 0.45);
      const my = Math.max(top + s, labelTop - fs * 1.5 - s);
      drawExpected(labels, dir, cx, my, s);
      labels
        .append('text')
        .attr('class', 'eol-expected-note')
        .attr('data-group', r.group)
        .attr('x', cx)
        .attr('y', bottom + fs * 2.65)
        .attr('text-anchor', 'middle')
        .text(d.notes[dir]);
    }
  });
  drawReference(frame, layout);
  legend(svg, items, Math.round(fs * 0.5), layout.legendTop, layout.legendWidth, fs);
  return finishChart(frame);
}
