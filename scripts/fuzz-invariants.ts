/**
 * The invariants every fuzz case is held to, and how an outcome is classified. A case ends in an
 * *outcome class* (`ok`, or the name of the typed error it raised, with its kind) or in a *bug*:
 *
 * - `untyped-exception`: anything thrown that is not one of the project's typed errors (a
 *   `TypeError`, a `RangeError`, a plain `Error`, a non-error);
 * - `code-from-data`: the canary global that injected code would set is set;
 * - `prototype-pollution`: a built-in prototype gained or lost a property;
 * - `non-physical`: a result with a non-finite or non-positive fold or observable;
 * - `csv`: a CSV whose rows differ in width, or a text cell that starts a formula;
 * - `hang`: one case took longer than the work bound allows (`HANG_SECONDS`);
 * - `internal-error`: the CLI reported an internal error (a runtime error it caught).
 */
import { csvParseRows } from 'd3-dsv';

/** The global an injected expression or string would set if data ever ran as code. */
export const CANARY = '__eolabFuzzCanary';

/** A case slower than this (seconds) counts as a hang. */
export const HANG_SECONDS = 30;

/** The project's typed errors, by class name. */
export const TYPED_ERRORS: ReadonlySet<string> = new Set([
  'ModelValidationError',
  'ExpressionError',
  'ParameterError',
  'SimulationError',
  'ProtocolError',
  'SolverOptionError',
  'SbmlImportError',
  'UsageError',
  'FileTooLargeError',
  'EnsembleFileError',
  'PriorError',
]);

/** What went wrong in a case that breaks an invariant. */
export class FuzzBug extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(`${kind}: ${message}`);
    this.name = 'FuzzBug';
    this.kind = kind;
  }
}

/** The outcome class of an error a target raised; throws `FuzzBug` for an untyped one. */
export function classifyError(err: unknown): string {
  if (err instanceof FuzzBug) throw err;
  if (err instanceof Error && TYPED_ERRORS.has(err.name) && err.constructor.name === err.name) {
    const kind = (err as { kind?: unknown }).kind;
    return typeof kind === 'string' ? `${err.name}:${kind}` : err.name;
  }
  const what = err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err);
  throw new FuzzBug('untyped-exception', what.slice(0, 300));
}

const PROTOTYPES: readonly [string, object][] = [
  ['Object', Object.prototype],
  ['Array', Array.prototype],
  ['Function', Function.prototype],
  ['String', String.prototype],
  ['Number', Number.prototype],
];

function prototypeSnapshot(): string {
  return PROTOTYPES.map(([n, p]) => `${n}:${Reflect.ownKeys(p).map(String).sort().join(',')}`).join('|');
}

const CLEAN_PROTOTYPES = prototypeSnapshot();

/** Throw `FuzzBug` if the canary is set or a built-in prototype changed (then restore nothing: stop). */
export function checkWorld(): void {
  if ((globalThis as Record<string, unknown>)[CANARY] !== undefined) {
    delete (globalThis as Record<string, unknown>)[CANARY];
    throw new FuzzBug('code-from-data', 'the canary global was set');
  }
  const now = prototypeSnapshot();
  if (now !== CLEAN_PROTOTYPES) throw new FuzzBug('prototype-pollution', 'a built-in prototype changed');
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'kR', 'constructorX']) {
    if (probe[key] !== undefined) throw new FuzzBug('prototype-pollution', `({}).${key} is defined`);
  }
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Throw `FuzzBug` unless every row of `text` (CSV) has the header's width and no text cell starts a formula. */
export function checkCsv(text: string, what: string): void {
  const rows = csvParseRows(text);
  const width = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== width) throw new FuzzBug('csv', `${what}: row ${i} has ${row.length} cells, header ${width}`);
    for (const cell of row) {
      if (!NUMBER.test(cell) && /^[=+\-@\t\r]/.test(cell))
        throw new FuzzBug('csv', `${what}: row ${i} has a formula-like cell ${JSON.stringify(cell.slice(0, 40))}`);
    }
  });
}

/** One target: generated inputs, and what one case does (returns its outcome class). */
export interface FuzzTarget<T> {
  readonly name: string;
  /** What the inputs are, for the report. */
  readonly classes: string;
  readonly arbitrary: import('fast-check').Arbitrary<T>;
  /** Run one case; returns the outcome class; throws `FuzzBug` when an invariant breaks. */
  run(input: T): string | Promise<string>;
}

/** The result of one case: its outcome class, or the bug it found. */
export interface CaseResult {
  readonly outcome: string;
  readonly bug?: FuzzBug;
  readonly seconds: number;
}

/** Run one case and check the world afterwards. */
export async function runCase<T>(target: FuzzTarget<T>, input: T): Promise<CaseResult> {
  const started = performance.now();
  let outcome = 'ok';
  let bug: FuzzBug | undefined;
  try {
    outcome = await target.run(input);
  } catch (err) {
    try {
      outcome = classifyError(err);
    } catch (b) {
      bug = b as FuzzBug;
    }
  }
  try {
    checkWorld();
  } catch (b) {
    bug ??= b as FuzzBug;
  }
  const seconds = (performance.now() - started) / 1000;
  if (!bug && seconds > HANG_SECONDS) bug = new FuzzBug('hang', `case took ${seconds.toFixed(1)} s`);
  return bug ? { outcome: `BUG ${bug.kind}`, bug, seconds } : { outcome, seconds };
}
