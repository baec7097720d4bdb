/**
 * Where labels go, as pure geometry: boxes that must not overlap, a 1-D dodge that pushes labels
 * apart as little as possible, and a placement of a column of direct labels that keeps clear of
 * the data lines (labels never sit on a curve). No DOM; every function is a plain calculation, so
 * it is tested on made-up inputs (tests/chart/label-layout.test.ts).
 */

/** An axis-aligned box: top-left corner and size, px. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Do two boxes overlap by more than `tolerance` px in both directions? Touching is not overlapping. */
export function boxesOverlap(a: Box, b: Box, tolerance = 0): boolean {
  return (
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > tolerance &&
    Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > tolerance
  );
}

/** Is `inner` inside `outer` (up to `tolerance` px)? */
export function boxInside(inner: Box, outer: Box, tolerance = 0): boolean {
  return (
    inner.x >= outer.x - tolerance &&
    inner.y >= outer.y - tolerance &&
    inner.x + inner.width <= outer.x + outer.width + tolerance &&
    inner.y + inner.height <= outer.y + outer.height + tolerance
  );
}

/** One item to dodge: where it wants its centre, and its extent along the axis. */
export interface DodgeItem {
  readonly target: number;
  readonly size: number;
}

/** Options of `dodge`. */
export interface DodgeOptions {
  /** Lowest and highest coordinate an item may reach (its edge, not its centre). */
  readonly min: number;
  readonly max: number;
  /** Space kept between neighbours, px (default 0). */
  readonly gap?: number;
}

/**
 * Centres for `items` along one axis so that no two overlap (with `gap` between them), keeping
 * their order and moving them as little as possible (least squares: overlapping neighbours are
 * merged into a block centred on their mean wish, the classic pool-adjacent-violators step), and
 * inside `[min, max]` when they fit there. When they do not fit, they are packed from `min`.
 */
export function dodge(items: readonly DodgeItem[], o: DodgeOptions): number[] {
  const gap = o.gap ?? 0;
  const order = items.map((it, i) => ({ ...it, i })).sort((a, b) => a.target - b.target || a.i - b.i);
  interface Block {
    first: number;
    last: number;
    /** Sum over members of (target − offset of the member's centre from the block start). */
    sum: number;
    length: number;
    start: number;
  }
  const offsets: number[] = [];
  const blocks: Block[] = [];
  const clampStart = (b: Block) =>
    Math.min(Math.max(b.sum / (b.last - b.first + 1), o.min), o.max - b.length);
  for (let k = 0; k < order.length; k++) {
    const it = order[k]!;
    offsets[k] = it.size / 2;
    let block: Block = { first: k, last: k, sum: it.target - it.size / 2, length: it.size, start: 0 };
    block.start = clampStart(block);
    for (;;) {
      const prev = blocks[blocks.length - 1];
      if (!prev || prev.start + prev.length + gap <= block.start) break;
      blocks.pop();
      // Append block's members after prev's, shifting their offsets by prev's length + gap.
      const shift = prev.length + gap;
      let sum = prev.sum;
      for (let m = block.first; m <= block.last; m++) {
        offsets[m] = offsets[m]! + shift;
        sum += order[m]!.target - offsets[m]!;
      }
      block = { first: prev.first, last: block.last, sum, length: shift + block.length, start: 0 };
      block.start = clampStart(block);
    }
    blocks.push(block);
  }
  const out = new Array<number>(items.length);
  for (const b of blocks) {
    const start = Math.max(o.min, b.start);
    for (let m = b.first; m <= b.last; m++) out[order[m]!.i] = start + offsets[m]!;
  }
  return out;
}

/** A closed interval [lo, hi]. */
export type Interval = readonly [number, number];

/**
 * The vertical extent of a polyline over the x-range `[x0, x1]`: every y the line takes there
 * (segments crossing the range are cut at its edges). `undefined` when the line does not reach it.
 * Points with a non-finite coordinate break the line, as d3's `line.defined` does.
 */
export function polylineSpan(
  points: readonly (readonly [number, number])[],
  x0: number,
  x1: number,
): Interval | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const add = (y: number) => {
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  };
  const ok = (p: readonly [number, number] | undefined) =>
    p !== undefined && Number.isFinite(p[0]) && Number.isFinite(p[1]);
  for (let k = 0; k < points.length; k++) {
    const p = points[k]!;
    if (!ok(p)) continue;
    if (p[0] >= x0 && p[0] <= x1) add(p[1]);
    const q = points[k + 1];
    if (!ok(q)) continue;
    const [ax, ay] = p;
    const [bx, by] = q!;
    if (ax === bx) continue;
    for (const edge of [x0, x1]) {
      if ((edge - ax) * (edge - bx) <= 0) add(ay + ((edge - ax) / (bx - ax)) * (by - ay));
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** Options of `placeColumn`. */
export interface ColumnOptions {
  /** Where each label's centre wants to be (e.g. its line's y at the cursor). */
  readonly targets: readonly number[];
  /** Height of every label box, px. */
  readonly height: number;
  /** Space kept between labels, px. */
  readonly gap: number;
  /** Range the label boxes must stay in (top and bottom edge). */
  readonly min: number;
  readonly max: number;
  /** Ranges of y the labels must not cover (data lines under the column, other labels). */
  readonly blocked: readonly Interval[];
  /** Step of the candidate positions, px (default 1). */
  readonly step?: number;
  /**
   * Allow positions over a blocked range at a large cost instead of refusing them, so that as
   * few labels as possible cover a line when not all can be clear (default false).
   */
  readonly soft?: boolean;
}

/**
 * Centres for a column of equal-height labels: none overlaps another or any `blocked` range, the
 * labels keep the order of their targets, and the total distance to the targets is the smallest
 * possible (dynamic programming over candidate positions every `step` px). `undefined` when the
 * free space cannot hold them all.
 */
export function placeColumn(o: ColumnOptions): number[] | undefined {
  const n = o.targets.length;
  if (n === 0) return [];
  const step = o.step ?? 1;
  const half = o.height / 2;
  const free: number[] = [];
  const penalty: number[] = [];
  const hit = 10 * (o.max - o.min + 1);
  for (let c = o.min + half; c <= o.max - half + 1e-9; c += step) {
    const a = c - half;
    const b = c + half;
    const blocked = o.blocked.some(([lo, hi]) => lo < b && hi > a);
    if (blocked && !o.soft) continue;
    free.push(c);
    penalty.push(blocked ? hit : 0);
  }
  const m = free.length;
  if (m === 0) return undefined;
  const order = o.targets.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
  const sep = o.height + o.gap;
  // cost[k][j]: best total for the first k+1 labels with label k at free[j].
  let prev = free.map((c, j) => Math.abs(c - order[0]!.t) + penalty[j]!);
  const from: Int32Array[] = [];
  for (let k = 1; k < n; k++) {
    const cur = new Array<number>(m).fill(Number.POSITIVE_INFINITY);
    const back = new Int32Array(m).fill(-1);
    let best = Number.POSITIVE_INFINITY;
    let bestJ = -1;
    let p = 0;
    for (let j = 0; j < m; j++) {
      // Extend the prefix minimum over every earlier position at least `sep` above.
      while (p < m && free[p]! <= free[j]! - sep + 1e-9) {
        if (prev[p]! < best) {
          best = prev[p]!;
          bestJ = p;
        }
        p++;
      }
      if (bestJ >= 0) {
        cur[j] = best + Math.abs(free[j]! - order[k]!.t) + penalty[j]!;
        back[j] = bestJ;
      }
    }
    from.push(back);
    prev = cur;
  }
  let j = -1;
  let best = Number.POSITIVE_INFINITY;
  prev.forEach((c, k) => {
    if (c < best) {
      best = c;
      j = k;
    }
  });
  if (j < 0) return undefined;
  const out = new Array<number>(n);
  for (let k = n - 1; k >= 0; k--) {
    out[order[k]!.i] = free[j]!;
    if (k > 0) j = from[k - 1]![j]!;
  }
  return out;
}

/** One label with the boxes it may take, best first. */
export interface LabelCandidates {
  readonly candidates: readonly Box[];
}

/**
 * Give each label (in the order given: most important first) its first candidate box that stays
 * inside `bounds` and overlaps neither an obstacle nor a label placed before it. A label whose
 * candidates all collide gets `-1` (the caller drops it or shows it another way).
 */
export function placeLabels(
  labels: readonly LabelCandidates[],
  obstacles: readonly Box[],
  bounds: Box,
): number[] {
  const placed: Box[] = [...obstacles];
  return labels.map((l) => {
    const k = l.candidates.findIndex(
      (b) => boxInside(b, bounds, 0.5) && !placed.some((p) => boxesOverlap(b, p)),
    );
    if (k >= 0) placed.push(l.candidates[k]!);
    return k;
  });
}

/** Options of `placeDirectLabels`. */
export interface DirectLabelOptions {
  /** x of the anchor (the cursor), px. */
  readonly anchorX: number;
  /** Each label's wished centre y (its line's value at the anchor), px. */
  readonly targets: readonly number[];
  /** Each label's width, px. */
  readonly widths: readonly number[];
  /** Height of a label box, px. */
  readonly height: number;
  /** Horizontal space between the anchor and the labels, px. */
  readonly offset: number;
  /** Vertical space kept between labels, px. */
  readonly gap: number;
  /** The area the labels must stay inside. */
  readonly bounds: Box;
  /** Data lines in px (`[x, y]` points); labels keep clear of every one. */
  readonly lines: readonly (readonly (readonly [number, number])[])[];
  /** Other boxes to keep clear of (markers, other labels). */
  readonly obstacles?: readonly Box[];
  /** Side tried first (default: right unless the anchor is in the right third of `bounds`). */
  readonly prefer?: 'left' | 'right';
}

/** Where `placeDirectLabels` put the labels. */
export interface DirectLabels {
  readonly side: 'left' | 'right';
  /** Centre y of each label, in the order of `targets`. */
  readonly ys: readonly number[];
  /** Box of each label. */
  readonly boxes: readonly Box[];
  /** False when no side had room clear of the lines for every label. */
  readonly clear: boolean;
  /** Which labels could not be kept off a line (draw those with a halo). */
  readonly onLine: readonly boolean[];
}

/**
 * Place a column of direct labels beside an anchor (a cursor): on one side, in the order of their
 * values, as close to them as possible, never overlapping each other and never over a data line
 * or an obstacle. Tries the preferred side, then the other; when neither has room, the labels are
 * only dodged apart (`clear: false`: draw them with a halo).
 */
export function placeDirectLabels(o: DirectLabelOptions): DirectLabels {
  const colW = Math.max(0, ...o.widths);
  const b = o.bounds;
  const right = o.prefer ?? (o.anchorX > b.x + b.width * (2 / 3) ? 'left' : 'right');
  const sides: ('left' | 'right')[] = right === 'right' ? ['right', 'left'] : ['left', 'right'];
  /** Boxes of the column starting at `x0`: left-aligned on the right side, right-aligned on the left. */
  const boxesFor = (side: 'left' | 'right', x0: number, ys: readonly number[]) =>
    ys.map((y, i) => ({
      x: side === 'right' ? x0 : x0 + colW - o.widths[i]!,
      y: y - o.height / 2,
      width: o.widths[i]!,
      height: o.height,
    }));
  /** The y ranges the lines and obstacles take under a column from x0 to x1. */
  const blockedUnder = (x0: number, x1: number): Interval[] => {
    const out: Interval[] = [];
    for (const line of o.lines) {
      const span = polylineSpan(line, x0, x1);
      if (span) out.push([span[0] - 1.5, span[1] + 1.5]);
    }
    for (const ob of o.obstacles ?? []) {
      if (ob.x < x1 && ob.x + ob.width > x0) out.push([ob.y, ob.y + ob.height]);
    }
    return out;
  };
  for (const side of sides) {
    const x0 = side === 'right' ? o.anchorX + o.offset : o.anchorX - o.offset - colW;
    const x1 = x0 + colW;
    if (x0 < b.x - 0.5 || x1 > b.x + b.width + 0.5) continue;
    const blocked = blockedUnder(x0, x1);
    const ys = placeColumn({
      targets: o.targets,
      height: o.height,
      gap: o.gap,
      min: b.y,
      max: b.y + b.height,
      blocked,
    });
    if (ys) return { side, ys, boxes: boxesFor(side, x0, ys), clear: true, onLine: ys.map(() => false) };
  }
  // No room clear of the lines for all: keep the labels apart and inside, on the side that fits
  // (or, when the column fits on neither side, pushed inside the bounds), with as few of them over
  // a line as possible.
  const fits = (side: 'left' | 'right') => {
    const x0 = side === 'right' ? o.anchorX + o.offset : o.anchorX - o.offset - colW;
    return x0 >= b.x - 0.5 && x0 + colW <= b.x + b.width + 0.5;
  };
  const side = sides.find(fits) ?? sides[0]!;
  const natural = side === 'right' ? o.anchorX + o.offset : o.anchorX - o.offset - colW;
  const x0 = Math.max(b.x, Math.min(natural, b.x + b.width - colW));
  const blocked = blockedUnder(x0, x0 + colW);
  const ys =
    placeColumn({
      targets: o.targets,
      height: o.height,
      gap: o.gap,
      min: b.y,
      max: b.y + b.height,
      blocked,
      soft: true,
    }) ??
    dodge(
      o.targets.map((t) => ({ target: t, size: o.height })),
      { min: b.y, max: b.y + b.height, gap: o.gap },
    );
  const onLine = ys.map((y) => blocked.some(([lo, hi]) => lo < y + o.height / 2 && hi > y - o.height / 2));
  return { side, ys, boxes: boxesFor(side, x0, ys), clear: false, onLine };
}
