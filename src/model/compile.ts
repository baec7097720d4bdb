/**
 * Compile a validated model spec into plain functions over numeric arrays.
 *
 * Each expression is parsed and checked once (`expression.ts`), then the whole right-hand
 * side is generated as one JavaScript function whose only identifiers are the argument arrays
 * and whitelisted `Math` functions. The same checked trees render the LaTeX shown on screen.
 */
import {
  type CheckedExpression,
  checkExpression,
  type SymbolSlot,
  toJavaScript,
  toLatex,
} from './expression.ts';
import type { ModelSpec } from './spec.ts';

/** Vector-valued kernel: reads state `y`, parameters `p`, inputs `u`; writes `out`. */
export type Kernel = (
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  u: ArrayLike<number>,
  out: Float64Array,
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
  /** The checked expression trees, keyed by path (`states.A.rate`, ...). */
  readonly expressions: ReadonlyMap<string, CheckedExpression>;
  /** Parameter values from the spec, in `parameterNames` order. */
  defaultParameters(): Float64Array;
  /** Initial state from the spec, in `stateNames` order. */
  initialState(): Float64Array;
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

function buildKernel(lines: string[], label: string): Kernel {
  const body = `"use strict";\nreturn function ${label}(y, p, u, out) {\n${lines.join('\n')}\n};`;
  // The source is generated only from whitelisted node types (see expression.ts): it contains
  // no identifier, string or number that did not pass the checks there.
  const factory = new Function(body) as () => Kernel;
  return factory();
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
    defaultParameters: () => Float64Array.from(parameterNames, (n) => spec.parameters[n]!.value),
    initialState: () => Float64Array.from(stateNames, (n) => spec.states[n]!.initial),
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
