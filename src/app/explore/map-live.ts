/**
 * The live interference map, apart from the DOM: each `update` hands the latest request to the
 * pool's live lane (`ExplorePool.liveSweep`, which drops the older request's pending chunks), the
 * coarse pass is shown as a smaller grid of computed cells, then the whole map; a pass of a
 * request that a newer one has replaced is never shown, and within a frame only the latest
 * delivered pass is drawn (`LatestFrame`). Failures end the update with an error, never with a
 * map drawn as complete.
 */
import {
  DEFAULT_REFINEMENT,
  type ExplorePool,
  type Job,
  PoolCancelled,
  type PoolSweepResult,
  type SweepRequest,
} from '../../analysis/pool.ts';
import type { MapState } from './map-run.ts';
import { coarseView, LatestFrame, liveChunkSize, type MapView, mapView } from './map-view.ts';

/** What one live update shows: the map, the grid drawn from it, and how far it is. */
export interface LiveFrame {
  /** Number of the update (1, 2, … in the order of `update` calls). */
  readonly seq: number;
  readonly map: MapState;
  readonly view: MapView;
  /** `coarse`: the first pass only; `complete`: every cell. */
  readonly phase: 'coarse' | 'complete';
}

/** What the live map tells the page. */
export interface LiveMapHooks {
  /** Draw this frame (at most once per animation frame; always the latest delivered pass). */
  show(frame: LiveFrame): void;
  /** Cells of the current update done, and its total. */
  progress?(done: number, total: number): void;
  /**
   * The current update has every cell (failed cells are NaN and listed in `result.failures`);
   * called right after its complete frame is shown.
   */
  done(frame: LiveFrame, result: PoolSweepResult, elapsedMs: number): void;
  /** The current update failed (a worker error, a bad request): no map is shown as complete. */
  failed(seq: number, error: Error): void;
}

/** Options of `LiveMap`. */
export interface LiveMapOptions {
  /** Refinement strides, coarsest first (default `DEFAULT_REFINEMENT`). */
  readonly strides?: readonly number[];
  /** Runs a callback at the next frame (default `requestAnimationFrame`). */
  readonly schedule?: (callback: () => void) => void;
  /** Clock in ms (default `performance.now`). */
  readonly now?: () => number;
}

/** A map that follows its inputs. */
export class LiveMap {
  private readonly pool: () => Pick<ExplorePool, 'liveSweep' | 'size'>;
  private readonly hooks: LiveMapHooks;
  private readonly strides: readonly number[];
  private readonly now: () => number;
  private readonly frames: LatestFrame<{ frame: LiveFrame; result?: PoolSweepResult; elapsedMs?: number }>;
  private job: Job<PoolSweepResult> | null = null;
  private seq = 0;

  constructor(
    pool: () => Pick<ExplorePool, 'liveSweep' | 'size'>,
    hooks: LiveMapHooks,
    options: LiveMapOptions = {},
  ) {
    this.pool = pool;
    this.hooks = hooks;
    this.strides = options.strides ?? DEFAULT_REFINEMENT;
    this.now = options.now ?? (() => performance.now());
    const schedule = options.schedule ?? ((f: () => void) => void requestAnimationFrame(() => f()));
    // A frame is drawn only if its update is still the latest when the frame comes.
    this.frames = new LatestFrame(({ frame, result, elapsedMs }) => {
      if (frame.seq !== this.seq) return;
      this.hooks.show(frame);
      if (result) this.hooks.done(frame, result, elapsedMs ?? 0);
    }, schedule);
  }

  /** Is an update computing? */
  get running(): boolean {
    return this.job !== null;
  }

  /** Number of the latest update (0 before the first). */
  get latest(): number {
    return this.seq;
  }

  /** Compute `state` (a new, empty map for `request`), replacing any update still computing. */
  update(state: MapState, request: SweepRequest): number {
    const seq = ++this.seq;
    this.frames.clear();
    const started = this.now();
    const total = state.values.length;
    let done = 0;
    const coarse = this.strides[0] ?? 1;
    const pool = this.pool();
    const job = pool.liveSweep({
      spec: state.base.spec,
      request,
      strides: this.strides,
      chunkSize: liveChunkSize(request.x.length, request.y.length, coarse, pool.size),
      onCells: (indices, values) => {
        if (seq !== this.seq) return;
        indices.forEach((k, n) => {
          state.values[k] = values[n]!;
          state.pending[k] = false;
        });
        done += indices.length;
        this.hooks.progress?.(done, total);
      },
      onPass: (pass) => {
        if (seq !== this.seq || pass.index === pass.count - 1) return;
        // Only the first (coarsest) pass is drawn on its own; later coarse passes wait for the map.
        if (pass.index === 0)
          this.frames.put({ frame: { seq, map: state, view: coarseView(state, coarse), phase: 'coarse' } });
      },
    });
    this.job = job;
    job.promise.then(
      (result) => {
        if (seq !== this.seq) return;
        this.job = null;
        const frame: LiveFrame = { seq, map: state, view: mapView(state), phase: 'complete' };
        this.frames.put({ frame, result, elapsedMs: this.now() - started });
      },
      (error: Error) => {
        if (seq !== this.seq || error instanceof PoolCancelled) return;
        this.job = null;
        this.frames.clear();
        this.hooks.failed(seq, error);
      },
    );
    return seq;
  }

  /** Stop the current update (its cells stay as they are; nothing more is drawn for it). */
  cancel(): void {
    this.seq++;
    this.frames.clear();
    this.job?.cancel();
    this.job = null;
  }
}
