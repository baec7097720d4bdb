/**
 * The prefix planner (`planPaths`): paths that run the same inputs share edges up to where they
 * part, every member's own boundaries are stops on its edges, and the plan is deterministic.
 */
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/protocol/protocol.ts';
import { planPaths } from '../../src/simulate/plan.ts';

const seg = (t0: number, t1: number, resistance = 0, endurance = 0): Segment => ({
  t0,
  t1,
  resistance,
  endurance,
});

describe('planPaths', () => {
  // Rest to 60, RE to 80, then: A rests to 260 (readout); B starts EE at 110; C rests to 200.
  const a = { segments: [seg(0, 60), seg(60, 80, 1), seg(80, 260)] };
  const b = { segments: [seg(0, 60), seg(60, 80, 1), seg(80, 110), seg(110, 170, 0, 0.7), seg(170, 290)] };
  const c = { segments: [seg(0, 60), seg(60, 80, 1), seg(80, 200)] };
  const plan = planPaths([a, b, c], 0);

  it('shares the common prefix: one rest edge and one RE edge for all three paths', () => {
    const [root, re] = plan.pathEdges[0]!;
    expect(root).toMatchObject({ t0: 0, t1: 60, resistance: 0, endurance: 0, members: [0, 1, 2] });
    expect(re).toMatchObject({ t0: 60, t1: 80, resistance: 1, members: [0, 1, 2] });
    for (const k of [1, 2]) {
      expect(plan.pathEdges[k]![0]).toBe(root);
      expect(plan.pathEdges[k]![1]).toBe(re);
    }
  });

  it('keeps paths together while their inputs agree, across a stop that is not theirs', () => {
    // All three rest from 80 to 110, where B starts EE; A and C rest on together to 200.
    const rest = plan.pathEdges[0]![2]!;
    expect(rest).toMatchObject({ t0: 80, t1: 110, members: [0, 1, 2] });
    const ac = plan.pathEdges[0]![3]!;
    expect(ac).toMatchObject({ t0: 110, t1: 200, members: [0, 2] });
    expect(plan.pathEdges[2]![3]).toBe(ac);
    expect(plan.pathEdges[2]).toHaveLength(4);
    expect(plan.pathEdges[0]![4]).toMatchObject({ t0: 200, t1: 260, members: [0] });
    expect(plan.pathEdges[1]!.map((e) => [e.t0, e.t1])).toEqual([
      [0, 60],
      [60, 80],
      [80, 110],
      [110, 170],
      [170, 290],
    ]);
  });

  it('puts every member boundary on its edges as a stop, each edge ending at a stop', () => {
    for (const e of plan.edges) expect(e.stops[e.stops.length - 1]).toBe(e.t1);
    plan.pathEdges.forEach((edges, k) => {
      const stops = edges.flatMap((e) => Array.from(e.stops));
      for (const s of [a, b, c][k]!.segments) expect(stops).toContain(s.t1);
    });
  });

  it('is deterministic and rejects a path with a gap', () => {
    expect(planPaths([a, b, c], 0)).toEqual(plan);
    expect(() => planPaths([{ segments: [seg(0, 10), seg(20, 30)] }], 0)).toThrow(/invalid path 0/);
  });

  it('gives identical paths one chain of edges', () => {
    const p = planPaths([a, a], 0);
    expect(p.pathEdges[0]).toEqual(p.pathEdges[1]);
    expect(p.edges).toHaveLength(3);
  });
});
