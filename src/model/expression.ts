/**
 * Model expressions: parsed once with a private, restricted mathjs instance, checked against a
 * whitelist, then turned into JavaScript source built only from whitelisted pieces.
 *
 * This is the only module that imports mathjs. Nothing a model file contains is ever run as
 * code: symbols become array slots (`y[0]`, `p[3]`), numbers are re-printed from parsed finite
 * values, operators and functions come from the fixed tables below. Anything else (strings,
 * assignments, function definitions, property access, unknown functions or symbols) is rejected
 * with an error naming the expression and the offending piece.
 */
import { create, type MathNode, parseDependencies } from 'mathjs/number';

// A private instance that can only parse, from mathjs's number-only build (no BigNumber, Complex
// or Fraction: model expressions are plain floating-point arithmetic; this also keeps the bundle
// ~50 KB gzip smaller). It is never exported, so no caller can reach
// `import`, `createUnit` or `evaluate`: the instance does not even contain `evaluate`.
const math = create({ parseDependencies: parseDependencies! });

/** Binary and unary operators allowed in model expressions, mapped to JS operators. */
const BINARY_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['add', '+'],
  ['subtract', '-'],
  ['multiply', '*'],
  ['divide', '/'],
]);

/** Functions allowed in model expressions: name → [JS callee, arity]. */
const FUNCTIONS: ReadonlyMap<string, { js: string; minArgs: number; maxArgs: number }> = new Map([
  ['exp', { js: 'Math.exp', minArgs: 1, maxArgs: 1 }],
  ['log', { js: 'Math.log', minArgs: 1, maxArgs: 1 }],
  ['sqrt', { js: 'Math.sqrt', minArgs: 1, maxArgs: 1 }],
  ['abs', { js: 'Math.abs', minArgs: 1, maxArgs: 1 }],
  ['tanh', { js: 'Math.tanh', minArgs: 1, maxArgs: 1 }],
  ['min', { js: 'Math.min', minArgs: 2, maxArgs: 8 }],
  ['max', { js: 'Math.max', minArgs: 2, maxArgs: 8 }],
  ['pow', { js: 'Math.pow', minArgs: 2, maxArgs: 2 }],
]);

/** The function names a model may call, for docs and error messages. */
export const ALLOWED_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys()];

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
  /** Symbols the expression reads, in first-use order. */
  readonly symbols: readonly string[];
  /** The checked mathjs tree (treat as read-only). */
  readonly node: MathNode;
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
      return 'a conditional (a ? b : c); use min/max or a smooth function instead';
    case 'RangeNode':
      return 'a range';
    case 'IndexNode':
      return 'an index';
    default:
      return `a ${node.type}`;
  }
}

/**
 * Parse `text` and check every node against the whitelist.
 * @param path where the expression lives, for messages (`states.A.rate`)
 * @param text the expression in mathjs syntax
 * @param known the symbols the expression may read
 * @throws ExpressionError naming the path, the expression and the offending piece
 */
export function checkExpression(path: string, text: string, known: ReadonlySet<string>): CheckedExpression {
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ExpressionError(path, text, `syntax error (${message})`);
  }
  const symbols: string[] = [];
  const visit = (n: MathNode): void => {
    switch (n.type) {
      case 'ConstantNode': {
        const value = (n as unknown as { value: unknown }).value;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new ExpressionError(
            path,
            text,
            `only finite numbers are allowed, not ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`,
          );
        }
        return;
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        if (!known.has(name)) throw new ExpressionError(path, text, `unknown symbol "${name}"`);
        if (!symbols.includes(name)) symbols.push(name);
        return;
      }
      case 'ParenthesisNode':
        visit((n as unknown as { content: MathNode }).content);
        return;
      case 'OperatorNode': {
        const op = n as unknown as { fn: string; op: string; args: MathNode[] };
        const ok =
          (op.args.length === 2 && (BINARY_OPERATORS.has(op.fn) || op.fn === 'pow')) ||
          (op.args.length === 1 && (op.fn === 'unaryMinus' || op.fn === 'unaryPlus'));
        if (!ok) throw new ExpressionError(path, text, `operator "${op.op}" is not allowed`);
        op.args.forEach(visit);
        return;
      }
      case 'FunctionNode': {
        const fnNode = n as unknown as { fn: MathNode; args: MathNode[] };
        const name = fnNode.fn.type === 'SymbolNode' ? (fnNode.fn as unknown as { name: string }).name : '';
        const spec = FUNCTIONS.get(name);
        if (!spec) {
          throw new ExpressionError(
            path,
            text,
            // Name the callee as written (`process.exit`), not its node type.
            `function "${name || fnNode.fn.toString()}" is not allowed (allowed: ${ALLOWED_FUNCTIONS.join(', ')})`,
          );
        }
        if (fnNode.args.length < spec.minArgs || fnNode.args.length > spec.maxArgs) {
          throw new ExpressionError(
            path,
            text,
            `function "${name}" takes ${spec.minArgs}–${spec.maxArgs} arguments`,
          );
        }
        fnNode.args.forEach(visit);
        return;
      }
      default:
        throw new ExpressionError(path, text, `${describeNode(n)} is not allowed`);
    }
  };
  visit(node);
  return Object.freeze({ path, text, symbols: Object.freeze(symbols), node });
}

/** Print a finite number as a JS literal that round-trips exactly. */
function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`invalid constant: ${value}`);
  const s = String(value);
  // String() of a finite number is always a valid JS numeric literal (digits, '.', 'e', '+', '-').
  if (!/^-?[0-9.]+(e[+-]?[0-9]+)?$/.test(s)) throw new Error(`invalid constant: ${s}`);
  return value < 0 ? `(${s})` : s;
}

/**
 * Generate JavaScript source for a checked expression. Symbols are mapped through `slots` to
 * array reads; every other token comes from this module's fixed tables.
 */
export function toJavaScript(expr: CheckedExpression, slots: ReadonlyMap<string, SymbolSlot>): string {
  const gen = (n: MathNode): string => {
    switch (n.type) {
      case 'ConstantNode':
        return numberLiteral((n as unknown as { value: number }).value);
      case 'SymbolNode': {
        const slot = slots.get((n as unknown as { name: string }).name);
        if (!slot) throw new ExpressionError(expr.path, expr.text, 'internal: symbol without a slot');
        if (!Number.isInteger(slot.index) || slot.index < 0) throw new Error('invalid slot index');
        // Intermediates are generated locals (`v0`, `v1`, …); everything else is an array read.
        return slot.array === 'v' ? `v${slot.index}` : `${slot.array}[${slot.index}]`;
      }
      case 'ParenthesisNode':
        return `(${gen((n as unknown as { content: MathNode }).content)})`;
      case 'OperatorNode': {
        const op = n as unknown as { fn: string; args: MathNode[] };
        const [a, b] = op.args as [MathNode, MathNode | undefined];
        if (op.fn === 'unaryMinus') return `(-${gen(a)})`;
        if (op.fn === 'unaryPlus') return `(+${gen(a)})`;
        if (op.fn === 'pow') return `Math.pow(${gen(a)}, ${gen(b!)})`;
        const js = BINARY_OPERATORS.get(op.fn);
        if (!js || !b) throw new ExpressionError(expr.path, expr.text, 'internal: unexpected operator');
        return `(${gen(a)} ${js} ${gen(b)})`;
      }
      case 'FunctionNode': {
        const fnNode = n as unknown as { fn: { name: string }; args: MathNode[] };
        const spec = FUNCTIONS.get(fnNode.fn.name);
        if (!spec) throw new ExpressionError(expr.path, expr.text, 'internal: unexpected function');
        return `${spec.js}(${fnNode.args.map(gen).join(', ')})`;
      }
      default:
        throw new ExpressionError(expr.path, expr.text, `internal: unexpected ${n.type}`);
    }
  };
  return gen(expr.node);
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
  return node.toTex({
    parenthesis: 'auto',
    implicit: 'show',
    handler: (n: MathNode) => {
      if (n.type === 'SymbolNode') {
        const name = (n as unknown as { name: string }).name;
        const tex = names?.get(name);
        // Braces keep a custom name from fusing with a preceding command (`\\cdot{u_{RE}}`).
        if (tex) return `{${tex}}`;
        return name.length === 1 ? name : `{\\mathrm{${name.replace(/_/g, '\\_')}}}`;
      }
      return undefined;
    },
  });
}

/** Print a checked expression back as plain text (normalised spacing), for tables and docs. */
export function toPlainText(expr: CheckedExpression): string {
  return expr.node.toString({ parenthesis: 'keep', implicit: 'show' });
}
