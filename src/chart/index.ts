/**
 * D3 chart renderers. Each takes one options object (with an optional `document`, so they run
 * under jsdom too), builds a detached element and returns it; none reads globals or mutates input.
 */

export * from './auc-bars.ts';
export * from './export.ts';
export * from './fold-bars.ts';
export { CHART_DEFAULTS, fontSizeFor, formatFixed2, formatSig } from './frame.ts';
export * from './heatmap.ts';
export * from './line.ts';
export * from './palette.ts';
export * from './table.ts';
export * from './time-course.ts';
export * from './tornado.ts';
