/**
 * `importSbml`: an SBML document (Level 2 Version 4 – Level 3 Version 2) → a validated model
 * file. Unsupported constructs (events, delays, algebraic rules, fast reactions, required
 * packages, unknown MathML, …) are refused together, one line each naming its id: never a
 * silent partial model.
 *
 * The SBML parameters named as exercise inputs become the model's inputs (0 at rest, the bout's
 * intensity during a bout); a kind left unmapped gets an input no expression reads, so every
 * protocol runs the model as it is. A file exported by this project carries its labels, ranges,
 * sources and input mapping in an annotation, which the importer restores.
 */
import { compileModel } from '../model/compile.ts';
import { printExpression } from '../model/expression.ts';
import type { InputSpec, ModelSpec, ParameterSpec } from '../model/spec.ts';
import { formatIssue, validateModel } from '../model/validate.ts';
import { type ExportMetadata, readMetadata } from './annotation.ts';
import { type Classified, classify, type Quantity, treeSymbols } from './classify.ts';
import { SymbolTable } from './names.ts';
import { readSbml, type SbmlDocument, type SbmlVariable } from './read.ts';
import { timeUnit, UNDECLARED, unitText } from './units.ts';

/** Options of `importSbml`; all optional. */
export interface SbmlImportOptions {
  /** Where the document came from (a file name), for messages and the model's reference. */
  readonly origin?: string;
  /** SBML parameter ids to use as the exercise inputs, by bout kind. */
  readonly inputs?: Readonly<Partial<Record<'resistance' | 'endurance', string>>>;
  /**
   * SBML ids to report as observables (default: every species whose value is not already a
   * state). A state is published as `<symbol>_obs`.
   */
  readonly observe?: readonly string[];
  /** Restore this project's annotation (labels, ranges, inputs) when present (default `use`). */
  readonly metadata?: 'use' | 'ignore';
}

/** A successful import. */
export interface SbmlImportResult {
  readonly spec: ModelSpec;
  /** Things the user should know (time unit assumed, packages ignored, …). */
  readonly warnings: readonly string[];
}

/** The document uses constructs outside the supported subset; one line each. */
export class SbmlImportError extends Error {
  readonly problems: readonly string[];
  readonly origin: string;
  constructor(problems: readonly string[], origin: string) {
    super(`cannot import ${origin}: ${problems.join('; ')}`);
    this.name = 'SbmlImportError';
    this.problems = problems;
    this.origin = origin;
  }
}

const KIND_WORD = { resistance: 're', endurance: 'ee' } as const;

/** A record's own entry (never an `Object.prototype` member such as `constructor`). */
function own<T>(rec: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return rec !== undefined && Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** A parameter range around an imported value: a factor of 10 either way (log scale when positive). */
export function importedRange(value: number): Pick<ParameterSpec, 'min' | 'max' | 'scale'> {
  if (value > 0) return { min: value / 10, max: value * 10, scale: 'log' };
  if (value < 0) return { min: value * 10, max: value / 10, scale: 'linear' };
  return { min: -1, max: 1, scale: 'linear' };
}

function slugId(text: string | undefined): string {
  const s = (text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(s) ? s : 'imported-model';
}

/** Intermediates in dependency order. @throws nothing; a cycle is reported in `problems` */
function orderIntermediates(list: readonly Quantity[], problems: string[]): Quantity[] {
  const byName = new Map(list.map((q) => [q.symbol, q] as const));
  const out: Quantity[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (q: Quantity, trail: string[]) => {
    const s = state.get(q.symbol);
    if (s === 2) return;
    if (s === 1) {
      problems.push(`assignment rules form a cycle (an algebraic loop): ${[...trail, q.symbol].join(' → ')}`);
      return;
    }
    state.set(q.symbol, 1);
    if (q.role === 'intermediate') {
      for (const d of treeSymbols(q.value)) {
        const dep = byName.get(d);
        if (dep) visit(dep, [...trail, q.symbol]);
      }
    }
    state.set(q.symbol, 2);
    out.push(q);
  };
  for (const q of list) visit(q, []);
  return out;
}

function describe(v: SbmlVariable | undefined, fallback: string): string {
  if (v?.notes) return v.notes.length > 300 ? `${v.notes.slice(0, 297)}…` : v.notes;
  return fallback;
}

function unitOf(doc: SbmlDocument, v: SbmlVariable | undefined): string {
  if (!v) return UNDECLARED;
  if (v.kind === 'species') {
    const s = v as SbmlVariable & {
      substanceUnits?: string;
      hasOnlySubstanceUnits: boolean;
      compartment: string;
    };
    const substance = unitText(doc, s.substanceUnits ?? doc.substanceUnits);
    if (s.hasOnlySubstanceUnits) return substance;
    const c = doc.compartments.find((x) => x.id === s.compartment);
    const volume = unitText(doc, c?.units ?? doc.volumeUnits);
    return substance === UNDECLARED || volume === UNDECLARED ? UNDECLARED : `${substance} / (${volume})`;
  }
  return unitText(doc, v.units);
}

/**
 * Import an SBML document.
 * @throws SbmlImportError listing every unsupported construct (one line each, naming its id)
 * @throws XmlError for malformed XML
 */
export function importSbml(xml: string, options: SbmlImportOptions = {}): SbmlImportResult {
  const origin = options.origin ?? 'SBML document';
  const doc = readSbml(xml);
  const warnings = [...doc.notes2];
  const meta = options.metadata === 'ignore' ? undefined : readMetadata(doc.modelAnnotation);

  const ids = [
    ...doc.compartments.map((v) => v.id),
    ...doc.species.map((v) => v.id),
    ...doc.parameters.map((v) => v.id),
    ...doc.reactions.map((r) => r.id),
  ];
  const names = new SymbolTable(ids);
  for (const id of ids) names.symbol(id);

  const tu = timeUnit(doc);
  if (!tu) {
    warnings.push(
      'the model declares no time unit: its time is taken as minutes (set timeUnits to convert seconds or hours)',
    );
  }
  const timeUnitOut = tu ?? { name: 'minute (assumed)', minutes: 1 };
  const k = 1 / timeUnitOut.minutes;

  // This project's own inputs (restored from its annotation) lose the piecewise rule that played
  // one protocol group: the model gets its inputs back, and any protocol can drive them.
  const restoredInputs = new Map<string, 'resistance' | 'endurance'>();
  for (const kind of ['resistance', 'endurance'] as const) {
    const entry =
      meta && options.inputs?.[kind] === undefined
        ? Object.entries(meta.inputs).find(([, i]) => i.kind === kind)
        : undefined;
    if (entry && doc.parameters.some((p) => p.id === entry[0])) restoredInputs.set(entry[0], kind);
  }
  const converted: SbmlDocument =
    restoredInputs.size === 0
      ? doc
      : {
          ...doc,
          assignmentRules: new Map([...doc.assignmentRules].filter(([id]) => !restoredInputs.has(id))),
          parameters: doc.parameters.map((p) =>
            restoredInputs.has(p.id) ? { ...p, value: 0, constant: true } : p,
          ),
        };
  const classified: Classified = classify(converted, names, k);
  const problems = [...doc.problems, ...classified.problems];

  // Inputs: explicit mapping first, then this project's own annotation.
  const inputOf = new Map<string, { kind: 'resistance' | 'endurance'; spec?: InputSpec }>();
  for (const kind of ['resistance', 'endurance'] as const) {
    const id = options.inputs?.[kind];
    if (id !== undefined) {
      const p = doc.parameters.find((x) => x.id === id);
      const q = classified.quantities.find((x) => x.symbol === names.symbol(id));
      if (!p) problems.push(`input ${KIND_WORD[kind]}=${id}: "${id}" is not a parameter of the model`);
      else if (q?.role !== 'parameter') {
        problems.push(
          `input ${KIND_WORD[kind]}=${id}: "${id}" is not a constant parameter with a plain value`,
        );
      } else if (q.value < 0) {
        problems.push(`input ${KIND_WORD[kind]}=${id}: an exercise input must be ≥ 0 (value ${q.value})`);
      } else inputOf.set(names.symbol(id), { kind });
    } else {
      const id2 = [...restoredInputs].find(([, kd]) => kd === kind)?.[0];
      if (id2 && meta) inputOf.set(names.symbol(id2), { kind, spec: own(meta.inputs, id2)! });
    }
  }
  if (problems.length > 0) throw new SbmlImportError(problems, origin);

  const spec = assemble(doc, classified, names, inputOf, meta, options, {
    origin,
    timeUnit: timeUnitOut,
    problems,
  });
  if (problems.length > 0) throw new SbmlImportError(problems, origin);
  return { spec, warnings };
}

interface AssembleContext {
  readonly origin: string;
  readonly timeUnit: { name: string; minutes: number };
  readonly problems: string[];
}

function assemble(
  doc: SbmlDocument,
  classified: Classified,
  names: SymbolTable,
  inputOf: ReadonlyMap<string, { kind: 'resistance' | 'endurance'; spec?: InputSpec }>,
  meta: ExportMetadata | undefined,
  options: SbmlImportOptions,
  ctx: AssembleContext,
): ModelSpec {
  const states: Record<string, ModelSpec['states'][string]> = {};
  const parameters: Record<string, ParameterSpec> = {};
  const intermediates: Record<string, ModelSpec['intermediates'][string]> = {};
  const observables: Record<string, ModelSpec['observables'][string]> = {};
  const inputs: Record<string, InputSpec> = {};
  const initialAssignments: Record<string, string> = {};
  const modelName = doc.modelName ?? doc.modelId ?? 'imported model';
  const sourceText = `SBML model ${JSON.stringify(doc.modelId ?? modelName)} (${ctx.origin})`;
  const label = (v: SbmlVariable | undefined, s: string) => v?.name ?? v?.id ?? s;
  const what = (v: SbmlVariable | undefined, s: string) =>
    v ? `SBML ${v.kind} "${v.id}"${v.name && v.name !== v.id ? ` (${v.name})` : ''}` : s;

  for (const q of classified.quantities) {
    if (q.role !== 'parameter' || !inputOf.has(q.symbol)) continue;
    const { kind, spec } = inputOf.get(q.symbol)!;
    const v = q.source;
    const intensity = q.value > 0 ? q.value : 1;
    inputs[q.symbol] = spec ?? {
      label: `${kind === 'resistance' ? 'Resistance' : 'Endurance'} exercise (${label(v, q.symbol)})`,
      kind,
      unit: unitOf(doc, v),
      description: `${what(v, q.symbol)} as the ${kind} exercise input: 0 at rest, the bout's intensity during a bout (default: its SBML value).`,
      defaultIntensity: intensity,
      minIntensity: 0,
      maxIntensity: Math.max(2 * intensity, 1),
    };
  }
  for (const kind of ['resistance', 'endurance'] as const) {
    if (Object.values(inputs).some((i) => i.kind === kind)) continue;
    const s = names.fresh(KIND_WORD[kind]);
    inputs[s] = {
      label: `${kind === 'resistance' ? 'Resistance' : 'Endurance'} exercise (not connected)`,
      kind,
      unit: '1',
      description: `Not connected: no expression of this imported model reads it, so ${kind} bouts do not change it (map an SBML parameter with --input ${KIND_WORD[kind]}=ID).`,
      defaultIntensity: 1,
      minIntensity: 0,
      maxIntensity: 2,
    };
  }

  const m = meta;
  const inter: Quantity[] = [];
  for (const q of classified.quantities) {
    const v = q.source;
    if (q.role === 'state') {
      const initialNumber = q.initial.kind === 'number' ? q.initial.value : 0;
      if (q.initial.kind !== 'number') initialAssignments[q.symbol] = printExpression(q.initial);
      states[q.symbol] = {
        label: label(v, q.symbol),
        unit: unitOf(doc, v),
        description: describe(v, what(v, q.symbol)),
        initial: initialNumber,
        rate: printExpression(q.rate),
        ...(own(m?.states, q.symbol) ?? {}),
      };
    } else if (q.role === 'parameter') {
      if (inputOf.has(q.symbol)) continue;
      const local = q.local ? `local parameter "${q.local.id}" of reaction "${q.local.reaction}"` : undefined;
      parameters[q.symbol] = {
        label: local ?? label(v, q.symbol),
        unit: v ? unitOf(doc, v) : UNDECLARED,
        description: describe(v, local ? `SBML ${local}` : what(v, q.symbol)),
        value: q.value,
        ...importedRange(q.value),
        source: `${sourceText}; range generated on import (value ÷ 10 to × 10)`,
        ...(own(m?.parameters, q.symbol) ?? {}),
      };
    } else inter.push(q);
  }
  for (const q of orderIntermediates(inter, ctx.problems)) {
    if (q.role !== 'intermediate') continue;
    const v = q.source;
    intermediates[q.symbol] = {
      label: q.reaction ? `rate of reaction ${q.reaction}` : label(v, q.symbol),
      unit: q.reaction ? UNDECLARED : unitOf(doc, v),
      description: q.reaction
        ? `Rate of SBML reaction "${q.reaction}" (its kinetic law), per SBML time unit.`
        : describe(v, what(v, q.symbol)),
      expression: printExpression(q.value),
      ...(own(meta?.intermediates, q.symbol) ?? {}),
    };
  }

  // Observables: this project's own (restored), else the requested or default SBML ids.
  const metaObservables = meta ? Object.entries(meta.observables) : [];
  if (metaObservables.length > 0) {
    for (const [name, o] of metaObservables) {
      if (own(meta?.intermediates, name) || own(meta?.parameters, name)) {
        // It published a quantity of its own name: publish it again.
        observables[name] = { ...o, expression: name };
        continue;
      }
      const i = own(intermediates, name);
      if (!i) continue;
      observables[name] = { ...o, expression: i.expression };
      delete intermediates[name];
    }
  } else {
    // Default: species whose value is computed, not integrated (assignment rules, and
    // concentrations of amount states); constants are parameters or constant intermediates.
    const wanted =
      options.observe ??
      doc.species
        .map((s) => s.id)
        .filter(
          (id) => doc.assignmentRules.has(id) || classified.concentrationOfAmount.has(names.symbol(id)),
        );
    for (const id of wanted) {
      const s = names.lookup(id);
      if (!s) {
        ctx.problems.push(`observable "${id}": no such id in the model`);
        continue;
      }
      const source = [...doc.species, ...doc.compartments, ...doc.parameters].find((x) => x.id === id);
      const name = own(states, s) ? names.fresh(`${s}_obs`) : s;
      observables[name] = {
        label: label(source, s),
        unit: own(states, s)?.unit ?? own(intermediates, s)?.unit ?? own(parameters, s)?.unit ?? UNDECLARED,
        description: `${what(source, s)}, reported as a series.`,
        expression: s,
      };
    }
  }

  const spec: Record<string, unknown> = {
    id: meta?.id ?? slugId(doc.modelId ?? doc.modelName),
    name: meta?.name ?? modelName,
    description:
      meta?.description ??
      (doc.notes
        ? doc.notes.length > 600
          ? `${doc.notes.slice(0, 597)}…`
          : doc.notes
        : `Imported from ${ctx.origin}.`),
    version: meta?.version ?? '1',
    timeUnit: 'min',
    ...(meta ? (meta.start ? { start: meta.start } : {}) : { start: 'initial-values' }),
    references: meta?.references ?? [
      { id: 'sbml', citation: `${sourceText}, SBML Level ${doc.level} Version ${doc.version}.` },
    ],
    inputs,
    states,
    parameters,
    intermediates,
    observables,
    ...(Object.keys(initialAssignments).length > 0 ? { initialAssignments } : {}),
    parameterPresets: meta?.parameterPresets ?? {},
    sbml: {
      level: doc.level,
      version: doc.version,
      ...(doc.modelId ? { modelId: doc.modelId } : {}),
      timeUnit: ctx.timeUnit,
      ids: names.ids(),
      species: classified.species,
    },
  };
  if (ctx.problems.length > 0) return spec as unknown as ModelSpec;
  return finish(spec, ctx);
}

/** Validate, then write the evaluated initial values into `initial` (assignments stay). */
function finish(raw: Record<string, unknown>, ctx: AssembleContext): ModelSpec {
  const first = validateModel(raw);
  if (!first.ok) {
    for (const issue of first.issues)
      ctx.problems.push(`internal: the converted model is invalid: ${formatIssue(issue)}`);
    return raw as unknown as ModelSpec;
  }
  const assignments = first.spec.initialAssignments ?? {};
  if (Object.keys(assignments).length === 0) return first.spec;
  const model = compileModel(first.spec);
  const y = model.initialState();
  const states = structuredClone(raw.states) as Record<string, { initial: number }>;
  model.stateNames.forEach((name, i) => {
    if (Object.hasOwn(assignments, name) && Number.isFinite(y[i]!)) states[name]!.initial = y[i]!;
  });
  const second = validateModel({ ...raw, states });
  if (!second.ok) {
    for (const issue of second.issues) ctx.problems.push(`internal: ${formatIssue(issue)}`);
    return first.spec;
  }
  return second.spec;
}
