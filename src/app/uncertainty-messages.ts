/** Messages between the app and its uncertainty worker (plain data, structured clone). */
import type { EnsembleResult } from '../analysis/simulate-ensemble.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { AppScenario } from './state.ts';

/** Run the ensemble on a scenario (a newer request replaces it). */
export interface UncertaintyRequest {
  readonly id: number;
  readonly scenario: AppScenario;
  /** The spec of an opened model (it has no ensemble: the worker says so). */
  readonly spec?: ModelSpec;
}

/** Progress, the summary, a superseded job, or a failure in words. */
export type UncertaintyReply =
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly id: number; readonly result: EnsembleResult }
  | { readonly type: 'superseded'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
