/**
 * Where the scenario lives between page loads: the URL (query, or a hash fragment), then
 * localStorage, then the study preset. The URL is rewritten after every valid change so the
 * address bar is always a share link; a long scenario goes into the fragment (`#…`), which is
 * never sent to the server, so a reload always works. An open lesson adds `lesson=<id>&step=<n>`
 * to the URL, and each lesson's progress is kept in localStorage.
 *
 * Nothing the user built is lost: a share link opens beside the saved scenario, never silently
 * over it (the saved one goes into a short history of earlier scenarios and the page offers to
 * restore it); every storage access is guarded (blocked storage throws `SecurityError`, full
 * storage `QuotaExceededError`), and a failure is reported once while the app goes on working
 * from the URL; a scenario that fails validation is never saved.
 */
import {
  type AppScenario,
  type DecodedScenario,
  decodeScenario,
  defaultScenario,
  encodeScenario,
  SCENARIO_BOUNDS,
} from './state.ts';

/** localStorage key of the last scenario (an encoded query string). */
export const STORAGE_KEY = 'exercise-order-lab:scenario';

/** localStorage key of the earlier scenarios a share link opened over (JSON list, newest first). */
export const HISTORY_KEY = 'exercise-order-lab:earlier-scenarios';

/** How many earlier scenarios are kept. */
export const HISTORY_LENGTH = 5;

/** Longest query written to the address bar as `?…`; longer scenarios go into the fragment. */
export const MAX_QUERY_LENGTH = 2000;

/** Query keys that belong to the lesson player, not to the scenario. */
export const LESSON_KEYS = Object.freeze(['lesson', 'step', 'print'] as const);

/** A lesson named in the URL: `?lesson=<id>&step=<n>` (n from 1), optionally `&print=worksheet|key`. */
export interface LessonLink {
  readonly id: string;
  /** Step index from 0 (the URL counts from 1); `undefined` when the URL names none. */
  readonly step: number | undefined;
  readonly print: 'worksheet' | 'key' | undefined;
}

/** The scenario to start with, where it came from and what was wrong with it. */
export interface InitialScenario extends DecodedScenario {
  readonly source: 'url' | 'saved' | 'default';
  /**
   * The scenario saved in this browser when a link opened a different one: it is kept (in the
   * earlier scenarios) and the page offers to restore it.
   */
  readonly saved?: EarlierScenario | undefined;
  readonly presenter: boolean;
  /** The lesson the URL opens, if any. */
  readonly lesson: LessonLink | undefined;
}

/** The lesson named by a query, if any (a step that is not a whole number ≥ 1 is ignored). */
export function lessonLink(q: URLSearchParams): LessonLink | undefined {
  const id = q.get('lesson');
  if (!id) return undefined;
  const raw = q.get('step');
  const n = raw === null ? Number.NaN : Number(raw);
  const print = q.get('print');
  return {
    id,
    step: Number.isInteger(n) && n >= 1 ? n - 1 : undefined,
    print: print === 'worksheet' || print === 'key' ? print : undefined,
  };
}

/** `window.localStorage`, or `undefined` where merely touching it throws (blocked storage). */
export function browserStorage(): StorageLike | undefined {
  try {
    return window.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Minimal storage surface (localStorage, or a stub). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Why storage did not work: blocked (reading throws, or no storage at all) or full (writing throws). */
export type StorageProblem = 'blocked' | 'full';

/** Plain words for a storage problem, shown once. */
export function storageProblemText(problem: StorageProblem): string {
  return problem === 'blocked'
    ? 'This browser blocks saved data for this page, so nothing is kept between visits: the address bar holds your scenario — bookmark it or copy the share link.'
    : 'This browser’s storage is full, so the latest changes are not saved here: the address bar holds your scenario — bookmark it or copy the share link.';
}

/**
 * Storage whose every call is guarded: reads that throw return `null`, writes that throw are
 * dropped, and `onProblem` hears of each kind of problem once. `raw` undefined means storage is
 * blocked outright (touching `window.localStorage` threw).
 */
export function guardedStorage(
  raw: StorageLike | undefined,
  onProblem: (problem: StorageProblem, error: unknown) => void,
): StorageLike {
  const told = new Set<StorageProblem>();
  const tell = (problem: StorageProblem, error: unknown) => {
    if (told.has(problem)) return;
    told.add(problem);
    onProblem(problem, error);
  };
  const isQuota = (e: unknown) =>
    e instanceof Error && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');
  return {
    getItem(key) {
      if (!raw) {
        tell('blocked', undefined);
        return null;
      }
      try {
        const v = raw.getItem(key);
        return typeof v === 'string' ? v : null;
      } catch (e) {
        tell('blocked', e);
        return null;
      }
    },
    setItem(key, value) {
      if (!raw) {
        tell('blocked', undefined);
        return;
      }
      try {
        raw.setItem(key, value);
      } catch (e) {
        tell(isQuota(e) ? 'full' : 'blocked', e);
      }
    },
  };
}

/** A scenario kept because a share link opened over it. */
export interface EarlierScenario {
  /** The encoded scenario (a query string without `?`). */
  readonly query: string;
  /** When it was put aside (ms since 1970). */
  readonly keptAt: number;
}

/** The earlier scenarios, newest first (none when storage is blocked or the record is damaged). */
export function earlierScenarios(storage: StorageLike | undefined): EarlierScenario[] {
  let text: string | null = null;
  try {
    text = storage?.getItem(HISTORY_KEY) ?? null;
  } catch {
    return [];
  }
  if (!text) return [];
  try {
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) return [];
    return list
      .filter(
        (x): x is EarlierScenario =>
          typeof x === 'object' &&
          x !== null &&
          typeof (x as EarlierScenario).query === 'string' &&
          typeof (x as EarlierScenario).keptAt === 'number',
      )
      .slice(0, HISTORY_LENGTH)
      .map((x) => ({ query: x.query, keptAt: x.keptAt }));
  } catch {
    return [];
  }
}

/** Put `query` at the front of the earlier scenarios (once; at most `HISTORY_LENGTH` kept). */
export function keepEarlierScenario(storage: StorageLike | undefined, query: string, now = Date.now()): void {
  const list = earlierScenarios(storage).filter((x) => x.query !== query);
  const next = [{ query, keptAt: now }, ...list].slice(0, HISTORY_LENGTH);
  try {
    storage?.setItem(HISTORY_KEY, JSON.stringify(next));
  } catch {
    // Guarded storage reports the problem; a raw stub that throws just forgets.
  }
}

/** The query text of a location: `?…` if present, else the hash fragment, without `?`/`#`. */
export function locationText(loc: Pick<Location, 'search' | 'hash'>): string {
  if (loc.search.length > 1) return loc.search.slice(1);
  return loc.hash.replace(/^#/, '');
}

/** The query string of a location: `?…` if present, else the hash fragment without `#`. */
export function locationQuery(loc: Pick<Location, 'search' | 'hash'>): URLSearchParams {
  return new URLSearchParams(locationText(loc));
}

/**
 * Load the scenario: URL first (when it holds scenario fields), then saved state, then defaults.
 * When a link opens a scenario other than the saved one, the saved one is put aside in the
 * earlier scenarios (so the link never silently replaces it) and returned as `saved`.
 */
export function loadInitialScenario(
  loc: Pick<Location, 'search' | 'hash'>,
  storage: StorageLike | undefined,
): InitialScenario {
  const text = locationText(loc);
  const q = new URLSearchParams(text.length > SCENARIO_BOUNDS.queryLength ? '' : text);
  const lesson = lessonLink(q);
  for (const k of LESSON_KEYS) q.delete(k);
  const presenter = q.get('presenter') === '1' || q.get('presenter') === 'true';
  let saved: string | null = null;
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  const hasScenario =
    text.length > SCENARIO_BOUNDS.queryLength || [...q.keys()].some((k) => k !== 'presenter');
  if (hasScenario) {
    q.delete('presenter');
    const decoded = decodeScenario(text.length > SCENARIO_BOUNDS.queryLength ? text : q.toString(), 'URL');
    let kept: EarlierScenario | undefined;
    if (saved && saved !== encodeScenario(decoded.scenario).toString()) {
      const valid = decodeScenario(saved, 'Saved state');
      if (valid.errors.length === 0) {
        keepEarlierScenario(storage, saved);
        kept = { query: saved, keptAt: Date.now() };
      }
    }
    return { ...decoded, source: 'url', presenter, lesson, saved: kept };
  }
  if (saved) {
    const d = decodeScenario(saved, 'Saved state');
    return { scenario: d.scenario, errors: d.errors, source: 'saved', presenter, lesson };
  }
  return { scenario: defaultScenario(), errors: [], source: 'default', presenter, lesson };
}

/**
 * The query string for a scenario, with `presenter=1` when on; `extra` fields (an open lesson's
 * `lesson` and `step`) come first.
 */
export function scenarioQuery(
  s: AppScenario,
  presenter: boolean,
  extra: Readonly<Record<string, string>> = {},
): string {
  const q = new URLSearchParams(extra as Record<string, string>);
  for (const [k, v] of encodeScenario(s)) q.append(k, v);
  if (presenter) q.set('presenter', '1');
  return q.toString();
}

/**
 * The address (path and `?query`) for a query: a query longer than `MAX_QUERY_LENGTH` goes into
 * the fragment (`#…`) instead, which servers never see, so no reload is refused (HTTP 431/414).
 */
export function addressFor(pathname: string, query: string): string {
  return `${pathname}${query.length > MAX_QUERY_LENGTH ? '#' : '?'}${query}`;
}

/** The full share link for a scenario. */
export function shareUrl(
  s: AppScenario,
  presenter: boolean,
  loc: Pick<Location, 'origin' | 'pathname'>,
): string {
  return `${loc.origin}${addressFor(loc.pathname, scenarioQuery(s, presenter))}`;
}

/** A coalescing writer of the scenario to the address bar and localStorage. */
export interface Persister {
  /** Schedule a write of `s` and return its share link at once. */
  persist(s: AppScenario, presenter: boolean): string;
  /** Write any pending state now (call on `pagehide`, so a reload never loses an edit). */
  flush(): void;
  /**
   * Fields written before the scenario in the address bar (the open lesson and step; `{}` for
   * none). Rewrites the address bar at once when a scenario was already written.
   */
  setExtra(extra: Readonly<Record<string, string>>): void;
}

/**
 * Write the scenario at most once per `delayMs` while a slider is being dragged: history and
 * storage writes cost a few milliseconds each, which would otherwise eat the frame budget. The
 * share link is returned synchronously; the last state always gets written (trailing edge).
 */
export function createPersister(
  hist: Pick<History, 'replaceState'>,
  loc: Pick<Location, 'origin' | 'pathname'>,
  storage: StorageLike | undefined,
  delayMs = 250,
): Persister {
  let pending: { s: AppScenario; presenter: boolean } | undefined;
  let written: { s: AppScenario; presenter: boolean } | undefined;
  let extra: Readonly<Record<string, string>> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { s, presenter } = pending;
    written = pending;
    pending = undefined;
    persistScenario(s, presenter, hist, loc, storage, extra);
  };
  return {
    persist(s, presenter) {
      pending = { s, presenter };
      timer ??= setTimeout(flush, delayMs);
      return shareUrl(s, presenter, loc);
    },
    flush,
    setExtra(next) {
      extra = { ...next };
      if (pending) flush();
      else if (written)
        hist.replaceState(
          null,
          '',
          addressFor(loc.pathname, scenarioQuery(written.s, written.presenter, extra)),
        );
    },
  };
}

/**
 * Write the scenario to the address bar and to localStorage; returns the share link. A scenario
 * whose encoding does not decode cleanly is written to the address bar only, never saved.
 */
export function persistScenario(
  s: AppScenario,
  presenter: boolean,
  hist: Pick<History, 'replaceState'>,
  loc: Pick<Location, 'origin' | 'pathname'>,
  storage: StorageLike | undefined,
  extra: Readonly<Record<string, string>> = {},
): string {
  const query = scenarioQuery(s, presenter, extra);
  hist.replaceState(null, '', addressFor(loc.pathname, query));
  const encoded = encodeScenario(s).toString();
  if (decodeScenario(encoded).errors.length > 0) return shareUrl(s, presenter, loc);
  try {
    storage?.setItem(STORAGE_KEY, encoded);
  } catch {
    // Storage may be full or disabled (private mode); guarded storage says so once, and the URL
    // still holds the state.
  }
  return shareUrl(s, presenter, loc);
}

/** localStorage key prefix of each lesson's progress. */
export const LESSON_PROGRESS_PREFIX = 'exercise-order-lab:lesson:';

/** What is remembered of one lesson: where the student was and what they answered. */
export interface LessonProgress {
  /** Current step, from 0. */
  readonly step: number;
  /** Steps whose answer was revealed (indices from 0). */
  readonly revealed: readonly number[];
  /** Chosen answer id per step index (multiple-choice predictions). */
  readonly answers: Readonly<Record<string, string>>;
  /** Every step was seen. */
  readonly finished: boolean;
}

/** A lesson's saved progress, or `undefined` (nothing saved, storage blocked, or a damaged record). */
export function loadLessonProgress(
  storage: StorageLike | undefined,
  lessonId: string,
): LessonProgress | undefined {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(LESSON_PROGRESS_PREFIX + lessonId) ?? null;
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const o = JSON.parse(raw) as Partial<LessonProgress>;
    if (!Number.isInteger(o.step) || (o.step as number) < 0) return undefined;
    const revealed = Array.isArray(o.revealed) ? o.revealed.filter((x) => Number.isInteger(x) && x >= 0) : [];
    const answers: Record<string, string> = {};
    if (o.answers && typeof o.answers === 'object')
      for (const [k, v] of Object.entries(o.answers)) if (typeof v === 'string') answers[k] = v;
    return { step: o.step as number, revealed, answers, finished: o.finished === true };
  } catch {
    return undefined;
  }
}

/** Remember a lesson's progress; silently does nothing when storage is blocked or full. */
export function saveLessonProgress(
  storage: StorageLike | undefined,
  lessonId: string,
  progress: LessonProgress,
): void {
  try {
    storage?.setItem(LESSON_PROGRESS_PREFIX + lessonId, JSON.stringify(progress));
  } catch {
    // Private mode or a full quota: progress is a convenience, the lesson still works.
  }
}
