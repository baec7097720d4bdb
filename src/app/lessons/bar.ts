/**
 * The lesson card's title bar: the lesson's name, one button per step (done steps marked),
 * Back / Next (Finish on the last step), More (link to this step, worksheet, answer key, all
 * lessons), Hide / Show and Close.
 */
import { h, replace } from '../dom.ts';
import type { Lesson } from './schema.ts';

/** What the bar's buttons ask for. */
export interface BarActions {
  go(step: number): void;
  next(): void;
  previous(): void;
  close(): void;
  openPicker(): void;
  print(kind: 'worksheet' | 'key'): void;
  /** A link to the current step (to copy). */
  link(): string;
  /** The card was collapsed (true) or expanded. */
  collapse(collapsed: boolean): void;
}

/** A mounted bar. */
export interface LessonBar {
  readonly root: HTMLElement;
  /** Show `lesson` at step `index`; `done(i)` tells whether step i was revealed. */
  update(lesson: Lesson, index: number, done: (i: number) => boolean): void;
  /** Expand the card again (a lesson was opened). */
  expand(): void;
}

/** Create the bar. */
export function createLessonBar(a: BarActions): LessonBar {
  const title = h('span', { class: 'lesson-name' });
  const steps = h('ol', { class: 'lesson-dots' });
  const button = (label: string, key: string, extra: Record<string, string> = {}) =>
    h('button', { type: 'button', class: 'small', 'data-lesson': key, ...extra }, label);
  const prev = button('← Back', 'prev', { 'aria-keyshortcuts': 'ArrowLeft', class: '' });
  const next = button('Next →', 'next', { 'aria-keyshortcuts': 'ArrowRight', class: 'primary' });
  const hide = button('Hide', 'collapse', { 'aria-expanded': 'true' });
  const close = button('Close lesson', 'close');
  const status = h('span', { class: 'lesson-copy-status', role: 'status' });
  const linkBtn = button('Copy link to this step', 'link');
  const sheet = button('Worksheet', 'worksheet');
  const key = button('Answer key', 'key');
  const list = button('All lessons', 'list');
  const more = h(
    'details',
    { class: 'lesson-more' },
    h('summary', {}, 'More'),
    h('div', { class: 'lesson-more-body' }, linkBtn, sheet, key, list, status),
  );
  // `presenter-keep`: presenter mode trims the controls column, but never the lesson.
  const root = h(
    'div',
    { class: 'lesson-bar presenter-keep' },
    title,
    h('nav', { class: 'lesson-nav', 'aria-label': 'Lesson steps' }, steps),
    h('div', { class: 'lesson-buttons' }, prev, next, more, hide, close),
  );
  let collapsed = false;
  const setCollapsed = (on: boolean) => {
    collapsed = on;
    hide.textContent = on ? 'Show' : 'Hide';
    hide.setAttribute('aria-expanded', String(!on));
    a.collapse(on);
  };
  prev.addEventListener('click', () => a.previous());
  next.addEventListener('click', () => a.next());
  hide.addEventListener('click', () => setCollapsed(!collapsed));
  close.addEventListener('click', () => a.close());
  list.addEventListener('click', () => a.openPicker());
  sheet.addEventListener('click', () => a.print('worksheet'));
  key.addEventListener('click', () => a.print('key'));
  linkBtn.addEventListener('click', async () => {
    const url = a.link();
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = 'Link copied.';
    } catch {
      status.textContent = url;
    }
  });
  return {
    root,
    update(lesson, index, done) {
      title.textContent = lesson.title;
      replace(
        steps,
        ...lesson.steps.map((s, i) => {
          const b = h(
            'button',
            {
              type: 'button',
              class: `lesson-dot${done(i) ? ' done' : ''}`,
              'aria-label': `Step ${i + 1}: ${s.title.replace(/\{\{[^}]*\}\}/g, '…')}${done(i) ? ' (answered)' : ''}`,
              'aria-current': i === index ? 'step' : undefined,
            },
            String(i + 1),
          );
          b.addEventListener('click', () => a.go(i));
          return h('li', {}, b);
        }),
      );
      prev.disabled = index === 0;
      next.textContent = index === lesson.steps.length - 1 ? 'Finish' : 'Next →';
    },
    expand: () => setCollapsed(false),
  };
}
