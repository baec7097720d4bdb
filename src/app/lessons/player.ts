/**
 * The lesson player: the lesson card above the charts. Each step sets the simulator up (its
 * scenario goes through the controller, so it is one undo step like any edit), points at the
 * charts that matter, asks for a prediction with the answer hidden, reveals and explains.
 * ←/→ move between steps (not while typing, on a slider, a bout or the sketch). Progress is
 * remembered per lesson; the URL carries `lesson` and `step`, so a link opens the same step.
 */
import type { Controller } from '../controller.ts';
import { h, replace } from '../dom.ts';
import { resolveScenario } from '../resolve.ts';
import { type AppScenario, encodeScenario } from '../state.ts';
import { type LessonProgress, loadLessonProgress, type StorageLike, saveLessonProgress } from '../storage.ts';
import { createLessonBar } from './bar.ts';
import { mpsFigure } from './chart-geometry.ts';
import type { StepNumbers } from './numbers.ts';
import { renderFeedback, renderPrediction } from './prediction.ts';
import { lessonById } from './registry.ts';
import type { Lesson } from './schema.ts';
import { mountSketch, type SketchLayer } from './sketch.ts';
import { pendingStep, type ResolvedStep } from './steps.ts';
import { paragraphs } from './text.ts';
import { applyView, clearView, firstFocused, type StepView } from './veil.ts';

/** What the player needs from the app. */
export interface LessonHost {
  readonly controller: Controller;
  /** The lesson card's container (`#lesson-panel`). */
  readonly root: HTMLElement;
  readonly storage: StorageLike | undefined;
  /** Put `lesson` and `step` in the address bar (`{}` removes them). */
  setUrlExtra(extra: Readonly<Record<string, string>>): void;
  isPresenter(): boolean;
  /** The page was opened with a scenario in its URL (a reload keeps the student's edits). */
  readonly startedFromUrlScenario: boolean;
}

/** A running lesson player. */
export interface Player {
  open(id: string, o?: { step?: number | undefined; fromLink?: boolean }): void;
  close(): void;
  isOpen(): boolean;
  /** The open lesson and step (from 0), if any. */
  position(): { lesson: Lesson; step: number } | undefined;
  go(step: number): void;
}

const same = (a: AppScenario, b: AppScenario) =>
  encodeScenario(a).toString() === encodeScenario(b).toString();

/** Whether an element is wholly inside the viewport. */
function inView(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= (window.innerHeight || document.documentElement.clientHeight);
}

/** Whether ←/→ belong to the focused element rather than to step navigation. */
export function ownsArrows(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"]')) return true;
  if (
    target.closest('[role="slider"], [role="radiogroup"], [role="listbox"], [role="tablist"], [role="menu"]')
  )
    return true;
  return target.closest('.bout, .timeline-panel, #timeline-panel') !== null;
}

/** Create the player. `openPicker` shows the lesson list; `print` opens a worksheet. */
export function createPlayer(
  host: LessonHost,
  numbers: StepNumbers,
  actions: { openPicker(): void; print(id: string, kind: 'worksheet' | 'key'): void },
): Player {
  const { root, controller } = host;
  let lesson: Lesson | undefined;
  let index = 0;
  let progress: LessonProgress = { step: 0, revealed: [], answers: {}, finished: false };
  let sketch: SketchLayer | undefined;
  let teacherOpen = false;
  let ticket = 0;
  let resolved: ResolvedStep | undefined;

  const save = () => {
    if (lesson) saveLessonProgress(host.storage, lesson.id, progress);
  };
  const isRevealed = (i: number) => progress.revealed.includes(i);

  // ---- chrome: the bar above the step -------------------------------------------------------
  const bar = createLessonBar({
    go: (i) => go(i),
    next: () => {
      if (lesson && index === lesson.steps.length - 1) finish();
      else go(index + 1);
    },
    previous: () => go(index - 1),
    close: () => close(),
    openPicker: () => actions.openPicker(),
    print: (kind) => lesson && actions.print(lesson.id, kind),
    link: () => {
      const q = new URLSearchParams({ lesson: lesson?.id ?? '', step: String(index + 1) });
      if (host.isPresenter()) q.set('presenter', '1');
      return `${location.origin}${location.pathname}?${q}`;
    },
    collapse: (on) => root.classList.toggle('collapsed', on),
  });
  const body = h('div', { class: 'lesson-body presenter-keep', id: 'lesson-body' });

  // ---- the step -----------------------------------------------------------------------------
  const setupNote = h(
    'p',
    { class: 'lesson-setup-note', hidden: true },
    'You changed the set-up: the numbers in the text are for this step’s set-up. ',
  );
  const restore = h(
    'button',
    { type: 'button', class: 'small', 'data-lesson': 'restore' },
    'Back to this step’s set-up',
  );
  setupNote.append(restore);
  restore.addEventListener('click', () => {
    if (lesson) controller.load(lesson.scenarios[index]!, `lesson step ${index + 1}`);
  });
  const refreshSetupNote = () => {
    if (!lesson) return;
    setupNote.hidden = same(controller.getScenario(), lesson.scenarios[index]!);
  };
  controller.onScenarioChange(() => queueMicrotask(refreshSetupNote));

  const view = (revealed: boolean): StepView => {
    const step = lesson!.steps[index]!;
    const p = step.predict;
    const hideGroups: readonly string[] | 'all' | undefined =
      revealed || !p ? undefined : (p.hide ?? (p.kind === 'sketch' ? [p.group] : 'all'));
    return {
      ...(step.focus?.charts ? { charts: step.focus.charts } : {}),
      ...(step.focus?.groups ? { groups: step.focus.groups } : {}),
      ...(step.focus?.window ? { window: step.focus.window } : {}),
      ...(hideGroups ? { hide: hideGroups } : {}),
    };
  };

  const renderStep = (r: ResolvedStep, focusHeading: boolean) => {
    const l = lesson!;
    const revealed = isRevealed(index);
    const heading = h(
      'h2',
      { class: 'lesson-step-title', id: 'lesson-step-title', tabindex: -1 },
      h('span', { class: 'lesson-step-count' }, `Step ${index + 1} of ${l.steps.length}: `),
      r.title,
    );
    const feedback = h('div', {
      class: 'lesson-feedback',
      id: 'lesson-feedback',
      tabindex: -1,
      'aria-live': 'polite',
    });
    let predictBlock: HTMLElement | null = null;
    if (r.predict) {
      const o = {
        step: r,
        predict: r.predict,
        picked: progress.answers[String(index)],
        revealed,
        sketch,
        onPick: (id: string) => {
          progress = { ...progress, answers: { ...progress.answers, [String(index)]: id } };
          save();
        },
        onReveal: () => reveal(),
      };
      predictBlock = renderPrediction(o);
      if (revealed) renderFeedback({ ...o, result: controller.getResult() }, feedback);
    }
    const teacher = h(
      'details',
      { class: 'lesson-teacher', open: teacherOpen },
      h('summary', {}, 'Teacher notes'),
      ...paragraphs(r.teacher),
    );
    teacher.addEventListener('toggle', () => {
      teacherOpen = teacher.open;
    });
    const failed = r.checks.filter((c) => !c.pass);
    replace(
      body,
      heading,
      ...paragraphs(r.text),
      predictBlock,
      feedback,
      failed.length
        ? h(
            'p',
            { class: 'alert', role: 'alert' },
            `This step no longer matches the model: ${failed.map((c) => `${c.value} = ${c.raw.toPrecision(3)} (${c.why})`).join('; ')}`,
          )
        : null,
      setupNote,
      teacher,
    );
    root.dataset.step = String(index + 1);
    if (focusHeading) heading.focus();
  };

  const renderBar = () => bar.update(lesson!, index, isRevealed);

  const mountStepSketch = () => {
    sketch?.destroy();
    sketch = undefined;
    const p = lesson!.steps[index]!.predict;
    const fig = mpsFigure();
    if (p?.kind !== 'sketch' || !fig) return;
    const group = resolveScenario(lesson!.scenarios[index]!).protocol.groups.find((g) => g.id === p.group);
    sketch = mountSketch({
      figure: fig,
      from: p.from,
      to: p.to,
      groupLabel: group?.label ?? p.group,
      onDone: () => (body.querySelector('[data-lesson="reveal"]') as HTMLElement | null)?.focus(),
    });
    if (isRevealed(index)) sketch.setRevealed(true);
  };

  function show(focusHeading: boolean) {
    const l = lesson!;
    const mine = ++ticket;
    renderBar();
    applyView(view(isRevealed(index)));
    resolved = pendingStep(l, index);
    body.setAttribute('aria-busy', 'true');
    root.dataset.pending = 'true';
    renderStep(resolved, false);
    mountStepSketch();
    refreshSetupNote();
    if (focusHeading) (body.querySelector('#lesson-step-title') as HTMLElement | null)?.focus();
    // Bring the step's first chart into view when it sits beside the lesson card (a wide
    // screen); on a phone the card is above the charts and its text comes first.
    const target = firstFocused(view(true));
    const beside = target && root.getBoundingClientRect().right <= target.getBoundingClientRect().left;
    if (target && beside && !inView(target)) target.scrollIntoView({ block: 'start' });
    numbers.get(l.id, index).then(
      (r) => {
        if (mine !== ticket) return;
        resolved = r;
        const hadFocus =
          body.contains(document.activeElement) && document.activeElement?.id === 'lesson-step-title';
        renderStep(r, hadFocus);
        body.setAttribute('aria-busy', 'false');
        root.dataset.pending = 'false';
        // Warm the cache for the next step while the class reads this one.
        if (index + 1 < l.steps.length) void numbers.get(l.id, index + 1).catch(() => {});
      },
      (e: Error) => {
        if (mine !== ticket) return;
        root.dataset.pending = 'false';
        body.setAttribute('aria-busy', 'false');
        body.append(
          h('p', { class: 'alert', role: 'alert' }, `Could not compute this step’s numbers: ${e.message}`),
        );
      },
    );
  }

  function go(i: number, o: { keepScenario?: boolean; focus?: boolean } = {}) {
    if (!lesson) return;
    const n = Math.min(lesson.steps.length - 1, Math.max(0, i));
    if (n === index) return;
    index = n;
    progress = { ...progress, step: n, finished: progress.finished || n === lesson.steps.length - 1 };
    save();
    host.setUrlExtra({ lesson: lesson.id, step: String(n + 1) });
    const want = lesson.scenarios[n]!;
    if (!o.keepScenario && !same(controller.getScenario(), want))
      controller.load(want, `lesson step ${n + 1}`);
    root.dataset.lesson = lesson.id;
    show(o.focus ?? true);
  }

  function reveal() {
    if (!lesson) return;
    if (!isRevealed(index)) progress = { ...progress, revealed: [...progress.revealed, index] };
    save();
    applyView(view(true));
    sketch?.setRevealed(true);
    if (resolved) renderStep(resolved, false);
    renderBar();
    (body.querySelector('#lesson-feedback') as HTMLElement | null)?.focus();
  }

  function finish() {
    if (!lesson) return;
    progress = { ...progress, finished: true };
    save();
    close();
    actions.openPicker();
  }

  function close() {
    ticket++;
    sketch?.destroy();
    sketch = undefined;
    clearView();
    lesson = undefined;
    root.hidden = true;
    delete root.dataset.lesson;
    document.body.classList.remove('lesson-open');
    host.setUrlExtra({});
  }

  // ←/→ between steps, unless the focused element uses the arrows itself.
  window.addEventListener('keydown', (ev) => {
    if (!lesson || ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return;
    if (ownsArrows(ev.target) || document.querySelector('dialog[open]')) return;
    ev.preventDefault();
    go(index + (ev.key === 'ArrowRight' ? 1 : -1));
  });

  return {
    open(id, o = {}) {
      const l = lessonById(id);
      root.hidden = false;
      document.body.classList.add('lesson-open');
      if (!l) {
        lesson = undefined;
        const list = h('button', { type: 'button' }, 'Show the lessons');
        list.addEventListener('click', () => actions.openPicker());
        replace(
          root,
          h('p', { class: 'alert presenter-keep', role: 'alert' }, `There is no lesson “${id}”. `, list),
        );
        return;
      }
      sketch?.destroy();
      sketch = undefined;
      lesson = l;
      progress = loadLessonProgress(host.storage, l.id) ?? {
        step: 0,
        revealed: [],
        answers: {},
        finished: false,
      };
      if (!root.contains(bar.root)) replace(root, bar.root, body);
      bar.expand();
      const start = o.step ?? progress.step;
      index = -1;
      // A reloaded link that carries the student's own edits keeps them.
      go(start, { keepScenario: o.fromLink === true && host.startedFromUrlScenario, focus: !o.fromLink });
    },
    close,
    isOpen: () => lesson !== undefined,
    position: () => (lesson ? { lesson, step: index } : undefined),
    go: (i) => go(i),
  };
}
