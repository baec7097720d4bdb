/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * The browser app's entry point: loads the scenario (URL, else saved state, else the study
 * preset), mounts the panels and wires every change to a worker run. Holds the only mutable
 * app state; panels receive data and report changes through callbacks. Also wires undo/redo
 * (buttons and Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl+Y), the lessons (loaded on demand), the panels
 * loaded on first open (retried after a failure) and the service worker that makes the app work
 * offline.
 */
// biome-ignore-all assist/source/organizeImports: zod-csp.ts must be evaluated first (zod must not probe for eval under the Content-Security-Policy)
import { ZOD_JITLESS } from './zod-csp.ts';
import { registerSW } from 'virtual:pwa-register';
import type { ModelSpec } from '../model/spec.ts';
import { mountChartsPanel } from './charts-panel.ts';
import { createController } from './controller.ts';
import { h, replace } from './dom.ts';
import { mountEquationsPanel } from './equations-panel.ts';
import { mountEvidencePanel } from './evidence.ts';
import { ModelFileClient, mountFilesPanel } from './files-panel.ts';
import { retryingLoader, showLoadFailure } from './lazy.ts';
import type { Lessons } from './lessons/index.ts';
import { modelSpec, registerOpenedModel } from './model-registry.ts';
import { mountNotices, showFieldErrors } from './notices.ts';
import { clearOpenedModel, loadStoredModel, storeOpenedModel } from './opened-model.ts';
import { mountParamsPanel } from './params-panel.ts';
import { mountPredictPrompt } from './predict.ts';
import { mountScenarioPanel, showIntensityBand } from './scenario-panel.ts';
import { decodeScenario, defaultScenario } from './state.ts';
import {
  browserStorage,
  createPersister,
  guardedStorage,
  loadInitialScenario,
  locationQuery,
  shareUrl,
  storageProblemText,
} from './storage.ts';
import { mountTimeline } from './timeline.ts';
import './styles.css';

if (!ZOD_JITLESS) throw new Error('zod must run without eval here (Content-Security-Policy)');

const $ = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
};

// Notices about storage and share links: non-blocking, each said once, above the messages.
const noticeList = h('div', { id: 'notices', class: 'messages', role: 'status' });
$('messages').before(noticeList);
const notices = mountNotices(noticeList);
// Every storage call is guarded: blocked storage (SecurityError), a full quota or a throwing
// getter leave the app working from the URL, and the page says so once.
const storage = guardedStorage(browserStorage(), (problem) => {
  notices.once(`storage-${problem}`, storageProblemText(problem));
  document.body.dataset.storage = problem;
});
// A model opened from a file on an earlier visit is checked in full by the model-file worker
// before it is registered (below); a link that names it is applied again once it is.
const stored = loadStoredModel(storage);
// The link as opened (the app rewrites the address bar once it starts).
const startQuery = locationQuery(location);
const initial = loadInitialScenario(location, storage);
const waitsForStored = (e: { field: string; value: string }) =>
  stored.status === 'found' && e.field === 'model' && e.value === stored.spec.id;
const spec = modelSpec(initial.scenario.modelId);

const persister = createPersister(history, location, storage);
// Write any pending state before the page goes away, so a reload never loses an edit.
window.addEventListener('pagehide', () => persister.flush());
document.addEventListener('visibilitychange', () => persister.flush());

const modelFiles = new ModelFileClient(
  () => new Worker(new URL('./model-file.worker.ts', import.meta.url), { type: 'module' }),
);

const controller = createController({
  spec,
  initial: initial.scenario,
  presenter: initial.presenter,
  messages: [
    ...(stored.status === 'refused' ? [stored.message] : []),
    ...initial.errors.filter((e) => !waitsForStored(e)).map((e) => e.message),
  ],
  modelFiles,
  onModelOpened: (opened) => {
    if (!storeOpenedModel(storage, opened))
      replace(
        $('messages'),
        h('p', { class: 'notice' }, 'The opened model could not be stored: it will not survive a reload.'),
      );
  },
  elements: {
    messages: $('messages'),
    runError: $('run-error'),
    summary: $('summary'),
    pin: $('pin') as HTMLButtonElement,
    shareUrl: $('share-url') as HTMLInputElement,
  },
  mount: {
    scenario: (o) => mountScenarioPanel($('scenario-panel'), o),
    params: (o) => {
      // Mounted again when the model changes: its parameters are the model's.
      replace($('params-panel'));
      return mountParamsPanel($('params-panel'), o);
    },
    timeline: (o) => mountTimeline($('timeline-panel'), o),
    charts: (onCursor, onUncertainty) => mountChartsPanel($('charts-panel'), onCursor, onUncertainty),
    evidence: () => mountEvidencePanel($('evidence-panel')),
    equations: () => mountEquationsPanel($('equations-panel')),
    predict: () => mountPredictPrompt($('predict-panel')),
    files: (o) => mountFilesPanel($('files-panel'), o),
  },
  persist: (s, presenter) => persister.persist(s, presenter),
  createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  createUncertaintyWorker: () =>
    new Worker(new URL('./uncertainty.worker.ts', import.meta.url), { type: 'module' }),
  onIntensityBand: (band) => {
    const field = document.getElementById('ee-intensity')?.closest('.field');
    if (field instanceof HTMLElement) showIntensityBand(field, band);
  },
});

$('reset').addEventListener('click', () => controller.reset());
$('pin').addEventListener('click', () => controller.togglePin());
const presenterBox = $('presenter') as HTMLInputElement;
presenterBox.checked = initial.presenter;
presenterBox.addEventListener('change', () => controller.setPresenter(presenterBox.checked));
$('copy-link').addEventListener('click', async () => {
  const url = shareUrl(controller.getScenario(), controller.isPresenter(), location);
  const status = $('copy-status');
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = 'Link copied.';
  } catch {
    (document.getElementById('share-url') as HTMLInputElement).select();
    status.textContent = 'Select the link above and copy it.';
  }
});

// The explore panel is loaded the first time its section is opened; a failed load says so and is
// tried again the next time the section is opened.
const explore = $('explore-section') as HTMLDetailsElement;
const loadExplore = retryingLoader(() => import('./explore/index.ts'));
const mountExplore = async () => {
  if (!explore.open || explore.dataset.mounted) return;
  explore.dataset.mounted = '1';
  const panel = $('explore-panel');
  try {
    const { mountExplorePanel } = await loadExplore();
    replace(panel);
    mountExplorePanel(panel, {
      getScenario: () => controller.getScenario(),
      loadScenario: (s) => controller.load(s, 'map cell'),
      onScenarioChange: (listener) => controller.onScenarioChange(listener),
    });
  } catch (e) {
    delete explore.dataset.mounted;
    showLoadFailure(panel, 'the Explore panel', e, () => void mountExplore());
  }
};
explore.addEventListener('toggle', () => void mountExplore());

// ---- undo / redo -----------------------------------------------------------------------------
const mac = /Mac|iPhone|iPad/.test(navigator.userAgent);
const undoBtn = h(
  'button',
  { type: 'button', id: 'undo', 'aria-keyshortcuts': mac ? 'Meta+Z' : 'Control+Z', disabled: true },
  'Undo',
);
const redoBtn = h(
  'button',
  {
    type: 'button',
    id: 'redo',
    'aria-keyshortcuts': mac ? 'Meta+Shift+Z' : 'Control+Shift+Z Control+Y',
    disabled: true,
  },
  'Redo',
);
$('pin').after(undoBtn, redoBtn);
undoBtn.addEventListener('click', () => controller.undo());
redoBtn.addEventListener('click', () => controller.redo());
controller.onHistoryChange(({ undo, redo }) => {
  const key = mac ? '⌘' : 'Ctrl+';
  undoBtn.disabled = undo === undefined;
  redoBtn.disabled = redo === undefined;
  undoBtn.title = undo ? `Undo ${undo} (${key}Z)` : 'Nothing to undo';
  redoBtn.title = redo ? `Redo ${redo} (${mac ? '⇧⌘Z' : 'Ctrl+Y'})` : 'Nothing to redo';
});
/** A text field keeps its own undo (typing); everything else undoes scenario edits. */
const editsText = (t: EventTarget | null) =>
  t instanceof HTMLTextAreaElement ||
  (t instanceof HTMLElement && t.isContentEditable) ||
  (t instanceof HTMLInputElement &&
    !['range', 'checkbox', 'radio', 'button', 'submit', 'file'].includes(t.type));
window.addEventListener('keydown', (ev) => {
  if (!(ev.ctrlKey || ev.metaKey) || ev.altKey || editsText(ev.target)) return;
  const k = ev.key.toLowerCase();
  const redo = (k === 'z' && ev.shiftKey) || (k === 'y' && !ev.shiftKey);
  if (k !== 'z' && !redo) return;
  ev.preventDefault();
  if (redo) controller.redo();
  else controller.undo();
});

// ---- lessons (loaded on demand) ---------------------------------------------------------------
const lessonRoot = $('lesson-panel');
const loadLessons = retryingLoader(() => import('./lessons/index.ts'));
let lessons: Lessons | undefined;
const withLessons = async (then: (l: Lessons) => void) => {
  try {
    const m = await loadLessons();
    lessons ??= m.mountLessons({
      controller,
      root: lessonRoot,
      storage,
      setUrlExtra: (extra) => persister.setExtra(extra),
      isPresenter: () => controller.isPresenter(),
      startedFromUrlScenario: initial.source === 'url',
    });
    then(lessons);
  } catch (e) {
    lessonRoot.hidden = false;
    showLoadFailure(lessonRoot, 'the lessons', e, () => void withLessons(then));
  }
};
$('lessons-button').addEventListener('click', () => void withLessons((l) => l.openPicker()));
if (initial.lesson) {
  const link = initial.lesson;
  void withLessons((l) =>
    link.print ? l.showPrint(link.id, link.print) : l.open(link.id, { step: link.step, fromLink: true }),
  );
}

// ---- offline: the service worker (not on file://, where it cannot run) ------------------------
const notice = h('div', { class: 'app-notice', role: 'status', id: 'app-notice' });
document.body.append(notice);
const tell = (...content: (Node | string)[]) => {
  replace(notice, ...content);
};
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const updateSW = registerSW({
    onNeedRefresh() {
      const reload = h('button', { type: 'button', class: 'small' }, 'Reload');
      const later = h('button', { type: 'button', class: 'small' }, 'Later');
      reload.addEventListener('click', () => void updateSW(true));
      later.addEventListener('click', () => replace(notice));
      tell(h('span', {}, 'A new version of the app is ready. '), reload, later);
    },
    onOfflineReady() {
      tell('Ready to work offline: this page now reloads without a network.');
      setTimeout(() => replace(notice), 6000);
    },
  });
}

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => controller.redraw(), 150);
});

controller.start();
showFieldErrors(
  document,
  initial.errors.filter((e) => !waitsForStored(e)),
);

// A share link opened beside the scenario saved in this browser: the saved one was kept (in the
// earlier scenarios) and can be restored in one click (an undoable step).
if (initial.saved) {
  const saved = initial.saved;
  const restore = h(
    'button',
    { type: 'button', class: 'small', id: 'restore-saved' },
    'Restore my saved scenario',
  );
  const item = notices.once(
    'saved-kept',
    'This link opened its own scenario. The scenario saved in this browser was kept — ',
    restore,
  );
  restore.addEventListener('click', () => {
    controller.load(decodeScenario(saved.query, 'Saved state').scenario, 'restore saved scenario');
    item?.remove();
  });
}

if (stored.status === 'found') {
  void modelFiles.request({ type: 'check', raw: stored.spec }).then((reply) => {
    const verdict = reply.ok
      ? (reply.value as { ok: boolean; spec?: ModelSpec; problems?: readonly string[] })
      : undefined;
    if (verdict?.ok && verdict.spec) {
      registerOpenedModel(verdict.spec);
      // The link named the stored model: read it again now that the model is known.
      if (initial.errors.some(waitsForStored))
        controller.load(decodeScenario(startQuery).scenario, 'stored model');
      return;
    }
    const why = verdict?.problems ?? [reply.ok ? 'unknown problem' : reply.message];
    clearOpenedModel(storage);
    replace(
      $('messages'),
      h(
        'div',
        { class: 'notice', role: 'alert' },
        h(
          'p',
          {},
          `The model stored from your last visit (“${stored.spec.name}”) failed validation and was not loaded:`,
        ),
        h('ul', {}, ...why.map((w) => h('li', {}, w))),
      ),
    );
    if (controller.getScenario().modelId === stored.spec.id)
      controller.load(defaultScenario(), 'stored model refused');
  });
}
