/**
 * Hostile inputs for the fuzz targets: strings that try to run code, pollute prototypes, start
 * spreadsheet formulas or break CSV rows; numbers at the edges of floating point; names of
 * `Object.prototype` members; and mutations of the bundled model file.
 */
import fc from 'fast-check';
import { CANARY } from './fuzz-invariants.ts';

/** Names that are members of `Object.prototype` (or special to it). */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__lookupGetter__',
  'toLocaleString',
] as const;

/** Strings that would set the canary if data ever ran as code, or break text formats. */
export const HOSTILE_STRINGS = [
  `globalThis.${CANARY} = 1`,
  `constructor.constructor("globalThis.${CANARY}=1")()`,
  `(function(){globalThis.${CANARY}=1})()`,
  `import("data:text/javascript,globalThis.${CANARY}=1")`,
  `evaluate("1")`,
  `f(x) = x`,
  `x = 1`,
  `a.b`,
  `a[1]`,
  `"str"`,
  `{a: 1}`,
  `[1, 2]`,
  `1 ? 2 : 3`,
  `1 < 2 < 3`,
  `1:3`,
  `2 cm`,
  '=1+1',
  "=cmd|' /C calc'!A0",
  "x\n=1+1,=cmd|' /C calc'!A0,y",
  'a\r\nb,c',
  '+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1',
  '"',
  ',,,',
  '\u2028',
  '\u0000',
  '',
  ' ',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  '%',
  '${x}',
  '</script><script>alert(1)</script>',
  ...PROTOTYPE_NAMES,
] as const;

/** Numbers at the edges: zero, signs, huge, tiny, non-finite. */
export const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1e-300,
  5e-324,
  -5e-324,
  1e300,
  -1e300,
  1.797e308,
  -1.797e308,
  Number.MAX_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53,
  1e9,
  -45,
] as const;

/** A hostile or ordinary number. */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...EDGE_NUMBERS),
  fc.double(),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }),
);

/** A hostile or ordinary string, sometimes very long. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'x1', 'M + ', '(', '-', '1e5', '='), fc.integer({ min: 100, max: 60_000 }))
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
  },
);

/** A key: ordinary, a prototype member, or hostile. */
export const anyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constantFrom('kR', 'tauM', 'M', 'A', 'mps', 'x', 'rat-study', 'extra_1'),
  anyString,
);

/** Any JSON leaf, hostile values preferred. */
export const anyLeaf: fc.Arbitrary<unknown> = fc.oneof(
  anyNumber,
  anyString,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.dictionary(anyKey, anyNumber, { maxKeys: 3 }),
);

/** Symbols an expression in the bundled model may read, and some it may not. */
const SYMBOLS = ['M', 'A', 'C', 'P', 'D', 'R', 'kR', 'tauM', 're', 'ee', 't', 'pi', 'e', 'x', 'process', 'this'];
const FUNCTIONS = ['exp', 'log', 'sqrt', 'abs', 'min', 'max', 'pow', 'piecewise', 'hill', 'eval', 'evaluate', 'import', 'Function', 'f'];
const OPERATORS = [' + ', ' - ', ' * ', ' / ', ' ^ ', ' % ', ' < ', ' >= ', ' == ', ' and ', ' or ', ' mod ', '!', ' = ', '.', ', '];

/** Expression text: grammar-shaped, raw character soup, or a known attack. */
export const anyExpression: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...SYMBOLS),
        fc.constantFrom('0', '1', '2.5', '1e-3', '1e308', '1e309', '-0', '.5', '0x1F', '1_0', '3e'),
        fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([a, o, b]) => `${a}${o}${b}`),
        tie('expr').map((a) => `(${a})`),
        tie('expr').map((a) => `-${a}`),
        fc
          .tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('expr'), { maxLength: 4 }))
          .map(([f, args]) => `${f}(${args.join(', ')})`),
      ),
    })).expr,
  },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...'Mkt0123456789.eE+-*/^()[]{},;:=<>!?&|"\' _abcxyz'.split('')), { maxLength: 40 })
      .map((cs) => cs.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('(', '-', 'M + ', '2^', 'exp('), fc.integer({ min: 50, max: 6000 }))
      .map(([s, n]) => `${s.repeat(n)}M${s === '(' ? ')'.repeat(n) : s === 'exp(' ? ')'.repeat(n) : ''}`),
  },
);

/** One edit of a JSON document: where (a walk of child indices) and what. */
export interface Mutation {
  readonly walk: readonly number[];
  readonly op: 'set' | 'delete' | 'add' | 'expression' | 'rename';
  readonly key: string;
  readonly value: unknown;
  readonly expression: string;
}

/** One to four mutations. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.record({
    walk: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    op: fc.constantFrom('set', 'set', 'delete', 'add', 'expression', 'expression', 'rename'),
    key: anyKey,
    value: anyLeaf,
    expression: anyExpression,
  }),
  { minLength: 1, maxLength: 4 },
);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null;
}

/** The expression fields of a model file, as [container, key] pairs. */
function expressionSlots(doc: Json): [Json, string][] {
  const slots: [Json, string][] = [];
  const section = (name: string, field: string) => {
    const s = doc[name];
    if (!isObject(s)) return;
    for (const v of Object.values(s)) if (isObject(v) && typeof v[field] === 'string') slots.push([v, field]);
  };
  section('states', 'rate');
  section('intermediates', 'expression');
  section('observables', 'expression');
  if (isObject(doc.initialAssignments)) for (const k of Object.keys(doc.initialAssignments)) slots.push([doc.initialAssignments, k]);
  return slots;
}

/**
 * Apply `edits` to a deep copy of `base`, with own-property writes only (`defineProperty`, so a
 * `__proto__` key is a key, as `JSON.parse` makes it).
 */
export function mutate(base: unknown, edits: readonly Mutation[]): unknown {
  const doc = JSON.parse(JSON.stringify(base)) as Json;
  const put = (o: Json, k: string, v: unknown) =>
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  for (const m of edits) {
    if (m.op === 'expression') {
      const slots = expressionSlots(doc);
      const slot = slots[(m.walk[0] ?? 0) % Math.max(1, slots.length)];
      if (slot) put(slot[0], slot[1], m.expression);
      continue;
    }
    let node: Json = doc;
    for (const step of m.walk.slice(0, -1)) {
      const keys = Object.keys(node);
      const next = keys.length > 0 ? node[keys[step % keys.length]!] : undefined;
      if (!isObject(next)) break;
      node = next;
    }
    const keys = Object.keys(node);
    const key = keys.length > 0 ? keys[(m.walk[m.walk.length - 1] ?? 0) % keys.length]! : m.key;
    if (m.op === 'set') put(node, key, m.value);
    else if (m.op === 'delete') delete node[key];
    else if (m.op === 'add') put(node, m.key, m.value);
    else if (m.op === 'rename' && Object.hasOwn(node, key)) {
      const v = node[key];
      delete node[key];
      put(node, m.key, v);
    }
  }
  return doc;
}
