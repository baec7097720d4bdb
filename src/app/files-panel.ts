/**
 * Downloads and uploads: the time courses as CSV (one long table, with its provenance in a
 * `.meta.json` sidecar downloaded alongside) or as one JSON file, the scenario as JSON, and
 * re-importing a scenario file with checked fields and readable messages.
 */
import type { SimulationResult } from '../simulate/simulate.ts';
import { runFiles } from './csv.ts';
import { download, h, replace } from './dom.ts';
import { type AppScenario, type DecodedScenario, scenarioFromJson, scenarioToJson } from './state.ts';

/** What the files panel needs from the app. */
export interface FilesPanelOptions {
  readonly getResult: () => SimulationResult | undefined;
  readonly getScenario: () => AppScenario;
  /** Load an imported scenario (its field errors are shown by this panel). */
  readonly loadScenario: (s: AppScenario) => void;
}

/** Mount the files panel into `container`. */
export function mountFilesPanel(container: HTMLElement, o: FilesPanelOptions): void {
  const messages = h('div', { class: 'file-messages', role: 'status', id: 'import-messages' });
  const filesOf = (r: SimulationResult) => {
    const scenario = o.getScenario();
    return runFiles(r, { url: location.href, scenario, parameterPreset: scenario.paramPreset || null });
  };
  const csv = h('button', { type: 'button', id: 'download-csv' }, 'Time courses (CSV + provenance)');
  csv.addEventListener('click', () => {
    const r = o.getResult();
    if (!r) return;
    const files = filesOf(r);
    download(new Blob([files.csv.text], { type: 'text/csv' }), files.csv.name);
    download(new Blob([files.meta.text], { type: 'application/json' }), files.meta.name);
    replace(
      messages,
      h(
        'p',
        {},
        `Downloaded ${files.csv.name} and ${files.meta.name}, which records the model, every parameter, the protocol and this page's address (if the browser asks, allow both files).`,
      ),
    );
  });
  const json = h('button', { type: 'button', id: 'download-json' }, 'Time courses (JSON)');
  json.addEventListener('click', () => {
    const r = o.getResult();
    if (!r) return;
    const files = filesOf(r);
    download(new Blob([files.json.text], { type: 'application/json' }), files.json.name);
  });
  const scenario = h('button', { type: 'button', id: 'download-scenario' }, 'Scenario (JSON)');
  scenario.addEventListener('click', () => {
    download(
      new Blob([scenarioToJson(o.getScenario())], { type: 'application/json' }),
      'exercise-order-lab-scenario.json',
    );
  });
  const file = h('input', { type: 'file', id: 'import-scenario', accept: '.json,application/json' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    const decoded: DecodedScenario = scenarioFromJson(await f.text());
    replace(
      messages,
      decoded.errors.length === 0
        ? h('p', {}, `Loaded ${f.name}.`)
        : h('ul', { class: 'field-error' }, ...decoded.errors.map((e) => h('li', {}, e.message))),
    );
    o.loadScenario(decoded.scenario);
    file.value = '';
  });
  container.append(
    h('div', { class: 'button-row' }, csv, json, scenario),
    h('div', { class: 'field' }, h('label', { for: 'import-scenario' }, 'Open a scenario file'), file),
    messages,
  );
}
