/**
 * A live map's bookkeeping, apart from the workers: the refinement passes (a coarse subgrid
 * first, then the rest), the chunks in pass order, and what has come back. `ExplorePool.liveSweep`
 * hands the chunks to its workers.
 */
import type { ModelSpec } from '../model/spec.ts';
import type { PoolSweepResult } from './pool.ts';
import type { SweepRequest } from './pool-worker.ts';
import type { SweepFailure } from './sweep.ts';

/**
 * Flat cell indices (x fastest) of each refinement pass over an nx × ny grid: for each stride
 * s, coarsest first, the cells on every s-th column and row (the last column and row included,
 * so a coarse map spans the whole range) not in an earlier pass; then every cell left.
 * @throws Error for a stride that is not an integer ≥ 2
 */
export function refinementPasses(nx: number, ny: number, strides: readonly number[]): number[][] {
  const done = new Uint8Array(nx * ny);
  const passes: number[][] = [];
  const on = (k: number, n: number, s: number) => k % s === 0 || k === n - 1;
  for (const s of strides) {
    if (!Number.isInteger(s) || s < 2)
      throw new Error(`invalid refinement stride: ${s} (must be an integer ≥ 2)`);
    const pass: number[] = [];
    for (let j = 0; j < ny; j++) {
      if (!on(j, ny, s)) continue;
      for (let i = 0; i < nx; i++) {
        const k = j * nx + i;
        if (on(i, nx, s) && !done[k]) {
          done[k] = 1;
          pass.push(k);
        }
      }
    }
    if (pass.length > 0) passes.push(pass);
  }
  const rest: number[] = [];
  for (let k = 0; k < nx * ny; k++) if (!done[k]) rest.push(k);
  if (rest.length > 0) passes.push(rest);
  return passes;
}

/** Default coarse pass of a live map: every 3rd column and row (61 × 41 → 21 × 14 cells). */
export const DEFAULT_REFINEMENT = Object.freeze([3]);

/** Options of `ExplorePool.liveSweep`. */
export interface LiveSweepOptions {
  readonly spec: ModelSpec;
  readonly request: SweepRequest;
  /** Strides of the coarse passes, coarsest first (default `DEFAULT_REFINEMENT`; [] for none). */
  readonly strides?: readonly number[];
  /** Cells per chunk (default: one row, `x.length`). */
  readonly chunkSize?: number;
  /** After each chunk: its flat cells and their values, for drawing cells as they arrive. */
  readonly onCells?: (indices: readonly number[], values: Float64Array) => void;
  /**
   * After each pass: which pass (0 = coarsest), how many there are, its cells, and the whole
   * grid so far (NaN where not computed yet). The last pass completes the map.
   */
  readonly onPass?: (pass: {
    readonly index: number;
    readonly count: number;
    readonly indices: readonly number[];
    readonly values: Float64Array;
  }) => void;
}

/** One live map: its chunks in pass order and what has come back (used by `ExplorePool`). */
export class LiveJob {
  readonly values: Float64Array;
  readonly failures: SweepFailure[] = [];
  readonly promise: Promise<PoolSweepResult>;
  finished = false;
  private readonly options: LiveSweepOptions;
  private readonly passes: number[][];
  private readonly chunks: { pass: number; indices: number[] }[] = [];
  private readonly left: number[];
  private nextChunk = 0;
  private settle!: (error: Error | null) => void;

  /** What the workers need: the spec and the request. */
  get source(): { readonly spec: ModelSpec; readonly request: SweepRequest } {
    return this.options;
  }

  constructor(options: LiveSweepOptions) {
    this.options = options;
    const { x, y } = options.request;
    this.values = new Float64Array(x.length * y.length).fill(Number.NaN);
    this.passes = refinementPasses(x.length, y.length, options.strides ?? DEFAULT_REFINEMENT);
    const size = Math.max(1, Math.floor(options.chunkSize ?? x.length));
    this.passes.forEach((cells, pass) => {
      for (let i = 0; i < cells.length; i += size)
        this.chunks.push({ pass, indices: cells.slice(i, i + size) });
    });
    this.left = this.passes.map((p) => p.length);
    this.promise = new Promise<PoolSweepResult>((resolve, reject) => {
      this.settle = (error) =>
        error ? reject(error) : resolve({ values: this.values, failures: this.failures });
    });
    if (this.chunks.length === 0) this.stop(null);
  }

  /** The next chunk to hand out, or undefined when all are out. */
  take(): { pass: number; indices: number[] } | undefined {
    return this.finished ? undefined : this.chunks[this.nextChunk++];
  }

  /** A chunk's answer: record it, report the pass if it completed it, finish after the last. */
  receive(pass: number, indices: readonly number[], values: Float64Array, failures: readonly SweepFailure[]) {
    if (this.finished) return;
    indices.forEach((k, n) => {
      this.values[k] = values[n]!;
    });
    this.failures.push(...failures);
    this.options.onCells?.(indices, values);
    this.left[pass]! -= indices.length;
    if (this.left[pass] === 0) {
      this.options.onPass?.({
        index: pass,
        count: this.passes.length,
        indices: this.passes[pass]!,
        values: this.values,
      });
    }
    if (this.left.every((n) => n === 0)) this.stop(null);
  }

  stop(error: Error | null): void {
    if (this.finished) return;
    this.finished = true;
    this.settle(error);
  }
}
