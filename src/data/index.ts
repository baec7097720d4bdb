/**
 * What files hold: tidy tables, the one CSV writer, and the provenance that travels beside the
 * data (a sidecar for CSV, an envelope for JSON). Shared by the CLI, the app and library users.
 */
export * from './csv.ts';
export * from './ensemble-readouts.ts';
export * from './global-sensitivity.ts';
export * from './model-tables.ts';
export * from './provenance.ts';
export * from './readouts.ts';
export * from './sensitivity.ts';
export * from './sweep.ts';
export * from './table.ts';
export * from './time-courses.ts';
export * from './units.ts';
