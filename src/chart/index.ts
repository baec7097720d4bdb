/**
 * D3 chart renderers. Each takes one options object (with an optional `document`, so they run
 * under jsdom too), builds a detached element and returns it; none reads globals or mutates input.
 * Also the formatters (`format.ts`) the app shares with the charts, and the text measure.
 */

export * from './auc-bars.ts';
export type { BarInterval } from './error-bars.ts';
export * from './export.ts';
export * from './fold-bars.ts';
export * from './format.ts';
export { CHART_DEFAULTS, type ChartStyleOptions, fontSizeFor } from './frame.ts';
export * from './heatmap.ts';
export * from './line.ts';
export * from './order-effect.ts';
export * from './palette.ts';
export {
  SOBOL_DEFAULTS,
  type SobolChartOptions,
  type SobolRow,
  sobolChart,
  sobolHeight,
  sobolSummary,
  sortSobolRows,
} from './sobol-bars.ts';
export * from './table.ts';
export { fixedTextMeasure, lineBox, type TextMeasure, wrapText } from './text.ts';
export * from './time-course.ts';
export {
  TORNADO_DEFAULTS,
  type TornadoOptions,
  type TornadoRow,
  tornadoChart,
  tornadoHeight,
} from './tornado.ts';
