/**
 * Compile a validated model spec into plain functions over numeric arrays.
 *
 * Each expression is parsed and checked once (`expression.ts`), then the whole right-hand
 * side becomes either one generated JavaScript function whose only identifiers are the argument
 * arrays, the time `t`, whitelisted `Math` functions and the fixed `factorial` helper, or a set
 * of closures over the checked trees (`closures.ts`, for pages whose Content-Security-Policy
 * forbids `new Function`). The same checked trees render the LaTeX shown on screen.
 */

import { treeToClosure } from './closures.ts';
import { closure, initialAssignmentOrder, timeSwitches } from './dependencies.ts';
import {
  type CheckedExpression,
  checkExpression,
  type ExprTree,
  type SymbolSlot,
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
  /**
   * How the kernels run: `generated` (built with `new Function`), `precompiled` (the same source,
   * built ahead of time into the site; see `registerPrecompiledKernels`) or `closures`.
   */
  readonly kernelKind: 'generated' | 'precompiled' | 'closures';
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

/** How the right-hand side is turned into functions. */
export type KernelKind = 'generated' | 'closures';

/** Options of `compileModel`. */
export interface CompileOptions {
  /**
   * `generated`: one JavaScript function per kernel, built with `new Function` from whitelisted
   * pieces (fastest; needs `'unsafe-eval'` under a Content-Security-Policy). `closures`: one
   * closure per node of the checked tree, with no code built at run time (runs under
   * `script-src 'self'`). Default: `defaultKernelKind()`.
   */
  readonly kernel?: KernelKind;
}

/**
 * The kernel used when `compileModel` is not told: closures wherever a page may run the code
 * (a window or a worker, where a Content-Security-Policy can forbid `new Function`) — or the
 * same source built ahead of time, when registered (`registerPrecompiledKernels`) — and the
 * generated kernel in Node, Deno and Bun. docs/architecture.md records the measured cost.
 */
export function defaultKernelKind(): KernelKind {
  const g = globalThis as { document?: unknown; importScripts?: unknown; WorkerGlobalScope?: unknown };
  const browser =
    typeof g.document !== 'undefined' ||
    typeof g.importScripts === 'function' ||
    typeof g.WorkerGlobalScope !== 'undefined';
  return browser ? 'closures' : 'generated';
}

const compiledCache = new WeakMap<ModelSpec, Map<KernelKind, CompiledModel>>();

/** One assignment of a kernel: an intermediate local, an output slot or an initial state. */
interface Step {
  readonly to: 'v' | 'out' | 'y';
  readonly index: number;
  readonly tree: ExprTree;
  readonly where: { readonly path: string; readonly text: string };
}

/** Build a kernel from its steps, as generated source or as closures. */
type KernelBuilder = (steps: readonly Step[], label: string) => Kernel;

/**
 * The generated source of one kernel: the body of a factory `(factorial) => Kernel`. Built only
 * from whitelisted node types (see expression.ts): it contains no identifier, string or number
 * that did not pass the checks there. `factorial` is the one helper, a fixed function from
 * operations.ts.
 */
function kernelSource(slots: ReadonlyMap<string, SymbolSlot>, steps: readonly Step[], label: string): string {
  const vCount = new Map<number, number>();
  for (const s of steps) if (s.to === 'v') vCount.set(s.index, (vCount.get(s.index) ?? 0) + 1);
  const reassigned = [...vCount.values()].some((n) => n > 1);
  const lines: string[] = [];
  if (reassigned) lines.push(`  let ${[...vCount.keys()].map((i) => `v${i}`).join(', ')};`);
  for (const s of steps) {
    const js = treeToJavaScript(s.tree, slots, s.where);
    if (s.to === 'v') lines.push(`  ${reassigned ? '' : 'const '}v${s.index} = ${js};`);
    else lines.push(`  ${s.to}[${s.index}] = ${js};`);
  }
  return `"use strict";\nreturn function ${label}(y, p, u, out, t) {\n${lines.join('\n')}\n};`;
}

/** A kernel factory: the generated source's body as a function of the `factorial` helper. */
export type KernelFactory = (f: typeof factorial) => Kernel;

/** Sources collected by `kernelSources` while it compiles (undefined otherwise). */
let collecting: string[] | undefined;

function generatedKernel(slots: ReadonlyMap<string, SymbolSlot>): KernelBuilder {
  return (steps, label) => {
    const body = kernelSource(slots, steps, label);
    collecting?.push(body);
    const factory = new Function('factorial', body) as KernelFactory;
    return factory(factorial);
  };
}

/** Kernels built ahead of time, by their exact generated source. */
const PRECOMPILED = new Map<string, KernelFactory>();

/**
 * Register kernels built ahead of time from `kernelSources` (the site build does this for every
 * bundled model, `scripts/kernels.ts`), so a page whose Content-Security-Policy forbids
 * `new Function` still runs those models at the generated kernel's speed. Entries are keyed by
 * the exact source: a model whose source differs finds none and runs as closures.
 */
export function registerPrecompiledKernels(entries: Iterable<readonly [string, KernelFactory]>): void {
  for (const [source, factory] of entries) PRECOMPILED.set(source, factory);
}

/**
 * Every kernel source `spec` compiles to (right-hand side, observables, intermediates, initial
 * assignments, switch times), for building them ahead of time.
 */
export function kernelSources(spec: ModelSpec): string[] {
  collecting = [];
  try {
    // A copy, so the compile cache cannot skip the build.
    compileModel({ ...spec }, { kernel: 'generated' });
    return collecting;
  } finally {
    collecting = undefined;
  }
}

/**
 * Closures, or the kernel built ahead of time from the same source when one is registered;
 * `used.precompiled` / `used.closures` count which.
 */
function closureKernel(
  slots: ReadonlyMap<string, SymbolSlot>,
  nInter: number,
  used: { precompiled: number; closures: number },
): KernelBuilder {
  return (steps, label) => {
    if (PRECOMPILED.size > 0) {
      const factory = PRECOMPILED.get(kernelSource(slots, steps, label));
      if (factory) {
        used.precompiled++;
        return factory(factorial);
      }
    }
    used.closures++;
    // The intermediates live in a scratch vector of the kernel's own (kernels never re-enter).
    const v = new Float64Array(nInter);
    const fns = steps.map((s) => treeToClosure(s.tree, slots));
    const to = steps.map((s) => (s.to === 'v' ? 0 : s.to === 'out' ? 1 : 2));
    const at = steps.map((s) => s.index);
    const n = steps.length;
    return (y, p, u, out, t) => {
      for (let k = 0; k < n; k++) {
        const x = fns[k]!(y, p, u, v, t as number);
        const dest = to[k];
        if (dest === 0) v[at[k]!] = x;
        else if (dest === 1) out[at[k]!] = x;
        else (y as Float64Array)[at[k]!] = x;
      }
    };
  };
}

/**
 * Compile a validated spec. Results are cached per spec object.
 * @throws ExpressionError if an expression fails the whitelist (validation catches this first)
 */
export function compileModel(spec: ModelSpec, options: CompileOptions = {}): CompiledModel {
  const kind = options.kernel ?? defaultKernelKind();
  let byKind = compiledCache.get(spec);
  const cached = byKind?.get(kind);
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
  const used = { precompiled: 0, closures: 0 };
  const buildKernel =
    kind === 'closures' ? closureKernel(slots, intermediateNames.length, used) : generatedKernel(slots);

  const expressions = new Map<string, CheckedExpression>();
  const known = new Set([...stateNames, ...parameterNames, ...inputNames]);
  const step = (to: Step['to'], index: number, expr: CheckedExpression): Step => ({
    to,
    index,
    tree: expr.tree,
    where: expr,
  });
  const interSteps: Step[] = [];
  intermediateNames.forEach((name, i) => {
    const path = `intermediates.${name}.expression`;
    const expr = checkExpression(path, spec.intermediates[name]!.expression, known);
    expressions.set(path, expr);
    interSteps.push(step('v', i, expr));
    known.add(name);
  });
  const rateSteps = stateNames.map((name, i) => {
    const path = `states.${name}.rate`;
    const expr = checkExpression(path, spec.states[name]!.rate, known);
    expressions.set(path, expr);
    return step('out', i, expr);
  });
  const obsSteps = observableNames.map((name, i) => {
    const path = `observables.${name}.expression`;
    const expr = checkExpression(path, spec.observables[name]!.expression, known);
    expressions.set(path, expr);
    return step('out', i, expr);
  });
  const nStates = stateNames.length;
  const obsAfterStates = obsSteps.map((s) => ({ ...s, index: nStates + s.index }));

  const interValueSteps: Step[] = intermediateNames.map((name, i) => ({
    to: 'out',
    index: i,
    tree: { kind: 'symbol', name },
    where: { path: `intermediates.${name}`, text: name },
  }));
  const evaluateIntermediates = buildKernel([...interSteps, ...interValueSteps], 'intermediates');

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
  const initialKernel =
    iaOrder.length === 0
      ? undefined
      : buildKernel(
          iaOrder.flatMap((name) => [...interSteps, step('y', stateNames.indexOf(name), iaExpr.get(name)!)]),
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
          [
            ...interSteps,
            ...switchTrees.map(
              (tree, i): Step => ({ to: 'out', index: i, tree, where: { path: 'switches', text: '' } }),
            ),
          ],
          'switches',
        );

  const rhs = buildKernel([...interSteps, ...rateSteps], 'rhs');
  const observe = buildKernel([...interSteps, ...obsSteps], 'observe');
  const rhsWithObservables = buildKernel(
    [...interSteps, ...rateSteps, ...obsAfterStates],
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
    kernelKind:
      kind === 'generated'
        ? 'generated'
        : used.closures === 0 && used.precompiled > 0
          ? 'precompiled'
          : 'closures',
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
  if (!byKind) {
    byKind = new Map();
    compiledCache.set(spec, byKind);
  }
  byKind.set(kind, model);
  return model;
}
