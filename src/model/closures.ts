/**
 * The right-hand side as closures over the checked expression tree, for pages whose
 * Content-Security-Policy forbids `new Function` (`script-src 'self'` without `'unsafe-eval'`).
 *
 * Each tree node becomes one small function `(y, p, u, v, t) => number`; the operations are the
 * same whitelist as the generated kernel (`operations.ts`), written here as plain functions, so
 * both kernels compute the same numbers (the tests compare them on every bundled model). No
 * source text is built or evaluated.
 */
import type { ExprTree } from './expression.ts';
import { factorial, type Operation } from './operations.ts';

/**
 * One compiled node: reads state `y`, parameters `p`, inputs `u`, the intermediates computed so
 * far `v`, and the time `t`.
 */
export type NodeFn = (
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  u: ArrayLike<number>,
  v: Float64Array,
  t: number,
) => number;

/** Where a symbol is read from (the same slots as the generated kernel). */
export interface ClosureSlot {
  readonly array: 'y' | 'p' | 'u' | 'v';
  readonly index: number;
}

type F = NodeFn;
const unary =
  (f: (x: number) => number) =>
  ([a]: readonly F[]): F => {
    const A = a!;
    return (y, p, u, v, t) => f(A(y, p, u, v, t));
  };
const binary =
  (f: (x: number, z: number) => number) =>
  ([a, b]: readonly F[]): F => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => f(A(y, p, u, v, t), B(y, p, u, v, t));
  };
const many =
  (f: (...xs: number[]) => number) =>
  (args: readonly F[]): F => {
    if (args.length === 1) return unary((x) => f(x))(args);
    if (args.length === 2) return binary((x, z) => f(x, z))(args);
    return (y, p, u, v, t) => f(...args.map((g) => g(y, p, u, v, t)));
  };

/** Every whitelisted operation as a closure builder; the same semantics as `OPERATIONS[op].js`. */
const CLOSURE_OPS: Readonly<Record<Operation, (args: readonly F[]) => F>> = {
  add: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => A(y, p, u, v, t) + B(y, p, u, v, t);
  },
  subtract: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => A(y, p, u, v, t) - B(y, p, u, v, t);
  },
  multiply: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => A(y, p, u, v, t) * B(y, p, u, v, t);
  },
  divide: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => A(y, p, u, v, t) / B(y, p, u, v, t);
  },
  pow: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => A(y, p, u, v, t) ** B(y, p, u, v, t);
  },
  neg: ([a]) => {
    const A = a!;
    return (y, p, u, v, t) => -A(y, p, u, v, t);
  },
  eq: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => (A(y, p, u, v, t) === B(y, p, u, v, t) ? 1 : 0);
  },
  neq: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => (A(y, p, u, v, t) !== B(y, p, u, v, t) ? 1 : 0);
  },
  lt: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => (A(y, p, u, v, t) < B(y, p, u, v, t) ? 1 : 0);
  },
  leq: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => (A(y, p, u, v, t) <= B(y, p, u, v, t) ? 1 : 0);
  },
  gt: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => (A(y, p, u, v, t) > B(y, p, u, v, t) ? 1 : 0);
  },
  geq: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => (A(y, p, u, v, t) >= B(y, p, u, v, t) ? 1 : 0);
  },
  // Short-circuit as the generated `&&` and `||` do.
  and: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => (A(y, p, u, v, t) && B(y, p, u, v, t) ? 1 : 0);
  },
  or: ([a, b]) => {
    const A = a!;
    const B = b!;
    return (y, p, u, v, t) => (A(y, p, u, v, t) || B(y, p, u, v, t) ? 1 : 0);
  },
  xor: binary((a, b) => (!a !== !b ? 1 : 0)),
  not: unary((a) => (a ? 0 : 1)),
  exp: ([a]) => {
    const A = a!;
    return (y, p, u, v, t) => Math.exp(A(y, p, u, v, t));
  },
  log: (args) =>
    args.length === 1 ? unary(Math.log)(args) : binary((a, b) => Math.log(a) / Math.log(b))(args),
  log10: unary(Math.log10),
  sqrt: ([a]) => {
    const A = a!;
    return (y, p, u, v, t) => Math.sqrt(A(y, p, u, v, t));
  },
  nthRoot: binary((a, n) => a ** (1 / n)),
  abs: ([a]) => {
    const A = a!;
    return (y, p, u, v, t) => Math.abs(A(y, p, u, v, t));
  },
  floor: unary(Math.floor),
  ceil: unary(Math.ceil),
  factorial: unary(factorial),
  min: many(Math.min),
  max: (args) => {
    if (args.length !== 2) return many(Math.max)(args);
    const A = args[0]!;
    const B = args[1]!;
    return (y, p, u, v, t) => Math.max(A(y, p, u, v, t), B(y, p, u, v, t));
  },
  rem: binary((a, b) => a % b),
  quotient: binary((a, b) => Math.trunc(a / b)),
  piecewise: (args) => {
    // piecewise(v1, c1, v2, c2, …, otherwise): the first piece whose condition is non-zero.
    const odd = args.length % 2 === 1;
    let out: F = odd ? args[args.length - 1]! : () => Number.NaN;
    for (let i = args.length - (odd ? 3 : 2); i >= 0; i -= 2) {
      const value = args[i]!;
      const cond = args[i + 1]!;
      const rest = out;
      out = (y, p, u, v, t) => (cond(y, p, u, v, t) ? value(y, p, u, v, t) : rest(y, p, u, v, t));
    }
    return out;
  },
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tan: unary(Math.tan),
  sec: unary((a) => 1 / Math.cos(a)),
  csc: unary((a) => 1 / Math.sin(a)),
  cot: unary((a) => 1 / Math.tan(a)),
  sinh: unary(Math.sinh),
  cosh: unary(Math.cosh),
  tanh: unary(Math.tanh),
  sech: unary((a) => 1 / Math.cosh(a)),
  csch: unary((a) => 1 / Math.sinh(a)),
  coth: unary((a) => 1 / Math.tanh(a)),
  asin: unary(Math.asin),
  acos: unary(Math.acos),
  atan: unary(Math.atan),
  asec: unary((a) => Math.acos(1 / a)),
  acsc: unary((a) => Math.asin(1 / a)),
  acot: unary((a) => Math.atan(1 / a)),
  asinh: unary(Math.asinh),
  acosh: unary(Math.acosh),
  atanh: unary(Math.atanh),
  asech: unary((a) => Math.acosh(1 / a)),
  acsch: unary((a) => Math.asinh(1 / a)),
  acoth: unary((a) => Math.atanh(1 / a)),
};

const CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  e: Math.E,
  Infinity: Number.POSITIVE_INFINITY,
  NaN: Number.NaN,
  true: 1,
  false: 0,
};

/**
 * An operand of an arithmetic node, read without a call when it is a leaf: kind 0 a closure,
 * 1 a constant, 2–5 a slot of `y`, `p`, `u`, `v`, 6 the time. Reading leaves inline halves the
 * (megamorphic, never inlined) closure calls of a typical rate expression.
 */
interface Operand {
  readonly k: number;
  readonly i: number;
  readonly c: number;
  readonly f: F;
}

const SLOT_KIND = { y: 2, p: 3, u: 4, v: 5 } as const;

function operand(tree: ExprTree, slots: ReadonlyMap<string, ClosureSlot>): Operand {
  const none: F = () => Number.NaN;
  if (tree.kind === 'number') return { k: 1, i: 0, c: tree.value, f: none };
  if (tree.kind === 'constant') return { k: 1, i: 0, c: CONSTANTS[tree.name]!, f: none };
  if (tree.kind === 'time') return { k: 6, i: 0, c: 0, f: none };
  if (tree.kind === 'symbol') {
    const slot = slots.get(tree.name);
    if (slot) return { k: SLOT_KIND[slot.array], i: slot.index, c: 0, f: none };
  }
  return { k: 0, i: 0, c: 0, f: treeToClosure(tree, slots) };
}

function read(
  k: number,
  i: number,
  c: number,
  f: F,
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  u: ArrayLike<number>,
  v: Float64Array,
  t: number,
): number {
  switch (k) {
    case 1:
      return c;
    case 2:
      return y[i]!;
    case 3:
      return p[i]!;
    case 4:
      return u[i]!;
    case 5:
      return v[i]!;
    case 6:
      return t;
    default:
      return f(y, p, u, v, t);
  }
}

/** Arithmetic with leaf operands read inline. */
function arithmetic(op: 'add' | 'subtract' | 'multiply' | 'divide' | 'pow', a: Operand, b: Operand): F {
  const { k: ka, i: ia, c: ca, f: fa } = a;
  const { k: kb, i: ib, c: cb, f: fb } = b;
  switch (op) {
    case 'add':
      return (y, p, u, v, t) => read(ka, ia, ca, fa, y, p, u, v, t) + read(kb, ib, cb, fb, y, p, u, v, t);
    case 'subtract':
      return (y, p, u, v, t) => read(ka, ia, ca, fa, y, p, u, v, t) - read(kb, ib, cb, fb, y, p, u, v, t);
    case 'multiply':
      return (y, p, u, v, t) => read(ka, ia, ca, fa, y, p, u, v, t) * read(kb, ib, cb, fb, y, p, u, v, t);
    case 'divide':
      return (y, p, u, v, t) => read(ka, ia, ca, fa, y, p, u, v, t) / read(kb, ib, cb, fb, y, p, u, v, t);
    case 'pow':
      return (y, p, u, v, t) => read(ka, ia, ca, fa, y, p, u, v, t) ** read(kb, ib, cb, fb, y, p, u, v, t);
  }
}

/**
 * Turn a checked tree into a closure. Symbols are mapped through `slots`.
 * @throws Error for a symbol without a slot (the checker guarantees there is none)
 */
export function treeToClosure(tree: ExprTree, slots: ReadonlyMap<string, ClosureSlot>): NodeFn {
  switch (tree.kind) {
    case 'number': {
      const c = tree.value;
      return () => c;
    }
    case 'constant': {
      const c = CONSTANTS[tree.name]!;
      return () => c;
    }
    case 'time':
      return (_y, _p, _u, _v, t) => t;
    case 'symbol': {
      const slot = slots.get(tree.name);
      if (!slot) throw new Error(`internal: symbol "${tree.name}" without a slot`);
      const i = slot.index;
      switch (slot.array) {
        case 'y':
          return (y) => y[i]!;
        case 'p':
          return (_y, p) => p[i]!;
        case 'u':
          return (_y, _p, u) => u[i]!;
        case 'v':
          return (_y, _p, _u, v) => v[i]!;
      }
      break;
    }
    case 'call': {
      const op = tree.op;
      if (op === 'add' || op === 'subtract' || op === 'multiply' || op === 'divide' || op === 'pow') {
        return arithmetic(op, operand(tree.args[0]!, slots), operand(tree.args[1]!, slots));
      }
      return CLOSURE_OPS[op](tree.args.map((a) => treeToClosure(a, slots)));
    }
  }
  throw new Error('internal: unknown node');
}
