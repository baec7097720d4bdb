/**
 * The browser app's entry point: loads the scenario (URL, else saved state, else the study
 * preset), mounts the panels and wires every change to a worker run. Holds the only mutable
 * app state; panels receive data and report changes through callbacks.
 */
import { bundledSpec as getModel } from '../../models/bundled.ts';
import { mountChartsPanel } from './charts-panel.ts';
import { createController } from './controller.ts';
import { mountEquationsPanel } from './equations-panel.ts';
import { mountEvidencePanel } from './evidence.ts';
import { mountFilesPanel } from './files-panel.ts';
import { mountParamsPanel } from './params-panel.ts';
import { mountPredictPrompt } from './predict.ts';
import { mountScenarioPanel } from './scenario-panel.ts';
import { createPersister, loadInitialScenario, shareUrl } from './storage.ts';
import { mountTimeline } from './timeline.ts';
import './styles.css';

const $ = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
};

const initial = loadInitialScenario(location, window.localStorage);
const spec = getModel(initial.scenario.modelId);

const persister = createPersister(history, location, window.localStorage);
// Write any pending state before the page goes away, so a reload never loses an edit.
window.addEventListener('pagehide', () => persister.flush());
document.addEventListener('visibilitychange', () => persister.flush());

const controller = createController({
  spec,
  initial: initial.scenario,
  presenter: initial.presenter,
  messages: initial.errors.map((e) => e.message),
  elements: {
    messages: $('messages'),
    runError: $('run-error'),
    summary: $('summary'),
    pin: $('pin') as HTMLButtonElement,
    shareUrl: $('share-url') as HTMLInputElement,
  },
  mount: {
    scenario: (o) => mountScenarioPanel($('scenario-panel'), o),
    params: (o) => mountParamsPanel($('params-panel'), o),
    timeline: (o) => mountTimeline($('timeline-panel'), o),
    charts: (onCursor) => mountChartsPanel($('charts-panel'), onCursor),
    evidence: () => mountEvidencePanel($('evidence-panel')),
    equations: () => mountEquationsPanel($('equations-panel')),
    predict: () => mountPredictPrompt($('predict-panel')),
    files: (o) => mountFilesPanel($('files-panel'), o),
  },
  persist: (s, presenter) => persister.persist(s, presenter),
  createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
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

// The explore panel is loaded the first time its section is opened.
const explore = $('explore-section') as HTMLDetailsElement;
explore.addEventListener('toggle', async () => {
  if (!explore.open || explore.dataset.mounted) return;
  explore.dataset.mounted = '1';
  const { mountExplorePanel } = await import('./explore/index.ts');
  mountExplorePanel($('explore-panel'), {
    getScenario: () => controller.getScenario(),
    loadScenario: (s) => controller.load(s),
    onScenarioChange: (listener) => controller.onScenarioChange(listener),
  });
});

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => controller.redraw(), 150);
});

controller.start();
