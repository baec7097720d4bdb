/**
 * Simulation failures as data: what happened, in which group, when, and which parameter most
 * likely caused it, so the app can show the message where the chart was and highlight the field.
 */
import type { CompiledModel } from '../model/compile.ts';

/** The parameter most likely responsible for a failure. */
export interface LikelyCause {
  readonly parameter: string;
  readonly value: number;
  readonly defaultValue: number;
}

/** Fields of a `SimulationError`. */
export interface SimulationErrorInfo {
  /** `stiff`, `max-steps`, `step-collapse`, `non-finite`, `work-limit`, `steady-state`, `basal`. */
  readonly kind: string;
  readonly message: string;
  /** Group being integrated ('' when the failure is before any group). */
  readonly groupId: string;
  /** Time reached, minutes. */
  readonly time: number;
  readonly cause: LikelyCause | undefined;
}

/** A solver or model failure. Never leaves a partial result behind. */
export class SimulationError extends Error {
  readonly kind: string;
  readonly groupId: string;
  readonly time: number;
  /** The parameter most likely responsible, for the UI to highlight. */
  readonly likelyCause: LikelyCause | undefined;
  constructor(info: SimulationErrorInfo) {
    const hint = info.cause
      ? info.cause.value !== info.cause.defaultValue
        ? `; likely cause: parameter ${info.cause.parameter} = ${fmt(info.cause.value)} (default ${fmt(info.cause.defaultValue)})`
        : `; the parameters that set this rate include ${info.cause.parameter}`
      : '';
    super(`${info.message}${hint}`);
    this.name = 'SimulationError';
    this.kind = info.kind;
    this.groupId = info.groupId;
    this.time = info.time;
    this.likelyCause = info.cause;
  }
}

function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}

/**
 * Pick the parameter most likely behind a failure: among the parameters in the rate of the
 * offending state (all parameters when `stateIndex` < 0), the one furthest (in log ratio) from
 * its default value; if none was changed, the first one in that rate.
 */
export function likelyCause(
  model: CompiledModel,
  p: ArrayLike<number>,
  stateIndex: number,
): LikelyCause | undefined {
  let candidates: readonly string[] = model.parameterNames;
  const stateName = model.stateNames[stateIndex];
  if (stateName) {
    const expr = model.expressions.get(`states.${stateName}.rate`);
    // Include parameters reached through intermediates.
    const seen = new Set<string>();
    const walk = (symbols: readonly string[]) => {
      for (const s of symbols) {
        if (seen.has(s)) continue;
        seen.add(s);
        const inter = model.expressions.get(`intermediates.${s}.expression`);
        if (inter) walk(inter.symbols);
      }
    };
    if (expr) walk(expr.symbols);
    const inRate = model.parameterNames.filter((n) => seen.has(n));
    if (inRate.length > 0) candidates = inRate;
  }
  let best: LikelyCause | undefined;
  let bestScore = -1;
  for (const name of candidates) {
    const i = model.parameterNames.indexOf(name);
    const value = p[i]!;
    const def = model.spec.parameters[name]!.value;
    const score =
      value === def
        ? 0
        : def !== 0 && value / def > 0
          ? Math.abs(Math.log(value / def))
          : Number.POSITIVE_INFINITY;
    if (score > bestScore) {
      bestScore = score;
      best = { parameter: name, value, defaultValue: def };
    }
  }
  return best;
}
