/**
 * The sensitivity section: each parameter moved down and up by the same percentage with the
 * others fixed (one worker), drawn as a tornado for the chosen readout, with the normalised
 * coefficients in a table, and downloads (CSV of every readout, its sidecar, SVG, PNG); beside
 * it, the global view over the prior (Sobol indices, global-panel.ts).
 */
import type { ExplorePool, Job } from '../../analysis/pool.ts';
import { PoolCancelled } from '../../analysis/pool.ts';
import { READOUTS, readoutById, type SensitivityResult } from '../../analysis/sensitivity.ts';
import { formatFixed3, formatSig } from '../../chart/format.ts';
import { tornadoChart, tornadoHeight } from '../../chart/tornado.ts';
import { h, replace } from '../dom.ts';
import { exportBar } from './export-bar.ts';
import { mountGlobalSection } from './global-panel.ts';
import { type ExploreBase, exploreBase } from './scenario.ts';
import { isBusy, liveStatus, setBusy } from './status.ts';
import { sensitivityCsv } from './tables.ts';
import { chartStyle, chartWidth, type ExploreContext } from './types.ts';

/** A mounted section. */
export interface ExploreSection {
  readonly element: HTMLElement;
  redraw(): void;
}

/** Mount the sensitivity section. */
export function mountSensitivitySection(ctx: ExploreContext, getPool: () => ExplorePool): ExploreSection {
  const readoutSelect = h(
    'select',
    { id: 'sens-readout' },
    ...READOUTS.map((r) => h('option', { value: r.id, selected: r.id === 'order-effect' }, r.label)),
  );
  const percentInput = h('input', {
    id: 'sens-percent',
    type: 'number',
    min: 1,
    max: 90,
    step: 1,
    value: 20,
  });
  const run = h('button', { id: 'sens-run', type: 'submit' }, 'Run sensitivity');
  // Its sibling: the same question over the whole prior, from the committed Sobol indices.
  const global = mountGlobalSection(ctx);
  const status = liveStatus('sens-status');
  const error = h('p', { id: 'sens-error', class: 'error', role: 'alert' });
  const chartBox = h('div', { id: 'sens-tornado', class: 'explore-chart' });
  const tableBox = h('div', {
    id: 'sens-table',
    class: 'table-scroll',
    tabindex: 0,
    role: 'region',
    'aria-label': 'Sensitivity coefficients (scrolls sideways on a narrow screen)',
    hidden: true,
  });
  let result: { sens: SensitivityResult; base: ExploreBase; settings: Record<string, number> } | null = null;
  let job: Job<unknown> | null = null;
  let svg: SVGSVGElement | undefined;

  const downloads = exportBar({
    id: 'tornado',
    title: 'sensitivity tornado',
    fileStem: 'sensitivity',
    svg: () => svg,
    hasData: () => result !== null,
    csv: (file) => (result ? sensitivityCsv(result.sens, result.base, result.settings, file) : undefined),
  });

  const draw = () => {
    if (!result) return;
    const { sens } = result;
    const id = readoutSelect.value;
    const rows = sens.rows.map((r) => ({
      parameter: r.parameter,
      label: r.label,
      low: r.low[id]!,
      high: r.high[id]!,
    }));
    const width = chartWidth(chartBox);
    const title = readoutById(id).label;
    svg = tornadoChart({
      rows,
      baseline: sens.baseline[id]!,
      xLabel: readoutById(id).label,
      width,
      height: tornadoHeight({ rows: rows.length, width, title, ...chartStyle(width) }),
      percent: sens.percent,
      title,
      id: 'sens-tornado-chart',
      ...chartStyle(width),
    });
    chartBox.replaceChildren(svg);
    const sorted = [...sens.rows].sort(
      (a, b) =>
        Math.abs(b.coefficient[id] ?? 0) - Math.abs(a.coefficient[id] ?? 0) ||
        a.parameter.localeCompare(b.parameter),
    );
    replace(
      tableBox,
      h(
        'table',
        { class: 'data-table' },
        h(
          'caption',
          {},
          `Normalised sensitivity S = d ln(readout) / d ln(parameter), central differences ±${sens.relativeStep * 100}%`,
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Parameter', 'Value', `−${sens.percent}%`, `+${sens.percent}%`, 'S'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...sorted.map((r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row', title: r.note ?? r.label }, `${r.label} (${r.parameter})`),
              h('td', {}, formatSig(r.value, 4)),
              h('td', {}, formatSig(r.low[id]!, 4)),
              h('td', {}, formatSig(r.high[id]!, 4)),
              h(
                'td',
                {},
                Number.isFinite(r.coefficient[id]!) ? formatFixed3(r.coefficient[id]!) : '— (value 0)',
              ),
            ),
          ),
        ),
      ),
    );
    tableBox.hidden = false;
    downloads.refresh();
  };
  readoutSelect.addEventListener('change', draw);

  const form = h(
    'form',
    { class: 'explore-controls', 'aria-label': 'Sensitivity settings' },
    h('label', {}, 'Readout ', readoutSelect),
    h('label', {}, 'Step (± % of each value)', percentInput),
    h('span', { class: 'button-row' }, run),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (isBusy(run)) return;
    error.textContent = '';
    const percent = Number(percentInput.value);
    if (!(percent > 0 && percent < 100)) {
      error.textContent = `invalid percent: ${percentInput.value} (enter a number between 1 and 90)`;
      return;
    }
    const base = exploreBase(ctx.getScenario());
    const settings = { ...base.settings, gap: ctx.getScenario().settings.gap };
    job?.cancel();
    setBusy(run, true);
    status.say('Running the study design with each parameter moved…');
    const current = getPool().run('sensitivity', base.spec, {
      parameters: base.parameters,
      settings,
      ...(base.parameterPreset ? { parameterPreset: base.parameterPreset } : {}),
      percent,
    });
    job = current;
    current.promise.then(
      (r) => {
        if (job !== current) return;
        job = null;
        setBusy(run, false);
        result = { sens: r, base, settings };
        status.say(`Done: ${r.rows.length} parameters, ±${r.percent}%.`);
        draw();
      },
      (err: Error) => {
        if (job !== current) return;
        job = null;
        setBusy(run, false);
        if (!(err instanceof PoolCancelled)) {
          status.say('');
          error.textContent = `Sensitivity failed: ${err.message}`;
        }
      },
    );
  });

  const element = h(
    'section',
    { class: 'explore-section', 'aria-labelledby': 'sens-title' },
    h('h3', { id: 'sens-title' }, 'Sensitivity: which parameters matter?'),
    h(
      'p',
      { class: 'hint' },
      'Each parameter is moved down and up by the same percentage with the others fixed; bars show the readout at both ends. A parameter at 0 (such as training) is moved by that percentage of its range instead.',
    ),
    form,
    status.element,
    error,
    chartBox,
    downloads.element,
    tableBox,
    global.element,
  );
  return {
    element,
    redraw: () => {
      draw();
      global.redraw();
    },
  };
}
