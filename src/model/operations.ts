/**
 * The expression whitelist as data: every operation a model expression may use, with its
 * arity, how it is written in expression text, and the fixed JavaScript template it compiles
 * to. Nothing outside these tables can reach generated code.
 *
 * Numbers in, numbers out: comparisons and logical operators yield 1 or 0, and conditions are
 * true when non-zero (SBML Level 3 Version 2 lets booleans and numbers stand for each other).
 */

/** Canonical operation names (operators and functions share one namespace). */
export type Operation =
  | 'add'
  | 'subtract'
  | 'multiply'
  | 'divide'
  | 'pow'
  | 'neg'
  | 'eq'
  | 'neq'
  | 'lt'
  | 'leq'
  | 'gt'
  | 'geq'
  | 'and'
  | 'or'
  | 'xor'
  | 'not'
  | 'exp'
  | 'log'
  | 'log10'
  | 'sqrt'
  | 'nthRoot'
  | 'abs'
  | 'floor'
  | 'ceil'
  | 'factorial'
  | 'min'
  | 'max'
  | 'rem'
  | 'quotient'
  | 'piecewise'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'sec'
  | 'csc'
  | 'cot'
  | 'sinh'
  | 'cosh'
  | 'tanh'
  | 'sech'
  | 'csch'
  | 'coth'
  | 'asin'
  | 'acos'
  | 'atan'
  | 'asec'
  | 'acsc'
  | 'acot'
  | 'asinh'
  | 'acosh'
  | 'atanh'
  | 'asech'
  | 'acsch'
  | 'acoth';

/** Names that read a built-in constant. `true` and `false` are 1 and 0. */
export const BUILTIN_CONSTANTS = ['pi', 'e', 'Infinity', 'NaN', 'true', 'false'] as const;
/** One of `BUILTIN_CONSTANTS`. */
export type BuiltinConstant = (typeof BUILTIN_CONSTANTS)[number];

/** How one operation is checked, printed and compiled. */
export interface OperationSpec {
  /** Name in expression text (the function name, or the operator's function name). */
  readonly text: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Written as an operator: its symbol, mathjs precedence and associativity. */
  readonly infix?: {
    readonly symbol: string;
    readonly prec: number;
    readonly assoc: 'left' | 'right' | 'none';
  };
  /** JavaScript for already-generated argument code. */
  readonly js: (args: readonly string[]) => string;
}

const MANY = 256;
const p = (a: string) => `(${a})`;
const fn1 = (text: string, js: (a: string) => string): OperationSpec => ({
  text,
  minArgs: 1,
  maxArgs: 1,
  js: ([a]) => js(p(a!)),
});
const mathFn = (text: string, callee = text) => fn1(text, (a) => `Math.${callee}${a}`);
const recip = (text: string, callee: string) => fn1(text, (a) => `(1 / Math.${callee}${a})`);
const inverseOfRecip = (text: string, callee: string) => fn1(text, (a) => `Math.${callee}(1 / ${a})`);
const binary = (symbol: string, prec: number, assoc: 'left' | 'right' | 'none', text: string) => ({
  text,
  minArgs: 2,
  maxArgs: 2,
  infix: { symbol, prec, assoc },
});
const compare = (symbol: string, text: string): OperationSpec => ({
  ...binary(symbol, 4, 'none', text),
  js: ([a, b]) => `(${p(a!)} ${symbol === '==' ? '===' : symbol === '!=' ? '!==' : symbol} ${p(b!)} ? 1 : 0)`,
});

/** Every allowed operation. */
export const OPERATIONS: Readonly<Record<Operation, OperationSpec>> = {
  add: { ...binary('+', 5, 'left', 'add'), js: ([a, b]) => `(${a} + ${b})` },
  subtract: { ...binary('-', 5, 'left', 'subtract'), js: ([a, b]) => `(${a} - ${b})` },
  multiply: { ...binary('*', 6, 'left', 'multiply'), js: ([a, b]) => `(${a} * ${b})` },
  divide: { ...binary('/', 6, 'left', 'divide'), js: ([a, b]) => `(${a} / ${b})` },
  pow: { ...binary('^', 8, 'right', 'pow'), js: ([a, b]) => `Math.pow(${a}, ${b})` },
  neg: {
    text: 'neg',
    minArgs: 1,
    maxArgs: 1,
    infix: { symbol: '-', prec: 7, assoc: 'none' },
    js: ([a]) => `(-${p(a!)})`,
  },
  eq: compare('==', 'equal'),
  neq: compare('!=', 'unequal'),
  lt: compare('<', 'smaller'),
  leq: compare('<=', 'smallerEq'),
  gt: compare('>', 'larger'),
  geq: compare('>=', 'largerEq'),
  and: { ...binary('and', 3, 'left', 'and'), js: ([a, b]) => `(${p(a!)} && ${p(b!)} ? 1 : 0)` },
  or: { ...binary('or', 1, 'left', 'or'), js: ([a, b]) => `(${p(a!)} || ${p(b!)} ? 1 : 0)` },
  xor: { ...binary('xor', 2, 'left', 'xor'), js: ([a, b]) => `(!${p(a!)} !== !${p(b!)} ? 1 : 0)` },
  not: {
    text: 'not',
    minArgs: 1,
    maxArgs: 1,
    infix: { symbol: 'not ', prec: 7, assoc: 'none' },
    js: ([a]) => `(${p(a!)} ? 0 : 1)`,
  },
  exp: mathFn('exp'),
  log: {
    text: 'log',
    minArgs: 1,
    maxArgs: 2,
    js: ([a, b]) => (b === undefined ? `Math.log(${a})` : `(Math.log(${a}) / Math.log(${b}))`),
  },
  log10: mathFn('log10'),
  sqrt: mathFn('sqrt'),
  nthRoot: { text: 'nthRoot', minArgs: 2, maxArgs: 2, js: ([a, n]) => `Math.pow(${a}, 1 / ${p(n!)})` },
  abs: mathFn('abs'),
  floor: mathFn('floor'),
  ceil: mathFn('ceil'),
  factorial: fn1('factorial', (a) => `factorial${a}`),
  min: { text: 'min', minArgs: 1, maxArgs: MANY, js: (args) => `Math.min(${args.join(', ')})` },
  max: { text: 'max', minArgs: 1, maxArgs: MANY, js: (args) => `Math.max(${args.join(', ')})` },
  rem: { text: 'rem', minArgs: 2, maxArgs: 2, js: ([a, b]) => `(${p(a!)} % ${p(b!)})` },
  quotient: { text: 'quotient', minArgs: 2, maxArgs: 2, js: ([a, b]) => `Math.trunc(${p(a!)} / ${p(b!)})` },
  piecewise: {
    text: 'piecewise',
    minArgs: 1,
    maxArgs: MANY,
    // piecewise(v1, c1, v2, c2, …, otherwise): the first piece whose condition is non-zero;
    // with no otherwise and no true condition the value is undefined (NaN).
    js: (args) => {
      let out = args.length % 2 === 1 ? p(args[args.length - 1]!) : '(0 / 0)';
      for (let i = args.length - (args.length % 2 === 1 ? 3 : 2); i >= 0; i -= 2) {
        out = `(${p(args[i + 1]!)} ? ${p(args[i]!)} : ${out})`;
      }
      return out;
    },
  },
  sin: mathFn('sin'),
  cos: mathFn('cos'),
  tan: mathFn('tan'),
  sec: recip('sec', 'cos'),
  csc: recip('csc', 'sin'),
  cot: recip('cot', 'tan'),
  sinh: mathFn('sinh'),
  cosh: mathFn('cosh'),
  tanh: mathFn('tanh'),
  sech: recip('sech', 'cosh'),
  csch: recip('csch', 'sinh'),
  coth: recip('coth', 'tanh'),
  asin: mathFn('asin'),
  acos: mathFn('acos'),
  atan: mathFn('atan'),
  asec: inverseOfRecip('asec', 'acos'),
  acsc: inverseOfRecip('acsc', 'asin'),
  acot: inverseOfRecip('acot', 'atan'),
  asinh: mathFn('asinh'),
  acosh: mathFn('acosh'),
  atanh: mathFn('atanh'),
  asech: inverseOfRecip('asech', 'acosh'),
  acsch: inverseOfRecip('acsch', 'asinh'),
  acoth: inverseOfRecip('acoth', 'atanh'),
};

/** mathjs operator (`fn/arity`) → operation. */
export const OPERATOR_OPS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ['add/2', 'add'],
  ['subtract/2', 'subtract'],
  ['multiply/2', 'multiply'],
  ['divide/2', 'divide'],
  ['pow/2', 'pow'],
  ['unaryMinus/1', 'neg'],
  ['equal/2', 'eq'],
  ['unequal/2', 'neq'],
  ['smaller/2', 'lt'],
  ['smallerEq/2', 'leq'],
  ['larger/2', 'gt'],
  ['largerEq/2', 'geq'],
  ['and/2', 'and'],
  ['or/2', 'or'],
  ['xor/2', 'xor'],
  ['not/1', 'not'],
]);

/** Function name in expression text → operation. */
export const FUNCTION_OPS: Readonly<Record<string, Operation>> = Object.freeze(
  Object.fromEntries(
    (Object.entries(OPERATIONS) as [Operation, OperationSpec][])
      .filter(([, s]) => !s.infix || s.text === 'pow')
      .map(([op, s]) => [s.text, op]),
  ),
);

/** The function names a model may call, for docs and error messages. */
export const ALLOWED_FUNCTIONS: readonly string[] = Object.keys(FUNCTION_OPS);

/**
 * n! for whole numbers 0…170 (the range where it is a finite double); NaN otherwise. The only
 * helper generated code may call besides `Math.*`.
 */
export function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 170) return n > 170 ? Number.POSITIVE_INFINITY : Number.NaN;
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}
