/**
 * One interference map as data, and its computation in the worker pool, apart from any DOM: the
 * map panel draws a `MapState`, and anything that wants a map recomputed (the Compute button
 * today, a live update while sliders move tomorrow) calls `runMap`.
 */
import type { ExplorePool, Job, PoolSweepResult, SweepRequest } from '../../analysis/pool.ts';
import type { SweepMetric } from '../../analysis/sweep.ts';
import type { AxisChoice, ExploreBase } from './scenario.ts';

/** A map being computed or computed, with the inputs it was computed from. */
export interface MapState {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly axis: AxisChoice;
  readonly metric: SweepMetric;
  /** Flat values, index j·nx + i; NaN until computed or where a cell failed. */
  readonly values: Float64Array;
  /** Cells not computed yet. */
  readonly pending: boolean[];
  /** The keyboard / last loaded cell. */
  cursor: { i: number; j: number } | null;
  /** The scenario inputs the map was computed from. */
  readonly base: ExploreBase;
  /** `mapBasis` of those inputs. */
  readonly basis: string;
  /** The scenario has changed since: the map no longer shows it. */
  stale: boolean;
}

/** What a map depends on besides its own axes (the gap and the swept y quantity). */
export function mapBasis(base: ExploreBase, yAxis: string): string {
  const without = (o: object) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => k !== yAxis && k !== 'gap'));
  return JSON.stringify([
    base.spec.id,
    base.parameterPreset ?? '',
    without(base.parameters),
    without(base.settings),
  ]);
}

/** A new, uncomputed map for `request`. */
export function newMapState(request: SweepRequest, axis: AxisChoice, base: ExploreBase): MapState {
  const total = request.x.length * request.y.length;
  return {
    x: [...request.x],
    y: [...request.y],
    axis,
    metric: request.metric,
    values: new Float64Array(total).fill(Number.NaN),
    pending: new Array<boolean>(total).fill(true),
    cursor: null,
    base,
    basis: mapBasis(base, request.yAxis),
    stale: false,
  };
}

/** Hooks of `runMap`. */
export interface MapRunHooks {
  /** Some cells arrived (already written into the state). */
  readonly onChunk?: () => void;
  /** Cells done and total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Compute `state`'s cells in `pool`, writing each chunk into the state as it arrives. */
export function runMap(
  pool: ExplorePool,
  state: MapState,
  request: SweepRequest,
  hooks: MapRunHooks = {},
): Job<PoolSweepResult> {
  return pool.sweep({
    spec: state.base.spec,
    request,
    onChunk: (start, values) => {
      state.values.set(values, start);
      for (let k = start; k < start + values.length; k++) state.pending[k] = false;
      hooks.onChunk?.();
    },
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
  });
}
