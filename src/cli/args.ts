/**
 * Argument parsing for the CLI: `node:util` `parseArgs` with its errors rewritten as one-line
 * `UsageError`s that name the option and the value (and suggest the option meant), plus strict
 * numbers, durations with units and `NAME=VALUE` parsing. Everything here throws `UsageError`
 * (exit code 2) for bad input.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './command.ts';
import { closest, didYouMean } from './suggest.ts';

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

/** A value that starts with `-` but is a (signed) number or duration, e.g. `-30`, `-1.5h`, `-1:30`. */
const NEGATIVE_VALUE = /^-(\d|\.\d)/;

/**
 * Join `--opt -30` into `--opt=-30` for string options, so a negative number or duration is
 * read as the option's value rather than as an unknown option.
 */
function joinNegativeValues(args: readonly string[], options: OptionSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && NEGATIVE_VALUE.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
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
    parsed = parseArgs({
      args: joinNegativeValues(args, all),
      options: all,
      strict: true,
      allowPositionals: true,
    });
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
  const names = Object.keys(options).map((n) => `--${n}`);
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const typed = option.replace(/=.*$/, '');
      const hint = didYouMean(typed.startsWith('--') ? typed : `-${typed}`, names, (c) => c);
      return `unknown option ${typed} (${hint || `options: ${names.join(', ')}`})`;
    }
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

function checkRule(what: string, text: string, value: number, rule: NumberRule): number {
  const ok =
    Number.isFinite(value) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw new UsageError(`invalid ${what}: ${quote(text)} (expected ${rule.expected})`);
  return value;
}

/**
 * Parse a decimal number strictly (no hex, no empty string, no trailing text) and check it
 * against `rule`.
 * @param what the option name for the message, e.g. `--ee-intensity`
 * @throws UsageError like `invalid --ee-intensity: "abc" (expected fraction of VO2max in [0, 1])`
 */
export function parseNumber(what: string, text: string, rule: NumberRule): number {
  return checkRule(what, text, NUMBER_PATTERN.test(text.trim()) ? Number(text) : Number.NaN, rule);
}

/** How durations may be written, for help texts and messages. */
export const DURATION_FORMS = '90, 90m, 1.5h or 1:30';

/**
 * A duration in minutes from `90` (minutes), `90m` or `90min`, `1.5h`, or `1:30` (h:mm); a
 * leading `-` or `+` signs it. NaN when the text is none of these.
 */
export function durationMinutes(text: string): number {
  const t = text.trim();
  const m = /^([+-]?)(?:(\d+(?:\.\d*)?|\.\d+)(m|min|h)?|(\d+):([0-5]\d))$/.exec(t);
  if (!m) return Number.NaN;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[4] !== undefined) return sign * (Number(m[4]) * 60 + Number(m[5]));
  const value = Number(m[2]);
  return sign * (m[3] === 'h' ? value * 60 : value);
}

/**
 * Parse a duration (see `durationMinutes`) and check the minutes against `rule`.
 * @throws UsageError like `invalid --gap: "soon" (expected minutes from -1440 to 1440: 90, 90m, 1.5h or 1:30)`
 */
export function parseDuration(what: string, text: string, rule: NumberRule): number {
  return checkRule(what, text, durationMinutes(text), {
    ...rule,
    expected: `${rule.expected}; write ${DURATION_FORMS}`,
  });
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

/** A duration option's value in minutes, or undefined when absent. @throws UsageError for a bad duration */
export function durationOption(parsed: ParsedArgs, name: string, rule: NumberRule): number | undefined {
  const v = stringOption(parsed, name);
  return v === undefined ? undefined : parseDuration(`--${name}`, v, rule);
}

/**
 * A choice among fixed values (`--format csv|json`).
 * @throws UsageError naming the value, the choices, and the one probably meant
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
    const hint = didYouMean(v, choices);
    throw new UsageError(
      `invalid --${name}: ${quote(v)} (${hint ? `${hint} ` : ''}expected ${orList(choices)})`,
    );
  }
  return v as T;
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `did you mean "x"? ` when `word` is close to one of `candidates`, else `''`. */
export function suggestion(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : `did you mean ${quote(c)}? `;
}

/**
 * Parse repeated `--set NAME=VALUE` options into parameter overrides (later ones win).
 * @param parameterNames the model's parameter names
 * @throws UsageError for a missing `=`, an unknown name (suggesting the one meant and listing the
 *   valid ones) or a bad number
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
        `invalid --set: unknown parameter ${quote(name)} (${suggestion(name, parameterNames)}parameters: ${parameterNames.join(', ')})`,
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
