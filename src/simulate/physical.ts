/**
 * The last check before a result leaves the simulator: is it physical? In a model that starts at
 * rest, observables are positive signals (fold changes divide by them) and states stay within a
 * sane multiple of their resting level. A run that breaks either — possible only with parameter
 * values outside their documented range — is an error naming the group, the time and the likely
 * cause, never a chart.
 */
import type { CompiledModel } from '../model/compile.ts';
import { likelyCause, SimulationError } from './errors.ts';

/** A state beyond this multiple of its resting level is no physiological value. */
export const MAX_STATE_RATIO = 1e9;

/** One group's sampled series, as `simulate` holds them before building the result. */
export interface SampledGroup {
  readonly id: string;
  readonly label: string;
  /** One column per state, then one per observable, aligned with `time`. */
  readonly columns: readonly Float64Array[];
}

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v);
}

/**
 * Throw if any sample is non-physical: a non-finite value anywhere; for a model that starts at
 * rest, an observable ≤ 0 or a state whose magnitude exceeds `MAX_STATE_RATIO` times its start.
 * @throws SimulationError of kind `non-physical`
 */
export function checkPhysical(
  model: CompiledModel,
  p: ArrayLike<number>,
  y0: ArrayLike<number>,
  time: Float64Array,
  groups: readonly SampledGroup[],
): void {
  const atRest = model.spec.start !== 'initial-values';
  const nState = model.stateNames.length;
  for (const g of groups) {
    // Time outer, series inner: the first non-physical sample in time is the one reported.
    for (let k = 0; k < time.length; k++) {
      for (let i = 0; i < g.columns.length; i++) {
        const v = g.columns[i]![k]!;
        const isState = i < nState;
        const name = isState ? model.stateNames[i]! : model.observableNames[i - nState]!;
        let why: string | undefined;
        if (!Number.isFinite(v)) why = `${name} is ${v}`;
        else if (atRest && !isState && !(v > 0))
          why = `observable ${name} is ${fmt(v)}, but a fold of a resting level cannot be ≤ 0`;
        else if (atRest && isState && Math.abs(v) > MAX_STATE_RATIO * Math.abs(y0[i]!) && y0[i] !== 0)
          why = `state ${name} is ${fmt(v)}, more than ${MAX_STATE_RATIO.toExponential(0)} times its resting level ${fmt(y0[i]!)}`;
        if (why !== undefined) {
          throw new SimulationError({
            kind: 'non-physical',
            message: `non-physical result at t = ${fmt(time[k]!)} min in group "${g.label}": ${why}`,
            groupId: g.id,
            time: time[k]!,
            cause: likelyCause(model, p, isState ? i : -1),
          });
        }
      }
    }
  }
}
