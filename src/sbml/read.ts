/**
 * Read an SBML document (Level 2 Version 4 – Level 3 Version 2) into plain records, and list
 * every construct outside the supported subset, one line each naming its id. Nothing is
 * converted here: `import.ts` turns these records into a model file.
 */
import { child, children, deepText, listOf, parseXml, type XmlElement } from './xml.ts';

/** Level and version pairs this reader accepts. */
export const SUPPORTED_LEVELS: readonly (readonly [number, number])[] = [
  [2, 4],
  [2, 5],
  [3, 1],
  [3, 2],
];

/** A compartment, species or parameter: anything with a value. */
export interface SbmlVariable {
  readonly kind: 'compartment' | 'species' | 'parameter' | 'speciesReference';
  readonly id: string;
  readonly name?: string;
  readonly notes?: string;
  /** Declared value (size, initial amount or concentration, value, stoichiometry). */
  readonly value?: number;
  readonly constant: boolean;
  readonly units?: string;
  readonly annotation?: XmlElement;
}

/** A species: a variable with its compartment and how its value is to be read. */
export interface SbmlSpecies extends SbmlVariable {
  readonly kind: 'species';
  readonly compartment: string;
  /** `initialAmount` (true) or `initialConcentration` (false) gave `value`. */
  readonly valueIsAmount: boolean;
  readonly hasOnlySubstanceUnits: boolean;
  readonly boundaryCondition: boolean;
  readonly conversionFactor?: string;
  readonly substanceUnits?: string;
}

/** One reactant or product. */
export interface SbmlSpeciesReference {
  readonly species: string;
  /** A stoichiometry id (L3) that math and rules may refer to. */
  readonly id?: string;
  readonly stoichiometry?: number;
  /** Level 2 `<stoichiometryMath>`. */
  readonly stoichiometryMath?: XmlElement;
}

/** A reaction with its kinetic law. */
export interface SbmlReaction {
  readonly id: string;
  readonly name?: string;
  readonly reactants: readonly SbmlSpeciesReference[];
  readonly products: readonly SbmlSpeciesReference[];
  readonly kineticLaw?: XmlElement;
  /** Local parameters by id. */
  readonly localParameters: ReadonlyMap<string, number>;
}

/** A unit definition: its units as (kind, exponent, scale, multiplier). */
export interface SbmlUnitDefinition {
  readonly id: string;
  readonly name?: string;
  readonly units: readonly {
    readonly kind: string;
    readonly exponent: number;
    readonly scale: number;
    readonly multiplier: number;
  }[];
}

/** Everything the importer needs from one document. */
export interface SbmlDocument {
  readonly level: number;
  readonly version: number;
  readonly modelId?: string;
  readonly modelName?: string;
  readonly notes?: string;
  readonly modelAnnotation?: XmlElement;
  readonly timeUnits?: string;
  readonly substanceUnits?: string;
  readonly volumeUnits?: string;
  readonly conversionFactor?: string;
  readonly unitDefinitions: ReadonlyMap<string, SbmlUnitDefinition>;
  readonly functions: ReadonlyMap<string, XmlElement>;
  readonly compartments: readonly SbmlVariable[];
  readonly species: readonly SbmlSpecies[];
  readonly parameters: readonly SbmlVariable[];
  readonly reactions: readonly SbmlReaction[];
  /** Assignment and rate rules by variable id (a rule without math is left out, with a note). */
  readonly assignmentRules: ReadonlyMap<string, XmlElement>;
  readonly rateRules: ReadonlyMap<string, XmlElement>;
  readonly initialAssignments: ReadonlyMap<string, XmlElement>;
  /** Supported-but-noteworthy things (ignored packages, rules without math). */
  readonly notes2: readonly string[];
  /** Unsupported constructs, one line each. */
  readonly problems: readonly string[];
}

const num = (s: string | undefined): number | undefined => {
  if (s === undefined || s.trim() === '') return undefined;
  const t = s.trim();
  if (/^[+-]?inf(inity)?$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return Number.NaN;
  return Number(t);
};
const bool = (s: string | undefined, fallback: boolean): boolean =>
  s === undefined ? fallback : s.trim() === 'true' || s.trim() === '1';

function notesOf(e: XmlElement): string | undefined {
  const n = child(e, 'notes');
  const t = n ? deepText(n) : '';
  return t === '' ? undefined : t;
}

function mathOf(e: XmlElement): XmlElement | undefined {
  return child(e, 'math');
}

/**
 * Read an SBML document.
 * @throws XmlError for malformed XML; an Error when the root is not `<sbml>` or has no model
 */
export function readSbml(xml: string): SbmlDocument {
  const root = parseXml(xml);
  if (root.name !== 'sbml') throw new Error(`not an SBML document (root element <${root.name}>)`);
  const level = Number(root.attrs.level);
  const version = Number(root.attrs.version);
  const problems: string[] = [];
  const notes2: string[] = [];
  if (!SUPPORTED_LEVELS.some(([l, v]) => l === level && v === version)) {
    problems.push(
      `SBML Level ${root.attrs.level} Version ${root.attrs.version} is not supported (supported: L2V4, L2V5, L3V1, L3V2; convert the file with libSBML first)`,
    );
  }
  for (const [attr, value] of Object.entries(root.attrs)) {
    const m = /^([A-Za-z_][\w.-]*):required$/.exec(attr);
    if (!m) continue;
    if (value.trim() === 'true') problems.push(`package "${m[1]}" (required="true") is not supported`);
    else
      notes2.push(`package "${m[1]}" ignored (required="false": it does not change the model's mathematics)`);
  }
  const model = child(root, 'model');
  if (!model) throw new Error('the SBML document has no <model>');
  const l2 = level === 2;

  for (const ev of listOf(model, 'listOfEvents', 'event')) {
    problems.push(
      `event ${JSON.stringify(ev.attrs.id ?? ev.attrs.metaid ?? '(no id)')}: events are not supported`,
    );
  }
  for (const [i, c] of listOf(model, 'listOfConstraints', 'constraint').entries()) {
    problems.push(
      `constraint ${JSON.stringify(c.attrs.id ?? c.attrs.metaid ?? `#${i + 1}`)}: constraints are not supported`,
    );
  }

  const unitDefinitions = new Map<string, SbmlUnitDefinition>();
  for (const u of listOf(model, 'listOfUnitDefinitions', 'unitDefinition')) {
    const id = u.attrs.id ?? '';
    unitDefinitions.set(id, {
      id,
      ...(u.attrs.name ? { name: u.attrs.name } : {}),
      units: listOf(u, 'listOfUnits', 'unit').map((x) => ({
        kind: x.attrs.kind ?? '',
        exponent: num(x.attrs.exponent) ?? 1,
        scale: num(x.attrs.scale) ?? 0,
        multiplier: num(x.attrs.multiplier) ?? 1,
      })),
    });
  }

  const functions = new Map<string, XmlElement>();
  for (const f of listOf(model, 'listOfFunctionDefinitions', 'functionDefinition')) {
    const m = mathOf(f);
    if (m && f.attrs.id) functions.set(f.attrs.id, m);
    else if (f.attrs.id) problems.push(`function definition ${JSON.stringify(f.attrs.id)}: no <math>`);
  }

  const base = (
    e: XmlElement,
    kind: SbmlVariable['kind'],
    value: number | undefined,
    constantDefault: boolean,
  ) => ({
    kind,
    id: e.attrs.id ?? '',
    ...(e.attrs.name ? { name: e.attrs.name } : {}),
    ...(notesOf(e) ? { notes: notesOf(e)! } : {}),
    ...(value !== undefined ? { value } : {}),
    constant: bool(e.attrs.constant, constantDefault),
    ...(e.attrs.units ? { units: e.attrs.units } : {}),
    ...(child(e, 'annotation') ? { annotation: child(e, 'annotation')! } : {}),
  });

  const compartments = listOf(model, 'listOfCompartments', 'compartment').map(
    (c) => base(c, 'compartment', num(c.attrs.size ?? c.attrs.volume), l2) as SbmlVariable,
  );
  const species = listOf(model, 'listOfSpecies', 'species').map((s): SbmlSpecies => {
    const amount = num(s.attrs.initialAmount);
    const conc = num(s.attrs.initialConcentration);
    return {
      ...base(s, 'species', amount ?? conc, false),
      kind: 'species',
      compartment: s.attrs.compartment ?? '',
      valueIsAmount: amount !== undefined || conc === undefined,
      hasOnlySubstanceUnits: bool(s.attrs.hasOnlySubstanceUnits, false),
      boundaryCondition: bool(s.attrs.boundaryCondition, false),
      ...(s.attrs.conversionFactor ? { conversionFactor: s.attrs.conversionFactor } : {}),
      ...(s.attrs.substanceUnits ? { substanceUnits: s.attrs.substanceUnits } : {}),
    };
  });
  const parameters = listOf(model, 'listOfParameters', 'parameter').map(
    (p) => base(p, 'parameter', num(p.attrs.value), l2) as SbmlVariable,
  );

  const reactions: SbmlReaction[] = [];
  for (const r of listOf(model, 'listOfReactions', 'reaction')) {
    const id = r.attrs.id ?? '';
    if (bool(r.attrs.fast, false))
      problems.push(`reaction ${JSON.stringify(id)}: fast reactions are not supported`);
    const refs = (list: string): SbmlSpeciesReference[] =>
      listOf(r, list, 'speciesReference').map((sr) => {
        const sm = child(sr, 'stoichiometryMath');
        const m = sm ? mathOf(sm) : undefined;
        const st = num(sr.attrs.stoichiometry);
        return {
          species: sr.attrs.species ?? '',
          ...(sr.attrs.id ? { id: sr.attrs.id } : {}),
          ...(st !== undefined ? { stoichiometry: st } : l2 && !m ? { stoichiometry: 1 } : {}),
          ...(m ? { stoichiometryMath: m } : {}),
        };
      });
    const kl = child(r, 'kineticLaw');
    const locals = new Map<string, number>();
    if (kl) {
      for (const lp of [
        ...listOf(kl, 'listOfLocalParameters', 'localParameter'),
        ...listOf(kl, 'listOfParameters', 'parameter'),
      ]) {
        const v = num(lp.attrs.value);
        if (v === undefined)
          problems.push(
            `local parameter ${JSON.stringify(lp.attrs.id)} of reaction ${JSON.stringify(id)} has no value`,
          );
        locals.set(lp.attrs.id ?? '', v ?? Number.NaN);
      }
    }
    const klMath = kl ? mathOf(kl) : undefined;
    reactions.push({
      id,
      ...(r.attrs.name ? { name: r.attrs.name } : {}),
      reactants: refs('listOfReactants'),
      products: refs('listOfProducts'),
      ...(klMath ? { kineticLaw: klMath } : {}),
      localParameters: locals,
    });
  }

  const assignmentRules = new Map<string, XmlElement>();
  const rateRules = new Map<string, XmlElement>();
  const rules = children(model, 'listOfRules').flatMap((l) => children(l));
  rules.forEach((rule, i) => {
    const variable = rule.attrs.variable ?? '';
    if (rule.name === 'algebraicRule') {
      problems.push(
        `algebraic rule ${JSON.stringify(rule.attrs.metaid ?? rule.attrs.id ?? `#${i + 1}`)}: algebraic rules are not supported`,
      );
      return;
    }
    const m = mathOf(rule);
    if (!m) {
      notes2.push(`${rule.name} for "${variable}" has no math and is ignored (as SBML prescribes)`);
      return;
    }
    if (rule.name === 'assignmentRule') assignmentRules.set(variable, m);
    else if (rule.name === 'rateRule') rateRules.set(variable, m);
    else problems.push(`<${rule.name}> for "${variable}" is not supported`);
  });
  const initialAssignments = new Map<string, XmlElement>();
  for (const ia of listOf(model, 'listOfInitialAssignments', 'initialAssignment')) {
    const m = mathOf(ia);
    if (m) initialAssignments.set(ia.attrs.symbol ?? '', m);
    else notes2.push(`initial assignment for "${ia.attrs.symbol}" has no math and is ignored`);
  }

  return {
    level,
    version,
    ...(model.attrs.id ? { modelId: model.attrs.id } : {}),
    ...(model.attrs.name ? { modelName: model.attrs.name } : {}),
    ...(notesOf(model) ? { notes: notesOf(model)! } : {}),
    ...(child(model, 'annotation') ? { modelAnnotation: child(model, 'annotation')! } : {}),
    ...(model.attrs.timeUnits ? { timeUnits: model.attrs.timeUnits } : {}),
    ...(model.attrs.substanceUnits ? { substanceUnits: model.attrs.substanceUnits } : {}),
    ...(model.attrs.volumeUnits ? { volumeUnits: model.attrs.volumeUnits } : {}),
    ...(model.attrs.conversionFactor ? { conversionFactor: model.attrs.conversionFactor } : {}),
    unitDefinitions,
    functions,
    compartments,
    species,
    parameters,
    reactions,
    assignmentRules,
    rateRules,
    initialAssignments,
    notes2,
    problems,
  };
}
