import { describe, expect, it } from 'vitest';
import { nodeWorkerFactory } from '../../bench/node-pool.ts';
import {
  axisValues,
  compileModel,
  ExplorePool,
  getModel,
  handleWorkerTask,
  PoolCancelled,
  type PoolWorker,
  poolSize,
  sweepGrid,
  type WorkerReply,
  type WorkerTask,
} from '../../src/index.ts';

const spec = getModel();
const model = compileModel(spec);
const request = {
  x: axisValues(-240, 240, 5),
  y: axisValues(0.6, 0.8, 3),
  xAxis: 'gap',
  yAxis: 'eeIntensity',
  metric: 'mps3h' as const,
};

/** In-process fake workers: each task is answered on a later macrotask; records what happens. */
function fakeFactory(options: { hold?: boolean } = {}) {
  const log = { created: 0, terminated: 0, posted: 0, answered: 0 };
  const pending: (() => void)[] = [];
  const factory = (): PoolWorker => {
    log.created++;
    let onReply: (r: WorkerReply) => void = () => {};
    let dead = false;
    return {
      listen: (reply) => {
        onReply = reply;
      },
      post: (task: WorkerTask) => {
        log.posted++;
        const answer = () => {
          if (dead) return;
          log.answered++;
          onReply(handleWorkerTask(task));
        };
        if (options.hold) pending.push(answer);
        else setTimeout(answer, 0);
      },
      terminate: () => {
        if (!dead) log.terminated++;
        dead = true;
      },
    };
  };
  return {
    factory,
    log,
    release: () => {
      for (const f of pending.splice(0)) f();
    },
  };
}

describe('poolSize', () => {
  it('uses the hardware cores, capped at 4, at least 1', () => {
    expect(poolSize(2)).toBe(2);
    expect(poolSize(16)).toBe(4);
    expect(poolSize(undefined)).toBe(1);
    expect(poolSize(0)).toBe(1);
  });
});

describe('handleWorkerTask', () => {
  it('answers a sweep chunk with the same values as sweepGrid', () => {
    const reply = handleWorkerTask({ type: 'sweep', id: 7, spec, request, start: 3, end: 9 });
    expect(reply.type).toBe('sweep');
    const want = sweepGrid({ ...request, model, range: { start: 3, end: 9 } });
    if (reply.type !== 'sweep') throw new Error('expected a sweep reply');
    expect(reply.id).toBe(7);
    expect(Array.from(reply.values)).toEqual(Array.from(want.values));
  });
  it('turns an error into an error reply naming the problem', () => {
    const reply = handleWorkerTask({
      type: 'sweep',
      id: 1,
      spec,
      request: { ...request, yAxis: 'nope' },
      start: 0,
      end: 1,
    });
    expect(reply).toMatchObject({ type: 'error', id: 1 });
    if (reply.type === 'error') expect(reply.message).toMatch(/unknown axis: nope/);
  });
});

describe('ExplorePool', () => {
  it('computes the whole map across workers, chunk by chunk, with progress', async () => {
    const { factory, log } = fakeFactory();
    const pool = new ExplorePool(factory, 2);
    const progress: number[] = [];
    const job = pool.sweep({ spec, request, onProgress: (d) => progress.push(d) });
    const result = await job.promise;
    const want = sweepGrid({ ...request, model });
    expect(Array.from(result.values)).toEqual(Array.from(want.values));
    expect(progress).toEqual([5, 10, 15]);
    expect(log.created).toBe(2);
    // Workers stay warm for the next job.
    expect(log.terminated).toBe(0);
    expect(pool.idleCount).toBe(2);
    await pool.sweep({ spec, request }).promise;
    expect(log.created).toBe(2);
    pool.dispose();
    expect(log.terminated).toBe(2);
  });

  it('cancel terminates every busy worker, rejects, and no further chunk is posted', async () => {
    const { factory, log, release } = fakeFactory({ hold: true });
    const pool = new ExplorePool(factory, 2);
    const job = pool.sweep({ spec, request, chunkSize: 2 });
    expect(log.posted).toBe(2);
    job.cancel();
    await expect(job.promise).rejects.toBeInstanceOf(PoolCancelled);
    expect(log.terminated).toBe(2);
    release();
    expect(log.answered).toBe(0);
    expect(log.posted).toBe(2);
    expect(pool.idleCount).toBe(0);
    job.cancel(); // idempotent
    expect(log.terminated).toBe(2);
  });

  it('rejects with the worker message when a chunk fails, and terminates the workers', async () => {
    const { factory, log } = fakeFactory();
    const pool = new ExplorePool(factory, 2);
    const job = pool.sweep({ spec, request: { ...request, xAxis: 'nope' } });
    await expect(job.promise).rejects.toThrow(/unknown axis: nope/);
    expect(log.terminated).toBe(2);
  });

  it('runs a sensitivity task on one worker', async () => {
    const { factory } = fakeFactory();
    const pool = new ExplorePool(factory, 2);
    const r = await pool.run('sensitivity', spec, { only: ['tauR'] }).promise;
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.parameter).toBe('tauR');
    pool.dispose();
  });

  it('works with real node:worker_threads and cancel stops the threads', async () => {
    const factory = nodeWorkerFactory();
    const pool = new ExplorePool(factory, 2);
    const result = await pool.sweep({ spec, request }).promise;
    expect(Array.from(result.values)).toEqual(Array.from(sweepGrid({ ...request, model }).values));
    // A live map replaced at once by a newer one: the newer one completes on the same threads.
    const first = pool.liveSweep({ spec, request: { ...request, y: axisValues(0.5, 0.7, 3) } });
    const second = pool.liveSweep({ spec, request, strides: [2] });
    await expect(first.promise).rejects.toThrow(/superseded/);
    expect(Array.from((await second.promise).values)).toEqual(
      Array.from(sweepGrid({ ...request, model }).values),
    );
    // The lane took over the two warm workers of the map before.
    expect(factory.created()).toBe(2);
    const big = { ...request, x: axisValues(-720, 720, 41), y: axisValues(0.5, 1, 20) };
    const job = pool.sweep({ spec, request: big, chunkSize: 5 });
    await new Promise((r) => setTimeout(r, 50));
    job.cancel();
    await expect(job.promise).rejects.toBeInstanceOf(PoolCancelled);
    pool.dispose();
    const deadline = Date.now() + 10_000;
    while (factory.alive() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(factory.alive()).toBe(0);
  }, 120_000);
});
