/**
 * Shared inputs for the chart tests: one real, coarse (dt = 30 min) run of the default model over
 * the study protocol, a pinned run with a 2-h gap, and their readout tables. Computed once per file.
 */
import { getModel } from '../../models/index.ts';
import { readoutTable } from '../../src/analysis/readouts.ts';
import { compileModel } from '../../src/model/compile.ts';
import { buildProtocol } from '../../src/simulate/scenario.ts';
import { simulate } from '../../src/simulate/simulate.ts';

const model = compileModel(getModel());

/** The five-group study run (dt 30 min, so the snapshots stay small). */
export const study = simulate(model, buildProtocol(model, 'study'), { dt: 30 });

/** The same study with a 2-h gap between the bouts, used as the pinned run. */
export const studyGap = simulate(model, buildProtocol(model, 'study', { gap: 120 }), { dt: 30 });

/** Readout tables of both runs. */
export const rows = readoutTable(study);
export const rowsGap = readoutTable(studyGap);

/** Elements of `root` matching `selector`. */
export function all(root: Element, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

/** A JSON fingerprint of a value, typed arrays included, to check that a renderer left it unchanged. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
}
