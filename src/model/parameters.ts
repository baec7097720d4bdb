/**
 * Parameter values chosen by a user (`--set`, a preset, a URL, a scenario file), checked against
 * the model before any run: the name must be one of the model's own parameters (never an
 * `Object.prototype` member such as `constructor`), the value finite, and — unless the caller
 * opts in — inside the documented `[min, max]` range. Out-of-range values are refused by default
 * because the model's equations are only meaningful there: a negative time constant, for one,
 * makes a resting level explode (folds of ±1e42), which is no result at all.
 */
import type { ModelSpec } from './spec.ts';

/** What was wrong with a parameter value. */
export type ParameterProblem = 'unknown' | 'non-finite' | 'out-of-range';

/** Fields of a `ParameterError`. */
export interface ParameterErrorInfo {
  readonly parameter: string;
  readonly value: number;
  readonly problem: ParameterProblem;
  /** Where the value came from, for the message (`--set`, `preset "trained"`, `URL`). */
  readonly origin?: string;
  /** The model's parameter names (for an unknown name). */
  readonly known?: readonly string[];
  /** The documented range (for an out-of-range value). */
  readonly min?: number;
  readonly max?: number;
}

/** A parameter name or value the model cannot run with. */
export class ParameterError extends Error {
  /** The parameter name as given. */
  readonly parameter: string;
  /** The value as given. */
  readonly value: number;
  readonly problem: ParameterProblem;
  readonly min: number | undefined;
  readonly max: number | undefined;
  constructor(info: ParameterErrorInfo) {
    const from = info.origin ? ` (${info.origin})` : '';
    const name = JSON.stringify(
      info.parameter.length > 60 ? `${info.parameter.slice(0, 60)}…` : info.parameter,
    );
    let message: string;
    switch (info.problem) {
      case 'unknown':
        message = `unknown parameter ${name}${from} (parameters: ${(info.known ?? []).join(', ')})`;
        break;
      case 'non-finite':
        message = `invalid value for parameter ${name}: ${info.value}${from} (must be a finite number)`;
        break;
      default:
        message = `parameter ${name} = ${info.value} is outside its documented range [${info.min}, ${info.max}]${from}; allow out-of-range values explicitly to run it anyway`;
    }
    super(message);
    this.name = 'ParameterError';
    this.parameter = info.parameter;
    this.value = info.value;
    this.problem = info.problem;
    this.min = info.min;
    this.max = info.max;
  }
}

/** Options of `checkParameterValues`. */
export interface ParameterCheckOptions {
  /** Accept values outside `[min, max]` (default false: refuse them). */
  readonly allowOutOfRange?: boolean;
  /** Where the values came from, for messages. */
  readonly origin?: string;
}

/**
 * Check parameter overrides against a model: own names only, finite values, and (unless
 * `allowOutOfRange`) within the documented range.
 * @returns the names of the parameters outside their range (empty unless `allowOutOfRange`)
 * @throws ParameterError for the first bad name or value
 */
export function checkParameterValues(
  spec: ModelSpec,
  values: Readonly<Record<string, number>>,
  options: ParameterCheckOptions = {},
): string[] {
  const outside: string[] = [];
  const origin = options.origin;
  for (const name of Object.keys(values)) {
    const value = values[name]!;
    const par = Object.hasOwn(spec.parameters, name) ? spec.parameters[name] : undefined;
    if (!par) {
      throw new ParameterError({
        parameter: name,
        value,
        problem: 'unknown',
        known: Object.keys(spec.parameters),
        ...(origin ? { origin } : {}),
      });
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ParameterError({
        parameter: name,
        value,
        problem: 'non-finite',
        ...(origin ? { origin } : {}),
      });
    }
    if (value < par.min || value > par.max) {
      if (!options.allowOutOfRange) {
        throw new ParameterError({
          parameter: name,
          value,
          problem: 'out-of-range',
          min: par.min,
          max: par.max,
          ...(origin ? { origin } : {}),
        });
      }
      outside.push(name);
    }
  }
  return outside;
}
