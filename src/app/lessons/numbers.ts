/**
 * The main thread's side of the lesson worker: asks for a step's filled text and keeps the
 * answers, so going back and forth between steps is instant. Requests are answered in order;
 * the worker computes one step at a time.
 */
import type { ResolvedStep } from './steps.ts';

/** A request to fill one step. */
export interface NumbersRequest {
  readonly id: number;
  readonly lessonId: string;
  /** Step index from 0. */
  readonly step: number;
}

/** The worker's answer. */
export type NumbersResponse =
  | { readonly id: number; readonly ok: true; readonly step: ResolvedStep }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** Minimal worker surface. */
export interface NumbersWorker {
  postMessage(message: NumbersRequest): void;
  onmessage: ((ev: MessageEvent<NumbersResponse>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

/** Fills steps through a worker, caching the answers by lesson and step. */
export class StepNumbers {
  private nextId = 1;
  private readonly cache = new Map<string, Promise<ResolvedStep>>();
  private readonly pending = new Map<
    number,
    { resolve: (s: ResolvedStep) => void; reject: (e: Error) => void }
  >();
  private worker: NumbersWorker | undefined;

  constructor(private readonly create: () => NumbersWorker) {}

  /** The filled step (computed once per lesson and step). */
  get(lessonId: string, step: number): Promise<ResolvedStep> {
    const key = `${lessonId}#${step}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.ask(lessonId, step);
      this.cache.set(key, p);
      // A failure is not kept: the next visit asks again.
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  private ask(lessonId: string, step: number): Promise<ResolvedStep> {
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, lessonId, step });
    });
  }

  private ensure(): NumbersWorker {
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (ev) => {
      const res = ev.data;
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) p.resolve(res.step);
      else p.reject(new Error(res.message));
    };
    w.onerror = (ev) => {
      ev.preventDefault?.();
      const err = new Error(`the lesson worker failed: ${ev.message || 'it could not start'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker = undefined;
    };
    this.worker = w;
    return w;
  }
}
