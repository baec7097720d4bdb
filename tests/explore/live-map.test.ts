/**
 * The live map: refinement passes (coarse subgrid first), coalescing to the latest request
 * (a newer request drops the older one's pending chunks and takes over its warm workers),
 * cancel, failures, and the worker answering chunks of explicit cells from one cached plan.
 */
import { describe, expect, it } from 'vitest';
import {
  axisValues,
  compileModel,
  ExplorePool,
  getModel,
  handleWorkerTask,
  PoolCancelled,
  PoolSuperseded,
  type PoolWorker,
  refinementPasses,
  sweepGrid,
  type WorkerReply,
  type WorkerTask,
} from '../../src/index.ts';

const spec = getModel();
const model = compileModel(spec);
const request = {
  x: axisValues(-240, 240, 7),
  y: axisValues(0.6, 0.9, 5),
  xAxis: 'gap',
  yAxis: 'eeIntensity',
  metric: 'mps3h' as const,
};
const full = sweepGrid({ ...request, model });

/** In-process fake workers that hold every task until released (one at a time or all). */
function heldWorkers() {
  const log = { created: 0, terminated: 0, posted: [] as WorkerTask[] };
  const pending: { answer: () => void; fail: (m: string) => void }[] = [];
  const factory = (): PoolWorker => {
    log.created++;
    let onReply: (r: WorkerReply) => void = () => {};
    let onError: (m: string) => void = () => {};
    let dead = false;
    return {
      listen: (reply, error) => {
        onReply = reply;
        onError = error;
      },
      post: (task) => {
        log.posted.push(task);
        pending.push({
          answer: () => {
            if (!dead) onReply(handleWorkerTask(task));
          },
          fail: (m) => {
            if (!dead) onError(m);
          },
        });
      },
      terminate: () => {
        if (!dead) log.terminated++;
        dead = true;
      },
    };
  };
  /** Answer held tasks, oldest first, until none is left (answers may post new tasks). */
  const drain = () => {
    for (let guard = 0; pending.length > 0 && guard < 10_000; guard++) pending.shift()!.answer();
  };
  return { factory, log, pending, drain };
}

describe('refinementPasses', () => {
  it('takes every 3rd column and row (ends included) first, then every other cell once', () => {
    const [coarse, rest] = refinementPasses(7, 5, [3]);
    // Columns 0, 3, 6 and rows 0, 3, 4.
    expect(coarse).toEqual([0, 3, 6, 21, 24, 27, 28, 31, 34]);
    expect(rest).toHaveLength(35 - 9);
    expect([...coarse!, ...rest!].sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, k) => k));
  });
  it('nests several strides, coarsest first, and rejects a stride below 2', () => {
    const passes = refinementPasses(9, 9, [4, 2]);
    expect(passes).toHaveLength(3);
    expect(passes[0]).toHaveLength(9);
    expect(passes[0]!.length + passes[1]!.length).toBe(25);
    expect(refinementPasses(3, 2, [])).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(() => refinementPasses(3, 3, [1])).toThrow(/invalid refinement stride: 1/);
  });
});

describe('handleWorkerTask with explicit cells', () => {
  it('answers cells in the order asked, equal to the full map', () => {
    const indices = [34, 0, 17, 5];
    const reply = handleWorkerTask({ type: 'sweep', id: 3, spec, request, start: -1, end: -1, indices });
    if (reply.type !== 'sweep') throw new Error(`expected a sweep reply, got ${reply.type}`);
    expect(reply.indices).toEqual(indices);
    expect(Array.from(reply.values)).toEqual(indices.map((k) => full.values[k]!));
  });
});

describe('ExplorePool.liveSweep', () => {
  it('delivers the coarse pass, then the rest; the result equals sweepGrid', async () => {
    const { factory, drain } = heldWorkers();
    const pool = new ExplorePool(factory, 2);
    const passes: { index: number; count: number; done: number }[] = [];
    const job = pool.liveSweep({
      spec,
      request,
      strides: [3],
      onPass: (p) =>
        passes.push({
          index: p.index,
          count: p.count,
          done: p.values.filter((v) => !Number.isNaN(v)).length,
        }),
    });
    drain();
    const result = await job.promise;
    expect(passes).toEqual([
      { index: 0, count: 2, done: 9 },
      { index: 1, count: 2, done: 35 },
    ]);
    expect(Array.from(result.values)).toEqual(Array.from(full.values));
    pool.dispose();
  });

  it('a newer request supersedes the older: pending chunks dropped, same warm workers, no terminate', async () => {
    const { factory, log, pending, drain } = heldWorkers();
    const pool = new ExplorePool(factory, 2);
    const seenA: number[] = [];
    const a = pool.liveSweep({ spec, request, chunkSize: 3, onCells: (ix) => seenA.push(...ix) });
    expect(log.posted).toHaveLength(2);
    const request2 = { ...request, y: axisValues(0.5, 0.7, 5) };
    const b = pool.liveSweep({ spec, request: request2, chunkSize: 3 });
    await expect(a.promise).rejects.toBeInstanceOf(PoolSuperseded);
    await expect(a.promise).rejects.toBeInstanceOf(PoolCancelled);
    // Both workers still hold A's chunks: nothing new is posted until they answer.
    expect(log.posted).toHaveLength(2);
    expect(pending).toHaveLength(2);
    drain();
    const result = await b.promise;
    expect(seenA).toEqual([]);
    expect(Array.from(result.values)).toEqual(Array.from(sweepGrid({ ...request2, model }).values));
    // Only A's two in-flight chunks were computed for A; every later task was B's.
    const forA = log.posted.filter((t) => t.type === 'sweep' && t.request.y[0] === request.y[0]);
    expect(forA).toHaveLength(2);
    expect(log.created).toBe(2);
    expect(log.terminated).toBe(0);
    expect(pool.liveWorkers).toBe(2);
    pool.dispose();
    expect(log.terminated).toBe(2);
  });

  it('cancel stops handing out chunks and keeps the workers warm for the next map', async () => {
    const { factory, log, drain } = heldWorkers();
    const pool = new ExplorePool(factory, 2);
    const job = pool.liveSweep({ spec, request, chunkSize: 2 });
    job.cancel();
    await expect(job.promise).rejects.toBeInstanceOf(PoolCancelled);
    drain();
    expect(log.posted).toHaveLength(2);
    expect(log.terminated).toBe(0);
    const next = pool.liveSweep({ spec, request });
    drain();
    expect(Array.from((await next.promise).values)).toEqual(Array.from(full.values));
    expect(log.created).toBe(2);
    pool.dispose();
  });

  it('a failing request rejects with the worker message; the lane serves the next one', async () => {
    const { factory, drain } = heldWorkers();
    const pool = new ExplorePool(factory, 2);
    const bad = pool.liveSweep({ spec, request: { ...request, yAxis: 'nope' } });
    drain();
    await expect(bad.promise).rejects.toThrow(/unknown axis: nope/);
    const good = pool.liveSweep({ spec, request });
    drain();
    expect((await good.promise).failures).toEqual([]);
    pool.dispose();
  });

  it('a crashed worker fails the map whose chunk it held, naming the failure', async () => {
    const { factory, pending } = heldWorkers();
    const pool = new ExplorePool(factory, 2);
    const job = pool.liveSweep({ spec, request });
    pending.shift()!.fail('out of memory');
    await expect(job.promise).rejects.toThrow(/a worker failed: out of memory/);
    expect(pool.liveWorkers).toBe(1);
    pool.dispose();
  });
});
