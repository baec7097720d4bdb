/**
 * Loading parts of the app on demand (the equations' KaTeX and compiler, the Explore panel, the
 * lessons) so that a failed load is never final: the failure is shown in plain words, and the
 * next attempt fetches again instead of replaying a cached rejection.
 *
 * Two things would otherwise make one network drop permanent: a rejected `import()` promise kept
 * in a variable, and a stylesheet `<link>` that failed while Vite preloaded a chunk's CSS (Vite
 * remembers it as seen and never adds it again). `retryingLoader` forgets rejections, and
 * `reviveFailedStylesheets` replaces failed links before each retry.
 */
import { h, replace } from './dom.ts';

/**
 * Wrap `load` so that concurrent calls share one attempt, a success is kept, and a failure is
 * forgotten (the next call tries again).
 */
export function retryingLoader<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  let failures = 0;
  return () => {
    if (!pending) {
      if (failures > 0) reviveFailedStylesheets();
      pending = load().catch((e: unknown) => {
        pending = undefined;
        failures += 1;
        throw e;
      });
    }
    return pending;
  };
}

/**
 * Replace every stylesheet `<link>` that failed to load (no `sheet`) with a fresh copy, so the
 * browser fetches it again. Returns how many were replaced.
 */
export function reviveFailedStylesheets(doc: Document = document): number {
  let n = 0;
  for (const link of Array.from(doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]'))) {
    if (link.sheet) continue;
    const fresh = link.cloneNode() as HTMLLinkElement;
    link.replaceWith(fresh);
    n += 1;
  }
  return n;
}

/** Plain words for a failed load of `what` ("the equations"), without the browser's jargon. */
export function loadFailureText(what: string, online: boolean): string {
  const why = online
    ? 'The download failed (perhaps the app was just updated, or the connection dropped).'
    : 'This device seems to be offline.';
  return `Could not load ${what}. ${why} It will load when you open this section again, or press “Try again”.`;
}

/**
 * Show a failed load in `container`: the plain message and a "Try again" button that calls
 * `retry`. The technical reason is kept in a collapsed line for whoever debugs it.
 */
export function showLoadFailure(
  container: HTMLElement,
  what: string,
  error: unknown,
  retry: () => void,
): void {
  const online = typeof navigator === 'undefined' ? true : navigator.onLine;
  const again = h('button', { type: 'button', class: 'small', 'data-retry': '' }, 'Try again');
  again.addEventListener('click', retry);
  replace(
    container,
    h(
      'div',
      { class: 'load-failure presenter-keep', role: 'alert' },
      h('p', {}, loadFailureText(what, online)),
      again,
      h(
        'details',
        { class: 'hint' },
        h('summary', {}, 'Technical detail'),
        error instanceof Error ? error.message : String(error),
      ),
    ),
  );
}
