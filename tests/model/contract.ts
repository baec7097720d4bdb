/**
 * Checking `ACCURACY_CONTRACT`: the largest relative difference between a run and a reference
 * run of the same model and protocol, separately for readout values (every exact value at a
 * solver stop, and every running integral behind an AUC) and for display samples (the output
 * grid, from dense output). Shared by the contract tests.
 */
import type { SimulationResult } from '../../src/simulate/simulate.ts';

/** Largest relative error found, and where. */
export interface WorstError {
  error: number;
  where: string;
}

/**
 * Largest relative errors of `result` against `reference` (same protocol). Samples are compared
 * when both runs have the same output grid; a readouts-only run (one grid step for the whole
 * window) has display error 0.
 */
export function contractErrors(
  result: SimulationResult,
  reference: SimulationResult,
): { readout: WorstError; display: WorstError } {
  const readout: WorstError = { error: 0, where: '' };
  const display: WorstError = { error: 0, where: '' };
  const note = (w: WorstError, got: number, want: number, where: string) => {
    const e = Math.abs(got - want) / Math.abs(want);
    // NaN (a value missing or not finite) counts as the worst error.
    if (!(e <= w.error)) {
      w.error = Number.isNaN(e) ? Number.POSITIVE_INFINITY : e;
      w.where = where;
    }
  };
  const sameGrid = result.dt === reference.dt && result.time.length === reference.time.length;
  result.groups.forEach((g, gi) => {
    const ref = reference.groups[gi]!;
    if (ref.id !== g.id || ref.events.length !== g.events.length) throw new Error(`group ${g.id} differs`);
    g.events.forEach((e, k) => {
      const r = ref.events[k]!;
      if (r.t !== e.t) throw new Error(`event ${k} of ${g.id} is at ${e.t}, reference at ${r.t}`);
      result.seriesNames.forEach((name, i) => {
        note(readout, e.values[i]!, r.values[i]!, `${g.id} ${name} at stop t=${e.t}`);
      });
      if (e.t > result.protocol.tStart) {
        result.observableNames.forEach((name, i) => {
          note(readout, e.integrals[i]!, r.integrals[i]!, `${g.id} ∫${name} at stop t=${e.t}`);
        });
      }
    });
    if (sameGrid)
      for (const name of result.seriesNames) {
        const a = g.series[name]!;
        const b = ref.series[name]!;
        for (let i = 0; i < a.length; i++)
          note(display, a[i]!, b[i]!, `${g.id} ${name} at t=${result.time[i]}`);
      }
  });
  return { readout, display };
}
