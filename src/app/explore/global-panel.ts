/**
 * Global sensitivity beside the local tornado: the committed Sobol indices of the order effect
 * (at 3 h and in the 24-h AUC) over the model's prior, one bar chart per output with a sentence
 * generated from its numbers and a table of the values. Loaded when first opened, in a worker; a
 * file that fails to load or to check is reported in the panel.
 */
import { formatFixed3 } from '../../chart/format.ts';
import { sobolChart, sobolHeight, sobolSummary, sortSobolRows } from '../../chart/sobol-bars.ts';
import { h, replace } from '../dom.ts';
import type { GlobalSensitivityData, GlobalSensitivityReply } from './sobol-data.ts';
import { liveStatus } from './status.ts';
import { chartStyle, chartWidth, type ExploreContext } from './types.ts';

/** A mounted global-sensitivity view. */
export interface GlobalSection {
  readonly element: HTMLElement;
  redraw(): void;
}

/** Load the data of `modelId` in a worker. */
function loadInWorker(modelId: string): Promise<GlobalSensitivityData> {
  const worker = new Worker(new URL('./sobol.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<GlobalSensitivityData>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<GlobalSensitivityReply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.data);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(e.message || 'the worker could not start'));
    };
    worker.postMessage({ modelId });
  });
}

const interval = (c: readonly [number, number] | undefined) =>
  c && Number.isFinite(c[0]) && Number.isFinite(c[1])
    ? ` [${formatFixed3(c[0])}, ${formatFixed3(c[1])}]`
    : '';

/** Mount the view (a disclosure that loads the data the first time it opens). */
export function mountGlobalSection(
  ctx: ExploreContext,
  load: (modelId: string) => Promise<GlobalSensitivityData> = loadInWorker,
): GlobalSection {
  const status = liveStatus('sobol-status');
  const error = h('p', { id: 'sobol-error', class: 'error', role: 'alert' });
  const about = h('p', { id: 'sobol-about', class: 'hint' });
  const body = h('div', { id: 'sobol-charts' });
  let data: GlobalSensitivityData | null = null;
  let loading = false;

  const draw = () => {
    if (!data) return;
    const d = data;
    about.textContent =
      `Sobol indices over the whole prior of every free parameter (not the sliders' values): ` +
      `${d.n} design rows, ${d.runs} runs (${d.rowsUsed} rows with every run successful), seed ${d.seed}, from ${d.file}. ` +
      'First order: the share of the variance a parameter explains alone; total: with its interactions. Whiskers: bootstrap 95 % intervals.';
    replace(
      body,
      ...d.outputs.map((o) => {
        const box = h('div', { class: 'explore-chart', 'data-output': o.id });
        const width = chartWidth(body);
        const title = o.label;
        box.append(
          sobolChart({
            rows: o.rows,
            outputLabel: o.label,
            width,
            height: sobolHeight({ rows: o.rows.length, width, title, ...chartStyle(width) }),
            title,
            id: `sobol-${o.id}`,
            ...chartStyle(width),
          }),
        );
        const table = h(
          'div',
          {
            class: 'table-scroll',
            tabindex: 0,
            role: 'region',
            'aria-label': `Sobol indices of ${o.label} (scrolls sideways on a narrow screen)`,
          },
          h(
            'table',
            { class: 'data-table' },
            h('caption', {}, `Sobol indices: ${o.label} (bootstrap 95 % intervals)`),
            h(
              'thead',
              {},
              h('tr', {}, ...['Parameter', 'First order', 'Total'].map((t) => h('th', { scope: 'col' }, t))),
            ),
            h(
              'tbody',
              {},
              ...sortSobolRows(o.rows).map((r) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, r.label),
                  h('td', {}, `${formatFixed3(r.first)}${interval(r.firstCi)}`),
                  h('td', {}, `${formatFixed3(r.total)}${interval(r.totalCi)}`),
                ),
              ),
            ),
          ),
        );
        return h(
          'div',
          { class: 'sobol-output', id: `sobol-${o.id}-view` },
          h('p', { class: 'sobol-summary' }, sobolSummary(o.rows, o.label)),
          box,
          table,
        );
      }),
    );
  };

  const open = () => {
    const modelId = ctx.getScenario().modelId;
    if (loading || data?.modelId === modelId) return;
    loading = true;
    error.textContent = '';
    status.say('Loading the global sensitivity data…');
    load(modelId).then(
      (d) => {
        loading = false;
        data = d;
        status.say(
          `Loaded: Sobol indices of ${d.outputs.length} outputs for ${d.outputs[0]?.rows.length ?? 0} parameters.`,
        );
        element.dataset.state = 'done';
        draw();
      },
      (e: Error) => {
        loading = false;
        status.say('');
        element.dataset.state = 'error';
        error.textContent = `The global sensitivity data could not be loaded: ${e.message}`;
      },
    );
  };

  const element = h(
    'details',
    { class: 'explore-global', id: 'sobol-section', 'data-state': 'idle' },
    h('summary', {}, 'Global sensitivity over the prior (Sobol indices)'),
    status.element,
    error,
    about,
    body,
  );
  element.addEventListener('toggle', () => {
    if (element.open) open();
  });
  return { element, redraw: draw };
}
