/**
 * Where the scenario lives between page loads: the URL (query, or a hash fragment), then
 * localStorage, then the study preset. The URL is rewritten after every valid change so the
 * address bar is always a share link.
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

/** The scenario to start with, where it came from and what was wrong with it. */
export interface InitialScenario extends DecodedScenario {
  readonly source: 'url' | 'saved' | 'default';
  readonly presenter: boolean;
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
  const presenter = q.get('presenter') === '1' || q.get('presenter') === 'true';
  const hasScenario = [...q.keys()].some((k) => k !== 'presenter');
  if (hasScenario) return { ...decodeScenario(q), source: 'url', presenter };
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
    return { scenario: d.scenario, errors, source: 'saved', presenter };
  }
  return { scenario: defaultScenario(), errors: [], source: 'default', presenter };
}

/** The query string for a scenario, with `presenter=1` when on. */
export function scenarioQuery(s: AppScenario, presenter: boolean): string {
  const q = encodeScenario(s);
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { s, presenter } = pending;
    pending = undefined;
    persistScenario(s, presenter, hist, loc, storage);
  };
  return {
    persist(s, presenter) {
      pending = { s, presenter };
      timer ??= setTimeout(flush, delayMs);
      return shareUrl(s, presenter, loc);
    },
    flush,
  };
}

/** Write the scenario to the address bar and to localStorage; returns the share link. */
export function persistScenario(
  s: AppScenario,
  presenter: boolean,
  hist: Pick<History, 'replaceState'>,
  loc: Pick<Location, 'origin' | 'pathname'>,
  storage: StorageLike | undefined,
): string {
  const query = scenarioQuery(s, presenter);
  hist.replaceState(null, '', `${loc.pathname}?${query}`);
  try {
    storage?.setItem(STORAGE_KEY, encodeScenario(s).toString());
  } catch {
    // Storage may be full or disabled (private mode); the URL still holds the state.
  }
  return shareUrl(s, presenter, loc);
}
