/**
 * The main thread's side of the uncertainty worker: one request at a time per scenario key, the
 * latest wins (older replies are ignored), and every outcome — progress, the summary, a failure,
 * a worker that could not start — becomes an `UncertaintyState` for the charts and the evidence.
 */
import type { EnsembleResult } from '../analysis/simulate-ensemble.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { AppScenario } from './state.ts';
import type { UncertaintyReply, UncertaintyRequest } from './uncertainty-messages.ts';

/** What the app knows about the ensemble for the scenario with `key`. */
export type UncertaintyState =
  | { readonly status: 'off' }
  | { readonly status: 'pending'; readonly key: string; readonly done: number; readonly total: number }
  | { readonly status: 'done'; readonly key: string; readonly result: EnsembleResult }
  | { readonly status: 'error'; readonly key: string; readonly message: string };

/** Minimal worker surface (a real `Worker`, or a fake in tests). */
export interface UncertaintyWorkerLike {
  postMessage(message: UncertaintyRequest): void;
  onmessage: ((ev: MessageEvent<UncertaintyReply>) => void) | null;
  onerror?: ((ev: ErrorEvent) => void) | null;
}

/** Latest-request-wins client; the worker is created on the first request. */
export class UncertaintyClient {
  private worker: UncertaintyWorkerLike | undefined;
  private nextId = 1;
  private current: { id: number; key: string } | undefined;
  state: UncertaintyState = { status: 'off' };

  constructor(
    private readonly create: () => UncertaintyWorkerLike,
    private readonly onState: (s: UncertaintyState) => void,
  ) {}

  /** Ask for the ensemble of the scenario with `key` (nothing happens if it is already asked). */
  request(key: string, scenario: AppScenario, spec?: ModelSpec): void {
    if (this.current?.key === key && this.state.status !== 'off') return;
    const id = this.nextId++;
    this.current = { id, key };
    this.set({ status: 'pending', key, done: 0, total: 0 });
    try {
      this.worker ??= this.start();
      this.worker.postMessage(spec ? { id, scenario, spec } : { id, scenario });
    } catch (e) {
      this.set({
        status: 'error',
        key,
        message: `the uncertainty worker could not start (${(e as Error).message})`,
      });
    }
  }

  /** Stop showing uncertainty (a running job is superseded by the next request). */
  off(): void {
    this.current = undefined;
    this.set({ status: 'off' });
  }

  private start(): UncertaintyWorkerLike {
    const w = this.create();
    w.onmessage = (ev) => this.receive(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      const key = this.current?.key;
      // A worker that failed is replaced on the next request.
      this.worker = undefined;
      if (key !== undefined)
        this.set({
          status: 'error',
          key,
          message: `the uncertainty worker failed (${ev.message || 'unknown error'})`,
        });
    };
    return w;
  }

  private receive(r: UncertaintyReply): void {
    const cur = this.current;
    if (!cur || r.id !== cur.id) return;
    if (r.type === 'progress') this.set({ status: 'pending', key: cur.key, done: r.done, total: r.total });
    else if (r.type === 'done') this.set({ status: 'done', key: cur.key, result: r.result });
    else if (r.type === 'error') this.set({ status: 'error', key: cur.key, message: r.message });
  }

  private set(s: UncertaintyState): void {
    this.state = s;
    this.onState(s);
  }
}
