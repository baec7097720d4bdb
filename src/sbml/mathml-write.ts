/** Writing the model's expression trees as content MathML for SBML Level 3 Version 2. */
import type { ExprTree, Operation } from '../model/expression.ts';
import { CSYMBOL, UNARY } from './mathml.ts';
import { el } from './xml.ts';

/** Options for writing MathML. */
export interface WriteMathOptions {
  /** `sbml:units` for numbers (e.g. `dimensionless`); omitted when undefined. */
  readonly numberUnits?: string;
  /** SBML id for a model symbol (default: the symbol itself). */
  readonly id?: (symbol: string) => string;
}

const OP_ELEMENT: Partial<Record<Operation, string>> = {
  add: 'plus',
  subtract: 'minus',
  multiply: 'times',
  divide: 'divide',
  pow: 'power',
  neg: 'minus',
  eq: 'eq',
  neq: 'neq',
  lt: 'lt',
  leq: 'leq',
  gt: 'gt',
  geq: 'geq',
  and: 'and',
  or: 'or',
  xor: 'xor',
  not: 'not',
  exp: 'exp',
  abs: 'abs',
  floor: 'floor',
  ceil: 'ceiling',
  factorial: 'factorial',
  min: 'min',
  max: 'max',
  rem: 'rem',
  quotient: 'quotient',
  ...Object.fromEntries(
    Object.entries(UNARY)
      .filter(([, op]) => !['abs', 'exp', 'log', 'floor', 'ceil', 'factorial', 'not'].includes(op))
      .map(([element, op]) => [op, element]),
  ),
};

/** A number as `<cn>`: integers as `type="integer"`, others in e-notation when needed. */
export function writeNumber(value: number, units?: string): string {
  if (!Number.isFinite(value)) {
    if (Number.isNaN(value)) return el('notanumber');
    return value > 0 ? el('infinity') : el('apply', {}, el('minus'), el('infinity'));
  }
  const u = units === undefined ? {} : { 'sbml:units': units };
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 53 && !String(value).includes('e')) {
    return el('cn', { ...u, type: 'integer' }, String(value));
  }
  const s = String(value);
  const m = /^(-?[0-9.]+)e([+-]?[0-9]+)$/.exec(s);
  if (m) return el('cn', { ...u, type: 'e-notation' }, m[1]!, el('sep'), m[2]!.replace('+', ''));
  return el('cn', u, s);
}

/** The time csymbol. */
export function writeTime(): string {
  return el('csymbol', { encoding: 'text', definitionURL: CSYMBOL.time }, 'time');
}

/** Write a tree as the content of a `<math>` element. */
export function writeMath(tree: ExprTree, options: WriteMathOptions = {}): string {
  const id = options.id ?? ((s: string) => s);
  const w = (n: ExprTree): string => {
    switch (n.kind) {
      case 'number':
        return writeNumber(n.value, options.numberUnits);
      case 'time':
        return writeTime();
      case 'symbol':
        return el('ci', {}, id(n.name));
      case 'constant':
        return el(
          {
            pi: 'pi',
            e: 'exponentiale',
            Infinity: 'infinity',
            NaN: 'notanumber',
            true: 'true',
            false: 'false',
          }[n.name],
        );
      case 'call':
        return writeCall(n.op, n.args, w, options);
    }
  };
  return w(tree);
}

function writeCall(
  op: Operation,
  args: readonly ExprTree[],
  w: (n: ExprTree) => string,
  options: WriteMathOptions,
): string {
  const apply = (head: string, ...rest: string[]) => el('apply', {}, head, ...rest);
  switch (op) {
    case 'log':
      return args.length === 1
        ? apply(el('ln'), w(args[0]!))
        : apply(el('log'), el('logbase', {}, w(args[1]!)), w(args[0]!));
    case 'log10':
      return apply(el('log'), w(args[0]!));
    case 'sqrt':
      return apply(el('root'), w(args[0]!));
    case 'nthRoot':
      return apply(el('root'), el('degree', {}, w(args[1]!)), w(args[0]!));
    case 'piecewise': {
      const pieces: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) pieces.push(el('piece', {}, w(args[i]!), w(args[i + 1]!)));
      if (args.length % 2 === 1) pieces.push(el('otherwise', {}, w(args[args.length - 1]!)));
      return el('piecewise', {}, ...pieces);
    }
    default: {
      const element = OP_ELEMENT[op];
      if (!element) throw new Error(`no MathML for operation ${op}`);
      void options;
      return apply(el(element), ...args.map(w));
    }
  }
}

/** A complete `<math>` element (MathML namespace; `sbml` prefix bound for `sbml:units`). */
export function mathElement(tree: ExprTree, options: WriteMathOptions = {}): string {
  return el('math', { xmlns: 'http://www.w3.org/1998/Math/MathML' }, writeMath(tree, options));
}
