/**
 * Integrating a plan of shared prefixes (`plan.ts`): each edge is integrated once, from its
 * parent's end state, restarting the solver at every stop; paths read their exact boundary
 * values (events) off the edges they follow. Evaluation is lazy — asking for one path integrates
 * only the edges on its way that are not done yet — so a sweep can compute a chunk of cells
 * while the plan (and hence every value) stays the same whatever the chunking.
 *
 * The state vector is augmented with one running integral per observable (areas under the
 * curve carry solver accuracy). Output samples, when asked for, come from the method's dense
 * output on the edges and are written to every member path's columns.
 */
import {
  estimateStiffness,
  type RightHandSide,
  type SegmentIntegrator,
  type SegmentSolution,
  SolveOutcome,
  STIFF_TOLERANCE_FLOOR,
} from '../solve/index.ts';
import type { SimulationError } from './errors.ts';
import { segmentFailure } from './failure.ts';
import { type PathSchedule, type Plan, type PlanEdge, planPaths } from './plan.ts';
import type { RunSetup } from './setup.ts';

/** Exact values at a segment boundary (bout edge, readout, AUC window edge). */
export interface EventSample {
  readonly t: number;
  /** States then observables, in `SimulationResult.seriesNames` order. */
  readonly values: Float64Array;
  /** Running integral of each observable from tStart, in `observableNames` order. */
  readonly integrals: Float64Array;
}

/** Work done by the solver. */
export interface RunStats {
  segments: number;
  steps: number;
  rejected: number;
  evaluations: number;
}

/** A path to integrate: its segments, and the group it stands for (named in failures). */
export interface ForestPath extends PathSchedule {
  readonly id: string;
  readonly label: string;
}

/** Output samples: one time grid for all paths, and each path's columns (states, observables). */
export interface ForestSampling {
  readonly time: Float64Array;
  readonly columns: readonly (readonly Float64Array[])[];
}

function emptyStats(): RunStats {
  return { segments: 0, steps: 0, rejected: 0, evaluations: 0 };
}

/** First index i with time[i] > t (time increasing). */
function firstAfter(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The shared integration of several paths from one start state. */
export class PathForest {
  readonly plan: Plan;
  /** Work actually done (shared edges counted once). */
  readonly total: RunStats = emptyStats();
  private readonly setup: RunSetup;
  private integrator: SegmentIntegrator;
  /** Whether a segment needed the stiff method (the rest of the run then starts with it). */
  private stiff = false;
  private readonly paths: readonly ForestPath[];
  private readonly sampling: ForestSampling | undefined;
  private readonly tStart: number;
  private readonly nState: number;
  private readonly u: Float64Array;
  private readonly obs: Float64Array;
  private readonly f: RightHandSide;
  private readonly stateIndices: readonly number[];
  /** Per edge: the state at each stop, one after another (width `width`), once integrated. */
  private readonly states: (Float64Array | null)[];
  /** State vector length: states, then one running integral per observable. */
  private readonly width: number;
  private readonly errors: (SimulationError | null)[];
  private readonly edgeStats: RunStats[];
  private readonly events: (EventSample | undefined)[][];
  private members: readonly number[] = [];

  constructor(setup: RunSetup, tStart: number, paths: readonly ForestPath[], sampling?: ForestSampling) {
    this.setup = setup;
    this.integrator = setup.integrator;
    this.paths = paths;
    this.sampling = sampling;
    this.tStart = tStart;
    this.plan = planPaths(paths, tStart);
    const { model, p } = setup;
    this.nState = model.stateNames.length;
    this.u = new Float64Array(model.inputNames.length);
    this.obs = new Float64Array(model.observableNames.length);
    const u = this.u;
    const kernel = model.rhsWithObservables;
    this.f = (t, y, dy) => kernel(y, p, u, dy, t);
    this.stateIndices = model.stateNames.map((_, i) => i);
    this.width = this.nState + this.obs.length;
    const nEdges = this.plan.edges.length;
    this.states = new Array(nEdges).fill(null);
    this.errors = new Array(nEdges).fill(null);
    this.edgeStats = Array.from({ length: nEdges }, emptyStats);
    this.events = this.plan.edges.map((e) => new Array(e.stops.length));
  }

  private setInputs(resistance: number, endurance: number): void {
    const { inputIndex } = this.setup.model;
    this.u.fill(0);
    this.u[inputIndex.resistance] = resistance;
    this.u[inputIndex.endurance] = endurance;
  }

  /** Write sample `index` (state `y`, inputs already set) into every current member's columns. */
  private readonly record = (index: number, t: number, y: Float64Array): void => {
    const { model, p } = this.setup;
    const obs = this.obs;
    model.observe(y, p, this.u, obs, t);
    const n = this.nState;
    for (const m of this.members) {
      const cols = this.sampling!.columns[m]!;
      for (let s = 0; s < n; s++) cols[s]![index] = y[s]!;
      for (let k = 0; k < obs.length; k++) cols[n + k]![index] = obs[k]!;
    }
  };

  /** Integrate `edge` (its parent is done), or rethrow the failure it already had. */
  private evaluate(edge: PlanEdge): void {
    const done = this.errors[edge.index];
    if (done) throw done;
    if (this.states[edge.index]) return;
    const { setup } = this;
    const w = this.width;
    let y: Float64Array;
    if (edge.parent) {
      const before = this.states[edge.parent.index]!;
      y = before.subarray(before.length - w);
    } else {
      y = new Float64Array(w);
      y.set(setup.y0);
    }
    this.setInputs(edge.resistance, edge.endurance);
    this.members = edge.members;
    const out = new Float64Array(edge.stops.length * w);
    const stats = this.edgeStats[edge.index]!;
    let t = edge.t0;
    for (let i = 0; i < edge.stops.length; i++) {
      const stop = edge.stops[i]!;
      const yOut = out.subarray(i * w, (i + 1) * w);
      // The model's own switch times inside this stretch are restarts too (most models have none:
      // no array is built per stop then, since maps run this for every edge of every cell).
      let from = t;
      if (this.setup.switches.length > 0) {
        for (const s of this.switchesIn(t, stop)) {
          y = this.integrateStretch(edge, from, s, y, new Float64Array(w), stats);
          from = s;
        }
      }
      y = this.integrateStretch(edge, from, stop, y, yOut, stats);
      t = stop;
    }
    this.states[edge.index] = out;
  }

  /** Switch times strictly inside (t0, t1). */
  private switchesIn(t0: number, t1: number): number[] {
    const tol = 1e-9 * Math.max(1, Math.abs(t1));
    return this.setup.switches.filter((s) => s > t0 + tol && s < t1 - tol);
  }

  /**
   * Integrate [t0, t1] of `edge` from `y` into `yOut`, counting work; switch to the stiff method
   * for the rest of the run when a segment needs it.
   * @throws SimulationError when the segment does not end `Ok`
   */
  private integrateStretch(
    edge: PlanEdge,
    t0: number,
    t1: number,
    y: Float64Array,
    yOut: Float64Array,
    stats: RunStats,
  ): Float64Array {
    const time = this.sampling?.time;
    const { setup } = this;
    const sol = this.integrator.integrate({
      f: this.f,
      t0,
      t1,
      y0: y,
      yOut,
      sampleTimes: time,
      sampleFrom: time ? firstAfter(time, t0) : 0,
      onSample: time ? this.record : undefined,
      // Samples need only the states (observables are recomputed from them); the running
      // integrals are read at stops.
      denseComponents: this.stateIndices,
      evaluationBudget: setup.maxEvaluations - this.total.evaluations,
    });
    stats.steps += sol.stats.steps;
    stats.rejected += sol.stats.rejected;
    stats.evaluations += sol.stats.evaluations;
    this.total.steps += sol.stats.steps;
    this.total.rejected += sol.stats.rejected;
    this.total.evaluations += sol.stats.evaluations;
    if (sol.outcome !== SolveOutcome.Ok) {
      const first = this.paths[edge.members[0]!]!;
      const err = segmentFailure(setup, this.f, first, { t0, t1 }, sol);
      this.errors[edge.index] = err;
      throw err;
    }
    if (sol.method === 'rosenbrock' && !this.stiff) {
      this.stiff = true;
      setup.warnings.add(this.stiffNote(t0, t1, y));
      if (this.integrator.stiffFallback) this.integrator = this.integrator.stiffFallback;
    }
    if (sol.method !== 'rosenbrock') this.noteStiffness(sol, t1 - t0);
    return sol.y;
  }

  /** The warning for a run that needed the stiff method: why ODEX gave up, and what took over. */
  private stiffNote(t0: number, t1: number, y: Float64Array): string {
    const st = estimateStiffness(this.f, t0, y);
    const method = `the implicit Rosenbrock method (RODAS4, relative tolerance ${STIFF_TOLERANCE_FLOOR.relative})`;
    const name = this.setup.model.stateNames[st.fastestComponent] ?? '?';
    return st.fastestTimeScale * 200 < t1 - t0
      ? `the model is stiff from t = ${t0.toFixed(1)} min (state ${name} relaxes in ${st.fastestTimeScale.toPrecision(2)} min): solved with ${method} instead of ODEX`
      : `ODEX could not find a step size from t = ${t0.toFixed(1)} min: solved with ${method} instead`;
  }

  private noteStiffness(sol: SegmentSolution, span: number): void {
    if (sol.stats.steps <= 300) return;
    const { model } = this.setup;
    const st = estimateStiffness(this.f, sol.t, sol.y);
    if (st.fastestTimeScale * 1e3 < span) {
      this.setup.warnings.add(
        `the model looks stiff (state ${model.stateNames[st.fastestComponent] ?? '?'} relaxes in ${st.fastestTimeScale.toPrecision(2)} min); results are valid but slow to compute`,
      );
    }
  }

  /** The state at stop `i` of an integrated edge (a view). */
  private stateOf(edge: PlanEdge, i: number): Float64Array {
    const w = this.width;
    return this.states[edge.index]!.subarray(i * w, (i + 1) * w);
  }

  /** The event at stop `i` of `edge` (shared by every member that stops there). */
  private eventAt(edge: PlanEdge, i: number): EventSample {
    const cached = this.events[edge.index]![i];
    if (cached) return cached;
    this.setInputs(edge.resistance, edge.endurance);
    const event = this.sample(edge.stops[i]!, this.stateOf(edge, i));
    this.events[edge.index]![i] = event;
    return event;
  }

  private sample(t: number, y: Float64Array): EventSample {
    const { model, p } = this.setup;
    const n = this.nState;
    const values = new Float64Array(n + this.obs.length);
    values.set(y.subarray(0, n));
    model.observe(y, p, this.u, this.obs, t);
    values.set(this.obs, n);
    return { t, values, integrals: y.length > n ? y.slice(n) : new Float64Array(this.obs.length) };
  }

  /**
   * Integrate path `k` up to its stop at `t` and return the edge and stop index there.
   * @throws SimulationError when an edge on the way fails; Error when `t` is not a stop of the path
   */
  private stop(k: number, t: number): { edge: PlanEdge; i: number } {
    const tol = 1e-9 * Math.max(1, Math.abs(t));
    for (const edge of this.plan.pathEdges[k]!) {
      this.evaluate(edge);
      if (edge.t1 < t - tol) continue;
      const stops = edge.stops;
      for (let i = 0; i < stops.length; i++) if (Math.abs(stops[i]! - t) <= tol) return { edge, i };
      break;
    }
    throw new Error(`no solver stop at ${t} min in path "${this.paths[k]!.label}"`);
  }

  /**
   * Observable `index` of path `k` at its stop `t` (with the inputs of the segment ending there),
   * integrating only what is missing on the way; no events are built.
   * @throws SimulationError when an edge on the way fails
   */
  observableAt(k: number, t: number, index: number): number {
    const { edge, i } = this.stop(k, t);
    this.setInputs(edge.resistance, edge.endurance);
    this.setup.model.observe(this.stateOf(edge, i), this.setup.p, this.u, this.obs, t);
    return this.obs[index]!;
  }

  /**
   * Running integral of observable `index` of path `k` from the start to its stop `t`.
   * @throws SimulationError when an edge on the way fails
   */
  integralAt(k: number, t: number, index: number): number {
    if (t === this.tStart) return 0;
    const { edge, i } = this.stop(k, t);
    return this.stateOf(edge, i)[this.nState + index]!;
  }

  /**
   * Integrate what path `k` still needs and return its events: the start, then every segment
   * boundary of its own, in time order. Samples (if any) are written on the way.
   * @throws SimulationError when an edge on its way fails (the same error for every path
   *   through that edge)
   */
  pathEvents(k: number): EventSample[] {
    const chain = this.plan.pathEdges[k]!;
    for (const edge of chain) this.evaluate(edge);
    const path = this.paths[k]!;
    const segs = path.segments;
    const first = segs[0];
    this.setInputs(first?.resistance ?? 0, first?.endurance ?? 0);
    const y0 = new Float64Array(this.nState);
    y0.set(this.setup.y0);
    const events: EventSample[] = [this.sample(this.tStart, y0)];
    let next = 0;
    for (const edge of chain) {
      const stops = edge.stops;
      for (let i = 0; i < stops.length && next < segs.length; i++) {
        if (stops[i] === segs[next]!.t1) {
          events.push(this.eventAt(edge, i));
          next++;
        }
      }
    }
    return events;
  }

  /** Work along path `k` (edges it shares counted in full) and its own segment count. */
  pathStats(k: number): RunStats {
    const s = emptyStats();
    s.segments = this.paths[k]!.segments.length;
    for (const edge of this.plan.pathEdges[k]!) {
      const e = this.edgeStats[edge.index]!;
      s.steps += e.steps;
      s.rejected += e.rejected;
      s.evaluations += e.evaluations;
    }
    return s;
  }

  /** Sample the start of every path into its columns (index 0), when the grid starts at tStart. */
  sampleStart(): void {
    const time = this.sampling?.time;
    if (!time || time.length === 0 || time[0] !== this.tStart) return;
    this.paths.forEach((path, k) => {
      const first = path.segments[0];
      this.setInputs(first?.resistance ?? 0, first?.endurance ?? 0);
      this.members = [k];
      this.record(0, this.tStart, this.setup.y0);
    });
  }
}
