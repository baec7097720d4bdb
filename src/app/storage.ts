/**
 * Where the scenario lives between page loads: the URL (query, or a hash fragment), then
 * localStorage, then the study preset. The URL is rewritten after every valid change so the
 * address bar is always a share link. An open lesson adds `lesson=<id>&step=<n>` to the URL, and
 * each lesson's progress is kept in localStorage (every storage access is guarded: storage may be
 * disabled or full, and then the app simply forgets).
 */
import {
  type AppScenario,
  type DecodedScenario,
  decodeScenario,
  defaultScenario,
  encodeScenario,
  type ScenarioFieldError,
} from './state.ts';

/** localStorage key of the last scenario (an encoded query string). */
export const STORAGE_KEY = 'exercise-order-lab:scenario';

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

/** The query string of a location: `?…` if present, else the hash fragment without `#`. */
export function locationQuery(loc: Pick<Location, 'search' | 'hash'>): URLSearchParams {
  if (loc.search.length > 1) return new URLSearchParams(loc.search);
  return new URLSearchParams(loc.hash.replace(/^#/, ''));
}

/** Load the scenario: URL first (when it holds scenario fields), then saved state, then defaults. */
export function loadInitialScenario(
  loc: Pick<Location, 'search' | 'hash'>,
  storage: StorageLike | undefined,
): InitialScenario {
  const q = locationQuery(loc);
  const lesson = lessonLink(q);
  for (const k of LESSON_KEYS) q.delete(k);
  const presenter = q.get('presenter') === '1' || q.get('presenter') === 'true';
  const hasScenario = [...q.keys()].some((k) => k !== 'presenter');
  if (hasScenario) return { ...decodeScenario(q), source: 'url', presenter, lesson };
  let saved: string | null = null;
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  if (saved) {
    const d = decodeScenario(saved);
    const errors: ScenarioFieldError[] = d.errors.map((e) => ({
      ...e,
      message: e.message.replace(/^URL:/, 'Saved state:'),
    }));
    return { scenario: d.scenario, errors, source: 'saved', presenter, lesson };
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

/** The full share link for a scenario. */
export function shareUrl(
  s: AppScenario,
  presenter: boolean,
  loc: Pick<Location, 'origin' | 'pathname'>,
): string {
  return `${loc.origin}${loc.pathname}?${scenarioQuery(s, presenter)}`;
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
        hist.replaceState(null, '', `${loc.pathname}?${scenarioQuery(written.s, written.presenter, extra)}`);
    },
  };
}

/** Write the scenario to the address bar and to localStorage; returns the share link. */
export function persistScenario(
  s: AppScenario,
  presenter: boolean,
  hist: Pick<History, 'replaceState'>,
  loc: Pick<Location, 'origin' | 'pathname'>,
  storage: StorageLike | undefined,
  extra: Readonly<Record<string, string>> = {},
): string {
  const query = scenarioQuery(s, presenter, extra);
  hist.replaceState(null, '', `${loc.pathname}?${query}`);
  try {
    storage?.setItem(STORAGE_KEY, encodeScenario(s).toString());
  } catch {
    // Storage may be full or disabled (private mode); the URL still holds the state.
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
