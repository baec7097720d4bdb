/**
 * The one-parameter scan section: one parameter over its documented range (one worker), the
 * readouts drawn as lines in the colours of their groups (the same as every other chart), a marker
 * at the current value, and downloads (CSV of every readout, its sidecar, SVG, PNG).
 */
import type { ExplorePool, Job } from '../../analysis/pool.ts';
import { PoolCancelled } from '../../analysis/pool.ts';
import { readoutById, type ScanResult } from '../../analysis/sensitivity.ts';
import { formatSig } from '../../chart/format.ts';
import { lineChart } from '../../chart/line.ts';
import { DERIVED_STYLE, type GroupStyle, groupPalette } from '../../chart/palette.ts';
import { h } from '../dom.ts';
import { exportBar } from './export-bar.ts';
import { type ExploreBase, exploreBase } from './scenario.ts';
import type { ExploreSection } from './sensitivity-panel.ts';
import { isBusy, liveStatus, setBusy } from './status.ts';
import { scanCsv } from './tables.ts';
import { chartStyle, chartWidth, type ExploreContext } from './types.ts';

/** Readouts drawn in a one-parameter scan. */
export const SCAN_SERIES = Object.freeze(['mps3h-re', 'mps3h-re-ee', 'mps3h-ee-re', 'order-effect']);

const STUDY = groupPalette(['control', 're', 'ee', 're-ee', 'ee-re']);

/**
 * The style of a readout: the colour and dash of its group (`mps3h-re-ee` → RE→EE) everywhere a
 * group is drawn; a readout of no single group (the order effect) in a neutral dark grey.
 */
export function readoutStyle(id: string): GroupStyle {
  const group = /^(?:mps3h|auc24)-(.+)$/.exec(id)?.[1];
  return (group && STUDY.get(group)) || DERIVED_STYLE;
}

/** Mount the scan section. */
export function mountScanSection(ctx: ExploreContext, getPool: () => ExplorePool): ExploreSection {
  const base0 = exploreBase(ctx.getScenario());
  const select = h(
    'select',
    { id: 'scan-parameter' },
    ...base0.model.parameterNames.map((n) =>
      h('option', { value: n, selected: n === 'tauR' }, `${base0.spec.parameters[n]!.label} (${n})`),
    ),
  );
  const run = h('button', { id: 'scan-run', type: 'submit' }, 'Scan');
  const status = liveStatus('scan-status');
  const error = h('p', { id: 'scan-error', class: 'error', role: 'alert' });
  const chartBox = h('div', { id: 'scan-chart', class: 'explore-chart' });
  let result: {
    scan: ScanResult;
    current: number;
    base: ExploreBase;
    settings: Record<string, number>;
  } | null = null;
  let job: Job<unknown> | null = null;
  let svg: SVGSVGElement | undefined;

  const downloads = exportBar({
    id: 'scan',
    title: 'parameter scan',
    fileStem: 'parameter-scan',
    svg: () => svg,
    hasData: () => result !== null,
    csv: (file) => (result ? scanCsv(result.scan, result.base, result.settings, file) : undefined),
  });

  const draw = () => {
    if (!result) return;
    const { scan: r, current } = result;
    if (r.failures.length > 0) {
      const f = r.failures[0]!;
      error.textContent = `${r.failures.length} of ${r.values.length} runs failed, so no curve is drawn; first at ${r.parameter} = ${formatSig(f.value, 4)}: ${f.message}`;
      svg = undefined;
      chartBox.replaceChildren();
      downloads.refresh();
      return;
    }
    const width = chartWidth(chartBox);
    svg = lineChart({
      x: r.values,
      series: SCAN_SERIES.map((id) => ({
        id,
        label: readoutById(id).label,
        values: r.readouts[id]!,
        style: readoutStyle(id),
      })),
      xLabel: `${r.label}, ${r.parameter} (${r.unit}; ${r.scale} spacing)`,
      yLabel: 'Readout (fold)',
      width,
      height: Math.round(Math.min(480, Math.max(320, width * 0.55))),
      markerX: current,
      title: `Readouts over ${r.label}`,
      id: 'scan-line-chart',
      ...chartStyle(width),
    });
    chartBox.replaceChildren(svg);
    downloads.refresh();
  };

  const form = h(
    'form',
    { class: 'explore-controls', 'aria-label': 'Parameter scan settings' },
    h('label', {}, 'Parameter ', select),
    h('span', { class: 'button-row' }, run),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (isBusy(run)) return;
    error.textContent = '';
    const base = exploreBase(ctx.getScenario());
    const parameter = select.value;
    const current = base.model.parameterVector(base.parameters)[
      base.model.parameterNames.indexOf(parameter)
    ]!;
    const settings = { ...base.settings, gap: ctx.getScenario().settings.gap };
    job?.cancel();
    setBusy(run, true);
    status.say(`Scanning ${parameter} over its documented range…`);
    const currentJob = getPool().run('scan', base.spec, {
      parameter,
      count: 41,
      parameters: base.parameters,
      settings,
      ...(base.parameterPreset ? { parameterPreset: base.parameterPreset } : {}),
    });
    job = currentJob;
    currentJob.promise.then(
      (r) => {
        if (job !== currentJob) return;
        job = null;
        setBusy(run, false);
        result = { scan: r, current, base, settings };
        status.say(`Done: ${r.values.length} runs; the dashed line marks the current value.`);
        draw();
      },
      (err: Error) => {
        if (job !== currentJob) return;
        job = null;
        setBusy(run, false);
        if (!(err instanceof PoolCancelled)) {
          status.say('');
          error.textContent = `Scan failed: ${err.message}`;
        }
      },
    );
  });

  const element = h(
    'section',
    { class: 'explore-section', 'aria-labelledby': 'scan-title' },
    h('h3', { id: 'scan-title' }, 'One-parameter scan'),
    form,
    status.element,
    error,
    chartBox,
    downloads.element,
  );
  return { element, redraw: draw };
}
