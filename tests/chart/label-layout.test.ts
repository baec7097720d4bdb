import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Box,
  boxesOverlap,
  boxInside,
  dodge,
  placeColumn,
  placeDirectLabels,
  placeLabels,
  polylineSpan,
} from '../../src/chart/label-layout.ts';

/** Boxes of items of `sizes` centred at `centres` along one axis. */
const spans = (centres: number[], sizes: number[]) =>
  centres.map((c, i) => [c - sizes[i]! / 2, c + sizes[i]! / 2] as const);

describe('boxesOverlap / boxInside', () => {
  const a: Box = { x: 0, y: 0, width: 10, height: 10 };
  it('counts shared area only, not touching edges', () => {
    expect(boxesOverlap(a, { x: 5, y: 5, width: 10, height: 10 })).toBe(true);
    expect(boxesOverlap(a, { x: 10, y: 0, width: 10, height: 10 })).toBe(false);
    expect(boxesOverlap(a, { x: 0, y: 10.5, width: 10, height: 10 })).toBe(false);
    expect(boxesOverlap(a, { x: 9.5, y: 0, width: 10, height: 10 }, 1)).toBe(false);
  });
  it('tells whether a box is inside another', () => {
    expect(boxInside({ x: 1, y: 1, width: 8, height: 8 }, a)).toBe(true);
    expect(boxInside({ x: 1, y: 1, width: 10, height: 8 }, a)).toBe(false);
    expect(boxInside({ x: 1, y: 1, width: 9.4, height: 8 }, a, 0.5)).toBe(true);
  });
});

describe('dodge', () => {
  it('leaves items that do not collide where they want to be', () => {
    expect(
      dodge(
        [
          { target: 10, size: 4 },
          { target: 30, size: 4 },
        ],
        { min: 0, max: 100 },
      ),
    ).toEqual([10, 30]);
  });

  it('pushes two colliding items apart symmetrically (least squares), keeping their mean', () => {
    const [a, b] = dodge(
      [
        { target: 50, size: 10 },
        { target: 52, size: 10 },
      ],
      { min: 0, max: 100, gap: 2 },
    );
    expect(b! - a!).toBeCloseTo(12, 9);
    expect((a! + b!) / 2).toBeCloseTo(51, 9);
  });

  it('keeps the order of the targets, whatever the input order', () => {
    const out = dodge(
      [
        { target: 30, size: 10 },
        { target: 29, size: 10 },
        { target: 31, size: 10 },
      ],
      { min: 0, max: 100 },
    );
    expect(out[1]! < out[0]! && out[0]! < out[2]!).toBe(true);
  });

  it('keeps items inside [min, max], moving a block off the edge', () => {
    const out = dodge(
      [
        { target: 2, size: 10 },
        { target: 4, size: 10 },
      ],
      { min: 0, max: 100 },
    );
    expect(out).toEqual([5, 15]);
    const top = dodge(
      [
        { target: 98, size: 10 },
        { target: 99, size: 10 },
      ],
      { min: 0, max: 100 },
    );
    expect(top).toEqual([85, 95]);
  });

  it('packs from min when the items cannot all fit', () => {
    const out = dodge(
      [
        { target: 5, size: 8 },
        { target: 5, size: 8 },
      ],
      { min: 0, max: 10 },
    );
    expect(out[0]).toBe(4);
    expect(out[1]).toBe(12);
  });

  it('never leaves two items overlapping, in order and in range, when they fit (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            target: fc.double({ min: -50, max: 250, noNaN: true }),
            size: fc.double({ min: 1, max: 20, noNaN: true }),
          }),
          {
            maxLength: 12,
          },
        ),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (items, gap) => {
          const total = items.reduce((s, it) => s + it.size, 0) + gap * Math.max(0, items.length - 1);
          fc.pre(total <= 200);
          const out = dodge(items, { min: 0, max: 200, gap });
          const sizes = items.map((it) => it.size);
          const boxes = spans(out, sizes);
          for (const [lo, hi] of boxes) {
            expect(lo).toBeGreaterThanOrEqual(-1e-6);
            expect(hi).toBeLessThanOrEqual(200 + 1e-6);
          }
          const order = items.map((it, i) => ({ t: it.target, i })).sort((a, b) => a.t - b.t || a.i - b.i);
          for (let k = 1; k < order.length; k++) {
            const p = boxes[order[k - 1]!.i]!;
            const q = boxes[order[k]!.i]!;
            expect(q[0] - p[1]).toBeGreaterThanOrEqual(gap - 1e-6);
          }
        },
      ),
    );
  });
});

describe('polylineSpan', () => {
  it('is the range of y a line takes over an x range, cutting segments at its edges', () => {
    const line = [
      [0, 0],
      [10, 100],
      [20, 0],
    ] as const;
    expect(polylineSpan(line, 4, 6)).toEqual([40, 60]);
    expect(polylineSpan(line, 8, 12)).toEqual([80, 100]);
    expect(polylineSpan(line, 30, 40)).toBeUndefined();
  });
  it('breaks the line at non-finite points', () => {
    const line = [
      [0, 0],
      [10, Number.NaN],
      [20, 50],
    ] as const;
    expect(polylineSpan(line, 4, 6)).toBeUndefined();
  });
});

describe('placeColumn', () => {
  it('puts each label at its target when the space is free', () => {
    expect(placeColumn({ targets: [20, 60], height: 10, gap: 2, min: 0, max: 100, blocked: [] })).toEqual([
      20, 60,
    ]);
  });

  it('keeps every label off the blocked ranges and off each other, in order, as close as it can', () => {
    const ys = placeColumn({
      targets: [50, 52, 54],
      height: 10,
      gap: 2,
      min: 0,
      max: 100,
      blocked: [[45, 58]],
    })!;
    const boxes = spans(ys, [10, 10, 10]);
    for (const [lo, hi] of boxes) expect(hi <= 45 || lo >= 58).toBe(true);
    expect(ys[0]! < ys[1]! && ys[1]! < ys[2]!).toBe(true);
    for (let k = 1; k < 3; k++) expect(boxes[k]![0] - boxes[k - 1]![1]).toBeGreaterThanOrEqual(2 - 1e-9);
    // Two go below the block (closest side for the first), and the total move is small.
    const moved = ys.reduce((s, y, i) => s + Math.abs(y - [50, 52, 54][i]!), 0);
    expect(moved).toBeLessThan(45);
  });

  it('says so when the free space cannot hold the labels', () => {
    expect(
      placeColumn({ targets: [10, 20, 30], height: 10, gap: 0, min: 0, max: 40, blocked: [[5, 35]] }),
    ).toBeUndefined();
  });
});

describe('placeDirectLabels', () => {
  const bounds: Box = { x: 0, y: 0, width: 400, height: 200 };
  const widths = [60, 60];
  const clearOf = (
    labels: ReturnType<typeof placeDirectLabels>,
    lines: (readonly (readonly [number, number])[])[],
  ) =>
    labels.boxes.every((b) =>
      lines.every((l) => {
        const s = polylineSpan(l, b.x, b.x + b.width);
        return !s || s[1] + 1.5 <= b.y || s[0] - 1.5 >= b.y + b.height;
      }),
    );

  it('moves a label off a line that runs through its spot, and draws none over a line', () => {
    // A flat line at y = 100 right where the first label wants to go.
    const lines = [
      [
        [0, 100],
        [400, 100],
      ] as const,
    ];
    const out = placeDirectLabels({
      anchorX: 100,
      targets: [100, 140],
      widths,
      height: 16,
      offset: 6,
      gap: 1,
      bounds,
      lines,
    });
    expect(out.clear).toBe(true);
    expect(out.side).toBe('right');
    expect(clearOf(out, lines)).toBe(true);
    expect(Math.abs(out.ys[0]! - 100)).toBeLessThanOrEqual(8 + 1.5 + 1);
  });

  it('uses the left side when the right has no room, and gives up clear placement only when neither has', () => {
    const wall = (x0: number, x1: number) =>
      Array.from(
        { length: 41 },
        (_, k) =>
          [
            [x0, k * 5],
            [x1, k * 5],
          ] as const,
      );
    const right = placeDirectLabels({
      anchorX: 200,
      targets: [50, 60],
      widths,
      height: 16,
      offset: 6,
      gap: 1,
      bounds,
      lines: wall(200, 400),
    });
    expect(right.side).toBe('left');
    expect(right.clear).toBe(true);
    const both = placeDirectLabels({
      anchorX: 200,
      targets: [50, 60],
      widths,
      height: 16,
      offset: 6,
      gap: 1,
      bounds,
      lines: wall(0, 400),
    });
    expect(both.clear).toBe(false);
    // Still apart from each other.
    expect(boxesOverlap(both.boxes[0]!, both.boxes[1]!)).toBe(false);
  });

  it('keeps clear of obstacle boxes as well as lines', () => {
    const out = placeDirectLabels({
      anchorX: 100,
      targets: [100],
      widths: [60],
      height: 16,
      offset: 6,
      gap: 1,
      bounds,
      lines: [],
      obstacles: [{ x: 110, y: 90, width: 20, height: 20 }],
    });
    expect(boxesOverlap(out.boxes[0]!, { x: 110, y: 90, width: 20, height: 20 })).toBe(false);
  });
});

describe('placeLabels', () => {
  it('takes the first candidate that fits inside and clear of obstacles and earlier labels', () => {
    const bounds: Box = { x: 0, y: 0, width: 100, height: 100 };
    const a = { x: 10, y: 10, width: 20, height: 10 };
    const b = { x: 10, y: 30, width: 20, height: 10 };
    const out = placeLabels(
      [{ candidates: [a] }, { candidates: [a, b] }, { candidates: [{ x: 95, y: 0, width: 20, height: 10 }] }],
      [],
      bounds,
    );
    expect(out).toEqual([0, 1, -1]);
  });
});
