/**
 * Error bars for the bar charts: a thin whisker over the 90% range with caps and a thick segment
 * over the 50% range, drawn in the text colour so it reads over any bar colour. Shared by the fold
 * and AUC bar charts (`errorBars` option).
 */
import type { ScaleLinear } from 'd3-scale';
import { dataNumber, formatFixed2 } from './format.ts';
import type { Svg } from './frame.ts';
import { GREYS } from './palette.ts';

/** The spread of one bar's value: 5th, 25th, 75th and 95th percentiles. */
export interface BarInterval {
  readonly q05: number;
  readonly q25: number;
  readonly q75: number;
  readonly q95: number;
}

/** Whether an interval can be drawn (every quantile finite). */
export function drawableInterval(b: BarInterval | undefined): b is BarInterval {
  return b !== undefined && [b.q05, b.q25, b.q75, b.q95].every(Number.isFinite);
}

/** Pixel top of an interval's whisker (its 95th percentile), or `bottom` when there is none. */
export function intervalTop(
  b: BarInterval | undefined,
  y: ScaleLinear<number, number>,
  bottom: number,
): number {
  return drawableInterval(b) ? Math.min(bottom, y(b.q95)) : bottom;
}

/** Draw one error bar centred at `cx` over a bar `width` px wide. */
export function drawErrorBar(
  layer: Svg<SVGGElement>,
  b: BarInterval,
  o: {
    readonly cx: number;
    readonly width: number;
    readonly y: ScaleLinear<number, number>;
    readonly lineWidth: number;
    readonly group: string;
    readonly window?: string;
    readonly label: string;
  },
): void {
  const g = layer
    .append('g')
    .attr('class', 'eol-error-bar')
    .attr('data-group', o.group)
    .attr('data-q05', dataNumber(b.q05))
    .attr('data-q25', dataNumber(b.q25))
    .attr('data-q75', dataNumber(b.q75))
    .attr('data-q95', dataNumber(b.q95));
  if (o.window !== undefined) g.attr('data-window', o.window);
  const cap = Math.max(4, Math.min(o.width * 0.3, 14));
  const thin = Math.max(1.5, o.lineWidth * 0.6);
  const [y05, y95] = [o.y(b.q05), o.y(b.q95)];
  g.append('path')
    .attr('class', 'eol-whisker')
    .attr('d', `M${o.cx},${y05}V${y95}M${o.cx - cap / 2},${y05}h${cap}M${o.cx - cap / 2},${y95}h${cap}`)
    .attr('fill', 'none')
    .attr('stroke', GREYS.text)
    .attr('stroke-width', thin);
  g.append('line')
    .attr('class', 'eol-iqr')
    .attr('x1', o.cx)
    .attr('x2', o.cx)
    .attr('y1', o.y(b.q25))
    .attr('y2', o.y(b.q75))
    .attr('stroke', GREYS.text)
    .attr('stroke-width', thin * 2.5);
  g.append('title').text(
    `${o.label}: 50% of plausible models ${formatFixed2(b.q25)}–${formatFixed2(b.q75)}, 90% ${formatFixed2(b.q05)}–${formatFixed2(b.q95)}`,
  );
}
