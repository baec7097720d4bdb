/**
 * The student's sketch of a time course, as data: a value (or nothing yet) at every point of a
 * fixed time grid, edited by drawing strokes (pointer, touch) or point by point (keyboard), and a
 * simple score against the model's curve. Pure: no DOM.
 */

/** Defaults of a sketch, declared once. */
export const SKETCH_DEFAULTS = Object.freeze({
  /** Spacing of the sketch's points, minutes. */
  stepMinutes: 15,
  /** Keyboard steps of the value (fold): arrows, and Shift+arrows or PageUp/PageDown. */
  smallStep: 0.05,
  bigStep: 0.25,
  /** Points Shift+←/→ jump (an hour). */
  bigJump: 4,
  /** A sketched point counts as close when within this fraction of the plot's value range. */
  closeFraction: 0.1,
  /** The value a point starts from when set by keyboard with nothing drawn yet (the control level). */
  startValue: 1,
});

/** How well a sketch follows the model. */
export interface SketchScore {
  /** Points drawn, and points in all. */
  readonly drawn: number;
  readonly total: number;
  /** Share of the drawn points within `tolerance` of the model, 0–1. */
  readonly close: number;
  /** Mean absolute distance from the model over the drawn points (fold units). */
  readonly meanError: number;
  /** What counted as close (fold units). */
  readonly tolerance: number;
}

/** A sketch over [fromMin, toMin] with points every `stepMinutes`. */
export class Sketch {
  readonly times: readonly number[];
  private readonly values: (number | undefined)[];
  /** The point the keyboard edits. */
  selected = 0;

  constructor(
    fromMin: number,
    toMin: number,
    /** Allowed values (the plot's range), so a sketch never leaves the chart. */
    private readonly range: readonly [number, number],
    readonly stepMinutes: number = SKETCH_DEFAULTS.stepMinutes,
  ) {
    const n = Math.max(1, Math.round((toMin - fromMin) / stepMinutes));
    this.times = Array.from({ length: n + 1 }, (_, i) => fromMin + i * stepMinutes);
    this.values = new Array<number | undefined>(this.times.length).fill(undefined);
  }

  /** Value at point `i`, if drawn. */
  valueAt(i: number): number | undefined {
    return this.values[i];
  }

  /** Every point as [minutes, value], drawn or not. */
  points(): readonly (readonly [number, number | undefined])[] {
    return this.times.map((t, i) => [t, this.values[i]] as const);
  }

  /** How many points are drawn. */
  get drawn(): number {
    return this.values.filter((v) => v !== undefined).length;
  }

  private clamp(v: number): number {
    const [lo, hi] = this.range;
    return Math.min(Math.max(v, Math.min(lo, hi)), Math.max(lo, hi));
  }

  /** Index of the grid point nearest `minutes` (clamped to the grid). */
  indexAt(minutes: number): number {
    const i = Math.round((minutes - this.times[0]!) / this.stepMinutes);
    return Math.min(this.times.length - 1, Math.max(0, i));
  }

  /**
   * A stroke from (t0, v0) to (t1, v1), minutes and fold: every grid point it passes takes the
   * value on the line between them, so a fast pointer never leaves gaps.
   */
  stroke(t0: number, v0: number, t1: number, v1: number): void {
    const a = this.indexAt(Math.min(t0, t1));
    const b = this.indexAt(Math.max(t0, t1));
    for (let i = a; i <= b; i++) {
      const t = this.times[i]!;
      const w = t1 === t0 ? 1 : (t - t0) / (t1 - t0);
      this.values[i] = this.clamp(v0 + (v1 - v0) * Math.min(1, Math.max(0, w)));
    }
    this.selected = this.indexAt(t1);
  }

  /** Set the selected point (keyboard). */
  set(v: number): void {
    this.values[this.selected] = this.clamp(v);
  }

  /** Raise or lower the selected point by `delta`, starting from the nearest drawn value. */
  nudge(delta: number): void {
    this.set(this.current() + delta);
  }

  /** The selected point's value, or the nearest drawn neighbour's, or the control level. */
  current(): number {
    const v = this.values[this.selected];
    if (v !== undefined) return v;
    for (let d = 1; d < this.times.length; d++) {
      const l = this.values[this.selected - d];
      if (l !== undefined) return l;
      const r = this.values[this.selected + d];
      if (r !== undefined) return r;
    }
    return this.clamp(SKETCH_DEFAULTS.startValue);
  }

  /**
   * Move the selection by `by` points. With `carry`, the points passed over take a straight line
   * from the old point's value (so holding → draws a level line that the arrows then shape).
   */
  move(by: number, carry: boolean): void {
    const from = this.selected;
    const to = Math.min(this.times.length - 1, Math.max(0, from + by));
    if (carry && to !== from) {
      const v = this.current();
      const step = to > from ? 1 : -1;
      for (let i = from; i !== to + step; i += step) if (this.values[i] === undefined) this.values[i] = v;
    }
    this.selected = to;
  }

  /** Select the first or last point. */
  jump(to: 'first' | 'last'): void {
    this.selected = to === 'first' ? 0 : this.times.length - 1;
  }

  /** Forget the selected point, or every point. */
  clear(all: boolean): void {
    if (all) this.values.fill(undefined);
    else this.values[this.selected] = undefined;
  }

  /**
   * Compare with the model: `model(minutes)` is the model's fold at a time; `tolerance` is what
   * counts as close (default: a tenth of the sketch's value range).
   */
  score(model: (minutes: number) => number, tolerance?: number): SketchScore {
    const tol = tolerance ?? SKETCH_DEFAULTS.closeFraction * Math.abs(this.range[1] - this.range[0]);
    let drawn = 0;
    let close = 0;
    let err = 0;
    this.times.forEach((t, i) => {
      const v = this.values[i];
      if (v === undefined) return;
      const d = Math.abs(v - model(t));
      drawn += 1;
      err += d;
      if (d <= tol) close += 1;
    });
    return {
      drawn,
      total: this.times.length,
      close: drawn ? close / drawn : 0,
      meanError: drawn ? err / drawn : Number.NaN,
      tolerance: tol,
    };
  }
}
