/**
 * Compile a validated model spec into plain functions over numeric arrays.
 *
 * Each expression is parsed and checked once (`expression.ts`), then the whole right-hand
 * side is generated as one JavaScript function whose only identifiers are the argument arrays,
 * the time `t`, whitelisted `Math` functions and the fixed `factorial` helper. The same checked
 * trees render the LaTeX shown on screen.
 */

import { closure, initialAssignmentOrder, timeSwitches } from './dependencies.ts';
import {
  type CheckedExpression,
  checkExpression,
  type ExprTree,
  type SymbolSlot,
  toJavaScript,
  toLatex,
  treeToJavaScript,
} from './expression.ts';
import { factorial } from './operations.ts';
import type { ModelSpec } from './spec.ts';

/**
 * Vector-valued kernel: reads state `y`, parameters `p`, inputs `u` and the time `t` (minutes);
 * writes `out`. Models that do not read the time (`usesTime` false) may omit `t`.
 */
export type Kernel = (
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  u: ArrayLike<number>,
  out: Float64Array,
  t?: number,
) => void;

/** One displayed equation. */
export interface Equation {
  /** `states.A`, `intermediates.brake`, `observables.mps`. */
  readonly path: string;
  readonly symbol: string;
  /** Left-hand side in LaTeX, e.g. `\frac{dA}{dt}`. */
  readonly lhs: string;
  /** Right-hand side in LaTeX, rendered from the checked tree. */
  readonly rhs: string;
}

/** A model ready to simulate. Immutable; cheap to share between runs. */
export interface CompiledModel {
  readonly spec: ModelSpec;
  readonly stateNames: readonly string[];
  readonly parameterNames: readonly string[];
  readonly inputNames: readonly string[];
  readonly intermediateNames: readonly string[];
  readonly observableNames: readonly string[];
  /** Index into the input vector for each bout kind. */
  readonly inputIndex: Readonly<Record<'resistance' | 'endurance', number>>;
  /** dy/dt. Allocation-free. */
  readonly rhs: Kernel;
  /**
   * dy/dt followed by the observables, in one pass over the intermediates: `out` has
   * `stateNames.length + observableNames.length` slots. The simulator integrates observables
   * alongside the states (for exact areas under the curve) with this kernel.
   */
  readonly rhsWithObservables: Kernel;
  /** Observable values. Allocation-free. */
  readonly observe: Kernel;
  /** Every intermediate's value, in `intermediateNames` order. Allocation-free. */
  readonly evaluateIntermediates: Kernel;
  /** Whether any expression reads the time `t` (then every kernel needs its `t` argument). */
  readonly usesTime: boolean;
  /** The checked expression trees, keyed by path (`states.A.rate`, ...). */
  readonly expressions: ReadonlyMap<string, CheckedExpression>;
  /** Parameter values from the spec, in `parameterNames` order. */
  defaultParameters(): Float64Array;
  /**
   * Initial state in `stateNames` order: the spec's `initial` values, then its
   * `initialAssignments` evaluated in dependency order with the parameters `p` (default: the
   * spec's values), the inputs at rest and the time `t0`.
   */
  initialState(p?: ArrayLike<number>, t0?: number): Float64Array;
  /**
   * Times (minutes) where an expression switches because it compares the time `t` with a
   * constant (`piecewise(1, t >= 60, 0)`): a solver must stop there, never step across. Sorted,
   * de-duplicated; computed with the parameters `p`.
   */
  discontinuities(p: ArrayLike<number>): number[];
  /**
   * Parameter vector with overrides applied.
   * @throws Error naming the parameter when a name is unknown or a value is not finite
   */
  parameterVector(overrides?: Readonly<Record<string, number>>): Float64Array;
  /**
   * The model's equations in LaTeX.
   * @param values parameter values to print in place of parameter symbols (omit for symbols)
   */
  equations(values?: Readonly<Record<string, number>>): Equation[];
}

const compiledCache = new WeakMap<ModelSpec, CompiledModel>();

function buildKernel(lines: readonly string[], label: string): Kernel {
  const body = `"use strict";\nreturn function ${label}(y, p, u, out, t) {\n${lines.join('\n')}\n};`;
  // The source is generated only from whitelisted node types (see expression.ts): it contains
  // no identifier, string or number that did not pass the checks there. `factorial` is the one
  // helper, a fixed function from operations.ts.
  const factory = new Function('factorial', body) as (f: typeof factorial) => Kernel;
  return factory(factorial);
}

/**
 * Compile a validated spec. Results are cached per spec object.
 * @throws ExpressionError if an expression fails the whitelist (validation catches this first)
 */
export function compileModel(spec: ModelSpec): CompiledModel {
  const cached = compiledCache.get(spec);
  if (cached) return cached;

  const stateNames = Object.keys(spec.states);
  const parameterNames = Object.keys(spec.parameters);
  const inputNames = Object.keys(spec.inputs);
  const intermediateNames = Object.keys(spec.intermediates);
  const observableNames = Object.keys(spec.observables);

  const slots = new Map<string, SymbolSlot>();
  const assign = (names: readonly string[], array: SymbolSlot['array']) => {
    names.forEach((n, index) => {
      slots.set(n, { array, index });
    });
  };
  assign(stateNames, 'y');
  assign(parameterNames, 'p');
  assign(inputNames, 'u');
  assign(intermediateNames, 'v');

  const expressions = new Map<string, CheckedExpression>();
  const known = new Set([...stateNames, ...parameterNames, ...inputNames]);
  const interLines: string[] = [];
  intermediateNames.forEach((name, i) => {
    const path = `intermediates.${name}.expression`;
    const expr = checkExpression(path, spec.intermediates[name]!.expression, known);
    expressions.set(path, expr);
    interLines.push(`  const v${i} = ${toJavaScript(expr, slots)};`);
    known.add(name);
  });
  const rateLines = stateNames.map((name, i) => {
    const path = `states.${name}.rate`;
    const expr = checkExpression(path, spec.states[name]!.rate, known);
    expressions.set(path, expr);
    return `  out[${i}] = ${toJavaScript(expr, slots)};`;
  });
  const obsLines = observableNames.map((name, i) => {
    const path = `observables.${name}.expression`;
    const expr = checkExpression(path, spec.observables[name]!.expression, known);
    expressions.set(path, expr);
    return `  out[${i}] = ${toJavaScript(expr, slots)};`;
  });
  const nStates = stateNames.length;
  const obsAfterStates = obsLines.map((line, i) => line.replace(`out[${i}] =`, `out[${nStates + i}] =`));

  const interValueLines = intermediateNames.map((_, i) => `  out[${i}] = v${i};`);
  const evaluateIntermediates = buildKernel([...interLines, ...interValueLines], 'intermediates');

  // Initial assignments: each target after the states its expression reads.
  const initialAssignments = spec.initialAssignments ?? {};
  const interSymbols = new Map(
    intermediateNames.map((n) => [n, expressions.get(`intermediates.${n}.expression`)!.symbols] as const),
  );
  const iaExpr = new Map<string, CheckedExpression>();
  for (const [name, text] of Object.entries(initialAssignments)) {
    const path = `initialAssignments.${name}`;
    const expr = checkExpression(path, text, known);
    expressions.set(path, expr);
    iaExpr.set(name, expr);
  }
  const iaOrder = initialAssignmentOrder([...iaExpr.keys()], (name) =>
    closure(iaExpr.get(name)!.symbols, interSymbols),
  );
  const letLines = interLines.map((l) => l.replace('  const ', '    '));
  const initialKernel =
    iaOrder.length === 0
      ? undefined
      : buildKernel(
          [
            intermediateNames.length > 0
              ? `  let ${intermediateNames.map((_, i) => `v${i}`).join(', ')};`
              : '',
            ...iaOrder.flatMap((name) => [
              '  {',
              ...letLines,
              `    y[${stateNames.indexOf(name)}] = ${toJavaScript(iaExpr.get(name)!, slots)};`,
              '  }',
            ]),
          ],
          'initialAssignments',
        );

  let usesTime = false;
  for (const e of expressions.values()) usesTime ||= e.usesTime;

  // Switch times: comparisons of t with expressions of parameters and numbers only.
  const constantInter = new Set<string>();
  for (const name of intermediateNames) {
    const syms = expressions.get(`intermediates.${name}.expression`)!;
    if (!syms.usesTime && syms.symbols.every((x) => parameterNames.includes(x) || constantInter.has(x)))
      constantInter.add(name);
  }
  const isConstant = (tree: ExprTree): boolean => {
    switch (tree.kind) {
      case 'number':
      case 'constant':
        return true;
      case 'time':
        return false;
      case 'symbol':
        return parameterNames.includes(tree.name) || constantInter.has(tree.name);
      case 'call':
        return tree.args.every(isConstant);
    }
  };
  const switchTrees: ExprTree[] = [];
  for (const e of expressions.values()) if (e.usesTime) switchTrees.push(...timeSwitches(e.tree, isConstant));
  const switchKernel =
    switchTrees.length === 0
      ? undefined
      : buildKernel(
          [...interLines, ...switchTrees.map((tr, i) => `  out[${i}] = ${treeToJavaScript(tr, slots)};`)],
          'switches',
        );

  const rhs = buildKernel([...interLines, ...rateLines], 'rhs');
  const observe = buildKernel([...interLines, ...obsLines], 'observe');
  const rhsWithObservables = buildKernel(
    [...interLines, ...rateLines, ...obsAfterStates],
    'rhsWithObservables',
  );

  const kindIndex = (kind: 'resistance' | 'endurance') =>
    inputNames.findIndex((name) => spec.inputs[name]!.kind === kind);

  const latexNames = new Map<string, string>();
  const addNames = (rec: Record<string, { latex?: string | undefined }>) => {
    for (const [name, item] of Object.entries(rec)) if (item.latex) latexNames.set(name, item.latex);
  };
  addNames(spec.states);
  addNames(spec.parameters);
  addNames(spec.inputs);
  addNames(spec.intermediates);
  const texName = (name: string) => latexNames.get(name) ?? (name.length === 1 ? name : `\\mathrm{${name}}`);

  const model: CompiledModel = {
    spec,
    stateNames,
    parameterNames,
    inputNames,
    intermediateNames,
    observableNames,
    inputIndex: { resistance: kindIndex('resistance'), endurance: kindIndex('endurance') },
    rhs,
    rhsWithObservables,
    observe,
    expressions,
    evaluateIntermediates,
    usesTime,
    defaultParameters: () => Float64Array.from(parameterNames, (n) => spec.parameters[n]!.value),
    initialState(p, t0 = 0) {
      const y = Float64Array.from(stateNames, (n) => spec.states[n]!.initial);
      if (initialKernel) {
        const pv = p ?? Float64Array.from(parameterNames, (n) => spec.parameters[n]!.value);
        initialKernel(y, pv, new Float64Array(inputNames.length), new Float64Array(0), t0);
      }
      return y;
    },
    discontinuities(p) {
      if (!switchKernel) return [];
      const out = new Float64Array(switchTrees.length);
      switchKernel(new Float64Array(stateNames.length), p, new Float64Array(inputNames.length), out, 0);
      return [...new Set(Array.from(out).filter(Number.isFinite))].sort((a, b) => a - b);
    },
    parameterVector(overrides = {}) {
      const p = Float64Array.from(parameterNames, (n) => spec.parameters[n]!.value);
      for (const [name, value] of Object.entries(overrides)) {
        const i = parameterNames.indexOf(name);
        if (i < 0) throw new Error(`unknown parameter: ${name} (model "${spec.id}")`);
        if (!Number.isFinite(value)) throw new Error(`invalid value for parameter ${name}: ${value}`);
        p[i] = value;
      }
      return p;
    },
    equations(values) {
      const valueMap = values ? new Map(Object.entries(values)) : undefined;
      const opts = { names: latexNames, ...(valueMap ? { values: valueMap } : {}) };
      const list: Equation[] = [];
      for (const name of intermediateNames) {
        const e = expressions.get(`intermediates.${name}.expression`)!;
        list.push({ path: `intermediates.${name}`, symbol: name, lhs: texName(name), rhs: toLatex(e, opts) });
      }
      for (const name of stateNames) {
        const e = expressions.get(`states.${name}.rate`)!;
        const s = texName(name);
        list.push({ path: `states.${name}`, symbol: name, lhs: `\\frac{d${s}}{dt}`, rhs: toLatex(e, opts) });
      }
      for (const name of observableNames) {
        const e = expressions.get(`observables.${name}.expression`)!;
        // An observable that only publishes a parameter or intermediate of its own name is not an equation.
        if (e.text.trim() === name) continue;
        list.push({
          path: `observables.${name}`,
          symbol: name,
          lhs: `\\mathrm{${name}}`,
          rhs: toLatex(e, opts),
        });
      }
      return list;
    },
  };
  Object.freeze(model);
  compiledCache.set(spec, model);
  return model;
}
