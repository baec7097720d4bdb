/** Whole-number options (`--n 1000`, `--seed 1`, `--workers 2`), checked strictly. */
import { type ParsedArgs, quote, stringOption } from './args.ts';
import { UsageError } from './command.ts';

/** Bounds of an integer option. */
export interface IntegerRule {
  readonly min: number;
  readonly max?: number;
}

/**
 * An integer option's value (digits only: no sign, decimals, exponent or hex), or undefined
 * when absent.
 * @throws UsageError like `invalid --n: "ten" (expected an integer from 1 to 1000000)`
 */
export function integerOption(parsed: ParsedArgs, name: string, rule: IntegerRule): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(value) && value >= rule.min && value <= max)) {
    const range =
      rule.max === undefined ? `an integer ≥ ${rule.min}` : `an integer from ${rule.min} to ${max}`;
    throw new UsageError(`invalid --${name}: ${quote(text)} (expected ${range})`);
  }
  return value;
}
