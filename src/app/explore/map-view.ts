/**
 * What the map section draws, apart from the DOM: a map's cells as a grid for the heatmap — the
 * whole map, or, while a live map refines, only its coarse pass as a smaller grid of real cells
 * (never interpolated, so every coloured cell is a computed value) — and a frame-coalescing slot
 * that draws only the latest thing delivered. Pure; tested in Node.
 */
import type { MapState } from './map-run.ts';

/** A grid to draw: the cells of a map at columns `cols` and rows `rows`. */
export interface MapView {
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Row-major values of the view (`values[j * x.length + i]`). */
  readonly values: Float64Array;
  readonly pending: boolean[];
  /** The map's column of each view column. */
  readonly cols: readonly number[];
  /** The map's row of each view row. */
  readonly rows: readonly number[];
  /** The view shows every cell of the map. */
  readonly full: boolean;
}

/**
 * Indices 0…n−1 on every `stride`-th position, the last one included — the columns (or rows) of a
 * coarse refinement pass (`refinementPasses` in analysis/live-map.ts takes the same cells).
 * @throws Error for a stride that is not an integer ≥ 1
 */
export function strideIndices(n: number, stride: number): number[] {
  if (!Number.isInteger(stride) || stride < 1)
    throw new Error(`invalid stride: ${stride} (must be an integer ≥ 1)`);
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (k % stride === 0 || k === n - 1) out.push(k);
  return out;
}

/**
 * Cells per chunk of a live map: the coarse pass (stride `stride`) split evenly over the workers,
 * at least one row. Each chunk is one message carrying the model and the request, so fewer,
 * larger chunks keep the page's own work small while a slider moves.
 */
export function liveChunkSize(nx: number, ny: number, stride: number, workers: number): number {
  const coarse = strideIndices(nx, stride).length * strideIndices(ny, stride).length;
  return Math.max(nx, Math.ceil(coarse / Math.max(1, workers)));
}

/** The view of `map` on its columns `cols` and rows `rows` (default: every cell). */
export function mapView(
  map: Pick<MapState, 'x' | 'y' | 'values' | 'pending'>,
  cols: readonly number[] = map.x.map((_, i) => i),
  rows: readonly number[] = map.y.map((_, j) => j),
): MapView {
  const nx = map.x.length;
  const values = new Float64Array(cols.length * rows.length);
  const pending = new Array<boolean>(values.length);
  rows.forEach((j, vj) => {
    cols.forEach((i, vi) => {
      const k = j * nx + i;
      values[vj * cols.length + vi] = map.values[k]!;
      pending[vj * cols.length + vi] = map.pending[k]!;
    });
  });
  return {
    x: cols.map((i) => map.x[i]!),
    y: rows.map((j) => map.y[j]!),
    values,
    pending,
    cols,
    rows,
    full: cols.length === nx && rows.length === map.y.length,
  };
}

/** The coarse view of `map` for a refinement pass of stride `stride` (the whole map for 1). */
export function coarseView(map: Pick<MapState, 'x' | 'y' | 'values' | 'pending'>, stride: number): MapView {
  return mapView(map, strideIndices(map.x.length, stride), strideIndices(map.y.length, stride));
}

/**
 * A slot holding the latest value put into it, handed to `draw` once per frame: a burst of puts
 * between two frames draws only the last, so the page never draws a pass that a newer one has
 * already replaced.
 */
export class LatestFrame<T> {
  private latest: { value: T } | null = null;
  private queued = false;

  /**
   * @param draw called with the latest value at the next frame
   * @param schedule runs a callback at the next frame (the browser's `requestAnimationFrame`)
   */
  constructor(
    private readonly draw: (value: T) => void,
    private readonly schedule: (callback: () => void) => void,
  ) {}

  /** Deliver a value: it replaces any value not drawn yet. */
  put(value: T): void {
    this.latest = { value };
    if (this.queued) return;
    this.queued = true;
    this.schedule(() => {
      this.queued = false;
      const next = this.latest;
      this.latest = null;
      if (next) this.draw(next.value);
    });
  }

  /** Forget a value not drawn yet. */
  clear(): void {
    this.latest = null;
  }
}
