/**
 * Lesson placeholders: the numbers a lesson's text may show, each computed from the run its step
 * sets up (never typed), so a lesson cannot drift from the model. This file is the list — names,
 * arguments, meaning, how the value is shown — and the parser and static checker; `compute.ts`
 * evaluates them. Pure: no DOM, no solver.
 *
 * Syntax in any lesson text: `{{name}}` or `{{name:arg:arg}}`, e.g. `{{change:re-ee}}`,
 * `{{afterRe:regulator:re-ee:180}}`. docs/teaching.md lists them (a test keeps it in step).
 */

/** What an argument names. */
export type ArgKind = 'group' | 'series' | 'minutes' | 'parameter';

/** How a value is shown (and what its raw number means in a step's `checks`). */
export type ValueKind =
  /** Fold vs control or a ratio, two decimals: `1.93`. Raw: the number. */
  | 'fold'
  /** A change, signed: `−25%`. Raw: a fraction (−0.25). */
  | 'change'
  /** A size of difference, unsigned: `23%`. Raw: a fraction (0.23). */
  | 'percent'
  /** A time after an event, h:mm: `3:00 h`. Raw: minutes. */
  | 'time'
  /** A bout length: `60 min`. Raw: minutes. */
  | 'duration'
  /** Endurance intensity: `70%` (of VO2max). Raw: a fraction (0.7). */
  | 'intensity'
  /** A parameter value with its unit: `55 min`. Raw: the value. */
  | 'parameter';

/** One placeholder: its name, arguments and meaning. */
export interface PlaceholderSpec {
  readonly name: string;
  readonly args: readonly { readonly name: string; readonly kind: ArgKind }[];
  readonly kind: ValueKind;
  readonly meaning: string;
  /** Needs extra runs beyond the step's own (a scan); computed on demand. */
  readonly scan?: boolean;
}

/** Grids of the scans, declared once. */
export const SCAN_GRIDS = Object.freeze({
  /** Minutes after RE for the order-effect window: 0 to 12 h in 5-min steps. */
  order: { step: 5, max: 720 },
  /** EE intensity for the band: 0.30 to 1.00 in steps of 0.01. */
  intensity: { min: 0.3, max: 1, step: 0.01 },
  /** Gap for gapClear: 0 to 12 h in 15-min steps. */
  gap: { step: 15, max: 720 },
  /** Minutes after RE for the dip: 0 to 24 h in 5-min steps. */
  dip: { step: 5, max: 1440 },
});

const grid = (g: { step: number; max: number }) => `${g.step}-min steps, up to ${g.max / 60} h`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

const G = (name = 'group') => ({ name, kind: 'group' as const });
const S = { name: 'series', kind: 'series' as const };
const M = { name: 'minutes', kind: 'minutes' as const };

/** Every placeholder a lesson may use, declared once. */
export const PLACEHOLDERS: readonly PlaceholderSpec[] = Object.freeze([
  { name: 'mps', args: [G()], kind: 'fold', meaning: "MPS at the group's readout, fold vs control" },
  {
    name: 'anabolic',
    args: [G()],
    kind: 'fold',
    meaning: "anabolic signal at the group's readout, fold vs control",
  },
  {
    name: 'regulator',
    args: [G()],
    kind: 'fold',
    meaning: "regulator at the group's readout, fold vs control",
  },
  { name: 'change', args: [G()], kind: 'change', meaning: 'MPS at the readout relative to RE only' },
  {
    name: 'ratio',
    args: [G('a'), G('b')],
    kind: 'fold',
    meaning: 'MPS at the readout, group a over group b',
  },
  {
    name: 'diff',
    args: [G('a'), G('b')],
    kind: 'percent',
    meaning: 'how much MPS at the readout differs between a and b (|1 − a/b|)',
  },
  {
    name: 'auc24',
    args: [G()],
    kind: 'fold',
    meaning: 'cumulative MPS over 24 h from the start of RE, fold vs control',
  },
  {
    name: 'auc48',
    args: [G()],
    kind: 'fold',
    meaning: 'cumulative MPS over 48 h from the start of RE, fold vs control',
  },
  { name: 'aucChange24', args: [G()], kind: 'change', meaning: '24-h cumulative MPS relative to RE only' },
  {
    name: 'aucDiff24',
    args: [G('a'), G('b')],
    kind: 'percent',
    meaning: 'how much the 24-h cumulative MPS differs between a and b (|1 − a/b|)',
  },
  { name: 'readout', args: [], kind: 'time', meaning: 'readout time after the end of RE' },
  {
    name: 'sinceRun',
    args: [G()],
    kind: 'time',
    meaning: "time from the end of the group's EE bout to its readout",
  },
  {
    name: 'afterRe',
    args: [S, G(), M],
    kind: 'fold',
    meaning: "a series, fold vs control, the given minutes after the end of the group's RE bout",
  },
  {
    name: 'afterEe',
    args: [S, G(), M],
    kind: 'fold',
    meaning: "a series, fold vs control, the given minutes after the end of the group's EE bout",
  },
  {
    name: 'ratioAfterRe',
    args: [S, G('a'), G('b'), M],
    kind: 'fold',
    meaning: 'a series (fold vs control) in group a over group b, each the given minutes after its own RE',
  },
  {
    name: 'peak',
    args: [S, G()],
    kind: 'fold',
    meaning: "a series' highest value in the group, fold vs rest",
  },
  {
    name: 'peakAfterRe',
    args: [S, G()],
    kind: 'time',
    meaning: "when a series peaks in the group, after the end of the group's RE bout",
  },
  {
    name: 'orderStart',
    args: [],
    kind: 'time',
    meaning: `first time after RE (${grid(SCAN_GRIDS.order)}) at which RE→EE MPS is below EE→RE by more than the tolerance`,
  },
  { name: 'orderEnd', args: [], kind: 'time', meaning: 'last such time after RE (see orderStart)' },
  {
    name: 'orderMax',
    args: [],
    kind: 'percent',
    meaning: 'the largest MPS difference between RE→EE and EE→RE at equal times after RE',
  },
  { name: 'orderMaxAt', args: [], kind: 'time', meaning: 'when that largest difference comes, after RE' },
  {
    name: 'tolerance',
    args: [],
    kind: 'percent',
    meaning: 'the change the study claims treat as "unchanged" (T7); a bigger drop counts as "lowered"',
  },
  {
    name: 'bandLow',
    args: [],
    kind: 'intensity',
    meaning: `lowest EE intensity (steps of ${pct(SCAN_GRIDS.intensity.step)}, ${pct(SCAN_GRIDS.intensity.min)}–${pct(SCAN_GRIDS.intensity.max)} of VO2max) at which the study's three findings (T6–T8) all hold, other settings as in the step`,
    scan: true,
  },
  {
    name: 'bandHigh',
    args: [],
    kind: 'intensity',
    meaning: 'highest such intensity (see bandLow)',
    scan: true,
  },
  {
    name: 'dip',
    args: [G()],
    kind: 'percent',
    meaning: `the group's largest momentary MPS drop below RE only, compared at equal times after each group's RE (${grid(SCAN_GRIDS.dip)})`,
  },
  { name: 'dipAt', args: [G()], kind: 'time', meaning: 'when that largest drop comes, after RE (see dip)' },
  {
    name: 'gapClear',
    args: [G()],
    kind: 'time',
    meaning: `shortest gap between the bouts (${grid(SCAN_GRIDS.gap)}) from which on the group's dip stays within the tolerance, other settings as in the step`,
    scan: true,
  },
  { name: 'intensity', args: [], kind: 'intensity', meaning: "the step's EE intensity" },
  { name: 'gap', args: [], kind: 'time', meaning: "the step's gap between the two bouts" },
  { name: 'eeDuration', args: [], kind: 'duration', meaning: "the step's EE bout length" },
  { name: 'reDuration', args: [], kind: 'duration', meaning: "the step's RE bout length" },
  {
    name: 'hours',
    args: [M],
    kind: 'time',
    meaning: 'a time the lesson chose (an input, not a result), shown in the app’s h:mm format',
  },
  {
    name: 'param',
    args: [{ name: 'name', kind: 'parameter' }],
    kind: 'parameter',
    meaning: "a model parameter's value in the step's parameter set, with its unit",
  },
]);

const BY_NAME = new Map(PLACEHOLDERS.map((p) => [p.name, p]));

/** The spec of a placeholder name, or `undefined`. */
export function placeholderSpec(name: string): PlaceholderSpec | undefined {
  return BY_NAME.get(name);
}

/** A placeholder found in a text. */
export interface PlaceholderRef {
  /** The text between the braces, trimmed: `change:re-ee`. */
  readonly key: string;
  readonly name: string;
  readonly args: readonly string[];
}

/** A piece of text that looks like a placeholder but cannot be one. */
export class PlaceholderSyntaxError extends Error {
  constructor(
    readonly fragment: string,
    problem: string,
  ) {
    super(`placeholder "${fragment}" ${problem}`);
    this.name = 'PlaceholderSyntaxError';
  }
}

const TOKEN = /\{\{([^{}]*)\}\}/g;
const KEY = /^[A-Za-z][A-Za-z0-9]*(?::[A-Za-z0-9._-]+)*$/;

/** Parse the key of one placeholder (`change:re-ee`). @throws PlaceholderSyntaxError */
export function parseKey(raw: string): PlaceholderRef {
  const key = raw.trim();
  if (!KEY.test(key))
    throw new PlaceholderSyntaxError(`{{${raw}}}`, 'is not name or name:arg:… (letters, digits, - . _)');
  const [name, ...args] = key.split(':');
  return { key, name: name!, args };
}

/**
 * Every placeholder in `text`, in order.
 * @throws PlaceholderSyntaxError for a malformed one or an unmatched `{{` / `}}`
 */
export function findPlaceholders(text: string): PlaceholderRef[] {
  const out: PlaceholderRef[] = [];
  for (const m of text.matchAll(TOKEN)) out.push(parseKey(m[1]!));
  const rest = text.replace(TOKEN, '');
  const stray = /\{\{|\}\}/.exec(rest);
  if (stray)
    throw new PlaceholderSyntaxError(
      rest.slice(Math.max(0, stray.index - 10), stray.index + 12),
      'has unmatched braces',
    );
  return out;
}

/** Replace every placeholder in `text` by `value(ref)`. */
export function fillPlaceholders(text: string, value: (ref: PlaceholderRef) => string): string {
  return text.replace(TOKEN, (_, raw: string) => value(parseKey(raw)));
}

/** What a step's run offers, for checking placeholder arguments without running it. */
export interface PlaceholderScope {
  /** Group ids of the step's protocol (control included). */
  readonly groups: readonly string[];
  /** Groups with a resistance bout / an endurance bout. */
  readonly withRe: readonly string[];
  readonly withEe: readonly string[];
  /** The control group's id. */
  readonly control: string;
  /** Observable names (series usable in placeholders). */
  readonly series: readonly string[];
  /** Parameter names of the model. */
  readonly parameters: readonly string[];
}

/** Why `ref` cannot be computed in `scope`, or `undefined` when it can. */
export function placeholderProblem(ref: PlaceholderRef, scope: PlaceholderScope): string | undefined {
  const spec = BY_NAME.get(ref.name);
  if (!spec) return `unknown placeholder "{{${ref.key}}}" (see docs/teaching.md for the list)`;
  if (ref.args.length !== spec.args.length) {
    const form = [spec.name, ...spec.args.map((a) => `<${a.name}>`)].join(':');
    return `placeholder "{{${ref.key}}}" needs ${spec.args.length} argument(s): {{${form}}}`;
  }
  for (let i = 0; i < spec.args.length; i++) {
    const a = spec.args[i]!;
    const v = ref.args[i]!;
    const bad = (why: string) => `placeholder "{{${ref.key}}}": ${a.name} "${v}" ${why}`;
    if (a.kind === 'group') {
      if (!scope.groups.includes(v))
        return bad(`is not a group of this step's protocol (${scope.groups.join(', ')})`);
      if (v === scope.control) return bad('is the control group (every value is a fold of it)');
      if (/afterRe|ratioAfterRe|peakAfterRe|dip/.test(spec.name) && !scope.withRe.includes(v))
        return bad('has no RE bout');
      if (spec.name === 'gapClear' && v !== 're-ee' && v !== 'ee-re') return bad('must be re-ee or ee-re');
      if ((spec.name === 'afterEe' || spec.name === 'sinceRun') && !scope.withEe.includes(v))
        return bad('has no EE bout');
    } else if (a.kind === 'series') {
      if (!scope.series.includes(v)) return bad(`is not a series (${scope.series.join(', ')})`);
    } else if (a.kind === 'minutes') {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 2880) return bad('is not a number of minutes from 0 to 2880');
    } else if (!scope.parameters.includes(v)) return bad('is not a parameter of the model');
  }
  if (['change', 'aucChange24', 'dip', 'dipAt'].includes(spec.name) && !scope.groups.includes('re'))
    return `placeholder "{{${ref.key}}}" needs an "re" (RE only) group`;
  if (spec.name.startsWith('order') && !(scope.groups.includes('re-ee') && scope.groups.includes('ee-re')))
    return `placeholder "{{${ref.key}}}" needs the "re-ee" and "ee-re" groups`;
  return undefined;
}

/** The placeholder list as a Markdown table (docs/teaching.md embeds it; a test keeps it equal). */
export function placeholderTable(): string {
  const rows = PLACEHOLDERS.map((p) => {
    const form = ['{{', [p.name, ...p.args.map((a) => `<${a.name}>`)].join(':'), '}}'].join('');
    const shown = {
      fold: 'fold, two decimals',
      change: 'signed percentage (real minus sign)',
      percent: 'percentage',
      time: 'h:mm, then “h”',
      duration: 'minutes, then “min”',
      intensity: 'percentage (of VO2max)',
      parameter: 'value and unit',
    }[p.kind];
    return `| \`${form}\` | ${p.meaning.replace(/\|/g, '\\|')} | ${shown}${p.scan ? ' · scan' : ''} |`;
  });
  return ['| placeholder | value | shown as |', '|---|---|---|', ...rows].join('\n');
}
