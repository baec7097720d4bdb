/**
 * What the charts draw from an ensemble summary: time-course bands per group, error bars for the
 * fold and AUC bars, and the status line beside the charts (progress, or why there is nothing).
 * Pure functions over `EnsembleResult` (the library's quantiles, unchanged).
 */
import type { EnsembleResult } from '../analysis/simulate-ensemble.ts';
import type { BarInterval, TimeCourseBands } from '../chart/index.ts';
import type { UncertaintyState } from './uncertainty-client.ts';

/** Bands of one series for every group of the ensemble (fold vs control, as the app runs it). */
export function seriesBands(ens: EnsembleResult, series: string): TimeCourseBands {
  const groups: Record<string, TimeCourseBands['groups'][string]> = {};
  for (const g of ens.groups) {
    const b = g.series[series];
    if (b) groups[g.id] = b;
  }
  return { time: ens.time, groups };
}

/** Error bars of the fold bars: the band of `fold:<group>:<observable>` per group. */
export function foldErrorBars(ens: EnsembleResult, observable: string): Record<string, BarInterval> {
  const out: Record<string, BarInterval> = {};
  for (const g of ens.groups) {
    const b = ens.readouts[`fold:${g.id}:${observable}`];
    if (b) out[g.id] = b;
  }
  return out;
}

/** Error bars of the AUC bars, keyed `<group>:<window>` (bands of `auc:<group>:<window>`). */
export function aucErrorBars(ens: EnsembleResult): Record<string, BarInterval> {
  const out: Record<string, BarInterval> = {};
  for (const [key, b] of Object.entries(ens.readouts)) {
    const m = /^auc:(.+):(\d+)$/.exec(key);
    if (m) out[`${m[1]}:${m[2]}`] = b;
  }
  return out;
}

/** The status line beside the charts. */
export interface UncertaintyStatus {
  readonly kind: 'off' | 'pending' | 'done' | 'error';
  readonly text: string;
  readonly progress?: { readonly done: number; readonly total: number };
}

/** Words for the uncertainty state (numbers from the state, never typed). */
export function uncertaintyStatus(show: boolean, state: UncertaintyState): UncertaintyStatus {
  if (!show || state.status === 'off') return { kind: 'off', text: '' };
  if (state.status === 'pending')
    return state.total > 0
      ? {
          kind: 'pending',
          text: `Running the plausible models: ${state.done} of ${state.total}… `,
          progress: { done: state.done, total: state.total },
        }
      : { kind: 'pending', text: 'Starting the plausible models… ' };
  if (state.status === 'error') return { kind: 'error', text: `Uncertainty not shown: ${state.message}.` };
  const r = state.result;
  const failed = r.members - r.succeeded;
  return {
    kind: 'done',
    text: `Bands and error bars: the middle 50% and 90% of ${r.succeeded} plausible models${
      failed > 0 ? ` (${failed} failed in the solver and are left out)` : ''
    }.`,
  };
}
