/**
 * SBML semantics → an ODE system: which quantity becomes a state, an intermediate or a
 * parameter, and each one's expression tree, in minutes.
 *
 * - Rate rules and species changed by reactions become states. A species' state holds its
 *   value as SBML math reads it (a concentration when `hasOnlySubstanceUnits` is false, else an
 *   amount), so d[S]/dt = Σ ν·rate / V; in a compartment whose size changes in time the state
 *   holds the amount instead and the concentration is an intermediate.
 * - Assignment rules and reaction rates become intermediates (a reaction's id reads its rate).
 * - Everything else is constant in time: a parameter when it is a plain number, an intermediate
 *   when it is an expression of constants, and a state with zero rate (its initial value given
 *   by an initial assignment) when it depends on the initial value of something that varies.
 * - Rates are converted to per minute: SBML time t_sbml = k·t with k SBML time units per minute.
 * - Function definitions are expanded in place; local parameters become parameters named
 *   `<reaction>_<id>`.
 */
import type { ExprTree } from '../model/expression.ts';
import { AVOGADRO, type MathContext, readLambda, readMath, UnsupportedMath } from './mathml.ts';
import type { SymbolTable } from './names.ts';
import type { SbmlDocument, SbmlSpecies, SbmlVariable } from './read.ts';
import type { XmlElement } from './xml.ts';

/** A quantity of the converted model. */
export type Quantity =
  | {
      readonly role: 'state';
      readonly symbol: string;
      readonly rate: ExprTree;
      readonly initial: ExprTree;
      readonly source: SbmlVariable;
    }
  | {
      readonly role: 'intermediate';
      readonly symbol: string;
      readonly value: ExprTree;
      readonly source?: SbmlVariable;
      readonly reaction?: string;
    }
  | {
      readonly role: 'parameter';
      readonly symbol: string;
      readonly value: number;
      readonly source?: SbmlVariable;
      readonly local?: { reaction: string; id: string };
    };

/** The converted system, before it becomes a model file. */
export interface Classified {
  /** In SBML document order: compartments, species, parameters, reactions, locals. */
  readonly quantities: readonly Quantity[];
  /** Species by symbol of their value: compartment symbol, amount or concentration. */
  readonly species: Readonly<Record<string, { compartment: string; hasOnlySubstanceUnits: boolean }>>;
  /** Symbols whose value is a species' concentration computed from an amount state. */
  readonly concentrationOfAmount: ReadonlySet<string>;
  readonly problems: readonly string[];
}

const num = (value: number): ExprTree => ({ kind: 'number', value });
const sym = (name: string): ExprTree => ({ kind: 'symbol', name });
const mul = (a: ExprTree, b: ExprTree): ExprTree => ({ kind: 'call', op: 'multiply', args: [a, b] });
const div = (a: ExprTree, b: ExprTree): ExprTree => ({ kind: 'call', op: 'divide', args: [a, b] });
const add = (a: ExprTree, b: ExprTree): ExprTree => ({ kind: 'call', op: 'add', args: [a, b] });
const neg = (a: ExprTree): ExprTree =>
  a.kind === 'number' ? num(-a.value) : { kind: 'call', op: 'neg', args: [a] };

/** Convert a rate per SBML time unit to per minute (k SBML time units per minute). */
export function perMinute(tree: ExprTree, k: number): ExprTree {
  if (k === 1) return tree;
  if (Number.isInteger(k)) return mul(num(k), tree);
  if (Number.isInteger(1 / k)) return div(tree, num(1 / k));
  return mul(num(k), tree);
}

/** Symbols a tree reads. */
export function treeSymbols(tree: ExprTree, out = new Set<string>()): Set<string> {
  if (tree.kind === 'symbol') out.add(tree.name);
  else if (tree.kind === 'call') for (const a of tree.args) treeSymbols(a, out);
  return out;
}

function usesTime(tree: ExprTree): boolean {
  return tree.kind === 'time' || (tree.kind === 'call' && tree.args.some(usesTime));
}

/**
 * Classify every SBML quantity and build its expression tree.
 * @param k SBML time units per minute
 */
export function classify(doc: SbmlDocument, names: SymbolTable, k: number): Classified {
  const problems: string[] = [];
  const time: ExprTree = k === 1 ? { kind: 'time' } : mul(num(k), { kind: 'time' });
  const functions = new Map<string, { args: string[]; body: XmlElement }>();
  for (const [id, m] of doc.functions) {
    try {
      functions.set(id, readLambda(m));
    } catch (err) {
      problems.push(`function definition ${JSON.stringify(id)}: ${(err as Error).message} is not supported`);
    }
  }
  const avogadro = AVOGADRO;

  const variables = new Map<string, SbmlVariable>();
  for (const v of [...doc.compartments, ...doc.species, ...doc.parameters]) variables.set(v.id, v);
  const stoichIds = new Map<string, number | undefined>();
  for (const r of doc.reactions) {
    for (const sr of [...r.reactants, ...r.products]) if (sr.id) stoichIds.set(sr.id, sr.stoichiometry);
  }
  const reactionIds = new Set(doc.reactions.map((r) => r.id));
  const missing = new Set<string>();

  const context = (locals?: ReadonlyMap<string, string>): MathContext => ({
    resolve: (id) => {
      const local = locals?.get(id);
      if (local) return sym(local);
      if (missing.has(id))
        throw new UnsupportedMath(`"${id}", which has no value, initial assignment or rule,`);
      if (variables.has(id) || stoichIds.has(id) || reactionIds.has(id)) return sym(names.symbol(id));
      throw new UnsupportedMath(`the undefined name "${id}"`);
    },
    time,
    avogadro,
    functions,
  });
  const read = (
    owner: string,
    math: XmlElement,
    locals?: ReadonlyMap<string, string>,
  ): ExprTree | undefined => {
    try {
      return readMath(math, context(locals));
    } catch (err) {
      if (err instanceof UnsupportedMath) {
        problems.push(`${owner}: ${err.message} is not supported`);
        return undefined;
      }
      throw err;
    }
  };

  // Species changed by reactions: contributions Σ ±ν · rate, in amount per SBML time unit.
  const flux = new Map<string, ExprTree>();
  for (const r of doc.reactions) {
    const rate = sym(names.symbol(r.id));
    const contribute = (sr: (typeof r.reactants)[number], sign: 1 | -1) => {
      const sp = doc.species.find((s) => s.id === sr.species);
      if (!sp || sp.boundaryCondition || sp.constant) return;
      let nu: ExprTree | undefined;
      if (sr.stoichiometryMath)
        nu = read(`stoichiometry of "${sr.species}" in reaction "${r.id}"`, sr.stoichiometryMath);
      else if (sr.id) nu = sym(names.symbol(sr.id));
      else if (sr.stoichiometry !== undefined) nu = num(sr.stoichiometry);
      else problems.push(`reaction "${r.id}": the stoichiometry of "${sr.species}" is undefined`);
      if (!nu) return;
      const term = nu.kind === 'number' && nu.value === 1 ? rate : mul(nu, rate);
      const signed = sign === 1 ? term : neg(term);
      const prev = flux.get(sp.id);
      flux.set(
        sp.id,
        prev ? (sign === 1 ? add(prev, term) : { kind: 'call', op: 'subtract', args: [prev, term] }) : signed,
      );
    };
    for (const sr of r.reactants) contribute(sr, -1);
    for (const sr of r.products) contribute(sr, 1);
  }

  const varies = (id: string) => doc.rateRules.has(id) || doc.assignmentRules.has(id) || flux.has(id);

  // Each species' value tree from its declared amount or concentration (natural units).
  const declared = (v: SbmlVariable): ExprTree | undefined => {
    const ia = doc.initialAssignments.get(v.id);
    if (ia) return read(`initial assignment for "${v.id}"`, ia);
    if (v.value === undefined) {
      if (v.kind === 'speciesReference') return undefined;
      return undefined;
    }
    const value: ExprTree = Number.isFinite(v.value)
      ? num(v.value)
      : Number.isNaN(v.value)
        ? { kind: 'constant', name: 'NaN' }
        : v.value > 0
          ? { kind: 'constant', name: 'Infinity' }
          : neg({ kind: 'constant', name: 'Infinity' });
    if (v.kind !== 'species') return value;
    const s = v as SbmlSpecies;
    const c = sym(names.symbol(s.compartment));
    if (s.valueIsAmount && !s.hasOnlySubstanceUnits) return div(value, c);
    if (!s.valueIsAmount && s.hasOnlySubstanceUnits) return mul(value, c);
    return value;
  };

  for (const v of variables.values()) {
    if (!varies(v.id) && !doc.initialAssignments.has(v.id) && v.value === undefined) missing.add(v.id);
  }
  for (const [id, st] of stoichIds) {
    if (!varies(id) && !doc.initialAssignments.has(id) && st === undefined) missing.add(id);
  }

  const quantities: Quantity[] = [];
  const speciesInfo: Record<string, { compartment: string; hasOnlySubstanceUnits: boolean }> = {};
  const concentrationOfAmount = new Set<string>();
  const constants = new Map<string, { tree: ExprTree; source?: SbmlVariable }>();

  const emitVariable = (v: SbmlVariable) => {
    const s = names.symbol(v.id);
    const rr = doc.rateRules.get(v.id);
    const ar = doc.assignmentRules.get(v.id);
    if (ar) {
      const value = read(`assignment rule for "${v.id}"`, ar);
      if (value) quantities.push({ role: 'intermediate', symbol: s, value, source: v });
      return;
    }
    const initial = declared(v) ?? num(0);
    if (rr) {
      const rate = read(`rate rule for "${v.id}"`, rr);
      if (rate) quantities.push({ role: 'state', symbol: s, rate: perMinute(rate, k), initial, source: v });
      return;
    }
    const f = flux.get(v.id);
    if (f && v.kind === 'species') {
      const sp = v as SbmlSpecies;
      const cf = sp.conversionFactor ?? doc.conversionFactor;
      const total = cf ? mul(sym(names.symbol(cf)), f) : f;
      const c = names.symbol(sp.compartment);
      const compartmentVaries = varies(sp.compartment);
      if (compartmentVaries && !sp.hasOnlySubstanceUnits) {
        // Amount as the state; the concentration (what math reads) as an intermediate.
        const amount = names.fresh(`${s}_amount`);
        quantities.push({
          role: 'state',
          symbol: amount,
          rate: perMinute(total, k),
          initial: mul(initial, sym(c)),
          source: v,
        });
        quantities.push({ role: 'intermediate', symbol: s, value: div(sym(amount), sym(c)), source: v });
        concentrationOfAmount.add(s);
      } else {
        const rate = sp.hasOnlySubstanceUnits ? total : div(total, sym(c));
        quantities.push({ role: 'state', symbol: s, rate: perMinute(rate, k), initial, source: v });
      }
      return;
    }
    if (missing.has(v.id)) return;
    constants.set(s, { tree: initial, source: v });
  };

  for (const v of [...doc.compartments, ...doc.species, ...doc.parameters]) {
    emitVariable(v);
    if (v.kind === 'species') {
      const sp = v as SbmlSpecies;
      speciesInfo[names.symbol(v.id)] = {
        compartment: names.symbol(sp.compartment),
        hasOnlySubstanceUnits: sp.hasOnlySubstanceUnits,
      };
    }
  }
  for (const [id, st] of stoichIds) {
    emitVariable({
      kind: 'speciesReference',
      id,
      ...(st !== undefined ? { value: st } : {}),
      constant: !varies(id),
    });
  }

  for (const r of doc.reactions) {
    const locals = new Map<string, string>();
    const rs = names.symbol(r.id);
    for (const [id, value] of r.localParameters) {
      const local = names.fresh(`${rs}_${id}`);
      locals.set(id, local);
      quantities.push({ role: 'parameter', symbol: local, value, local: { reaction: r.id, id } });
    }
    if (!r.kineticLaw) {
      problems.push(`reaction "${r.id}": no kinetic law, so its rate is undefined`);
      continue;
    }
    const value = read(`kinetic law of reaction "${r.id}"`, r.kineticLaw, locals);
    if (value) quantities.push({ role: 'intermediate', symbol: rs, value, reaction: r.id });
  }

  // Constants: parameters, constant expressions (intermediates) or frozen initial values (states).
  const roleOf = new Map(quantities.map((q) => [q.symbol, q.role] as const));
  const kindOf = new Map<string, 'number' | 'expression' | 'frozen'>();
  const decide = (s: string, trail: Set<string>): 'number' | 'expression' | 'frozen' => {
    const known = kindOf.get(s);
    if (known) return known;
    const c = constants.get(s)!;
    let kind: 'number' | 'expression' | 'frozen';
    if (c.tree.kind === 'number') kind = 'number';
    else if (usesTime(c.tree)) kind = 'frozen';
    else {
      kind = 'expression';
      for (const dep of treeSymbols(c.tree)) {
        if (constants.has(dep)) {
          if (trail.has(dep)) {
            problems.push(`initial assignments of "${s}" and "${dep}" depend on each other`);
            continue;
          }
          if (decide(dep, new Set([...trail, dep])) === 'frozen') kind = 'frozen';
        } else if (roleOf.get(dep) !== 'parameter') kind = 'frozen';
      }
    }
    kindOf.set(s, kind);
    return kind;
  };
  for (const [s, c] of constants) {
    const kind = decide(s, new Set([s]));
    const source = c.source;
    if (kind === 'number' && c.tree.kind === 'number') {
      quantities.push({ role: 'parameter', symbol: s, value: c.tree.value, ...(source ? { source } : {}) });
    } else if (kind === 'expression') {
      quantities.push({ role: 'intermediate', symbol: s, value: c.tree, ...(source ? { source } : {}) });
    } else {
      quantities.push({ role: 'state', symbol: s, rate: num(0), initial: c.tree, source: source! });
    }
  }

  return { quantities, species: speciesInfo, concentrationOfAmount, problems };
}
