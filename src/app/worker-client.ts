/**
 * Latest-request-wins client for the simulation worker. At most one request per channel is in
 * flight; while it runs, newer requests replace each other in a one-slot queue, and superseded
 * requests resolve to `null` so callers simply drop them.
 */
import type { ModelSpec } from '../model/spec.ts';
import type { WorkerFailure, WorkerRequest, WorkerResponse } from './messages.ts';
import type { AppScenario } from './state.ts';

/** Minimal worker surface (a real `Worker`, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null;
  onerror?: ((ev: ErrorEvent) => void) | null;
}

/** The answer to a request that was not superseded. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: WorkerFailure };

interface Pending<T> {
  readonly id: number;
  readonly scenario: AppScenario;
  readonly spec: ModelSpec | undefined;
  readonly resolve: (a: Answer<T> | null) => void;
  /** Set when the scenario became invalid after sending: the answer is dropped. */
  discarded?: boolean;
}

/** One request channel over one worker. */
export class LatestChannel<T> {
  private nextId = 1;
  private inFlight: Pending<T> | undefined;
  private queued: Pending<T> | undefined;

  constructor(
    private readonly worker: WorkerLike,
    private readonly type: WorkerRequest['type'],
    private readonly pick: (r: WorkerResponse & { ok: true }) => T,
  ) {
    worker.onmessage = (ev) => this.receive(ev.data);
    worker.onerror = (ev) => {
      ev.preventDefault?.();
      this.receive({
        id: this.inFlight?.id ?? -1,
        type: this.type,
        ok: false,
        error: { name: 'Error', message: `the simulation worker failed: ${ev.message || 'unknown error'}` },
      });
    };
  }

  /** Ask for a run (of an opened model: pass its spec); resolves with the answer, or `null` when a newer request replaced it. */
  request(scenario: AppScenario, spec?: ModelSpec): Promise<Answer<T> | null> {
    return new Promise((resolve) => {
      const p: Pending<T> = { id: this.nextId++, scenario, spec, resolve };
      if (!this.inFlight) this.send(p);
      else {
        this.queued?.resolve(null);
        this.queued = p;
      }
    });
  }

  /**
   * Drop the answers of every pending request: the scenario changed to one that cannot run (an
   * invalid edit), so an answer for an earlier scenario must not be shown as current.
   */
  discardPending(): void {
    this.queued?.resolve(null);
    this.queued = undefined;
    if (this.inFlight) this.inFlight.discarded = true;
  }

  private send(p: Pending<T>): void {
    this.inFlight = p;
    const msg: WorkerRequest = { id: p.id, type: this.type, scenario: p.scenario };
    this.worker.postMessage(p.spec ? { ...msg, spec: p.spec } : msg);
  }

  private receive(msg: WorkerResponse): void {
    const done = this.inFlight;
    if (!done || msg.id !== done.id) return;
    this.inFlight = undefined;
    const next = this.queued;
    this.queued = undefined;
    if (next || done.discarded) {
      done.resolve(null);
      if (next) this.send(next);
    } else {
      done.resolve(msg.ok ? { ok: true, value: this.pick(msg) } : { ok: false, error: msg.error });
    }
  }
}
