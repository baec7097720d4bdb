/**
 * Downloads and uploads: the time courses as CSV (one long table, with its provenance in a
 * `.meta.json` sidecar downloaded alongside) or as one JSON file, the scenario as JSON, and
 * re-importing a scenario file with checked fields and readable messages.
 */
import type { ModelSpec } from '../model/spec.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { runFiles } from './csv.ts';
import { download, h, replace } from './dom.ts';
import type { FileInspection, OpenedModel, SbmlDownload } from './model-file.ts';
import type { ModelFileReply, ModelFileRequest } from './model-file.worker.ts';
import { type AppScenario, type DecodedScenario, scenarioFromJson, scenarioToJson } from './state.ts';

/** What the files panel needs from the app. */
export interface FilesPanelOptions {
  readonly getResult: () => SimulationResult | undefined;
  readonly getScenario: () => AppScenario;
  /** Load an imported scenario (its field errors are shown by this panel). */
  readonly loadScenario: (s: AppScenario) => void;
  /** The model-file worker (SBML export, opening model files); without it those controls are absent. */
  readonly modelFiles?: ModelFileClient;
  /** The model opened from a file, if the scenario uses one. */
  readonly openedSpec?: () => ModelSpec | undefined;
  /** Run a checked model opened from a file. */
  readonly openModel?: (spec: ModelSpec) => void;
}

/** Latest-request client of the model-file worker (one request at a time is plenty here). */
export class ModelFileClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: ModelFileReply) => void>();
  private worker: ModelFileWorkerLike | undefined;
  constructor(private readonly create: () => ModelFileWorkerLike) {}

  /** Send a request; resolves with the reply (a failure to start the worker is a failed reply). */
  request(req: DistributiveOmit<ModelFileRequest, 'id'>): Promise<ModelFileReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      try {
        if (!this.worker) {
          const w = this.create();
          w.onmessage = (ev) => {
            this.waiting.get(ev.data.id)?.(ev.data);
            this.waiting.delete(ev.data.id);
          };
          w.onerror = (ev) => {
            ev.preventDefault?.();
            this.worker = undefined;
            for (const [k, done] of this.waiting)
              done({
                id: k,
                ok: false,
                message: `the model-file worker failed (${ev.message || 'unknown error'})`,
              });
            this.waiting.clear();
          };
          this.worker = w;
        }
        this.waiting.set(id, resolve);
        this.worker.postMessage({ ...req, id } as ModelFileRequest);
      } catch (e) {
        resolve({
          id,
          ok: false,
          message: `the model-file worker could not start (${(e as Error).message})`,
        });
      }
    });
  }
}

/** Minimal worker surface of the model-file worker. */
export interface ModelFileWorkerLike {
  postMessage(message: ModelFileRequest): void;
  onmessage: ((ev: MessageEvent<ModelFileReply>) => void) | null;
  onerror?: ((ev: ErrorEvent) => void) | null;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

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
  if (o.modelFiles) mountModelFiles(container, o, o.modelFiles);
}

/** "Export SBML" and "Open model file" (SBML or the project's JSON), with the input mapping. */
function mountModelFiles(container: HTMLElement, o: FilesPanelOptions, client: ModelFileClient): void {
  const out = h('div', { class: 'file-messages', role: 'status', id: 'model-file-messages' });
  const mapping = h('div', { class: 'model-mapping', id: 'model-mapping' });
  const say = (...content: (Node | string | null)[]) => replace(out, ...content);
  const problems = (title: string, lines: readonly string[]) =>
    say(
      h('p', { class: 'field-error' }, title),
      h('ul', { class: 'field-error', id: 'model-file-problems' }, ...lines.map((l) => h('li', {}, l))),
    );
  const exportBtn = h(
    'button',
    { type: 'button', id: 'export-sbml' },
    'Export SBML (this model and protocol)',
  );
  exportBtn.addEventListener('click', async () => {
    say('Writing SBML…');
    const opened = o.openedSpec?.();
    const reply = await client.request({
      type: 'export',
      scenario: o.getScenario(),
      ...(opened ? { opened } : {}),
    });
    if (!reply.ok) return problems('Could not export SBML:', [reply.message]);
    const file = reply.value as SbmlDownload;
    download(new Blob([file.xml], { type: 'application/xml' }), file.name);
    say(
      h(
        'p',
        {},
        `Downloaded ${file.name}: SBML Level 3 Version 2 with the current parameters; the RE→EE group's bouts drive the exercise inputs as functions of time. Open it in COPASI or Tellurium.`,
      ),
    );
  });
  const picker = h('input', {
    type: 'file',
    id: 'open-model',
    accept: '.xml,.sbml,.json,application/xml,application/json',
  });
  const run = async (
    name: string,
    text: string,
    inputs: Partial<Record<'resistance' | 'endurance', string>>,
  ) => {
    const reply = await client.request({ type: 'open', name, text, inputs });
    if (!reply.ok) return problems(`Could not open ${name}:`, [reply.message]);
    const opened = reply.value as OpenedModel;
    if (!opened.ok) return problems(`Could not open ${name} (one line per problem):`, opened.problems);
    replace(mapping);
    o.openModel?.(opened.spec);
    say(
      h(
        'p',
        {},
        `Opened “${opened.spec.name}” (${name}) as model ${opened.spec.id}; it is kept for your next visit.`,
      ),
      opened.warnings.length > 0 ? h('ul', {}, ...opened.warnings.map((w) => h('li', {}, w))) : null,
    );
  };
  picker.addEventListener('change', async () => {
    const f = picker.files?.[0];
    if (!f) return;
    const text = await f.text();
    picker.value = '';
    replace(mapping);
    say(`Reading ${f.name}…`);
    const reply = await client.request({ type: 'inspect', name: f.name, text });
    if (!reply.ok) return problems(`Could not read ${f.name}:`, [reply.message]);
    const seen = reply.value as FileInspection;
    if (seen.kind === 'error')
      return problems(`Could not open ${f.name} (one line per problem):`, seen.problems);
    if (seen.kind === 'json') return run(f.name, text, {});
    say(`${f.name} is SBML: say which of its parameters the exercise bouts drive, then run it.`);
    const select = (id: string, label: string, chosen: string | undefined) => {
      const sel = h(
        'select',
        { id },
        h('option', { value: '' }, 'none (the bouts drive nothing)'),
        ...seen.parameters.map((p) => h('option', { value: p }, p)),
      );
      sel.value = chosen ?? '';
      return { sel, root: h('div', { class: 'field' }, h('label', { for: id }, label), sel) };
    };
    const re = select('map-re', 'Resistance exercise (RE) input', seen.suggested.resistance);
    const ee = select('map-ee', 'Endurance exercise (EE) input', seen.suggested.endurance);
    const go = h('button', { type: 'button', id: 'run-opened-model' }, 'Run this model');
    go.addEventListener(
      'click',
      () =>
        void run(f.name, text, {
          ...(re.sel.value ? { resistance: re.sel.value } : {}),
          ...(ee.sel.value ? { endurance: ee.sel.value } : {}),
        }),
    );
    replace(mapping, re.root, ee.root, go);
  });
  container.append(
    h('div', { class: 'button-row' }, exportBtn),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'open-model' }, 'Open a model file (SBML or this project’s JSON)'),
      picker,
    ),
    mapping,
    out,
  );
}
