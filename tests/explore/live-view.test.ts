/**
 * The live map's pure side in the app: the coarse view (real cells only, the same cells as the
 * pool's first refinement pass), the frame slot that draws only the latest value, the map key,
 * the gap range of a request, and `LiveMap` over in-process workers — coalescing to the latest
 * request, frames of replaced requests never drawn, failures reported without a complete map.
 */
import { describe, expect, it } from 'vitest';
import { mapKey } from '../../src/app/explore/map-controls.ts';
import { type LiveFrame, LiveMap } from '../../src/app/explore/map-live.ts';
import { newMapState } from '../../src/app/explore/map-run.ts';
import {
  coarseView,
  LatestFrame,
  liveChunkSize,
  mapView,
  strideIndices,
} from '../../src/app/explore/map-view.ts';
import { exploreBase, mapRequest, yAxisChoices } from '../../src/app/explore/scenario.ts';
import { defaultScenario } from '../../src/app/state.ts';
import {
  ExplorePool,
  handleWorkerTask,
  type PoolWorker,
  refinementPasses,
  sweepGrid,
  type WorkerReply,
} from '../../src/index.ts';

const base = exploreBase(defaultScenario());
const axis = yAxisChoices(base.model).find((c) => c.axis === 'eeIntensity')!;
const request = (yMax: number, nx = 7, ny = 5) =>
  mapRequest(base, { yAxis: 'eeIntensity', yMin: 0.6, yMax, nx, ny, metric: 'mps3h', gapMax: 240 });

/** In-process workers that hold every task until `drain` (answers may post new tasks). */
function heldWorkers(fail?: (task: unknown) => string | null) {
  const pending: (() => void)[] = [];
  const factory = (): PoolWorker => {
    let onReply: (r: WorkerReply) => void = () => {};
    return {
      listen: (reply) => {
        onReply = reply;
      },
      post: (task) =>
        pending.push(() => {
          const message = fail?.(task);
          onReply(message ? { type: 'error', id: task.id, message } : handleWorkerTask(task));
        }),
      terminate: () => {},
    };
  };
  const drain = () => {
    for (let guard = 0; pending.length > 0 && guard < 10_000; guard++) pending.shift()!();
  };
  const step = () => pending.shift()?.();
  return { factory, drain, step };
}

/** A manual frame clock: `tick` runs the callbacks scheduled so far. */
function frames() {
  let queue: (() => void)[] = [];
  return {
    schedule: (f: () => void) => queue.push(f),
    tick: () => {
      const run = queue;
      queue = [];
      for (const f of run) f();
    },
  };
}

describe('strideIndices and coarseView', () => {
  it('sizes live chunks to split the coarse pass over the workers, at least a row', () => {
    expect(liveChunkSize(61, 41, 3, 2)).toBe(158);
    expect(liveChunkSize(7, 5, 3, 1)).toBe(9);
    expect(liveChunkSize(7, 5, 3, 4)).toBe(7);
  });

  it('takes the same cells as the first refinement pass of the pool', () => {
    const [nx, ny] = [61, 41];
    const cols = strideIndices(nx, 3);
    const rows = strideIndices(ny, 3);
    expect(cols).toHaveLength(21);
    expect(rows).toHaveLength(15);
    expect(rows.slice(-2)).toEqual([39, 40]);
    const fromView = rows.flatMap((j) => cols.map((i) => j * nx + i));
    expect(fromView).toEqual(refinementPasses(nx, ny, [3])[0]);
    expect(() => strideIndices(5, 0)).toThrow(/invalid stride: 0/);
  });

  it('copies exactly the chosen cells (values and pending), row-major', () => {
    const state = newMapState(request(0.9), axis, base);
    state.values.forEach((_, k) => {
      state.values[k] = k;
      state.pending[k] = k % 2 === 0;
    });
    const v = coarseView(state, 3);
    expect(v.cols).toEqual([0, 3, 6]);
    expect(v.rows).toEqual([0, 3, 4]);
    expect(Array.from(v.values)).toEqual([0, 3, 6, 21, 24, 27, 28, 31, 34]);
    expect(v.pending).toEqual([true, false, true, false, true, false, true, false, true]);
    expect(v.x).toEqual([state.x[0], state.x[3], state.x[6]]);
    expect(v.full).toBe(false);
    expect(mapView(state).full).toBe(true);
    expect(Array.from(mapView(state).values)).toEqual(Array.from(state.values));
  });
});

describe('LatestFrame', () => {
  it('draws only the latest value put before a frame, once per frame', () => {
    const clock = frames();
    const drawn: number[] = [];
    const slot = new LatestFrame<number>((v) => drawn.push(v), clock.schedule);
    slot.put(1);
    slot.put(2);
    slot.put(3);
    clock.tick();
    expect(drawn).toEqual([3]);
    slot.put(4);
    slot.clear();
    clock.tick();
    expect(drawn).toEqual([3]);
    slot.put(5);
    clock.tick();
    expect(drawn).toEqual([3, 5]);
  });
});

describe('map key and gap range', () => {
  it('changes with the inputs the map depends on, not with its own axes', () => {
    const r = request(0.9);
    const moved = exploreBase({ ...defaultScenario(), settings: { ...defaultScenario().settings, gap: 90 } });
    expect(mapKey(moved, r)).toBe(mapKey(base, r));
    const other = exploreBase({ ...defaultScenario(), params: { tauR: 80 } });
    expect(mapKey(other, r)).not.toBe(mapKey(base, r));
    expect(mapKey(base, request(0.8))).not.toBe(mapKey(base, r));
  });
  it('spans −gapMax … +gapMax and names a bad range', () => {
    const r = request(0.9);
    expect(r.x[0]).toBe(-240);
    expect(r.x[r.x.length - 1]).toBe(240);
    expect(() =>
      mapRequest(base, { yAxis: 'eeIntensity', yMin: 0.6, yMax: 0.9, metric: 'mps3h', gapMax: 900 }),
    ).toThrow(/invalid gap range: ±900 min/);
  });
});

describe('LiveMap', () => {
  it('coalesces to the latest request: only its frames are drawn, coarse first, and it equals sweepGrid', async () => {
    const { factory, drain } = heldWorkers();
    const pool = new ExplorePool(factory, 2);
    const clock = frames();
    const shown: LiveFrame[] = [];
    const done: LiveFrame[] = [];
    const live = new LiveMap(
      () => pool,
      { show: (f) => shown.push(f), done: (f) => done.push(f), failed: (_s, e) => Promise.reject(e) },
      { schedule: clock.schedule, strides: [3] },
    );
    const requests = [0.7, 0.75, 0.8, 0.85].map((y) => request(y));
    const states = requests.map((r) => newMapState(r, axis, base));
    for (const [k, r] of requests.entries()) live.update(states[k]!, r);
    expect(live.running).toBe(true);
    drain();
    await new Promise((r) => setTimeout(r, 0));
    clock.tick();
    // Requests 1–3 were replaced: nothing of theirs is shown or reported done.
    expect(done.map((f) => f.seq)).toEqual([4]);
    expect(shown.map((f) => [f.seq, f.phase])).toEqual([[4, 'complete']]);
    expect(live.running).toBe(false);
    const expected = sweepGrid({ ...requests[3]!, model: base.model });
    expect(Array.from(shown[0]!.view.values)).toEqual(Array.from(expected.values));
    // The older requests' maps were never completed.
    for (const s of states.slice(0, 3)) expect(s.pending.some((p) => p)).toBe(true);
    pool.dispose();
  });

  it('shows the coarse pass as a grid of computed cells before the whole map', async () => {
    const { factory, drain } = heldWorkers();
    const pool = new ExplorePool(factory, 1);
    const clock = frames();
    const shown: LiveFrame[] = [];
    const live = new LiveMap(
      () => pool,
      { show: (f) => shown.push(f), done: () => {}, failed: () => {} },
      { schedule: clock.schedule, strides: [3] },
    );
    const r = request(0.9);
    live.update(newMapState(r, axis, base), r);
    drain();
    await new Promise((res) => setTimeout(res, 0));
    // Both passes arrived before the frame: only the latest (complete) is drawn.
    clock.tick();
    expect(shown.map((f) => f.phase)).toEqual(['complete']);

    // Frame by frame: answer the coarse pass, draw, then the rest.
    const held = heldWorkers();
    const pool2 = new ExplorePool(held.factory, 1);
    const shown2: LiveFrame[] = [];
    const live2 = new LiveMap(
      () => pool2,
      { show: (f) => shown2.push(f), done: () => {}, failed: () => {} },
      { schedule: clock.schedule, strides: [3] },
    );
    const state = newMapState(r, axis, base);
    live2.update(state, r);
    expect(state.pending.every((p) => p)).toBe(true);
    // One worker: the coarse pass (9 cells) is one chunk (liveChunkSize).
    held.step();
    clock.tick();
    expect(shown2.map((f) => f.phase)).toEqual(['coarse']);
    const coarse = shown2[0]!.view;
    expect([coarse.x.length, coarse.y.length]).toEqual([3, 3]);
    expect(coarse.pending.every((p) => !p)).toBe(true);
    const full = sweepGrid({ ...r, model: base.model });
    const picked = coarse.rows.flatMap((j) => coarse.cols.map((i) => full.values[j * 7 + i]));
    expect(Array.from(coarse.values)).toEqual(picked);
    held.drain();
    await new Promise((res) => setTimeout(res, 0));
    clock.tick();
    expect(shown2.map((f) => f.phase)).toEqual(['coarse', 'complete']);
    pool.dispose();
    pool2.dispose();
  });

  it('reports a failing request without drawing a complete map, and cancel drops pending frames', async () => {
    const { factory, drain } = heldWorkers((task) =>
      (task as { request?: { y: number[] } }).request?.y.at(-1) === 0.95 ? 'solver failed at t = 12' : null,
    );
    const pool = new ExplorePool(factory, 2);
    const clock = frames();
    const shown: LiveFrame[] = [];
    const failed: string[] = [];
    const live = new LiveMap(
      () => pool,
      { show: (f) => shown.push(f), done: () => {}, failed: (_s, e) => failed.push(e.message) },
      { schedule: clock.schedule },
    );
    const bad = request(0.95);
    live.update(newMapState(bad, axis, base), bad);
    drain();
    await new Promise((r) => setTimeout(r, 0));
    clock.tick();
    expect(failed).toEqual(['solver failed at t = 12']);
    expect(shown.filter((f) => f.phase === 'complete')).toEqual([]);
    expect(live.running).toBe(false);

    const good = request(0.9);
    live.update(newMapState(good, axis, base), good);
    live.cancel();
    drain();
    await new Promise((r) => setTimeout(r, 0));
    clock.tick();
    expect(shown).toEqual([]);
    expect(live.running).toBe(false);
    pool.dispose();
  });
});
