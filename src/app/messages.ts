/**
 * Messages between the app and its simulation worker. Plain data only (structured clone):
 * results carry typed arrays, errors are flattened to their fields.
 */
import type { TargetResult } from '../analysis/targets.ts';
import type { IntensityBand, OrderEffectCurve } from '../analysis/time-since-run.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { ProtocolIssue } from '../protocol/protocol.ts';
import type { LikelyCause } from '../simulate/errors.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import type { AppScenario } from './state.ts';

/** What the worker can be asked to do. */
export type WorkerRequest = {
  readonly id: number;
  /** A run, the target checks, or the study-intensity band where T1–T9 hold. */
  readonly type: 'run' | 'targets' | 'band';
  readonly scenario: AppScenario;
  /** The spec of a model opened from a file (bundled models are found by id); the worker validates it. */
  readonly spec?: ModelSpec;
};

/** A failure flattened for postMessage. */
export interface WorkerFailure {
  /** `SimulationError`, `ProtocolError` or `Error`. */
  readonly name: string;
  readonly message: string;
  readonly kind?: string;
  readonly groupId?: string;
  readonly time?: number;
  readonly likelyCause?: LikelyCause;
  readonly issues?: readonly ProtocolIssue[];
}

/** The worker's answer to one request. */
export type WorkerResponse =
  | {
      readonly id: number;
      readonly type: 'run';
      readonly ok: true;
      readonly result: SimulationResult;
      /** RE→EE / EE→RE against readout time, when the run has both orders. */
      readonly orderEffect?: OrderEffectCurve;
    }
  | { readonly id: number; readonly type: 'targets'; readonly ok: true; readonly targets: TargetResult[] }
  | { readonly id: number; readonly type: 'band'; readonly ok: true; readonly band: IntensityBand }
  | {
      readonly id: number;
      readonly type: 'run' | 'targets' | 'band';
      readonly ok: false;
      readonly error: WorkerFailure;
    };

/** Flatten any thrown value into a `WorkerFailure`. */
export function toFailure(e: unknown): WorkerFailure {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const x = e as Error & Partial<Omit<WorkerFailure, 'name' | 'message'>>;
  return {
    name: e.name,
    message: e.message,
    ...(x.kind !== undefined ? { kind: x.kind } : {}),
    ...(x.groupId !== undefined ? { groupId: x.groupId } : {}),
    ...(x.time !== undefined ? { time: x.time } : {}),
    ...(x.likelyCause !== undefined ? { likelyCause: { ...x.likelyCause } } : {}),
    ...(x.issues !== undefined ? { issues: x.issues.map((i) => ({ ...i })) } : {}),
  };
}
