import { describe, expect, it } from 'vitest';
import { foldVsControl } from '../../src/analysis/readouts.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/app/messages.ts';
import { defaultScenario } from '../../src/app/state.ts';
import { handleRequest, transferables } from '../../src/app/worker.ts';
import { LatestChannel, type WorkerLike } from '../../src/app/worker-client.ts';

/** A worker that answers only when told to, so tests control the order of events. */
class FakeWorker implements WorkerLike {
  sent: WorkerRequest[] = [];
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  postMessage(message: WorkerRequest): void {
    this.sent.push(message);
  }
  answer(id: number, value: number): void {
    const result = { value } as unknown as WorkerResponse & { ok: true; type: 'run' };
    this.onmessage?.({
      data: { id, type: 'run', ok: true, result },
    } as unknown as MessageEvent<WorkerResponse>);
  }
}

describe('LatestChannel', () => {
  it('sends one request at a time and lets only the latest queued one through', async () => {
    const w = new FakeWorker();
    const ch = new LatestChannel<unknown>(w, 'run', (r) => (r as { result: unknown }).result);
    const s = defaultScenario();
    const a = ch.request(s);
    const b = ch.request({ ...s, settings: { gap: 30 } });
    const c = ch.request({ ...s, settings: { gap: 60 } });
    expect(w.sent.map((m) => m.id)).toEqual([1]);
    w.answer(1, 1);
    expect(await a).toBeNull(); // superseded while in flight
    expect(await b).toBeNull(); // replaced in the queue
    expect(w.sent.map((m) => m.id)).toEqual([1, 3]);
    expect(w.sent[1]!.scenario.settings.gap).toBe(60);
    w.answer(3, 3);
    expect(await c).toEqual({ ok: true, value: { value: 3 } });
  });

  it('ignores answers to requests it did not send', async () => {
    const w = new FakeWorker();
    const ch = new LatestChannel<unknown>(w, 'run', (r) => (r as { result: unknown }).result);
    const a = ch.request(defaultScenario());
    w.answer(99, 0);
    w.answer(1, 5);
    expect(await a).toEqual({ ok: true, value: { value: 5 } });
  });

  it('drops pending answers when the scenario turns invalid, and works normally afterwards', async () => {
    const w = new FakeWorker();
    const ch = new LatestChannel<unknown>(w, 'run', (r) => (r as { result: unknown }).result);
    const s = defaultScenario();
    const a = ch.request(s);
    const b = ch.request({ ...s, settings: { gap: 30 } });
    ch.discardPending();
    expect(await b).toBeNull(); // queued: never sent
    w.answer(1, 1);
    expect(await a).toBeNull(); // in flight: its answer describes an earlier scenario
    expect(w.sent.map((m) => m.id)).toEqual([1]);
    const c = ch.request({ ...s, settings: { gap: 60 } });
    expect(w.sent.map((m) => m.id)).toEqual([1, 3]);
    w.answer(3, 3);
    expect(await c).toEqual({ ok: true, value: { value: 3 } });
  });

  it('turns a worker crash into a failure answer', async () => {
    const w = new FakeWorker();
    const ch = new LatestChannel<unknown>(w, 'run', (r) => r);
    const a = ch.request(defaultScenario());
    w.onerror?.({ message: 'boom', preventDefault() {} } as unknown as ErrorEvent);
    const answer = await a;
    expect(answer?.ok).toBe(false);
    expect(answer && !answer.ok && answer.error.message).toMatch(/worker failed: boom/);
  });
});

describe('handleRequest (the worker body)', () => {
  it('runs the default scenario: five groups, RE→EE below RE only at the readout', () => {
    const r = handleRequest({ id: 7, type: 'run', scenario: defaultScenario() });
    expect(r.ok).toBe(true);
    if (!r.ok || r.type !== 'run') return;
    expect(r.id).toBe(7);
    expect(r.result.groups.map((g) => g.id)).toEqual(['control', 're', 'ee', 're-ee', 'ee-re']);
    expect(foldVsControl(r.result, 're-ee', 'mps')).toBeLessThan(foldVsControl(r.result, 're', 'mps'));
  });

  it('transfers every sample array of a run (distinct buffers) and nothing for a failure', () => {
    const r = handleRequest({ id: 8, type: 'run', scenario: defaultScenario() });
    if (!r.ok || r.type !== 'run') throw new Error('run failed');
    const buffers = transferables(r);
    const series = r.result.groups.reduce((n, g) => n + Object.keys(g.series).length, 0);
    expect(buffers).toHaveLength(1 + series);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(r.result.time.buffer);
    expect(transferables({ id: 9, type: 'run', ok: false, error: { name: 'Error', message: 'x' } })).toEqual(
      [],
    );
  });

  it('returns a flattened ProtocolError for overlapping edited bouts', () => {
    const s = defaultScenario();
    s.groups = [
      { id: 'control', label: 'Control', bouts: [] },
      {
        id: 'x',
        label: 'X',
        bouts: [
          { kind: 'resistance', start: 60, duration: 20, intensity: 1 },
          { kind: 'endurance', start: 70, duration: 60, intensity: 0.7 },
        ],
      },
    ];
    const r = handleRequest({ id: 1, type: 'run', scenario: s });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.name).toBe('ProtocolError');
    expect(r.error.issues?.[0]?.message).toMatch(/overlap/);
  });
});
