/**
 * Units between the model file's unit text and SBML unit definitions.
 *
 * Export: a unit text is read as a product of terms separated by `*`, `·`, `/` or the word
 * `per`; a term is a known unit symbol (`min`, `h`, `mM`, …, optionally `^n`), the number 1, or
 * descriptive words (`fold of basal`, `fraction of VO2max`), which are dimensionless.
 * Parenthesised remarks are ignored. `1/min per fold` is therefore per minute.
 *
 * Import: an SBML unit definition is written back as text (`mole * litre^-1`), and the model's
 * time unit gives the factor that converts its rates to per minute.
 */
import type { SbmlDocument, SbmlUnitDefinition } from './read.ts';

/** One SBML `<unit>`: (multiplier · 10^scale · kind)^exponent. */
export interface SbmlUnit {
  readonly kind: string;
  readonly exponent: number;
  readonly scale: number;
  readonly multiplier: number;
}

/** Unit symbols the exporter knows, as SBML units. */
const KNOWN: Readonly<Record<string, readonly SbmlUnit[]>> = {
  s: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 1 }],
  sec: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 1 }],
  second: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 1 }],
  seconds: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 1 }],
  min: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 60 }],
  minute: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 60 }],
  minutes: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 60 }],
  h: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 3600 }],
  hour: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 3600 }],
  hours: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 3600 }],
  day: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 86400 }],
  days: [{ kind: 'second', exponent: 1, scale: 0, multiplier: 86400 }],
  mol: [{ kind: 'mole', exponent: 1, scale: 0, multiplier: 1 }],
  mmol: [{ kind: 'mole', exponent: 1, scale: -3, multiplier: 1 }],
  umol: [{ kind: 'mole', exponent: 1, scale: -6, multiplier: 1 }],
  µmol: [{ kind: 'mole', exponent: 1, scale: -6, multiplier: 1 }],
  nmol: [{ kind: 'mole', exponent: 1, scale: -9, multiplier: 1 }],
  L: [{ kind: 'litre', exponent: 1, scale: 0, multiplier: 1 }],
  l: [{ kind: 'litre', exponent: 1, scale: 0, multiplier: 1 }],
  litre: [{ kind: 'litre', exponent: 1, scale: 0, multiplier: 1 }],
  mL: [{ kind: 'litre', exponent: 1, scale: -3, multiplier: 1 }],
  M: [
    { kind: 'mole', exponent: 1, scale: 0, multiplier: 1 },
    { kind: 'litre', exponent: -1, scale: 0, multiplier: 1 },
  ],
  mM: [
    { kind: 'mole', exponent: 1, scale: -3, multiplier: 1 },
    { kind: 'litre', exponent: -1, scale: 0, multiplier: 1 },
  ],
  uM: [
    { kind: 'mole', exponent: 1, scale: -6, multiplier: 1 },
    { kind: 'litre', exponent: -1, scale: 0, multiplier: 1 },
  ],
  µM: [
    { kind: 'mole', exponent: 1, scale: -6, multiplier: 1 },
    { kind: 'litre', exponent: -1, scale: 0, multiplier: 1 },
  ],
  nM: [
    { kind: 'mole', exponent: 1, scale: -9, multiplier: 1 },
    { kind: 'litre', exponent: -1, scale: 0, multiplier: 1 },
  ],
  g: [{ kind: 'gram', exponent: 1, scale: 0, multiplier: 1 }],
  kg: [{ kind: 'kilogram', exponent: 1, scale: 0, multiplier: 1 }],
  mg: [{ kind: 'gram', exponent: 1, scale: -3, multiplier: 1 }],
  item: [{ kind: 'item', exponent: 1, scale: 0, multiplier: 1 }],
  items: [{ kind: 'item', exponent: 1, scale: 0, multiplier: 1 }],
};

/** The unit text imported SBML quantities get when the file declares no units. */
export const UNDECLARED = 'undeclared';

/**
 * Read a unit text as SBML units (empty for dimensionless), or undefined for `undeclared`.
 * Exponents of the same kind and scale are combined; `1/min per fold` → second^-1 × 60.
 */
export function parseUnitText(unit: string): SbmlUnit[] | undefined {
  if (unit.trim() === UNDECLARED) return undefined;
  const cleaned = unit.replace(/\([^)]*\)/g, ' ').replace(/·/g, '*');
  const tokens = cleaned.match(/\/|\*|[^\s/*]+/g) ?? [];
  const out: SbmlUnit[] = [];
  let sign = 1;
  for (const token of tokens) {
    if (token === '/' || token.toLowerCase() === 'per') {
      sign = -1;
      continue;
    }
    if (token === '*') {
      sign = 1;
      continue;
    }
    const m = /^(.+?)(?:\^(-?\d+))?$/.exec(token)!;
    const base = KNOWN[m[1]!];
    const exp = Number(m[2] ?? 1);
    if (base) for (const u of base) out.push({ ...u, exponent: u.exponent * exp * sign });
    // Anything else (numbers such as 1, descriptive words) is dimensionless.
  }
  // Combine equal kinds, multiplier and scale.
  const merged = new Map<string, SbmlUnit>();
  for (const u of out) {
    const key = `${u.kind}|${u.scale}|${u.multiplier}`;
    const prev = merged.get(key);
    merged.set(key, prev ? { ...u, exponent: prev.exponent + u.exponent } : u);
  }
  return [...merged.values()].filter((u) => u.exponent !== 0);
}

/** A stable key for a list of units, to share one definition between equal unit texts. */
export function unitKey(units: readonly SbmlUnit[]): string {
  return units
    .map((u) => `${u.kind}^${u.exponent}*${u.multiplier}e${u.scale}`)
    .sort()
    .join(' ');
}

const BASE_KINDS = new Set([
  'ampere',
  'avogadro',
  'becquerel',
  'candela',
  'coulomb',
  'dimensionless',
  'farad',
  'gram',
  'gray',
  'henry',
  'hertz',
  'item',
  'joule',
  'katal',
  'kelvin',
  'kilogram',
  'litre',
  'lumen',
  'lux',
  'metre',
  'mole',
  'newton',
  'ohm',
  'pascal',
  'radian',
  'second',
  'siemens',
  'sievert',
  'steradian',
  'tesla',
  'volt',
  'watt',
  'weber',
]);

function definitionText(def: SbmlUnitDefinition): string {
  if (def.units.length === 0) return '1';
  return def.units
    .map((u) => {
      const factor = u.multiplier * 10 ** u.scale;
      const body = factor === 1 ? u.kind : `(${factor} ${u.kind})`;
      return u.exponent === 1 ? body : `${body}^${u.exponent}`;
    })
    .join(' * ');
}

/** The text of an SBML unit reference (a base unit or a unit definition id). */
export function unitText(doc: SbmlDocument, id: string | undefined): string {
  if (id === undefined || id === '') return UNDECLARED;
  const def = doc.unitDefinitions.get(id);
  if (def) return definitionText(def);
  if (BASE_KINDS.has(id)) return id === 'dimensionless' ? '1' : id;
  return id;
}

/** The model's time unit: a name and its length in minutes, or undefined when undeclared. */
export function timeUnit(doc: SbmlDocument): { name: string; minutes: number } | undefined {
  // Level 2's default time unit is the second unless a definition named `time` replaces it.
  const id = doc.level === 2 ? 'time' : doc.timeUnits;
  if (id === undefined) return undefined;
  if (id === 'second') return { name: 'second', minutes: 1 / 60 };
  const def = doc.unitDefinitions.get(id);
  if (!def) return doc.level === 2 ? { name: 'second', minutes: 1 / 60 } : undefined;
  const [u] = def.units;
  if (def.units.length !== 1 || u!.kind !== 'second' || u!.exponent !== 1) return undefined;
  const seconds = u!.multiplier * 10 ** u!.scale;
  return { name: definitionText(def), minutes: seconds / 60 };
}
