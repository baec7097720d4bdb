/**
 * What a scenario from outside (a link's query or fragment, the browser's saved copy, a scenario
 * file) may hold: the bounds, declared once, and one zod schema per group of fields (settings,
 * groups and bouts, shown ids). `state.ts` checks each field group on its own with these, so one
 * bad field falls back alone and the rest of the scenario still loads.
 *
 * Raw fields are gathered into objects without a prototype, and names are looked up with
 * `Object.hasOwn`: `?p.constructor=1` or `{"params": {"__proto__": 1}}` name no parameter.
 *
 * zod's `mini` build keeps the page's first load small (the full validator loads only with the
 * model compiler, in the worker).
 */
import * as z from 'zod/mini';
import type { Bout, Group } from '../protocol/protocol.ts';

/** Limits of the settings, declared once (minutes / fractions). */
export const SETTING_LIMITS = Object.freeze({
  gap: { min: 0, max: 720, label: 'gap', unit: 'min' },
  eeIntensity: { min: 0.3, max: 1, label: 'EE intensity', unit: 'fraction of VO2max' },
  eeDuration: { min: 5, max: 180, label: 'EE duration', unit: 'min' },
  reIntensity: { min: 0.1, max: 2, label: 'RE load', unit: 'relative load' },
  afterResistance: { min: 0, max: 720, label: 'readout time', unit: 'min after RE' },
});

/** The settings a scenario holds, in URL order. */
export const SETTING_KEYS = ['gap', 'eeIntensity', 'eeDuration', 'reIntensity', 'afterResistance'] as const;

/**
 * Bounds on edited protocols, so no link can ask for more work than a page can draw: groups,
 * bouts, the time span of the bouts (a week), one bout's length (a day), label and id lengths.
 */
export const SCENARIO_BOUNDS = Object.freeze({
  /** Groups, the control included. */
  groups: 20,
  /** Bouts in one group. */
  boutsPerGroup: 24,
  /** Latest end of any bout, minutes from the start (7 days). */
  lastEnd: 7 * 24 * 60,
  /** Longest bout, minutes. */
  boutDuration: 24 * 60,
  /** Largest bout intensity any model could accept (each model's own limits are checked too). */
  intensity: 10,
  /** Characters of a group label. */
  labelLength: 60,
  /** Characters of a group id. */
  idLength: 40,
  /** Characters of a whole query or fragment (longer text is refused before parsing). */
  queryLength: 100_000,
  /** Fields of a query that are looked at. */
  queryFields: 500,
  /** Messages shown for one decode (the rest are counted). */
  messages: 12,
});

const B = SCENARIO_BOUNDS;

/** A setting as a bounded, finite number. */
export function settingSchema(k: (typeof SETTING_KEYS)[number]) {
  const lim = SETTING_LIMITS[k];
  return z.number().check(z.minimum(lim.min), z.maximum(lim.max));
}

const boutSchema = z.object({
  kind: z.enum(['resistance', 'endurance'], { error: 'kind must be "resistance" or "endurance"' }),
  start: z
    .number({ error: 'start must be a number' })
    .check(
      z.minimum(0, { error: 'start must be ≥ 0 min' }),
      z.maximum(B.lastEnd, { error: `start must be ≤ ${B.lastEnd} min (7 days)` }),
    ),
  duration: z
    .number({ error: 'duration must be a number' })
    .check(
      z.positive({ error: 'duration must be > 0 min' }),
      z.maximum(B.boutDuration, { error: `duration must be ≤ ${B.boutDuration} min` }),
    ),
  intensity: z
    .number({ error: 'intensity must be a number' })
    .check(
      z.minimum(0, { error: 'intensity must be ≥ 0' }),
      z.maximum(B.intensity, { error: `intensity must be ≤ ${B.intensity}` }),
    ),
});

/** One group: id, label (plain text, no control characters) and bouts. */
export const groupSchema = z.object({
  id: z
    .string({ error: 'group id must be text' })
    .check(
      z.maxLength(B.idLength, { error: `group id must be at most ${B.idLength} characters` }),
      z.regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'group id must be lower-case letters, digits and -' }),
    ),
  label: z.optional(
    z.string({ error: 'label must be text' }).check(
      z.maxLength(B.labelLength, { error: `label must be at most ${B.labelLength} characters` }),
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      z.regex(/^[^\u0000-\u001f\u007f]*$/, {
        error: 'label must not hold line breaks or control characters',
      }),
    ),
  ),
  bouts: z
    .array(boutSchema, { error: 'bouts must be a list' })
    .check(z.maxLength(B.boutsPerGroup, { error: `at most ${B.boutsPerGroup} bouts per group` })),
});

/** The edited groups: at least one, at most `SCENARIO_BOUNDS.groups`. */
export const groupsSchema = z
  .array(groupSchema, { error: 'is not a list of groups' })
  .check(
    z.minLength(1, { error: 'is an empty list of groups' }),
    z.maxLength(B.groups, { error: `holds more than ${B.groups} groups` }),
  );

/** Ids of the groups drawn. */
export const shownSchema = z
  .array(z.string().check(z.maxLength(B.idLength), z.regex(/^[a-z0-9][a-z0-9-]*$/)))
  .check(z.maxLength(B.groups));

/** Where in the groups a zod issue points, in words: `bout 3 of group 2`. */
export function issueText(issue: { path: readonly PropertyKey[]; message: string }): string {
  const [gi, key, bi] = issue.path;
  const group = typeof gi === 'number' ? `group ${gi + 1}` : '';
  const bout = key === 'bouts' && typeof bi === 'number' ? `bout ${bi + 1} of ` : '';
  return group ? `${bout}${group}: ${issue.message}` : issue.message;
}

/**
 * Parse one group from its compact text `id|R60/20/1,E80/60/0.7|label`, into plain values for
 * `groupSchema` to check (so the bout count is checked before a long list is parsed).
 * @throws Error with a message naming what is wrong
 */
export function parseGroupText(text: string): { id: string; label: string; bouts: Bout[] } {
  const first = text.indexOf('|');
  const second = first < 0 ? -1 : text.indexOf('|', first + 1);
  if (first < 0 || second < 0) throw new Error('expected id|bouts|label');
  const id = text.slice(0, first);
  const boutText = text.slice(first + 1, second);
  const label = text.slice(second + 1) || id;
  const bouts: Bout[] = [];
  if (boutText !== '') {
    const parts = boutText.split(',', B.boutsPerGroup + 1);
    if (parts.length > B.boutsPerGroup)
      throw new Error(`group "${id.slice(0, B.idLength)}" has more than ${B.boutsPerGroup} bouts`);
    for (const part of parts) {
      const m = /^([RE])(-?[0-9.eE+-]{1,24})\/([0-9.eE+-]{1,24})\/([0-9.eE+-]{1,24})$/.exec(part);
      if (!m)
        throw new Error(`bout "${part.slice(0, 40)}" is not kind+start/duration/intensity (e.g. R60/20/1)`);
      const [start, duration, intensity] = [Number(m[2]), Number(m[3]), Number(m[4])];
      if (![start, duration, intensity].every(Number.isFinite))
        throw new Error(`bout "${part}" has a non-number`);
      bouts.push({ kind: m[1] === 'R' ? 'resistance' : 'endurance', start, duration, intensity });
    }
  }
  return { id, label, bouts };
}

/** Checked groups (labels filled in with the id), or the first problem in words. */
export function checkGroupShapes(value: unknown): Group[] | string {
  const parsed = groupsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return issue.path.length === 0 ? issue.message : `is malformed: ${issueText(issue)}`;
  }
  return parsed.data.map((g) => ({
    id: g.id,
    label: g.label !== undefined && g.label !== '' ? g.label : g.id,
    bouts: g.bouts.map((b) => ({
      kind: b.kind,
      start: b.start,
      duration: b.duration,
      intensity: b.intensity,
    })),
  }));
}

/** The latest end of any bout (0 for none), without spreading a long list into `Math.max`. */
export function lastBoutEnd(groups: readonly Group[]): number {
  let last = 0;
  for (const g of groups) for (const b of g.bouts) last = Math.max(last, b.start + b.duration);
  return last;
}

/** A record without a prototype, so no key (`constructor`, `__proto__`) finds an inherited value. */
export function bareRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Own, enumerable entries of a value that should be a plain record (none for anything else). */
export function ownEntries(value: unknown): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
}
