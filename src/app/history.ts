/**
 * Undo/redo history of scenario edits. Pure: no DOM, no clock of its own (the caller passes the
 * time and whether a pointer is down), so the coalescing rules are unit-testable.
 *
 * Coalescing: an edit merges into the previous one when both carry the same `key` (e.g.
 * `setting:gap`), nothing broke the run in between (`breakMerge`, called on pointer release),
 * and either a pointer is still down (one drag, however slow) or it came within `mergeWindowMs`
 * of the previous edit (a burst of arrow-key presses). So one slider drag is one undo step.
 */

/** Defaults of `UndoHistory`, declared once. */
export const HISTORY_DEFAULTS = Object.freeze({
  /** Entries kept; the oldest are dropped first. */
  limit: 100,
  /** Edits with the same key closer than this merge into one step (keyboard bursts), ms. */
  mergeWindowMs: 1000,
});

/** What is known about one edit, besides the states. */
export interface EditMeta {
  /** What was edited (`setting:gap`, `param:kR`, `timeline`); edits without a key never merge. */
  readonly key?: string;
  /** Words for the buttons' tooltips: "gap", "parameter kR". */
  readonly label?: string;
  /** Time of the edit, ms (any monotonic clock). */
  readonly now: number;
  /** A pointer (mouse, pen, finger) is down: the edit is part of a drag. */
  readonly pointerDown?: boolean;
}

/** Options of `UndoHistory`. */
export interface HistoryOptions<T> {
  /** Deep copy of a state (entries are never shared with the caller). */
  readonly clone: (s: T) => T;
  /** Whether two states are the same (an edit that changes nothing is not recorded). */
  readonly same: (a: T, b: T) => boolean;
  readonly limit?: number;
  readonly mergeWindowMs?: number;
}

interface Entry<T> {
  /** The state before the edit. */
  readonly state: T;
  readonly label: string;
}

/** A bounded undo/redo stack with coalescing of drags. */
export class UndoHistory<T> {
  private readonly past: Entry<T>[] = [];
  private future: Entry<T>[] = [];
  private last: { key?: string; time: number } | undefined;
  private readonly limit: number;
  private readonly window: number;

  constructor(private readonly o: HistoryOptions<T>) {
    this.limit = o.limit ?? HISTORY_DEFAULTS.limit;
    this.window = o.mergeWindowMs ?? HISTORY_DEFAULTS.mergeWindowMs;
  }

  /** Record an edit from `before` to `after`. Returns whether a new undo step was made. */
  record(before: T, after: T, meta: EditMeta): boolean {
    if (this.o.same(before, after)) return false;
    const prev = this.last;
    const merge =
      prev !== undefined &&
      meta.key !== undefined &&
      prev.key === meta.key &&
      (meta.pointerDown === true || meta.now - prev.time <= this.window);
    this.last = { ...(meta.key !== undefined ? { key: meta.key } : {}), time: meta.now };
    this.future = [];
    if (merge) return false;
    this.past.push({ state: this.o.clone(before), label: meta.label ?? 'change' });
    if (this.past.length > this.limit) this.past.shift();
    return true;
  }

  /** End the current run of merging edits (a drag ended). */
  breakMerge(): void {
    this.last = undefined;
  }

  /** The state to go back to from `current`, or `undefined` when there is nothing to undo. */
  undo(current: T): T | undefined {
    const entry = this.past.pop();
    if (!entry) return undefined;
    this.future.push({ state: this.o.clone(current), label: entry.label });
    this.last = undefined;
    return this.o.clone(entry.state);
  }

  /** The state to go forward to from `current`, or `undefined` when there is nothing to redo. */
  redo(current: T): T | undefined {
    const entry = this.future.pop();
    if (!entry) return undefined;
    this.past.push({ state: this.o.clone(current), label: entry.label });
    this.last = undefined;
    return this.o.clone(entry.state);
  }

  /** What Undo would revert (`undefined` when nothing). */
  get undoLabel(): string | undefined {
    return this.past[this.past.length - 1]?.label;
  }

  /** What Redo would re-apply (`undefined` when nothing). */
  get redoLabel(): string | undefined {
    return this.future[this.future.length - 1]?.label;
  }
}
