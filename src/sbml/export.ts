/**
 * `exportSbml`: a model file → SBML Level 3 Version 2 that a plain SBML simulator (COPASI,
 * Tellurium/libRoadRunner) runs as it is.
 *
 * - States become parameters with rate rules (they are signals in units of their resting
 *   level, not amounts of a chemical species, so no compartments or reactions are invented);
 *   intermediates and observables become parameters with assignment rules; parameters keep
 *   their values and units; initial assignments stay initial assignments.
 * - The chosen protocol group's exercise bouts become each input's assignment rule, piecewise in
 *   time: `re = piecewise(1, 60 ≤ time < 80, 0)`. Time is in minutes (`timeUnits="minute"`).
 * - Names, descriptions, sources and references go into `name` attributes and XHTML notes; the
 *   model file's own metadata (ranges, LaTeX, presets, which parameters are inputs) goes into
 *   one annotation (`annotation.ts`) so the file imports back as the same model.
 * - Numbers carry `sbml:units` (dimensionless, or minutes in time comparisons) so libSBML can
 *   check the units of every equation.
 */
import { checkExpression, type ExprTree } from '../model/expression.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { Bout, Group, Protocol } from '../protocol/protocol.ts';
import { writeMetadata } from './annotation.ts';
import { mathElement, writeNumber, writeTime } from './mathml-write.ts';
import { parseUnitText, type SbmlUnit, unitKey } from './units.ts';
import { el, type Markup, text } from './xml.ts';

/** Options of `exportSbml`; all optional. */
export interface SbmlExportOptions {
  /** Parameter values to write (a preset's values and overrides); the rest keep the file's. */
  readonly parameters?: Readonly<Record<string, number>>;
  /** Initial state to write by state name (e.g. the resting steady state for these parameters). */
  readonly initialState?: Readonly<Record<string, number>>;
  /** The protocol and the id of the group whose bouts drive the inputs (default: inputs stay 0). */
  readonly protocol?: Protocol;
  readonly group?: string;
  /** Extra lines for the model's notes (e.g. the command that made the file). */
  readonly notes?: readonly string[];
}

const SBML_NS = 'http://www.sbml.org/sbml/level3/version2/core';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** The group `eolab export --format sbml` writes when none is named: one with both kinds of bout. */
export function defaultExportGroup(protocol: Protocol): Group {
  const both = protocol.groups.find(
    (g) => g.bouts.some((b) => b.kind === 'resistance') && g.bouts.some((b) => b.kind === 'endurance'),
  );
  return both ?? protocol.groups.find((g) => g.bouts.length > 0) ?? protocol.groups[0]!;
}

/** Unit definitions shared between equal unit texts. */
class Units {
  readonly #defs = new Map<string, { id: string; name: string; units: readonly SbmlUnit[] }>();

  constructor() {
    this.id('min');
  }

  /** The SBML units id for a unit text, or undefined when undeclared. */
  id(unit: string): string | undefined {
    const units = parseUnitText(unit);
    if (units === undefined) return undefined;
    if (units.length === 0) return 'dimensionless';
    const key = unitKey(units);
    const known = this.#defs.get(key);
    if (known) return known.id;
    const minuteKey = unitKey(parseUnitText('min')!);
    const perMinuteKey = unitKey(parseUnitText('1/min')!);
    const id =
      key === minuteKey ? 'minute' : key === perMinuteKey ? 'per_minute' : `unit_${this.#defs.size + 1}`;
    this.#defs.set(key, { id, name: unit, units });
    return id;
  }

  xml(): string {
    return el(
      'listOfUnitDefinitions',
      {},
      ...[...this.#defs.values()].map((d) =>
        el(
          'unitDefinition',
          { id: d.id, name: d.id === 'minute' ? 'minute' : d.name },
          el(
            'listOfUnits',
            {},
            ...d.units.map((u) =>
              el('unit', { kind: u.kind, exponent: u.exponent, scale: u.scale, multiplier: u.multiplier }),
            ),
          ),
        ),
      ),
    );
  }
}

function notes(...paragraphs: readonly string[]): string {
  const ps = paragraphs.filter((p) => p.trim() !== '').map((p) => el('p', {}, text(p)));
  return ps.length === 0 ? '' : el('notes', {}, el('body', { xmlns: XHTML_NS }, ...ps));
}

/** An SBML id for a model id (`concurrent-training` → `concurrent_training`). */
function modelSid(id: string): string {
  const s = id.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `m_${s}`;
}

/** piecewise(intensity, start ≤ time < end, …, 0) for one input's bouts. */
function inputRule(bouts: readonly Bout[], valueUnits: string | undefined): string {
  if (bouts.length === 0) return writeNumber(0, valueUnits);
  const pieces = [...bouts]
    .sort((a, b) => a.start - b.start)
    .map((b) =>
      el(
        'piece',
        {},
        writeNumber(b.intensity, valueUnits),
        el(
          'apply',
          {},
          el('and'),
          el('apply', {}, el('geq'), writeTime(), writeNumber(b.start, 'minute')),
          el('apply', {}, el('lt'), writeTime(), writeNumber(b.start + b.duration, 'minute')),
        ),
      ),
    );
  return el('piecewise', {}, ...pieces, el('otherwise', {}, writeNumber(0, valueUnits)));
}

function describeBouts(group: Group): string {
  if (group.bouts.length === 0) return `protocol group "${group.label}": no exercise (inputs stay 0)`;
  const bouts = [...group.bouts]
    .sort((a, b) => a.start - b.start)
    .map((b) => `${b.kind} at intensity ${b.intensity} from ${b.start} to ${b.start + b.duration} min`)
    .join('; ');
  return `protocol group "${group.label}" (${group.id}): ${bouts}`;
}

/**
 * Write a model as SBML Level 3 Version 2.
 * @throws Error naming the group when `group` is not one of the protocol's, or a parameter when
 *   an override names no parameter of the model
 */
export function exportSbml(spec: ModelSpec, options: SbmlExportOptions = {}): string {
  const units = new Units();
  const unitsOf = (unit: string) => units.id(unit);
  const group = options.protocol
    ? options.group === undefined
      ? defaultExportGroup(options.protocol)
      : options.protocol.groups.find((g) => g.id === options.group)
    : undefined;
  if (options.protocol && !group) {
    throw new Error(
      `unknown group: ${options.group} (groups: ${options.protocol.groups.map((g) => g.id).join(', ')})`,
    );
  }
  for (const name of Object.keys(options.parameters ?? {})) {
    if (!Object.hasOwn(spec.parameters, name))
      throw new Error(`unknown parameter: ${name} (model "${spec.id}")`);
  }
  const known = new Set([
    ...Object.keys(spec.inputs),
    ...Object.keys(spec.states),
    ...Object.keys(spec.parameters),
    ...Object.keys(spec.intermediates),
  ]);
  // Numbers are dimensionless in a model whose units are all declared; an imported model with
  // undeclared units leaves them undeclared too.
  const allDeclared = [
    ...Object.values(spec.states),
    ...Object.values(spec.parameters),
    ...Object.values(spec.intermediates),
    ...Object.values(spec.inputs),
  ].every((x) => parseUnitText(x.unit) !== undefined);
  const numberUnits = allDeclared ? 'dimensionless' : undefined;
  const math = (path: string, expression: string): string => {
    const tree: ExprTree = checkExpression(path, expression, known).tree;
    return mathElement(tree, numberUnits ? { numberUnits } : {});
  };

  const parameters: string[] = [];
  const rules: string[] = [];
  for (const [name, input] of Object.entries(spec.inputs)) {
    const bouts = group?.bouts.filter((b) => b.kind === input.kind) ?? [];
    const u = unitsOf(input.unit);
    parameters.push(
      el(
        'parameter',
        { id: name, name: input.label, units: u, constant: 'false' },
        notes(
          input.description,
          `Exercise input (${input.kind}): 0 at rest, the bout's intensity during a bout.`,
        ),
      ),
    );
    rules.push(
      el(
        'assignmentRule',
        { variable: name },
        el('math', { xmlns: 'http://www.w3.org/1998/Math/MathML' }, inputRule(bouts, u)),
      ),
    );
  }
  for (const [name, st] of Object.entries(spec.states)) {
    const initial = options.initialState?.[name] ?? st.initial;
    parameters.push(
      el(
        'parameter',
        { id: name, name: st.label, value: initial, units: unitsOf(st.unit), constant: 'false' },
        notes(st.description, `State variable: d${name}/dt = ${st.rate}`),
      ),
    );
    rules.push(el('rateRule', { variable: name }, math(`states.${name}.rate`, st.rate)));
  }
  for (const [name, par] of Object.entries(spec.parameters)) {
    const value = options.parameters?.[name] ?? par.value;
    parameters.push(
      el(
        'parameter',
        { id: name, name: par.label, value, units: unitsOf(par.unit), constant: 'true' },
        notes(
          par.description,
          `Source: ${par.source}`,
          `Range: ${par.min} to ${par.max} (${par.scale} scale).`,
        ),
      ),
    );
  }
  for (const [name, inter] of Object.entries(spec.intermediates)) {
    parameters.push(
      el(
        'parameter',
        { id: name, name: inter.label, units: unitsOf(inter.unit), constant: 'false' },
        notes(inter.description),
      ),
    );
    rules.push(
      el('assignmentRule', { variable: name }, math(`intermediates.${name}.expression`, inter.expression)),
    );
  }
  for (const [name, obs] of Object.entries(spec.observables)) {
    if (known.has(name)) continue; // publishes a parameter or intermediate that is already there
    parameters.push(
      el(
        'parameter',
        { id: name, name: obs.label, units: unitsOf(obs.unit), constant: 'false' },
        notes(obs.description, 'Observable: reported to users.'),
      ),
    );
    rules.push(
      el('assignmentRule', { variable: name }, math(`observables.${name}.expression`, obs.expression)),
    );
  }
  const initialAssignments = Object.entries(spec.initialAssignments ?? {}).map(([name, expression]) =>
    el('initialAssignment', { symbol: name }, math(`initialAssignments.${name}`, expression)),
  );

  const modelNotes = notes(
    spec.description,
    group
      ? `Exercise inputs follow ${describeBouts(group)}. Simulate from time 0 (minutes).`
      : 'Exercise inputs are 0 (no protocol group was chosen).',
    spec.start === 'initial-values'
      ? 'The model runs from its initial values.'
      : 'Initial values are the resting (no-exercise) steady state.',
    ...(options.notes ?? []),
    ...spec.references.map(
      (r) => `[${r.id}] ${r.citation}${r.doi ? ` doi:${r.doi}` : ''}${r.url ? ` ${r.url}` : ''}`,
    ),
  );
  const list = (name: string, items: readonly string[]): Markup => items.length > 0 && el(name, {}, ...items);
  const body = [
    modelNotes,
    el('annotation', {}, writeMetadata(spec)),
    units.xml(),
    list('listOfParameters', parameters),
    list('listOfInitialAssignments', initialAssignments),
    list('listOfRules', rules),
  ];
  const model = el('model', { id: modelSid(spec.id), name: spec.name, timeUnits: 'minute' }, ...body);
  const doc = el('sbml', { xmlns: SBML_NS, 'xmlns:sbml': SBML_NS, level: 3, version: 2 }, model);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${doc}\n`;
}
