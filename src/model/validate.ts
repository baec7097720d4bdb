/**
 * Model validation: the shape (zod schema in `spec.ts`) plus the cross-field rules a JSON
 * Schema cannot state. Every problem is reported with its path, e.g.
 * `parameters.kR.max: must be > min (min 2, max 1)`.
 */
import { closure, initialAssignmentOrder } from './dependencies.ts';
import { abbreviate, type CheckedExpression, checkExpression, ExpressionError } from './expression.ts';
import { MAX_MODEL_NODES, MAX_SYMBOLS } from './limits.ts';
import { type ModelSpec, modelSpecSchema } from './spec.ts';

/** One problem found in a model file. */
export interface ValidationIssue {
  /** Dotted path into the file, e.g. `parameters.kR.max` (empty for the whole file). */
  readonly path: string;
  readonly message: string;
}

/** Thrown when a model fails validation; carries every issue, not just the first. */
export class ModelValidationError extends Error {
  readonly issues: readonly ValidationIssue[];
  /** Where the model came from (file name, "URL", …), for messages. */
  readonly origin: string;
  constructor(issues: readonly ValidationIssue[], origin: string) {
    const lines = issues.map(formatIssue);
    super(`invalid model (${origin}): ${lines.join('; ')}`);
    this.name = 'ModelValidationError';
    this.issues = issues;
    this.origin = origin;
  }
}

/** `path: message`, or just the message for a whole-file problem. */
export function formatIssue(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** The outcome of validating: the normalised spec, or every issue found. */
export type ValidationResult =
  | { readonly ok: true; readonly spec: ModelSpec }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Names expressions read as something else: time, constants, mathjs keywords. */
const RESERVED = new Set([
  't',
  'e',
  'pi',
  'i',
  'Infinity',
  'NaN',
  'true',
  'false',
  'null',
  'undefined',
  'and',
  'or',
  'xor',
  'not',
  'mod',
  'to',
  'in',
]);

/** Reserved names, for importers that must rename symbols that collide with them. */
export const RESERVED_NAMES: ReadonlySet<string> = RESERVED;

function joinPath(parts: readonly PropertyKey[]): string {
  return parts.map((p) => abbreviate(String(p), 40)).join('.');
}

/** A zod issue's message; a bad record key says which name and why, not just "Invalid key in record". */
function shapeMessage(issue: {
  code: string;
  message: string;
  path: readonly PropertyKey[];
  issues?: unknown;
}): string {
  if (issue.code === 'invalid_key' && Array.isArray(issue.issues) && issue.issues.length > 0) {
    const key = abbreviate(String(issue.path[issue.path.length - 1]), 40);
    const why = (issue.issues as { message?: string }[]).map((i) => i.message).join('; ');
    return `invalid name ${JSON.stringify(key)}: ${why}`;
  }
  return issue.message;
}

/**
 * Validate a parsed model file (any JSON value). Never throws: every problem, including one
 * this validator did not foresee, comes back as an issue.
 * @param input the parsed JSON
 */
export function validateModel(input: unknown): ValidationResult {
  try {
    return validateModelUnsafe(input);
  } catch (err) {
    // A safety net for the documented contract; the fuzz suite keeps this branch unreached.
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return {
      ok: false,
      issues: [{ path: '', message: `internal error while validating (${abbreviate(message)})` }],
    };
  }
}

function validateModelUnsafe(input: unknown): ValidationResult {
  const parsed = modelSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: joinPath(i.path), message: shapeMessage(i) }));
    return { ok: false, issues };
  }
  const spec = parsed.data;
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  // Symbols: one namespace for everything expressions can read, plus observables (output names).
  const owner = new Map<string, string>();
  const claim = (section: string, name: string) => {
    if (RESERVED.has(name)) add(`${section}.${name}`, `"${name}" is a reserved name`);
    const prev = owner.get(name);
    if (prev) add(`${section}.${name}`, `name already used in ${prev}`);
    else owner.set(name, section);
  };
  for (const name of Object.keys(spec.inputs)) claim('inputs', name);
  for (const name of Object.keys(spec.states)) claim('states', name);
  for (const name of Object.keys(spec.parameters)) claim('parameters', name);
  for (const name of Object.keys(spec.intermediates)) claim('intermediates', name);
  for (const [name, ob] of Object.entries(spec.observables)) {
    // An observable may publish a parameter or intermediate under its own name (`x` = `x`).
    const section = owner.get(name);
    const publishes =
      ob.expression.trim() === name && (section === 'parameters' || section === 'intermediates');
    if (!publishes) claim('observables', name);
  }

  if (owner.size > MAX_SYMBOLS) add('', `too many symbols: ${owner.size} (at most ${MAX_SYMBOLS})`);

  const atRest = spec.start !== 'initial-values';
  if (atRest && Object.keys(spec.states).length === 0) add('states', 'a model needs at least one state');
  if (atRest && Object.keys(spec.observables).length === 0)
    add('observables', 'a model needs at least one observable');

  for (const kind of ['resistance', 'endurance'] as const) {
    const n = Object.values(spec.inputs).filter((i) => i.kind === kind).length;
    if (n !== 1) add('inputs', `needs exactly one input of kind "${kind}" (found ${n})`);
  }
  for (const [name, input] of Object.entries(spec.inputs)) {
    const p = `inputs.${name}`;
    if (!(input.minIntensity < input.maxIntensity)) {
      add(
        `${p}.maxIntensity`,
        `must be > minIntensity (min ${input.minIntensity}, max ${input.maxIntensity})`,
      );
    }
    if (input.minIntensity < 0) add(`${p}.minIntensity`, `must be ≥ 0 (got ${input.minIntensity})`);
    if (input.defaultIntensity < input.minIntensity || input.defaultIntensity > input.maxIntensity) {
      add(
        `${p}.defaultIntensity`,
        `must lie in [${input.minIntensity}, ${input.maxIntensity}] (got ${input.defaultIntensity})`,
      );
    }
  }

  for (const [name, par] of Object.entries(spec.parameters)) {
    const p = `parameters.${name}`;
    if (!(par.max > par.min)) add(`${p}.max`, `must be > min (min ${par.min}, max ${par.max})`);
    else if (par.value < par.min || par.value > par.max) {
      add(`${p}.value`, `must lie in [${par.min}, ${par.max}] (got ${par.value})`);
    }
    if (par.scale === 'log' && !(par.min > 0))
      add(`${p}.min`, `must be > 0 for a log scale (got ${par.min})`);
  }

  const refIds = new Set(spec.references.map((r) => r.id));
  spec.references.forEach((r, i) => {
    if (spec.references.findIndex((o) => o.id === r.id) !== i)
      add(`references.${i}.id`, `duplicate id "${r.id}"`);
  });
  if (refIds.size === 0) add('references', 'cite at least one reference');

  // Expressions: states' rates read inputs, states, parameters and intermediates; each
  // intermediate reads only intermediates defined above it.
  const base = new Set([
    ...Object.keys(spec.inputs),
    ...Object.keys(spec.states),
    ...Object.keys(spec.parameters),
  ]);
  const allIntermediates = Object.keys(spec.intermediates);
  const timeUsers: string[] = [];
  const checked = new Map<string, CheckedExpression>();
  const check = (path: string, text: string, known: ReadonlySet<string>) => {
    try {
      const e = checkExpression(path, text, known);
      checked.set(path, e);
      if (e.usesTime) timeUsers.push(path);
    } catch (err) {
      if (err instanceof ExpressionError) add(path, err.message.slice(path.length + 2));
      else throw err;
    }
  };
  // Definition order from the parsed trees' symbols: each intermediate may read only the ones
  // above it (checked against every name, then the symbols it reads are compared by position).
  const position = new Map(allIntermediates.map((n, i) => [n, i] as const));
  const everything = new Set([...base, ...allIntermediates]);
  allIntermediates.forEach((name, i) => {
    const path = `intermediates.${name}.expression`;
    check(path, spec.intermediates[name]!.expression, everything);
    const e = checked.get(path);
    const later = e?.symbols.find((s) => (position.get(s) ?? -1) >= i);
    if (e && later !== undefined) {
      checked.delete(path);
      add(
        path,
        later === name
          ? `reads itself ("${name}")`
          : `uses "${later}", which is defined later; move it above`,
      );
    }
  });
  const full = new Set([...base, ...allIntermediates]);
  for (const [name, st] of Object.entries(spec.states)) check(`states.${name}.rate`, st.rate, full);
  for (const [name, ob] of Object.entries(spec.observables))
    check(`observables.${name}.expression`, ob.expression, full);

  const assignments = spec.initialAssignments ?? {};
  for (const [name, text] of Object.entries(assignments)) {
    if (!Object.hasOwn(spec.states, name)) {
      add(`initialAssignments.${name}`, `"${name}" is not a state (only states have initial values)`);
    } else check(`initialAssignments.${name}`, text, full);
  }
  try {
    const inter = new Map<string, readonly string[]>();
    for (const n of allIntermediates)
      inter.set(n, checked.get(`intermediates.${n}.expression`)?.symbols ?? []);
    const reads = (n: string) => closure(checked.get(`initialAssignments.${n}`)?.symbols ?? [], inter);
    initialAssignmentOrder(
      Object.keys(assignments).filter((n) => Object.hasOwn(spec.states, n)),
      reads,
    );
  } catch (err) {
    add('initialAssignments', (err as Error).message);
  }
  let nodes = 0;
  for (const e of checked.values()) nodes += e.nodeCount;
  if (nodes > MAX_MODEL_NODES) {
    add('', `the expressions are too large: ${nodes} nodes in all (at most ${MAX_MODEL_NODES})`);
  }
  const clockUsers = timeUsers.filter((p) => !p.startsWith('initialAssignments.'));
  if (atRest && clockUsers.length > 0) {
    add(
      clockUsers[0]!,
      'reads the time t, so the model has no steady state at rest; add "start": "initial-values" to run it from its initial values',
    );
  }

  for (const [id, preset] of Object.entries(spec.parameterPresets)) {
    for (const [name, value] of Object.entries(preset.values)) {
      const p = `parameterPresets.${id}.values.${name}`;
      // Own properties only: `toString` must not resolve to Object.prototype.toString.
      const par = Object.hasOwn(spec.parameters, name) ? spec.parameters[name] : undefined;
      if (!par) add(p, `unknown parameter "${name}"`);
      else if (value < par.min || value > par.max)
        add(p, `must lie in [${par.min}, ${par.max}] (got ${value})`);
    }
  }
  // A model that starts at rest reports fold changes of positive signals.
  if (atRest) {
    for (const [name, st] of Object.entries(spec.states)) {
      if (!(st.initial > 0)) add(`states.${name}.initial`, `must be > 0 (got ${st.initial})`);
      if (st.basal === undefined)
        add(`states.${name}.basal`, 'required when the model starts at rest (a positive resting level)');
    }
  }

  return issues.length > 0 ? { ok: false, issues } : { ok: true, spec: deepFreeze(spec) };
}

/**
 * Validate, throwing a `ModelValidationError` with every issue.
 * @param origin where the model came from, for messages ("models/foo.json", "URL")
 */
export function parseModel(input: unknown, origin = 'model'): ModelSpec {
  const result = validateModel(input);
  if (!result.ok) throw new ModelValidationError(result.issues, origin);
  return result.spec;
}

/** Freeze an object graph so specs cannot be mutated after validation. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
