/**
 * The worker side of the exploration pool: the messages a worker receives and answers, and the
 * handler it runs. Messages carry the model *spec* (plain data, structured-cloneable); a worker
 * compiles each spec once, and keeps the plan of its latest maps, so the chunks of one map share
 * their prefixes (the RE-only run, the EE-only runs) within the worker instead of recomputing
 * them per chunk. Neither cache changes a value: a plan's values do not depend on the chunking.
 */
import { type CompiledModel, compileModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import {
  parameterScan,
  type ScanOptions,
  type ScanResult,
  type SensitivityOptions,
  type SensitivityResult,
  sensitivityAnalysis,
} from './sensitivity.ts';
import {
  planSweep,
  type SweepAxis,
  type SweepBase,
  type SweepFailure,
  type SweepMetric,
  type SweepPlan,
} from './sweep.ts';

/** The part of a sweep that travels to workers (everything but the compiled model). */
export interface SweepRequest extends Omit<SweepBase, 'solver'> {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly xAxis: SweepAxis;
  readonly yAxis: SweepAxis;
  readonly metric: SweepMetric;
}

/** A message to a worker. */
export type WorkerTask =
  | {
      readonly type: 'sweep';
      readonly id: number;
      readonly spec: ModelSpec;
      readonly request: SweepRequest;
      /** Flat cells start…end−1 (x fastest) … */
      readonly start: number;
      readonly end: number;
      /** … or, when given, exactly these flat cells (a refinement pass). */
      readonly indices?: readonly number[];
    }
  | {
      readonly type: 'sensitivity';
      readonly id: number;
      readonly spec: ModelSpec;
      readonly options: SensitivityOptions;
    }
  | { readonly type: 'scan'; readonly id: number; readonly spec: ModelSpec; readonly options: ScanOptions };

/** A worker's answer to a task. */
export type WorkerReply =
  | {
      readonly type: 'sweep';
      readonly id: number;
      /** First flat cell (range tasks), or -1 with `indices`. */
      readonly start: number;
      /** The cells of an `indices` task, aligned with `values`. */
      readonly indices?: readonly number[];
      readonly values: Float64Array;
      readonly failures: readonly SweepFailure[];
    }
  | { readonly type: 'sensitivity'; readonly id: number; readonly result: SensitivityResult }
  | { readonly type: 'scan'; readonly id: number; readonly result: ScanResult }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

const compiled = new Map<string, CompiledModel>();
/** Plans of the latest maps, by spec and request; a live map moves on, so two are plenty. */
const plans = new Map<string, SweepPlan>();
const MAX_PLANS = 2;

function modelFor(spec: ModelSpec, key: string): CompiledModel {
  let model = compiled.get(key);
  if (!model) {
    if (compiled.size > 8) compiled.clear();
    model = compileModel(spec);
    compiled.set(key, model);
  }
  return model;
}

function planFor(spec: ModelSpec, specKey: string, request: SweepRequest): SweepPlan {
  const key = `${specKey}\n${JSON.stringify(request)}`;
  let plan = plans.get(key);
  if (plan) {
    // Most recently used last.
    plans.delete(key);
  } else {
    plan = planSweep({ ...request, model: modelFor(spec, specKey) });
    if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
  }
  plans.set(key, plan);
  return plan;
}

/**
 * What a worker does with one task: compute it and return the reply (errors become an
 * `error` reply carrying the message, never a throw).
 */
export function handleWorkerTask(task: WorkerTask): WorkerReply {
  try {
    const specKey = JSON.stringify(task.spec);
    switch (task.type) {
      case 'sweep': {
        const plan = planFor(task.spec, specKey, task.request);
        if (task.indices) {
          const r = plan.computeCells(task.indices);
          return { type: 'sweep', id: task.id, start: -1, indices: task.indices, ...r };
        }
        const r = plan.compute({ start: task.start, end: task.end });
        return { type: 'sweep', id: task.id, start: r.start, values: r.values, failures: r.failures };
      }
      case 'sensitivity':
        return {
          type: 'sensitivity',
          id: task.id,
          result: sensitivityAnalysis(modelFor(task.spec, specKey), task.options),
        };
      case 'scan':
        return {
          type: 'scan',
          id: task.id,
          result: parameterScan(modelFor(task.spec, specKey), task.options),
        };
    }
  } catch (err) {
    return { type: 'error', id: task.id, message: err instanceof Error ? err.message : String(err) };
  }
}
