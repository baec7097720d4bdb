/**
 * Non-blocking notices about where the scenario lives: storage that is blocked or full (said
 * once), a share link that opened beside the scenario saved in this browser (with a button to
 * restore it), and decoding problems shown next to the control they concern.
 */
import { h, replace } from './dom.ts';
import type { ScenarioFieldError } from './state.ts';

/** A list of notices, each shown at most once per page load. */
export interface Notices {
  /** Show a notice under `key` unless one with that key was shown already; returns its element. */
  once(key: string, ...content: (Node | string)[]): HTMLElement | undefined;
}

/** Mount the notices list into `container` (a polite live region: it never takes the focus). */
export function mountNotices(container: HTMLElement): Notices {
  const shown = new Set<string>();
  return {
    once(key, ...content) {
      if (shown.has(key)) return undefined;
      shown.add(key);
      const close = h('button', { type: 'button', class: 'small' }, 'Dismiss');
      const item = h('div', { class: 'notice', 'data-notice': key }, h('p', {}, ...content), close);
      close.addEventListener('click', () => item.remove());
      container.append(item);
      return item;
    },
  };
}

/** The id of the control a decoded field belongs to (`undefined`: no single control). */
export function controlIdOf(field: string): string | undefined {
  if (field.startsWith('p.')) return `param-${field.slice(2)}`;
  const ids: Record<string, string> = {
    gap: 'gap',
    ee: 'ee-intensity',
    eeDur: 'ee-duration',
    at: 'readout-at',
    protocol: 'protocol-preset',
    show: 'groups-shown',
    groups: 'timeline-panel',
    g: 'timeline-panel',
  };
  return Object.hasOwn(ids, field) ? ids[field] : undefined;
}

/**
 * Put each decoding message next to its control (after the control's field), marked as the
 * control's description; messages without a control stay in the general list only. Returns how
 * many were placed.
 */
export function showFieldErrors(doc: Document, errors: readonly ScenarioFieldError[]): number {
  let placed = 0;
  for (const e of errors) {
    const id = controlIdOf(e.field);
    const control = id ? doc.getElementById(id) : null;
    if (!control) continue;
    const field = control.closest('.field') ?? control;
    const noteId = `field-error-${id}`;
    let note = doc.getElementById(noteId);
    if (!note) {
      note = h('p', { class: 'field-error', id: noteId, role: 'note' });
      field.after(note);
    }
    replace(note, e.message);
    control.setAttribute('aria-invalid', 'true');
    const described = control.getAttribute('aria-describedby');
    if (!described?.split(' ').includes(noteId))
      control.setAttribute('aria-describedby', described ? `${described} ${noteId}` : noteId);
    placed += 1;
  }
  return placed;
}
