/**
 * Model expressions: parsed once with a private, restricted mathjs instance, checked against a
 * whitelist into a small expression tree (`ExprTree`), then turned into JavaScript source built
 * only from whitelisted pieces.
 *
 * This is the only module that imports mathjs. Nothing a model file contains is ever run as
 * code: symbols become array slots (`y[0]`, `p[3]`), numbers are re-printed from parsed values,
 * operators and functions come from the fixed tables in `operations.ts`. Anything else
 * (strings, assignments, function definitions, property access, unknown functions or symbols)
 * is rejected with an error naming the expression and the offending piece.
 *
 * The checked tree is plain data: the SBML exporter turns it into MathML, the importer builds
 * one from MathML and prints it back as text with `printExpression`.
 */
import { create, type MathNode, parseDependencies } from 'mathjs/number';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_NODES } from './limits.ts';
import {
  ALLOWED_FUNCTIONS,
  BUILTIN_CONSTANTS,
  type BuiltinConstant,
  FUNCTION_OPS,
  OPERATIONS,
  OPERATOR_OPS,
  type Operation,
} from './operations.ts';

export { ALLOWED_FUNCTIONS, type Operation } from './operations.ts';

// A private instance that can only parse, from mathjs's number-only build (no BigNumber, Complex
// or Fraction: model expressions are plain floating-point arithmetic; this also keeps the bundle
// ~50 KB gzip smaller). It is never exported, so no caller can reach
// `import`, `createUnit` or `evaluate`: the instance does not even contain `evaluate`.
const math = create({ parseDependencies: parseDependencies! });

/** The symbol that reads the model time (minutes). Reserved: no model may define it. */
export const TIME_SYMBOL = 't';

/**
 * A checked expression as plain data. Operators and functions share one node kind (`call`)
 * with a canonical operation name from `operations.ts`.
 */
export type ExprTree =
  | { readonly kind: 'number'; readonly value: number }
  /** A model symbol (state, parameter, input, intermediate). */
  | { readonly kind: 'symbol'; readonly name: string }
  /** `pi`, `e`, `Infinity`, `NaN`, `true` (1), `false` (0). */
  | { readonly kind: 'constant'; readonly name: BuiltinConstant }
  /** The model time `t`, minutes. */
  | { readonly kind: 'time' }
  | { readonly kind: 'call'; readonly op: Operation; readonly args: readonly ExprTree[] };

/** Raised when an expression is malformed or uses something outside the whitelist. */
export class ExpressionError extends Error {
  /** Where the expression lives in the model file, e.g. `states.A.rate`. */
  readonly path: string;
  /** The expression text. */
  readonly expression: string;
  constructor(path: string, expression: string, problem: string) {
    super(`${path}: ${problem} in "${expression}"`);
    this.name = 'ExpressionError';
    this.path = path;
    this.expression = expression;
  }
}

/** Which array slot a symbol reads. */
export interface SymbolSlot {
  /** `y` state vector, `p` parameters, `u` inputs, `v` intermediates. */
  readonly array: 'y' | 'p' | 'u' | 'v';
  readonly index: number;
}

/** A parsed and checked expression: keep it to render LaTeX or generate code. */
export interface CheckedExpression {
  readonly path: string;
  readonly text: string;
  /** Model symbols the expression reads, in first-use order (not `t` or built-in constants). */
  readonly symbols: readonly string[];
  /** Whether the expression reads the time `t`. */
  readonly usesTime: boolean;
  /** The checked tree. */
  readonly tree: ExprTree;
  /** The checked mathjs tree (treat as read-only), for LaTeX. */
  readonly node: MathNode;
  /** Nodes in the checked tree: the cost of one evaluation, in the units of the work budget. */
  readonly nodeCount: number;
}

function describeNode(node: MathNode): string {
  switch (node.type) {
    case 'AssignmentNode':
      return 'an assignment';
    case 'FunctionAssignmentNode':
      return 'a function definition';
    case 'AccessorNode':
      return `property or index access ("${node.toString()}")`;
    case 'ArrayNode':
      return 'an array';
    case 'ObjectNode':
      return 'an object';
    case 'BlockNode':
      return 'several statements';
    case 'ConditionalNode':
      return 'a conditional (a ? b : c); write piecewise(a, condition, b) instead';
    case 'RelationalNode':
      return 'a chained comparison (a < b < c); write (a < b) and (b < c)';
    case 'RangeNode':
      return 'a range';
    case 'IndexNode':
      return 'an index';
    default:
      return `a ${node.type}`;
  }
}

// A numeric literal in the text; mathjs turns one that overflows into Infinity silently.
const NUMBER_LITERAL = /(?<![A-Za-z_0-9.])(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/g;

/**
 * Parse `text` and check every node against the whitelist.
 * @param path where the expression lives, for messages (`states.A.rate`)
 * @param text the expression in mathjs syntax
 * @param known the model symbols the expression may read (`t`, `pi`, `e`, `Infinity`, `NaN`,
 *   `true` and `false` are built in)
 * @throws ExpressionError naming the path, the expression and the offending piece
 */
export function checkExpression(path: string, text: string, known: ReadonlySet<string>): CheckedExpression {
  for (const m of text.matchAll(NUMBER_LITERAL)) {
    if (!Number.isFinite(Number(m[0]))) {
      throw new ExpressionError(
        path,
        text,
        `only finite numbers are allowed, not Infinity (${m[0]} overflows)`,
      );
    }
  }
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      path,
      abbreviate(text),
      `too long: ${text.length} characters (at most ${MAX_EXPRESSION_LENGTH})`,
    );
  }
  const nesting = parenthesisDepth(text);
  if (nesting > MAX_EXPRESSION_DEPTH) {
    throw new ExpressionError(
      path,
      abbreviate(text),
      `nested deeper than ${MAX_EXPRESSION_DEPTH} levels (${nesting} parentheses deep)`,
    );
  }
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (err) {
    // The parser recurses per nesting level (`----x`, `2^2^…`): a stack overflow is a bound.
    if (err instanceof RangeError) {
      throw new ExpressionError(path, abbreviate(text), `nested deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new ExpressionError(path, abbreviate(text), `syntax error (${message})`);
  }
  const symbols: string[] = [];
  let usesTime = false;
  const fail = (problem: string): never => {
    throw new ExpressionError(path, abbreviate(text), problem);
  };
  let nodeCount = 0;
  let depth = 0;
  const call = (op: Operation, args: readonly ExprTree[]): ExprTree => {
    const spec = OPERATIONS[op];
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      const range = spec.maxArgs === spec.minArgs ? `${spec.minArgs}` : `${spec.minArgs}–${spec.maxArgs}`;
      fail(`function "${spec.text}" takes ${range} arguments`);
    }
    return { kind: 'call', op, args };
  };
  const visit = (n: MathNode): ExprTree => {
    if (++nodeCount > MAX_EXPRESSION_NODES) fail(`too many terms: more than ${MAX_EXPRESSION_NODES} nodes`);
    if (++depth > MAX_EXPRESSION_DEPTH) fail(`nested deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    try {
      return visitNode(n);
    } finally {
      depth--;
    }
  };
  const visitNode = (n: MathNode): ExprTree => {
    switch (n.type) {
      case 'ConstantNode': {
        const value = (n as unknown as { value: unknown }).value;
        if (typeof value === 'boolean') return { kind: 'constant', name: value ? 'true' : 'false' };
        if (typeof value !== 'number') {
          return fail(`only finite numbers are allowed, not ${JSON.stringify(value)}`);
        }
        if (Number.isNaN(value)) return { kind: 'constant', name: 'NaN' };
        if (!Number.isFinite(value)) return { kind: 'constant', name: 'Infinity' };
        return { kind: 'number', value };
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        if (known.has(name)) {
          if (!symbols.includes(name)) symbols.push(name);
          return { kind: 'symbol', name };
        }
        if (name === TIME_SYMBOL) {
          usesTime = true;
          return { kind: 'time' };
        }
        if ((BUILTIN_CONSTANTS as readonly string[]).includes(name)) {
          return { kind: 'constant', name: name as BuiltinConstant };
        }
        return fail(`unknown symbol "${name}"`);
      }
      case 'ParenthesisNode':
        nodeCount--;
        return visitNode((n as unknown as { content: MathNode }).content);
      case 'OperatorNode': {
        const o = n as unknown as { fn: string; op: string; args: MathNode[] };
        if (o.fn === 'unaryPlus' && o.args.length === 1) return visit(o.args[0]!);
        // `-2` is a negative number, not an operation, so printed trees parse back identically.
        if (o.fn === 'unaryMinus' && o.args.length === 1 && o.args[0]!.type === 'ConstantNode') {
          const inner = visit(o.args[0]!);
          if (inner.kind === 'number') return { kind: 'number', value: -inner.value };
        }
        const op = OPERATOR_OPS.get(`${o.fn}/${o.args.length}`);
        if (!op) return fail(`operator "${o.op}" is not allowed`);
        return call(op, o.args.map(visit));
      }
      case 'FunctionNode': {
        const fnNode = n as unknown as { fn: MathNode; args: MathNode[] };
        const name = fnNode.fn.type === 'SymbolNode' ? (fnNode.fn as unknown as { name: string }).name : '';
        const op = Object.hasOwn(FUNCTION_OPS, name) ? FUNCTION_OPS[name] : undefined;
        if (!op) {
          // Name the callee as written (`process.exit`), not its node type.
          return fail(
            `function "${name || fnNode.fn.toString()}" is not allowed (allowed: ${ALLOWED_FUNCTIONS.join(', ')})`,
          );
        }
        return call(op, fnNode.args.map(visit));
      }
      default:
        return fail(`${describeNode(n)} is not allowed`);
    }
  };
  const tree = visit(node);
  return Object.freeze({
    path,
    text,
    symbols: Object.freeze(symbols),
    usesTime,
    tree,
    node,
    nodeCount: treeSize(tree),
  });
}

/** Nodes in a checked tree (iterative: no recursion however the tree is shaped). */
export function treeSize(tree: ExprTree): number {
  let count = 0;
  const stack: ExprTree[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    count++;
    if (n.kind === 'call') stack.push(...n.args);
  }
  return count;
}

/** The deepest parenthesis nesting of a text (checked before parsing, which recurses per level). */
function parenthesisDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** A long text shortened for a message: its first 80 characters and its length. */
export function abbreviate(text: string, keep = 80): string {
  return text.length <= keep ? text : `${text.slice(0, keep)}… (${text.length} characters)`;
}

/** Print a finite number as a JS literal that round-trips exactly. */
function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`invalid constant: ${value}`);
  const s = String(value);
  // String() of a finite number is always a valid JS numeric literal (digits, '.', 'e', '+', '-').
  if (!/^-?[0-9.]+(e[+-]?[0-9]+)?$/.test(s)) throw new Error(`invalid constant: ${s}`);
  return value < 0 ? `(${s})` : s;
}

const CONSTANT_JS: Readonly<Record<BuiltinConstant, string>> = {
  pi: 'Math.PI',
  e: 'Math.E',
  Infinity: '(1 / 0)',
  NaN: '(0 / 0)',
  true: '1',
  false: '0',
};

/** JavaScript for a checked tree. Symbols are mapped through `slots` to array reads. */
export function treeToJavaScript(
  tree: ExprTree,
  slots: ReadonlyMap<string, SymbolSlot>,
  where: { path: string; text: string } = { path: '', text: '' },
): string {
  const gen = (n: ExprTree): string => {
    switch (n.kind) {
      case 'number':
        return numberLiteral(n.value);
      case 'constant':
        return CONSTANT_JS[n.name];
      case 'time':
        return TIME_SYMBOL;
      case 'symbol': {
        const slot = slots.get(n.name);
        if (!slot) throw new ExpressionError(where.path, where.text, 'internal: symbol without a slot');
        if (!Number.isInteger(slot.index) || slot.index < 0) throw new Error('invalid slot index');
        // Intermediates are generated locals (`v0`, `v1`, …); everything else is an array read.
        return slot.array === 'v' ? `v${slot.index}` : `${slot.array}[${slot.index}]`;
      }
      case 'call':
        return OPERATIONS[n.op].js(n.args.map(gen));
    }
  };
  return gen(tree);
}

/**
 * Generate JavaScript source for a checked expression. Symbols are mapped through `slots` to
 * array reads, the time to the kernel's `t` argument; every other token comes from the fixed
 * tables in `operations.ts`.
 */
export function toJavaScript(expr: CheckedExpression, slots: ReadonlyMap<string, SymbolSlot>): string {
  return treeToJavaScript(expr.tree, slots, expr);
}

/** How to name symbols and substitute values when rendering LaTeX. */
export interface LatexOptions {
  /** LaTeX for each symbol; symbols not listed are printed in roman type. */
  readonly names?: ReadonlyMap<string, string>;
  /** Values to print in place of symbols (e.g. parameter values). */
  readonly values?: ReadonlyMap<string, number>;
  /** Significant digits for substituted values (default 3). */
  readonly digits?: number;
}

/** Render a checked expression as LaTeX, from the same tree the solver code is generated from. */
export function toLatex(expr: CheckedExpression, options: LatexOptions = {}): string {
  const { names, values, digits = 3 } = options;
  let node = expr.node;
  if (values && values.size > 0) {
    node = node.transform((n) => {
      if (n.type === 'SymbolNode') {
        const v = values.get((n as unknown as { name: string }).name);
        if (v !== undefined) return new math.ConstantNode(Number(v.toPrecision(digits)));
      }
      return n;
    });
  }
  const handler = (n: MathNode, opts: object): string | undefined => {
    if (n.type === 'SymbolNode') {
      const name = (n as unknown as { name: string }).name;
      const tex = names?.get(name);
      // Braces keep a custom name from fusing with a preceding command (`\\cdot{u_{RE}}`).
      if (tex) return `{${tex}}`;
      if (name === TIME_SYMBOL || (BUILTIN_CONSTANTS as readonly string[]).includes(name)) return undefined;
      return name.length === 1 ? name : `{\\mathrm{${name.replace(/_/g, '\\_')}}}`;
    }
    if (n.type === 'FunctionNode') {
      const f = n as unknown as { fn: { name?: string }; args: MathNode[] };
      if (f.fn.name === 'piecewise') {
        const tex = (a: MathNode) => a.toTex({ ...opts, handler } as never);
        const rows: string[] = [];
        for (let i = 0; i + 1 < f.args.length; i += 2) {
          rows.push(`${tex(f.args[i]!)} & \\text{if } ${tex(f.args[i + 1]!)}`);
        }
        if (f.args.length % 2 === 1) rows.push(`${tex(f.args[f.args.length - 1]!)} & \\text{otherwise}`);
        return `\\begin{cases}${rows.join(' \\\\ ')}\\end{cases}`;
      }
    }
    return undefined;
  };
  return node.toTex({ parenthesis: 'auto', implicit: 'show', handler } as never);
}

/** Print a checked expression back as plain text (normalised spacing), for tables and docs. */
export function toPlainText(expr: CheckedExpression): string {
  return expr.node.toString({ parenthesis: 'keep', implicit: 'show' });
}

/**
 * Print a tree as expression text that `checkExpression` parses back to the same tree (given the
 * same known symbols). Parentheses only where precedence needs them.
 */
export function printExpression(tree: ExprTree): string {
  return printNode(tree).text;
}

function printNode(n: ExprTree): { text: string; prec: number } {
  const ATOM = 100;
  switch (n.kind) {
    case 'number': {
      if (!Number.isFinite(n.value)) throw new Error(`invalid number: ${n.value}`);
      const s = String(Math.abs(n.value));
      return n.value < 0 || Object.is(n.value, -0) ? { text: `-${s}`, prec: 7 } : { text: s, prec: ATOM };
    }
    case 'constant':
      return { text: n.name, prec: ATOM };
    case 'time':
      return { text: TIME_SYMBOL, prec: ATOM };
    case 'symbol':
      return { text: n.name, prec: ATOM };
    case 'call': {
      const spec = OPERATIONS[n.op];
      const args = n.args.map(printNode);
      if (!spec.infix) return { text: `${spec.text}(${args.map((a) => a.text).join(', ')})`, prec: ATOM };
      const p = spec.infix.prec;
      const wrap = (a: { text: string; prec: number }, needAbove: number) =>
        a.prec > needAbove ? a.text : `(${a.text})`;
      // A unary operand of equal precedence is wrapped too: `-(-a)`, never `--a`.
      // A number operand is wrapped too: `-(3)` is an operation, `-3` a negative number.
      if (args.length === 1) {
        const arg = n.args[0]!.kind === 'number' ? `(${args[0]!.text})` : wrap(args[0]!, p);
        return { text: `${spec.infix.symbol}${arg}`, prec: p };
      }
      const [a, b] = args as [{ text: string; prec: number }, { text: string; prec: number }];
      // Left-associative operators keep an equal-precedence left operand bare; `^` is
      // right-associative; comparisons never chain (a < b < c means something else in mathjs).
      const leftAbove = spec.infix.assoc === 'left' ? p - 1 : p;
      const rightAbove = spec.infix.assoc === 'right' ? p - 1 : p;
      return { text: `${wrap(a, leftAbove)} ${spec.infix.symbol} ${wrap(b, rightAbove)}`, prec: p };
    }
  }
}
