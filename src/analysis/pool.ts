/**
 * Running explorations off the main thread: a small pool of workers computing the interference
 * map in chunks, sensitivity analyses and scans. Nothing here touches a real worker API: the
 * browser (`Worker`), Node (`node:worker_threads`) and tests (fake workers) adapt theirs to
 * `PoolWorker`, so the same pool logic — dispatch, progress, cancel, coalescing — is tested in
 * Node. What a worker runs is in `pool-worker.ts` (re-exported here).
 *
 * Two ways to compute a map: `sweep` (one job, contiguous chunks, cancel terminates its workers)
 * and `liveSweep` (for a map that follows a slider): the latest request wins — a newer one drops
 * the older one's pending chunks and takes over its warm workers as their current chunk ends —
 * and the map arrives in passes, a coarse subgrid first, then the remaining cells.
 */
import type { ModelSpec } from '../model/spec.ts';
import { LiveJob, type LiveSweepOptions } from './live-map.ts';
import type { WorkerReply, WorkerTask } from './pool-worker.ts';
import type { ScanOptions, ScanResult, SensitivityOptions, SensitivityResult } from './sensitivity.ts';
import type { SweepFailure } from './sweep.ts';

export * from './live-map.ts';
export * from './pool-worker.ts';

import type { SweepRequest } from './pool-worker.ts';

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
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'PoolCancelled';
  }
}

/** The rejection of a live map replaced by a newer request (a kind of cancellation). */
export class PoolSuperseded extends PoolCancelled {
  constructor() {
    super('superseded by a newer request');
    this.name = 'PoolSuperseded';
  }
}

/** The live lane: warm workers kept for live maps, and the map they work on now. */
interface Lane {
  readonly slots: Slot[];
  /** Slots with a chunk out, and which job and pass that chunk belongs to. */
  readonly busy: Map<Slot, { job: LiveJob; pass: number }>;
  job: LiveJob | null;
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
  private lane: Lane | null = null;

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

  /**
   * A map that follows its inputs: the latest call wins. A newer call stops handing out the
   * older map's chunks (its promise rejects with `PoolSuperseded`); the lane's workers finish the
   * chunk they hold — its answer is dropped — and go straight on to the new map, so nothing is
   * restarted and no worker is added. Each worker keeps the plan of the map it works on, so the
   * map's shared prefixes are integrated once per worker. Cells come in passes: a coarse subgrid
   * first (`strides`), then the rest; `onPass` reports each. `cancel` stops handing out chunks.
   * @throws Error for a bad stride
   */
  liveSweep(options: LiveSweepOptions): Job<PoolSweepResult> {
    const job = new LiveJob(options);
    const lane = this.ensureLane();
    lane.job?.stop(new PoolSuperseded());
    lane.job = job;
    for (const slot of lane.slots) if (!lane.busy.has(slot)) this.feed(lane, slot);
    return {
      promise: job.promise,
      cancel: () => {
        job.stop(new PoolCancelled());
        if (lane.job === job) lane.job = null;
      },
    };
  }

  /** Workers of the live lane (warm between live maps). */
  get liveWorkers(): number {
    return this.lane?.slots.length ?? 0;
  }

  private ensureLane(): Lane {
    if (this.disposed) throw new Error('the pool was disposed');
    const lane: Lane = this.lane ?? { slots: [], busy: new Map(), job: null };
    this.lane = lane;
    while (lane.slots.length < this.size) {
      const slot = this.acquire();
      slot.route = (reply) => this.laneReply(lane, slot, reply);
      slot.fail = (message) => this.laneFailure(lane, slot, message);
      lane.slots.push(slot);
    }
    return lane;
  }

  /** Give `slot` the current map's next chunk, if any. */
  private feed(lane: Lane, slot: Slot): void {
    const job = lane.job;
    const chunk = job?.take();
    if (!job || !chunk) return;
    const id = ++this.nextId;
    lane.busy.set(slot, { job, pass: chunk.pass });
    const { spec, request } = job.source;
    slot.worker.post({ type: 'sweep', id, spec, request, start: -1, end: -1, indices: chunk.indices });
  }

  private laneReply(lane: Lane, slot: Slot, reply: WorkerReply): void {
    const task = lane.busy.get(slot);
    lane.busy.delete(slot);
    if (task && !task.job.finished) {
      if (reply.type === 'error') task.job.stop(new Error(reply.message));
      else if (reply.type !== 'sweep' || !reply.indices) {
        task.job.stop(new Error(`unexpected reply from a worker: ${reply.type}`));
      } else task.job.receive(task.pass, reply.indices, reply.values, reply.failures);
    }
    this.feed(lane, slot);
  }

  private laneFailure(lane: Lane, slot: Slot, message: string): void {
    // A crashed worker leaves the lane (the next live map starts a fresh one). The map whose
    // chunk it held, or a map left without workers, fails: no cell is silently missing.
    const task = lane.busy.get(slot);
    lane.busy.delete(slot);
    lane.slots.splice(lane.slots.indexOf(slot), 1);
    slot.worker.terminate();
    const error = new Error(`a worker failed: ${message}`);
    task?.job.stop(error);
    if (lane.slots.length === 0) lane.job?.stop(error);
  }

  /** Terminate every idle worker and the live lane's, and refuse new jobs. */
  dispose(): void {
    this.disposed = true;
    for (const slot of this.idle.splice(0)) slot.worker.terminate();
    if (this.lane) {
      this.lane.job?.stop(new PoolCancelled());
      for (const slot of this.lane.slots.splice(0)) slot.worker.terminate();
    }
  }
}
