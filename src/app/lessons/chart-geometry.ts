/**
 * Where the MPS time-course chart draws its plot: the plot area and the two linear scales
 * (hours → x, fold → y), in the chart's SVG user units, from the geometry the chart publishes
 * (`plotAreaOf` in `src/chart/time-course.ts`). The sketch layer draws in the same units, so a
 * sketch lines up with the chart's curves at any size.
 */
import { plotAreaOf } from '../../chart/time-course.ts';

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

/** Read the plot geometry of a drawn time-course chart; `undefined` when it cannot be read. */
export function readPlotGeometry(svg: SVGSVGElement): PlotGeometry | undefined {
  const area = plotAreaOf(svg);
  if (!area) return undefined;
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const width = box[2] ?? Number(svg.getAttribute('width'));
  const height = box[3] ?? Number(svg.getAttribute('height'));
  if (!Number.isFinite(width) || !Number.isFinite(height)) return undefined;
  return {
    width,
    height,
    left: area.left,
    right: area.right,
    top: area.top,
    bottom: area.bottom,
    x: (hours) => area.x(hours * 60),
    hours: (x) => area.t(x) / 60,
    y: area.y,
    value: area.v,
    domain: [area.v0, area.v1],
  };
}
