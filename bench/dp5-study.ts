/**
 * The benchmark's floor: the same work as `simulate` — every group of a protocol, restarted at
 * every bout edge, readout and AUC-window edge, observables integrated alongside the states, the
 * states sampled on the output grid from dense output and the observables computed per sample —
 * done with the hand-written DP5(4) of `dopri5.ts` and no further machinery. Benchmark only.
 *
 * One runner per model holds the integrator, the buffers and the callbacks, so repeated runs
 * reuse them (as the product reuses its odex solvers) and hot code sees the same functions.
 */
import type { CompiledModel } from '../src/model/compile.ts';
import type { Protocol } from '../src/protocol/protocol.ts';
import { groupSchedule } from '../src/simulate/simulate.ts';
import { Dopri5 } from './dopri5.ts';

/** Options: tolerances, and the output step (omit for readouts only: no samples, no dense output). */
export interface Dp5RunOptions {
  readonly rtol: number;
  readonly atol: number;
  readonly dt?: number;
  /** Parameter overrides (default: the model's values). */
  readonly parameters?: Readonly<Record<string, number>>;
}

/** What a DP5 run produces, per group: sample columns and the exact values at every stop. */
export interface Dp5Group {
  readonly id: string;
  readonly columns: Float64Array[];
  readonly events: { t: number; y: Float64Array }[];
}

class Runner {
  readonly solver: Dopri5;
  private readonly model: CompiledModel;
  private readonly p: Float64Array;
  private readonly u: Float64Array;
  private readonly s: Float64Array;
  private readonly obs: Float64Array;
  private readonly nState: number;
  // Per run / segment:
  private time = new Float64Array(0);
  private columns: Float64Array[] = [];
  private next = 0;
  private segEnd = 0;

  constructor(model: CompiledModel) {
    this.model = model;
    this.p = model.defaultParameters();
    this.u = new Float64Array(model.inputNames.length);
    this.nState = model.stateNames.length;
    this.s = new Float64Array(this.nState);
    this.obs = new Float64Array(model.observableNames.length);
    this.solver = new Dopri5(this.nState + this.obs.length);
  }

  readonly f = (_t: number, y: Float64Array, dy: Float64Array): void => {
    this.model.rhsWithObservables(y, this.p, this.u, dy);
  };

  /** Sample k from `s` (states): states into their columns, observables computed from them. */
  private record(k: number): void {
    const cols = this.columns;
    for (let i = 0; i < this.nState; i++) cols[i]![k] = this.s[i]!;
    this.model.observe(this.s, this.p, this.u, this.obs);
    for (let j = 0; j < this.obs.length; j++) cols[this.nState + j]![k] = this.obs[j]!;
  }

  private readonly onStep = (_t0: number, t: number): void => {
    const time = this.time;
    while (this.next < time.length && time[this.next]! <= t && time[this.next]! < this.segEnd) {
      const ts = time[this.next]!;
      for (let i = 0; i < this.nState; i++) this.s[i] = this.solver.denseAt(i, ts);
      this.record(this.next++);
    }
  };

  run(protocol: Protocol, o: Dp5RunOptions) {
    const { model, nState, u } = this;
    const ri = model.inputIndex.resistance;
    const ei = model.inputIndex.endurance;
    const n = nState + this.obs.length;
    const count = o.dt === undefined ? 0 : Math.floor((protocol.tEnd - protocol.tStart) / o.dt + 1e-9) + 1;
    const time = new Float64Array(count);
    for (let i = 0; i < count; i++) time[i] = protocol.tStart + i * o.dt!;
    this.time = time;
    this.p.set(model.parameterVector(o.parameters));
    const y0 = model.initialState();
    const before = this.solver.stats.evaluations;
    const groups: Dp5Group[] = [];
    for (const group of protocol.groups) {
      // The product's segments: bout edges, readout and AUC edges (the control at every group's).
      const { segments } = groupSchedule(protocol, group);
      const columns = Array.from({ length: n }, () => new Float64Array(count));
      this.columns = columns;
      const y = new Float64Array(n);
      y.set(y0);
      const events: { t: number; y: Float64Array }[] = [{ t: protocol.tStart, y: y.slice() }];
      this.next = 0;
      u.fill(0);
      if (count > 0) {
        this.s.set(y.subarray(0, nState));
        this.record(this.next++);
      }
      for (const seg of segments) {
        u.fill(0);
        u[ri] = seg.resistance;
        u[ei] = seg.endurance;
        this.segEnd = seg.t1;
        const ok = this.solver.integrate(this.f, seg.t0, seg.t1, y, o, count > 0 ? this.onStep : undefined);
        if (!ok) throw new Error('DP5: step limit');
        while (this.next < count && time[this.next]! <= seg.t1) {
          this.s.set(y.subarray(0, nState));
          this.record(this.next++);
        }
        events.push({ t: seg.t1, y: y.slice() });
      }
      groups.push({ id: group.id, columns, events });
    }
    return { time, groups, evaluations: this.solver.stats.evaluations - before };
  }
}

const runners = new WeakMap<CompiledModel, Runner>();

/**
 * Run every group of `protocol` from the model's initial values (a steady state for the bundled
 * model at its default parameters, and for the linear fixture at any).
 */
export function dp5Simulate(
  model: CompiledModel,
  protocol: Protocol,
  o: Dp5RunOptions,
): { time: Float64Array; groups: Dp5Group[]; evaluations: number } {
  let runner = runners.get(model);
  if (!runner) {
    runner = new Runner(model);
    runners.set(model, runner);
  }
  return runner.run(protocol, o);
}
