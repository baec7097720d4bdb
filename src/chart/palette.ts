/**
 * Colour-blind-safe colours and dash patterns for the study groups (Okabe & Ito 2008 palette).
 * Every group gets both a colour and a dash pattern, so colour is never the only cue.
 */

/** The eight Okabe–Ito colours, by name. */
export const OKABE_ITO = Object.freeze({
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
});

/** Colour of each study group: control black, RE blue, EE orange, RE→EE vermillion, EE→RE bluish green. */
export const GROUP_COLORS: Readonly<Record<string, string>> = Object.freeze({
  control: OKABE_ITO.black,
  re: OKABE_ITO.blue,
  ee: OKABE_ITO.orange,
  're-ee': OKABE_ITO.vermillion,
  'ee-re': OKABE_ITO.bluishGreen,
});

/** SVG `stroke-dasharray` of each study group (`none` = solid). */
export const GROUP_DASHES: Readonly<Record<string, string>> = Object.freeze({
  control: '3 4',
  re: 'none',
  ee: '10 3 2 3',
  're-ee': '9 4',
  'ee-re': '2 3',
});

/** Colours used, by index, for ids that are not study groups (yellow last: weak on white). */
const FALLBACK_COLORS = Object.freeze([
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.orange,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
]);

/** Dash patterns used, by index, for ids that are not study groups. */
const FALLBACK_DASHES = Object.freeze(['none', '9 4', '2 3', '10 3 2 3', '5 5', '1 3']);

/**
 * Colours of a sensitivity analysis's lowered and raised parameter (a purple pair from ColorBrewer
 * PuOr, dark and light, so they differ in lightness too): no study group uses them, so a bar is
 * never mistaken for a group.
 */
export const SENSITIVITY_COLORS = Object.freeze({
  low: '#8073AC',
  high: '#542788',
});

/** Colour and dash of a derived readout that belongs to no group (e.g. the order effect). */
export const DERIVED_STYLE = Object.freeze({ color: '#555555', dash: '8 3 2 3' });

/** Fills of the two bout kinds (light, so lines drawn over them stay readable). */
export const BOUT_FILLS = Object.freeze({
  resistance: '#BBD7EC',
  endurance: '#F6DDA6',
});

/** Outline and hatching colours of the two bout kinds. */
export const BOUT_STROKES = Object.freeze({
  resistance: OKABE_ITO.blue,
  endurance: '#A06E00',
});

/** Neutral greys shared by all charts. */
export const GREYS = Object.freeze({
  text: '#222222',
  axis: '#444444',
  grid: '#E3E3E3',
  reference: '#555555',
  pinned: '#8C8C8C',
  missing: '#BDBDBD',
  pending: '#E0E0E0',
});

function wrapIndex(index: number, length: number): number {
  const i = Number.isFinite(index) ? Math.trunc(index) : 0;
  return ((i % length) + length) % length;
}

/**
 * Colour of a group: the study colour for a known id, otherwise a palette colour chosen by
 * `index` (the group's position in the chart).
 */
export function groupColor(id: string, index: number): string {
  return GROUP_COLORS[id] ?? FALLBACK_COLORS[wrapIndex(index, FALLBACK_COLORS.length)]!;
}

/** Dash pattern (`stroke-dasharray`) of a group: the study pattern for a known id, else by `index`. */
export function groupDash(id: string, index: number): string {
  return GROUP_DASHES[id] ?? FALLBACK_DASHES[wrapIndex(index, FALLBACK_DASHES.length)]!;
}

/** Colour and dash pattern of one group. */
export interface GroupStyle {
  readonly color: string;
  readonly dash: string;
}

/** The style of every group of a protocol, so one group looks the same in every chart. */
export type GroupPalette = ReadonlyMap<string, GroupStyle>;

/**
 * Styles for the groups `ids` (the whole protocol, in order, shown or not): study groups keep
 * their own colour and dash; other groups take the fallback colours in order, skipping colours
 * and dashes the study groups present already use. Give every chart of a run the same palette
 * and a group keeps its colour whichever groups are shown.
 */
export function groupPalette(ids: readonly string[]): GroupPalette {
  const known = ids.filter((id) => GROUP_COLORS[id] !== undefined);
  const usedColors = new Set(known.map((id) => GROUP_COLORS[id]!));
  const usedDashes = new Set(known.map((id) => GROUP_DASHES[id]!));
  const freeColors = FALLBACK_COLORS.filter((c) => !usedColors.has(c));
  const freeDashes = FALLBACK_DASHES.filter((d) => !usedDashes.has(d));
  const colors = freeColors.length ? freeColors : FALLBACK_COLORS;
  const dashes = freeDashes.length ? freeDashes : FALLBACK_DASHES;
  const out = new Map<string, GroupStyle>();
  let k = 0;
  for (const id of ids) {
    if (out.has(id)) continue;
    if (GROUP_COLORS[id] !== undefined) out.set(id, { color: GROUP_COLORS[id]!, dash: GROUP_DASHES[id]! });
    else {
      out.set(id, { color: colors[k % colors.length]!, dash: dashes[k % dashes.length]! });
      k++;
    }
  }
  return out;
}

/** The style of `id` in `palette`, or by `index` (`groupColor`/`groupDash`) when it is not there. */
export function styleOf(palette: GroupPalette | undefined, id: string, index: number): GroupStyle {
  return palette?.get(id) ?? { color: groupColor(id, index), dash: groupDash(id, index) };
}
