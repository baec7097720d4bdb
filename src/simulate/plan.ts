/**
 * Prefix sharing, planned: schedules that run the same inputs up to some time share one
 * integration up to that time. Inputs are piecewise constant, so a path that branches off at
 * time T may start from the shared state at T: the solution is the same function of time, and
 * only the solver's stops differ (which moves values by solver-tolerance amounts, inside
 * `ACCURACY_CONTRACT`).
 *
 * The plan is a tree of edges. An edge is a stretch [t0, t1] with constant inputs that every
 * path in `members` follows; its `stops` are the union of the members' segment boundaries in
 * (t0, t1] (bout edges, readouts, AUC window edges), so each member finds its own boundary
 * values there. An edge ends where some member's inputs change or a member ends. Pure: no
 * solver here (`forest.ts` integrates the edges).
 */
import type { Segment } from '../protocol/protocol.ts';

/** One path to plan: constant-input segments covering [tStart, end], in time order. */
export interface PathSchedule {
  readonly segments: readonly Segment[];
}

/** A shared stretch of integration. */
export interface PlanEdge {
  readonly index: number;
  readonly t0: number;
  readonly t1: number;
  readonly resistance: number;
  readonly endurance: number;
  /** Stop times in (t0, t1], increasing; the last is t1. */
  readonly stops: Float64Array;
  /** Paths that follow this edge, ascending. */
  readonly members: readonly number[];
  readonly parent: PlanEdge | null;
}

/** The tree: edges (parents before children) and each path's edges from the root. */
export interface Plan {
  readonly edges: readonly PlanEdge[];
  /** For each path, its edges in time order (empty for a path without segments). */
  readonly pathEdges: readonly (readonly PlanEdge[])[];
}

interface Pending {
  readonly members: number[];
  readonly t: number;
  readonly parent: PlanEdge | null;
}

/** @throws Error if a path's segments do not start at tStart or leave a gap */
function checkContiguous(paths: readonly PathSchedule[], tStart: number): void {
  paths.forEach((path, k) => {
    let t = tStart;
    for (const s of path.segments) {
      if (s.t0 !== t || !(s.t1 > s.t0)) {
        throw new Error(`invalid path ${k}: segment [${s.t0}, ${s.t1}] does not continue from ${t}`);
      }
      t = s.t1;
    }
  });
}

/**
 * Group `members` still running after `t` by their inputs just after `t` (first seen first),
 * moving each member's cursor to the segment that covers (t, t+). Members that end at `t` are
 * reported to `ended`.
 */
function groupByInputs(
  paths: readonly PathSchedule[],
  members: readonly number[],
  t: number,
  cursor: Int32Array,
  ended: (m: number) => void,
): number[][] {
  const byInputs = new Map<number, Map<number, number[]>>();
  const groups: number[][] = [];
  for (const m of members) {
    const segs = paths[m]!.segments;
    let c = cursor[m]!;
    while (c < segs.length && segs[c]!.t1 <= t) c++;
    cursor[m] = c;
    if (c >= segs.length) {
      ended(m);
      continue;
    }
    const { resistance, endurance } = segs[c]!;
    let byEndurance = byInputs.get(resistance);
    if (!byEndurance) {
      byEndurance = new Map();
      byInputs.set(resistance, byEndurance);
    }
    const group = byEndurance.get(endurance);
    if (group) group.push(m);
    else {
      const fresh = [m];
      byEndurance.set(endurance, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}

/**
 * The edge a group follows from `t`: until the first member changes inputs or ends, stopping at
 * every member's own boundaries on the way.
 */
function edgeOf(
  paths: readonly PathSchedule[],
  group: number[],
  t: number,
  cursor: Int32Array,
  index: number,
  parent: PlanEdge | null,
): PlanEdge {
  const first = paths[group[0]!]!.segments[cursor[group[0]!]!]!;
  let t1 = Number.POSITIVE_INFINITY;
  for (const m of group) {
    const segs = paths[m]!.segments;
    let c = cursor[m]!;
    while (
      c + 1 < segs.length &&
      segs[c + 1]!.resistance === first.resistance &&
      segs[c + 1]!.endurance === first.endurance
    )
      c++;
    t1 = Math.min(t1, segs[c]!.t1);
  }
  const stopSet = new Set<number>([t1]);
  for (const m of group) {
    const segs = paths[m]!.segments;
    for (let c = cursor[m]!; c < segs.length && segs[c]!.t1 <= t1; c++) stopSet.add(segs[c]!.t1);
  }
  return {
    index,
    t0: t,
    t1,
    resistance: first.resistance,
    endurance: first.endurance,
    stops: Float64Array.from(stopSet).sort(),
    members: group,
    parent,
  };
}

/**
 * Plan the shared integration of `paths`, all starting from the same state at `tStart`.
 * Deterministic: the same paths in the same order give the same plan.
 * @throws Error if a path's segments do not start at tStart or leave a gap
 */
export function planPaths(paths: readonly PathSchedule[], tStart: number): Plan {
  checkContiguous(paths, tStart);
  const cursor = new Int32Array(paths.length);
  const edges: PlanEdge[] = [];
  const leaf: (PlanEdge | null)[] = paths.map(() => null);
  const stack: Pending[] = [{ members: paths.map((_, i) => i), t: tStart, parent: null }];
  while (stack.length > 0) {
    const { members, t, parent } = stack.pop()!;
    const groups = groupByInputs(paths, members, t, cursor, (m) => {
      leaf[m] = parent;
    });
    const children = groups.map((group) => {
      const edge = edgeOf(paths, group, t, cursor, edges.length, parent);
      edges.push(edge);
      return { members: group, t: edge.t1, parent: edge };
    });
    // Depth first, in member order, so paths come out in a stable order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  const pathEdges = leaf.map((e) => {
    const chain: PlanEdge[] = [];
    for (let x = e; x; x = x.parent) chain.push(x);
    return chain.reverse();
  });
  return { edges, pathEdges };
}
