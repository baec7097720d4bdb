/**
 * Argument parsing for the CLI: `node:util` `parseArgs` with its errors rewritten as one-line
 * `UsageError`s that name the option and the value, plus strict number and `NAME=VALUE`
 * parsing. Everything here throws `UsageError` (exit code 2) for bad input.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './command.ts';

/** How one option is parsed: a string (optionally repeatable) or a boolean flag. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
}

/** Options of a command by long name (without `--`). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What `parseCommandArgs` returns: option values by name, and positionals. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Options every command accepts. */
export const COMMON_OPTIONS = Object.freeze({ help: { type: 'boolean' } }) satisfies OptionSpecs;

/** Quote a value for a message: `"abc"`. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * Parse `args` strictly against `options` (plus `--help`).
 * @param maxPositionals how many positional arguments the command takes (default 0)
 * @throws UsageError for an unknown option, a missing option value or an unexpected argument
 */
export function parseCommandArgs(
  args: readonly string[],
  options: OptionSpecs,
  maxPositionals = 0,
): ParsedArgs {
  const all: OptionSpecs = { ...COMMON_OPTIONS, ...options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: all, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(rewriteParseError(err, all));
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals]!;
    throw new UsageError(
      maxPositionals === 0
        ? `unexpected argument ${quote(extra)} (this command takes only options)`
        : `unexpected argument ${quote(extra)} (expected at most ${maxPositionals})`,
    );
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}

function rewriteParseError(err: unknown, options: OptionSpecs): string {
  const e = err as { code?: string; message?: string };
  const message = String(e.message ?? err);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  const known = Object.keys(options)
    .map((n) => `--${n}`)
    .join(', ');
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} (options: ${known})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing|ambiguous/.test(message)) {
        return `missing value for ${option} (write ${option} VALUE, or ${option}=VALUE for a value starting with -)`;
      }
      return `${option} takes no value`;
    default:
      return message.split('\n')[0]!;
  }
}

/** Constraints of a numeric option. */
export interface NumberRule {
  /** Smallest allowed value. */
  readonly min?: number;
  /** Values must be strictly greater than this. */
  readonly above?: number;
  readonly max?: number;
  /** What was expected, for the message, e.g. `minutes ≥ 0`. */
  readonly expected: string;
}

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse a decimal number strictly (no hex, no empty string, no trailing text) and check it
 * against `rule`.
 * @param what the option name for the message, e.g. `--gap`
 * @throws UsageError like `invalid --gap: "abc" (expected minutes ≥ 0)`
 */
export function parseNumber(what: string, text: string, rule: NumberRule): number {
  const value = NUMBER_PATTERN.test(text.trim()) ? Number(text) : Number.NaN;
  const ok =
    Number.isFinite(value) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw new UsageError(`invalid ${what}: ${quote(text)} (expected ${rule.expected})`);
  return value;
}

/** A string option's value, or undefined when absent. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric option's value, or undefined when absent. @throws UsageError for a bad number */
export function numberOption(parsed: ParsedArgs, name: string, rule: NumberRule): number | undefined {
  const v = stringOption(parsed, name);
  return v === undefined ? undefined : parseNumber(`--${name}`, v, rule);
}

/**
 * A choice among fixed values (`--format csv|json`).
 * @throws UsageError naming the value and the choices
 */
export function choiceOption<T extends string>(
  parsed: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const v = stringOption(parsed, name);
  if (v === undefined) return fallback;
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`invalid --${name}: ${quote(v)} (expected ${choices.join(' or ')})`);
  }
  return v as T;
}

/**
 * Parse repeated `--set NAME=VALUE` options into parameter overrides (later ones win).
 * @param parameterNames the model's parameter names
 * @throws UsageError for a missing `=`, an unknown name (listing the valid ones) or a bad number
 */
export function parseSets(
  sets: readonly string[],
  parameterNames: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of sets) {
    const eq = item.indexOf('=');
    if (eq <= 0)
      throw new UsageError(`invalid --set: ${quote(item)} (expected NAME=VALUE, e.g. --set kR=0.2)`);
    const name = item.slice(0, eq).trim();
    if (!parameterNames.includes(name)) {
      throw new UsageError(
        `invalid --set: unknown parameter ${quote(name)} (parameters: ${parameterNames.join(', ')})`,
      );
    }
    out[name] = parseNumber(`--set ${name}`, item.slice(eq + 1), { expected: 'a finite number' });
  }
  return out;
}

/** The values of a repeatable string option (empty when absent). */
export function listOption(parsed: ParsedArgs, name: string): string[] {
  const v = parsed.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
