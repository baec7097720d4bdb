/**
 * The lesson picker: a dialog listing the bundled lessons with their length and each one's
 * remembered progress, to start or continue a lesson or open its worksheet and answer key.
 * Lesson files that fail their checks are listed with the error, for whoever wrote them.
 */
import { h, replace } from '../dom.ts';
import { loadLessonProgress, type StorageLike } from '../storage.ts';
import { allLessons, brokenLessons } from './registry.ts';

/** What the picker can ask for. */
export interface PickerActions {
  open(id: string, step?: number): void;
  print(id: string, kind: 'worksheet' | 'key'): void;
}

/** Create the picker dialog (appended to the page once); returns a function that opens it. */
export function createPicker(storage: StorageLike | undefined, actions: PickerActions): () => void {
  const list = h('ul', { class: 'lesson-list' });
  const close = h('button', { type: 'button', class: 'small lesson-picker-close' }, 'Close');
  const dialog = h(
    'dialog',
    { class: 'lesson-picker', id: 'lesson-picker', 'aria-labelledby': 'lesson-picker-title' },
    h('div', { class: 'lesson-picker-head' }, h('h2', { id: 'lesson-picker-title' }, 'Lessons'), close),
    h(
      'p',
      { class: 'hint' },
      'Short guided lessons for a class: predict, look, explain. Each step sets the simulator up for you; change anything, and come back with “Back to this step’s set-up”. A toy model of one rat study — the last lesson says what it cannot tell you.',
    ),
    list,
  );
  document.body.append(dialog);
  close.addEventListener('click', () => dialog.close());

  const fill = () => {
    const items = allLessons().map((l) => {
      const p = loadLessonProgress(storage, l.id);
      const where = !p
        ? 'Not started'
        : p.finished
          ? `Finished (last at step ${p.step + 1} of ${l.steps.length})`
          : `At step ${p.step + 1} of ${l.steps.length}`;
      const go = h(
        'button',
        { type: 'button', class: 'primary', 'data-open-lesson': l.id },
        p ? 'Continue' : 'Start',
      );
      go.setAttribute('aria-label', `${p ? 'Continue' : 'Start'}: ${l.title}`);
      go.addEventListener('click', () => {
        dialog.close();
        actions.open(l.id, p?.step);
      });
      const again = p
        ? h(
            'button',
            { type: 'button', class: 'small', 'aria-label': `Start again: ${l.title}` },
            'Start again',
          )
        : null;
      again?.addEventListener('click', () => {
        dialog.close();
        actions.open(l.id, 0);
      });
      const sheet = h(
        'button',
        { type: 'button', class: 'small', 'aria-label': `Worksheet: ${l.title}` },
        'Worksheet',
      );
      const key = h(
        'button',
        { type: 'button', class: 'small', 'aria-label': `Answer key: ${l.title}` },
        'Answer key',
      );
      sheet.addEventListener('click', () => {
        dialog.close();
        actions.print(l.id, 'worksheet');
      });
      key.addEventListener('click', () => {
        dialog.close();
        actions.print(l.id, 'key');
      });
      return h(
        'li',
        { class: 'lesson-item' },
        h('h3', {}, l.title),
        h('p', {}, l.summary),
        h(
          'p',
          { class: 'hint' },
          `${l.steps.length} steps · about ${l.minutes} min · ${l.audience} · ${where}`,
        ),
        h('div', { class: 'button-row' }, go, again, sheet, key),
      );
    });
    const broken = brokenLessons().map((b) =>
      h('li', { class: 'lesson-item broken' }, h('p', { role: 'alert' }, b.error)),
    );
    replace(list, ...items, ...broken);
  };

  return () => {
    fill();
    if (!dialog.open) dialog.showModal();
    (list.querySelector('button') as HTMLButtonElement | null)?.focus();
  };
}
