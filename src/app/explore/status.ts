/**
 * What every long computation of the explore panel shares: a status line that is a polite live
 * region (announcing the start, progress in 10 % steps and the end, not every chunk), and run
 * buttons that show they are busy without losing keyboard focus (`aria-disabled` instead of
 * `disabled`, since a disabled button drops focus to the page body).
 */
import { h } from '../dom.ts';

/** A status line for one computation. */
export interface LiveStatus {
  readonly element: HTMLElement;
  /** Say something now (start, done, cancelled, out of date). */
  say(text: string): void;
  /** Progress: announced when it crosses the next 10 %, with `words(done, all)`. */
  progress(done: number, all: number, words: (done: number, all: number) => string): void;
}

/** A `role="status"` element (polite, atomic) with `id`. */
export function liveStatus(id: string, tag: 'p' | 'span' = 'p', initial = ''): LiveStatus {
  const element = h(
    tag,
    { id, class: 'hint explore-status', role: 'status', 'aria-atomic': 'true' },
    initial,
  );
  let step = -1;
  return {
    element,
    say(text) {
      step = -1;
      element.textContent = text;
    },
    progress(done, all, words) {
      const next = all > 0 ? Math.floor((10 * done) / all) : 0;
      if (next === step) return;
      step = next;
      element.textContent = words(done, all);
    },
  };
}

/**
 * Mark a run button busy or idle. A busy button stays focusable and says so
 * (`aria-disabled="true"`); `isBusy` tells a click or submit handler to ignore it.
 */
export function setBusy(button: HTMLButtonElement, busy: boolean): void {
  if (busy) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
  button.classList.toggle('busy', busy);
}

/** Is this button marked busy by `setBusy`? */
export function isBusy(button: HTMLButtonElement): boolean {
  return button.getAttribute('aria-disabled') === 'true';
}

/**
 * Disable `button` (a Cancel button, say); when it held the focus, hand the focus to `next`
 * first, so keyboard users are never dropped to the page body.
 */
export function disableKeepingFocus(button: HTMLButtonElement, next: HTMLElement): void {
  if (button.disabled) return;
  const hadFocus = document.activeElement === button;
  button.disabled = true;
  if (hadFocus) next.focus();
}
