/**
 * Reading content MathML (the subset SBML Level 2 Version 4 – Level 3 Version 2 uses) into the
 * model's expression trees, from the checked whitelist of operations; anything else is an
 * `UnsupportedMath` error naming the element. Writing: `mathml-write.ts`.
 */
import type { ExprTree, Operation } from '../model/expression.ts';
import { child, children, textOf, type XmlElement } from './xml.ts';

/** csymbol definitionURLs. */
export const CSYMBOL = Object.freeze({
  time: 'http://www.sbml.org/sbml/symbols/time',
  avogadro: 'http://www.sbml.org/sbml/symbols/avogadro',
  delay: 'http://www.sbml.org/sbml/symbols/delay',
  rateOf: 'http://www.w3.org/1998/Math/MathML/rateOf',
});

/**
 * Avogadro's constant as SBML Level 3 defines the `avogadro` csymbol (CODATA 2006, 1/mol; the
 * SBML Test Suite expects this value for Version 1 and Version 2 alike).
 */
export const AVOGADRO = 6.02214179e23;

/** A MathML construct this importer does not support. */
export class UnsupportedMath extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedMath';
  }
}

/** How names and csymbols resolve while reading one `<math>`. */
export interface MathContext {
  /** Resolve a `<ci>` name to a tree (a symbol, or a substituted lambda argument). */
  readonly resolve: (name: string) => ExprTree;
  /** The time as the model sees it (the SBML time in its own units). */
  readonly time: ExprTree;
  readonly avogadro: number;
  /** Function definitions by id: argument names and body. */
  readonly functions: ReadonlyMap<string, { readonly args: readonly string[]; readonly body: XmlElement }>;
}

/** MathML unary elements → operations (shared with the writer). */
export const UNARY: Readonly<Record<string, Operation>> = {
  abs: 'abs',
  exp: 'exp',
  ln: 'log',
  floor: 'floor',
  ceiling: 'ceil',
  factorial: 'factorial',
  not: 'not',
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  sec: 'sec',
  csc: 'csc',
  cot: 'cot',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  sech: 'sech',
  csch: 'csch',
  coth: 'coth',
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  arcsec: 'asec',
  arccsc: 'acsc',
  arccot: 'acot',
  arcsinh: 'asinh',
  arccosh: 'acosh',
  arctanh: 'atanh',
  arcsech: 'asech',
  arccsch: 'acsch',
  arccoth: 'acoth',
};
const BINARY: Readonly<Record<string, Operation>> = {
  divide: 'divide',
  power: 'pow',
  rem: 'rem',
  quotient: 'quotient',
};
const RELATIONAL: Readonly<Record<string, Operation>> = {
  eq: 'eq',
  neq: 'neq',
  gt: 'gt',
  lt: 'lt',
  geq: 'geq',
  leq: 'leq',
};

const num = (value: number): ExprTree => ({ kind: 'number', value });
const call = (op: Operation, ...args: ExprTree[]): ExprTree => ({ kind: 'call', op, args });
const TRUE: ExprTree = { kind: 'constant', name: 'true' };
const FALSE: ExprTree = { kind: 'constant', name: 'false' };
const fold = (op: Operation, args: readonly ExprTree[]): ExprTree =>
  args.slice(1).reduce((acc, a) => call(op, acc, a), args[0]!);

function parseNumber(e: XmlElement): ExprTree {
  const type = e.attrs.type ?? 'real';
  const parts = e.content.filter((c): c is string => typeof c === 'string').map((s) => s.trim());
  const word = (s: string) => {
    if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(s)) return Number.NaN;
    const v = Number(s);
    if (s === '' || Number.isNaN(v)) throw new UnsupportedMath(`<cn> with unreadable number "${s}"`);
    return v;
  };
  let value: number;
  if (type === 'e-notation') value = word(parts[0] ?? '') * 10 ** word(parts[1] ?? '');
  else if (type === 'rational') value = word(parts[0] ?? '') / word(parts[1] ?? '');
  else if (type === 'real' || type === 'integer' || type === 'double') value = word(parts.join(''));
  else throw new UnsupportedMath(`<cn type="${type}">`);
  if (type === 'e-notation') {
    // Parse "m e x" as one literal so 1<sep/>-7 is exactly 1e-7 (10 ** -7 is not).
    const exact = Number(`${parts[0]}e${parts[1]}`);
    if (Number.isFinite(exact)) value = exact;
  }
  if (Number.isNaN(value)) return { kind: 'constant', name: 'NaN' };
  if (value === Infinity) return { kind: 'constant', name: 'Infinity' };
  if (value === -Infinity) return call('neg', { kind: 'constant', name: 'Infinity' });
  return num(value);
}

/**
 * Read one MathML element (the child of `<math>`, or `<math>` itself) into a tree.
 * @throws UnsupportedMath naming the element that is outside the supported subset
 */
export function readMath(e: XmlElement, ctx: MathContext): ExprTree {
  switch (e.name) {
    case 'math':
    case 'semantics': {
      const first = children(e).find((c) => c.name !== 'annotation' && c.name !== 'annotation-xml');
      if (!first) throw new UnsupportedMath(`empty <${e.name}>`);
      return readMath(first, ctx);
    }
    case 'cn':
      return parseNumber(e);
    case 'ci':
      return ctx.resolve(textOf(e));
    case 'true':
      return TRUE;
    case 'false':
      return FALSE;
    case 'pi':
      return { kind: 'constant', name: 'pi' };
    case 'exponentiale':
      return { kind: 'constant', name: 'e' };
    case 'infinity':
      return { kind: 'constant', name: 'Infinity' };
    case 'notanumber':
      return { kind: 'constant', name: 'NaN' };
    case 'csymbol':
      return readCsymbol(e, ctx);
    case 'piecewise': {
      const args: ExprTree[] = [];
      for (const piece of children(e, 'piece')) {
        const [value, cond] = children(piece);
        if (!value || !cond) throw new UnsupportedMath('<piece> without a value and a condition');
        args.push(readMath(value, ctx), readMath(cond, ctx));
      }
      const otherwise = child(e, 'otherwise');
      if (otherwise) {
        const [v] = children(otherwise);
        if (!v) throw new UnsupportedMath('empty <otherwise>');
        args.push(readMath(v, ctx));
      }
      if (args.length === 0) throw new UnsupportedMath('<piecewise> with no pieces');
      return call('piecewise', ...args);
    }
    case 'apply':
      return readApply(e, ctx);
    default:
      throw new UnsupportedMath(`MathML element <${e.name}>`);
  }
}

function readCsymbol(e: XmlElement, ctx: MathContext): ExprTree {
  const url = (e.attrs.definitionURL ?? '').trim();
  if (url === CSYMBOL.time) return ctx.time;
  if (url === CSYMBOL.avogadro) return num(ctx.avogadro);
  if (url === CSYMBOL.delay) throw new UnsupportedMath('the delay csymbol (delay differential equations)');
  if (url === CSYMBOL.rateOf) throw new UnsupportedMath('the rateOf csymbol');
  throw new UnsupportedMath(`csymbol ${JSON.stringify(url)}`);
}

function readApply(e: XmlElement, ctx: MathContext): ExprTree {
  const [head, ...rest] = children(e);
  if (!head) throw new UnsupportedMath('empty <apply>');
  const qualifier = (name: string) => rest.find((r) => r.name === name);
  const operands = rest.filter((r) => r.name !== 'degree' && r.name !== 'logbase' && r.name !== 'bvar');
  const args = () => operands.map((a) => readMath(a, ctx));
  const arity = (n: number) => {
    if (operands.length !== n) throw new UnsupportedMath(`<${head.name}> with ${operands.length} arguments`);
    return args();
  };
  const name = head.name;
  if (name === 'ci') return applyFunction(textOf(head), args(), ctx);
  if (name === 'csymbol') return readCsymbol(head, ctx);
  if (UNARY[name]) return call(UNARY[name]!, ...arity(1));
  if (BINARY[name]) return call(BINARY[name]!, ...arity(2));
  switch (name) {
    case 'plus': {
      const a = args();
      return a.length === 0 ? num(0) : fold('add', a);
    }
    case 'times': {
      const a = args();
      return a.length === 0 ? num(1) : fold('multiply', a);
    }
    case 'minus': {
      const a = args();
      if (a.length === 1) return call('neg', a[0]!);
      if (a.length === 2) return call('subtract', a[0]!, a[1]!);
      throw new UnsupportedMath(`<minus> with ${a.length} arguments`);
    }
    case 'root': {
      const [x] = arity(1);
      const degree = qualifier('degree');
      const d = degree ? readMath(children(degree)[0] ?? degree, ctx) : num(2);
      return d.kind === 'number' && d.value === 2 ? call('sqrt', x!) : call('nthRoot', x!, d);
    }
    case 'log': {
      const [x] = arity(1);
      const base = qualifier('logbase');
      const b = base ? readMath(children(base)[0] ?? base, ctx) : num(10);
      return b.kind === 'number' && b.value === 10 ? call('log10', x!) : call('log', x!, b);
    }
    case 'and':
    case 'or':
    case 'xor': {
      const a = args();
      if (a.length === 0) return name === 'and' ? TRUE : FALSE;
      // A single operand still becomes 0 or 1, as the n-ary operator would.
      if (a.length === 1) return call('not', call('not', a[0]!));
      return fold(name, a);
    }
    case 'implies': {
      const [a, b] = arity(2);
      return call('or', call('not', a!), b!);
    }
    case 'max':
    case 'min': {
      const a = args();
      if (a.length === 0) throw new UnsupportedMath(`<${name}> with no arguments`);
      return call(name, ...a);
    }
    default:
      if (RELATIONAL[name]) {
        const a = args();
        if (a.length < 2) return TRUE;
        const pairs = a.slice(1).map((b, i) => call(RELATIONAL[name]!, a[i]!, b));
        return fold('and', pairs);
      }
      throw new UnsupportedMath(`MathML operator <${name}>`);
  }
}

function applyFunction(id: string, args: ExprTree[], ctx: MathContext): ExprTree {
  const fn = ctx.functions.get(id);
  if (!fn) throw new UnsupportedMath(`call of "${id}", which is not a function definition`);
  if (fn.args.length !== args.length) {
    throw new UnsupportedMath(`function "${id}" takes ${fn.args.length} arguments, given ${args.length}`);
  }
  const bound = new Map(fn.args.map((a, i) => [a, args[i]!] as const));
  // Inside a lambda only its arguments, other functions and csymbols are visible (SBML rule).
  const inner: MathContext = {
    ...ctx,
    resolve: (name) => {
      const v = bound.get(name);
      if (!v)
        throw new UnsupportedMath(`function "${id}" reads "${name}", which is not one of its arguments`);
      return v;
    },
  };
  return readMath(fn.body, inner);
}

/** Read a `<functionDefinition>`'s lambda: argument names and body. */
export function readLambda(math: XmlElement): { args: string[]; body: XmlElement } {
  const lambda =
    children(math).find((c) => c.name === 'lambda') ?? (math.name === 'lambda' ? math : undefined);
  const inner = lambda ?? children(math).find((c) => c.name === 'semantics');
  if (!lambda) {
    if (inner) return readLambda(inner);
    throw new UnsupportedMath('a function definition without <lambda>');
  }
  const args = children(lambda, 'bvar').map((b) => textOf(child(b, 'ci') ?? b));
  const body = children(lambda).filter((c) => c.name !== 'bvar')[0];
  if (!body) throw new UnsupportedMath('a <lambda> without a body');
  return { args, body };
}
