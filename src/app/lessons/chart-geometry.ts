/**
 * Where the MPS time-course chart draws its plot, read from the chart's own DOM: the plot area
 * and the two linear scales (hours → x, fold → y), in the chart's SVG user units. The sketch
 * layer draws in the same units, so a sketch lines up with the chart's curves at any size.
 *
 * This is the one place that knows how `src/chart/time-course.ts` marks its axes (the axis
 * lines, grid lines and tick labels of `.eol-axis-x` / `.eol-axis-y`); point it at the chart's
 * published plot geometry when there is one.
 */

/** The plot area and scales of a time-course chart, in its SVG user units. */
export interface PlotGeometry {
  /** The chart's viewBox size. */
  readonly width: number;
  readonly height: number;
  /** Plot area: left, right, top and bottom. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** x of a time in hours from the start of the run. */
  x(hours: number): number;
  /** Hours at x. */
  hours(x: number): number;
  /** y of a fold value. */
  y(value: number): number;
  /** Fold value at y. */
  value(y: number): number;
  /** The fold values at the bottom and top of the plot area. */
  readonly domain: readonly [number, number];
}

/** The MPS time-course chart's `<svg>` on the page, if drawn. */
export function mpsChartSvg(doc: Document = document): SVGSVGElement | null {
  return doc.querySelector<SVGSVGElement>('#fig-mps .plot svg');
}

/** The figure that holds the MPS chart (the sketch layer is placed inside it). */
export function mpsFigure(doc: Document = document): HTMLElement | null {
  return doc.getElementById('fig-mps');
}

function num(text: string | null | undefined): number {
  return Number((text ?? '').replace(/\u2212/g, '-').trim());
}

/** Pairs of (pixel, value) for an axis: grid lines give positions, tick labels the values. */
function ticks(axis: Element, along: 'x' | 'y'): [number, number][] {
  const grid = [...axis.querySelectorAll('line.eol-grid')].map((l) => num(l.getAttribute(`${along}1`)));
  const labels = [...axis.querySelectorAll('text:not(.eol-axis-label)')].map((t) => num(t.textContent));
  if (grid.length !== labels.length) return [];
  return grid
    .map((p, i) => [p, labels[i]!] as [number, number])
    .filter(([p, v]) => Number.isFinite(p) && Number.isFinite(v));
}

function linear(a: [number, number], b: [number, number]) {
  const k = (b[0] - a[0]) / (b[1] - a[1]);
  return { to: (v: number) => a[0] + (v - a[1]) * k, from: (p: number) => a[1] + (p - a[0]) / k };
}

/** Read the plot geometry of a drawn time-course chart; `undefined` when it cannot be read. */
export function readPlotGeometry(svg: SVGSVGElement): PlotGeometry | undefined {
  const xAxis = svg.querySelector('.eol-axis-x');
  const yAxis = svg.querySelector('.eol-axis-y');
  const xLine = xAxis?.querySelector('.eol-axis-line');
  const yLine = yAxis?.querySelector('.eol-axis-line');
  if (!xAxis || !yAxis || !xLine || !yLine) return undefined;
  const xt = ticks(xAxis, 'x');
  const yt = ticks(yAxis, 'y');
  if (xt.length < 2 || yt.length < 2) return undefined;
  const xs = linear(xt[0]!, xt[xt.length - 1]!);
  const ys = linear(yt[0]!, yt[yt.length - 1]!);
  const left = num(xLine.getAttribute('x1'));
  const right = num(xLine.getAttribute('x2'));
  const top = Math.min(num(yLine.getAttribute('y1')), num(yLine.getAttribute('y2')));
  const bottom = Math.max(num(yLine.getAttribute('y1')), num(yLine.getAttribute('y2')));
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const width = box[2] ?? num(svg.getAttribute('width'));
  const height = box[3] ?? num(svg.getAttribute('height'));
  if (![left, right, top, bottom, width, height].every(Number.isFinite) || !(right > left && bottom > top))
    return undefined;
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    x: xs.to,
    hours: xs.from,
    y: ys.to,
    value: ys.from,
    domain: [ys.from(bottom), ys.from(top)],
  };
}
