/**
 * Running explorations off the main thread: a small pool of workers computing the interference
 * map in chunks, plus the message handler the workers run. Nothing here touches a real worker
 * API: the browser (`Worker`), Node (`node:worker_threads`) and tests (fake workers) adapt
 * theirs to `PoolWorker`, so the same pool logic — dispatch, progress, cancel — is tested in Node.
 *
 * Messages carry the model *spec* (plain data, structured-cloneable); each worker compiles it
 * once and caches the compiled model by the spec's JSON text.
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
import { type SweepAxis, type SweepBase, type SweepFailure, type SweepMetric, sweepGrid } from './sweep.ts';

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
      readonly start: number;
      readonly end: number;
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
      readonly start: number;
      readonly values: Float64Array;
      readonly failures: readonly SweepFailure[];
    }
  | { readonly type: 'sensitivity'; readonly id: number; readonly result: SensitivityResult }
  | { readonly type: 'scan'; readonly id: number; readonly result: ScanResult }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

const compiled = new Map<string, CompiledModel>();

function modelFor(spec: ModelSpec): CompiledModel {
  const key = JSON.stringify(spec);
  let model = compiled.get(key);
  if (!model) {
    if (compiled.size > 8) compiled.clear();
    model = compileModel(spec);
    compiled.set(key, model);
  }
  return model;
}

/**
 * What a worker does with one task: compute it and return the reply (errors become an
 * `error` reply carrying the message, never a throw).
 */
export function handleWorkerTask(task: WorkerTask): WorkerReply {
  try {
    const model = modelFor(task.spec);
    switch (task.type) {
      case 'sweep': {
        const r = sweepGrid({ ...task.request, model, range: { start: task.start, end: task.end } });
        return { type: 'sweep', id: task.id, start: r.start, values: r.values, failures: r.failures };
      }
      case 'sensitivity':
        return { type: 'sensitivity', id: task.id, result: sensitivityAnalysis(model, task.options) };
      case 'scan':
        return { type: 'scan', id: task.id, result: parameterScan(model, task.options) };
    }
  } catch (err) {
    return { type: 'error', id: task.id, message: err instanceof Error ? err.message : String(err) };
  }
}

/** A worker as the pool sees it; adapters wrap `Worker` and `worker_threads.Worker`. */
export interface PoolWorker {
  post(task: WorkerTask): void;
  /** Register the handlers (called once, before the first `post`). */
  listen(onReply: (reply: WorkerReply) => void, onError: (message: string) => void): void;
  terminate(): void;
}

/** Makes a fresh worker. */
export type WorkerFactory = () => PoolWorker;

/** How many workers to use: the hardware's cores, capped at 4 (at least 1). */
export function poolSize(hardwareConcurrency: number | undefined, cap = 4): number {
  const n = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency as number) : 1;
  return Math.max(1, Math.min(cap, n));
}

/** Options of `ExplorePool.sweep`. */
export interface PoolSweepOptions {
  readonly spec: ModelSpec;
  readonly request: SweepRequest;
  /** Cells per chunk (default: one row, i.e. `x.length`). */
  readonly chunkSize?: number;
  /** After each chunk: cells done and total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** After each chunk: its first flat index and values, for drawing cells as they arrive. */
  readonly onChunk?: (start: number, values: Float64Array) => void;
}

/** The whole map. */
export interface PoolSweepResult {
  /** Flat values, index j·nx + i (x fastest); NaN where a cell failed. */
  readonly values: Float64Array;
  readonly failures: readonly SweepFailure[];
}

/** A running job. */
export interface Job<T> {
  readonly promise: Promise<T>;
  /** Stop now: terminate the job's workers; the promise rejects with `PoolCancelled`. Idempotent. */
  cancel(): void;
}

/** The rejection of a cancelled job. */
export class PoolCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PoolCancelled';
  }
}

interface Slot {
  readonly worker: PoolWorker;
  /** Where this worker's replies go while it works for a job. */
  route: ((reply: WorkerReply) => void) | null;
  fail: ((message: string) => void) | null;
}

/**
 * A pool of warm workers. Each job borrows up to `size` workers (idle ones first, new ones
 * otherwise) and returns them when it finishes; a cancelled or failed job terminates the workers
 * it holds, so no computation keeps running, and later jobs start fresh ones.
 */
export class ExplorePool {
  readonly size: number;
  private readonly factory: WorkerFactory;
  private readonly idle: Slot[] = [];
  private nextId = 0;
  private disposed = false;

  /** @param size workers per job (see `poolSize`) */
  constructor(factory: WorkerFactory, size: number) {
    this.factory = factory;
    this.size = Math.max(1, Math.floor(size));
  }

  /** Workers kept warm between jobs. */
  get idleCount(): number {
    return this.idle.length;
  }

  private acquire(): Slot {
    if (this.disposed) throw new Error('the pool was disposed');
    const ready = this.idle.pop();
    if (ready) return ready;
    const slot: Slot = { worker: this.factory(), route: null, fail: null };
    slot.worker.listen(
      (reply) => slot.route?.(reply),
      (message) => slot.fail?.(message),
    );
    return slot;
  }

  private release(slots: readonly Slot[], terminate: boolean): void {
    for (const slot of slots) {
      slot.route = null;
      slot.fail = null;
      if (terminate || this.disposed || this.idle.length >= this.size) slot.worker.terminate();
      else this.idle.push(slot);
    }
  }

  /**
   * Compute an interference map chunk by chunk; each worker takes the next chunk when it
   * finishes one. Resolves with every cell; rejects on a worker error, or with `PoolCancelled`.
   */
  sweep(options: PoolSweepOptions): Job<PoolSweepResult> {
    const { request } = options;
    const total = request.x.length * request.y.length;
    const chunk = Math.max(1, Math.floor(options.chunkSize ?? request.x.length));
    const values = new Float64Array(total).fill(Number.NaN);
    const failures: SweepFailure[] = [];
    if (total === 0) return { promise: Promise.resolve({ values, failures }), cancel: () => {} };
    const slots: Slot[] = [];
    let next = 0;
    let done = 0;
    let finished = false;
    let settle!: (error: Error | null) => void;
    const promise = new Promise<PoolSweepResult>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve({ values, failures }));
    });
    const stop = (error: Error | null) => {
      if (finished) return;
      finished = true;
      this.release(slots, error !== null);
      settle(error);
    };
    const dispatch = (slot: Slot) => {
      if (finished || next >= total) return;
      const start = next;
      const end = Math.min(total, start + chunk);
      next = end;
      slot.worker.post({ type: 'sweep', id: ++this.nextId, spec: options.spec, request, start, end });
    };
    const count = Math.min(this.size, Math.ceil(total / chunk));
    for (let k = 0; k < count; k++) {
      const slot = this.acquire();
      slots.push(slot);
      slot.route = (reply) => {
        if (finished) return;
        if (reply.type === 'error') return stop(new Error(reply.message));
        if (reply.type !== 'sweep') return stop(new Error(`unexpected reply from a worker: ${reply.type}`));
        values.set(reply.values, reply.start);
        failures.push(...reply.failures);
        done += reply.values.length;
        options.onChunk?.(reply.start, reply.values);
        options.onProgress?.(done, total);
        if (done >= total) stop(null);
        else dispatch(slot);
      };
      slot.fail = (message) => stop(new Error(`a worker failed: ${message}`));
    }
    for (const slot of slots) dispatch(slot);
    return { promise, cancel: () => stop(new PoolCancelled()) };
  }

  /** Run one sensitivity analysis or scan on one worker. */
  run<K extends 'sensitivity' | 'scan'>(
    type: K,
    spec: ModelSpec,
    options: K extends 'sensitivity' ? SensitivityOptions : ScanOptions,
  ): Job<K extends 'sensitivity' ? SensitivityResult : ScanResult> {
    type R = K extends 'sensitivity' ? SensitivityResult : ScanResult;
    const slot = this.acquire();
    let finished = false;
    let settle!: (error: Error | null, result?: R) => void;
    const promise = new Promise<R>((resolve, reject) => {
      settle = (error, result) => (error ? reject(error) : resolve(result as R));
    });
    const stop = (error: Error | null, result?: R) => {
      if (finished) return;
      finished = true;
      this.release([slot], error !== null && !(error.name === 'WorkerTaskError'));
      settle(error, result);
    };
    slot.route = (reply) => {
      if (reply.type === 'error') stop(Object.assign(new Error(reply.message), { name: 'WorkerTaskError' }));
      else if (reply.type === type && 'result' in reply) stop(null, reply.result as R);
      else stop(new Error(`unexpected reply from a worker: ${reply.type}`));
    };
    slot.fail = (message) => stop(new Error(`a worker failed: ${message}`));
    const id = ++this.nextId;
    slot.worker.post(
      type === 'sensitivity'
        ? { type: 'sensitivity', id, spec, options: options as SensitivityOptions }
        : { type: 'scan', id, spec, options: options as ScanOptions },
    );
    return { promise, cancel: () => stop(new PoolCancelled()) };
  }

  /** Terminate every idle worker and refuse new jobs. Running jobs finish or can be cancelled. */
  dispose(): void {
    this.disposed = true;
    for (const slot of this.idle.splice(0)) slot.worker.terminate();
  }
}
