/**
 * The interference map section: its settings form, Compute / Cancel with progress in a polite live
 * region, the heatmap (hover or arrow keys read a cell, click or Enter loads it into the
 * simulator), and its downloads. The computation itself is `runMap` (map-run.ts).
 */
import type { ExplorePool, Job, SweepRequest } from '../../analysis/pool.ts';
import { PoolCancelled } from '../../analysis/pool.ts';
import { SWEEP_METRICS, type SweepMetric } from '../../analysis/sweep.ts';
import { formatClock, formatSig } from '../../chart/format.ts';
import { heatmapChart } from '../../chart/heatmap.ts';
import { h } from '../dom.ts';
import { exportBar } from './export-bar.ts';
import { type MapState, mapBasis, newMapState, runMap } from './map-run.ts';
import {
  type AxisChoice,
  cellScenario,
  DEFAULT_MAP_SIZE,
  describeGap,
  exploreBase,
  mapRequest,
} from './scenario.ts';
import { disableKeepingFocus, isBusy, liveStatus, setBusy } from './status.ts';
import { mapCsv } from './tables.ts';
import { chartStyle, chartWidth, type ExploreContext } from './types.ts';

/** Map resolutions offered (columns × rows); the first is the default. */
export const RESOLUTIONS = Object.freeze([
  { id: 'default', label: `${DEFAULT_MAP_SIZE.nx} × ${DEFAULT_MAP_SIZE.ny}`, ...DEFAULT_MAP_SIZE },
  { id: 'quick', label: '31 × 21 (quick)', nx: 31, ny: 21 },
  { id: 'fine', label: '121 × 61 (fine)', nx: 121, ny: 61 },
]);

/** A mounted map section. */
export interface MapSection {
  readonly element: HTMLElement;
  /** Redraw at the current width. */
  redraw(): void;
  /** The scenario changed: mark a computed map out of date if its inputs changed. */
  scenarioChanged(): void;
}

function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : '—';
}

/** Mount the map section; `container` carries `data-map-state` and `data-map-stale` for tests. */
export function mountMapSection(
  container: HTMLElement,
  ctx: ExploreContext,
  getPool: () => ExplorePool,
  choices: readonly AxisChoice[],
): MapSection {
  const ySelect = h(
    'select',
    { id: 'explore-y-axis' },
    ...choices.map((c) => h('option', { value: c.axis, selected: c.axis === 'eeIntensity' }, c.option)),
  );
  const yMin = h('input', { id: 'explore-y-min', type: 'number', step: 'any', inputmode: 'decimal' });
  const yMax = h('input', { id: 'explore-y-max', type: 'number', step: 'any', inputmode: 'decimal' });
  const metricSelect = h(
    'select',
    { id: 'explore-metric' },
    ...Object.entries(SWEEP_METRICS).map(([id, m]) => h('option', { value: id }, m.label)),
  );
  const resSelect = h(
    'select',
    { id: 'explore-resolution' },
    ...RESOLUTIONS.map((r) => h('option', { value: r.id }, r.label)),
  );
  const runButton = h('button', { id: 'explore-run', type: 'submit' }, 'Compute map');
  const cancelButton = h('button', { id: 'explore-cancel', type: 'button', disabled: true }, 'Cancel');
  const progress = h('progress', { id: 'explore-progress', max: 1, value: 0, 'aria-label': 'Map progress' });
  const status = liveStatus('explore-status', 'span', 'Not computed yet.');
  const mapError = h('p', { id: 'explore-error', class: 'error', role: 'alert' });
  const mapBox = h('div', {
    id: 'explore-map',
    class: 'explore-chart',
    tabindex: 0,
    role: 'group',
    'aria-roledescription': 'interference map',
    'aria-label': 'Interference map. Arrow keys move the cursor; Enter loads the cell into the simulator.',
    // Shown (and focusable) once there is a map.
    hidden: true,
  });
  const readout = h(
    'p',
    { id: 'explore-readout', class: 'hint', 'aria-live': 'polite' },
    'Hover a cell to read it; click it to load that scenario.',
  );

  const setDefaultRange = () => {
    const c = choices.find((x) => x.axis === ySelect.value)!;
    yMin.value = String(c.defaultRange[0]);
    yMax.value = String(c.defaultRange[1]);
    yMin.min = yMax.min = String(c.min);
    yMin.max = yMax.max = String(c.max);
  };
  ySelect.addEventListener('change', setDefaultRange);
  setDefaultRange();

  let map: MapState | null = null;
  let job: Job<unknown> | null = null;
  let drawQueued = false;
  let svg: SVGSVGElement | undefined;

  const downloads = exportBar({
    id: 'map',
    title: 'interference map',
    fileStem: 'interference-map',
    svg: () => svg,
    hasData: () => map?.pending.some((p) => !p) === true,
    csv: (file) => {
      if (!map) return undefined;
      return mapCsv(map, file);
    },
  });

  const draw = () => {
    drawQueued = false;
    if (!map) return;
    const width = chartWidth(mapBox);
    svg = heatmapChart({
      x: map.x.map((g) => g / 60),
      y: map.y,
      values: map.values,
      pending: map.pending,
      xLabel: 'Gap (h:mm; negative: EE before RE, positive: EE after RE)',
      xFormat: (hours) => formatClock(hours * 60),
      yLabel: `${map.axis.label} (${map.axis.unit})`,
      colorLabel: SWEEP_METRICS[map.metric].short,
      width,
      height: Math.round(Math.min(560, Math.max(300, width * 0.62))),
      ...(map.cursor ? { highlight: map.cursor } : {}),
      title: `Interference map: ${SWEEP_METRICS[map.metric].label}`,
      id: 'explore-heatmap',
      ...chartStyle(width),
      stale: map.stale,
    });
    mapBox.replaceChildren(svg);
    mapBox.hidden = false;
    downloads.refresh();
  };
  const queueDraw = () => {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(draw);
  };

  const describeCell = (i: number, j: number): string => {
    if (!map) return '';
    const k = j * map.x.length + i;
    const v = map.values[k]!;
    const where = `${describeGap(map.x[i]!)}, ${map.axis.label} ${fmt(map.y[j]!, 4)} ${map.axis.unit}`;
    if (map.pending[k]) return `${where}: not computed yet`;
    return `${where}: ${SWEEP_METRICS[map.metric].short} = ${formatSig(v)}${Number.isNaN(v) ? ' (the simulation failed)' : ''}`;
  };
  const cellOf = (target: EventTarget | null): { i: number; j: number } | null => {
    const rect = (target as Element | null)?.closest?.('rect.eol-cell');
    if (!rect) return null;
    const i = Number(rect.getAttribute('data-i'));
    const j = Number(rect.getAttribute('data-j'));
    return Number.isInteger(i) && Number.isInteger(j) ? { i, j } : null;
  };
  const loadCell = (i: number, j: number) => {
    if (!map || map.pending[j * map.x.length + i]) return;
    ctx.loadScenario(cellScenario(ctx.getScenario(), map.x[i]!, map.axis.axis, map.y[j]!));
    map.cursor = { i, j };
    draw();
    readout.textContent = `Loaded into the simulator: ${describeCell(i, j)}.`;
  };
  mapBox.addEventListener('mousemove', (e) => {
    const c = cellOf(e.target);
    if (c) readout.textContent = describeCell(c.i, c.j);
  });
  mapBox.addEventListener('click', (e) => {
    const c = cellOf(e.target);
    if (c) loadCell(c.i, c.j);
  });
  mapBox.addEventListener('keydown', (e) => {
    if (!map) return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, 1],
      ArrowDown: [0, -1],
    };
    const cur = map.cursor ?? { i: Math.floor(map.x.length / 2), j: Math.floor(map.y.length / 2) };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      loadCell(cur.i, cur.j);
      return;
    }
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    map.cursor = {
      i: Math.max(0, Math.min(map.x.length - 1, cur.i + m[0])),
      j: Math.max(0, Math.min(map.y.length - 1, cur.j + m[1])),
    };
    draw();
    readout.textContent = describeCell(map.cursor.i, map.cursor.j);
  });

  /** Busy: Compute keeps the focus (aria-disabled), Cancel is enabled. Idle: the reverse. */
  const setRunning = (running: boolean) => {
    setBusy(runButton, running);
    if (running) cancelButton.disabled = false;
    else disableKeepingFocus(cancelButton, runButton);
    container.dataset.mapState = running ? 'running' : map ? 'done' : 'idle';
  };

  const start = () => {
    mapError.textContent = '';
    let request: SweepRequest;
    const base = exploreBase(ctx.getScenario());
    const res = RESOLUTIONS.find((r) => r.id === resSelect.value) ?? RESOLUTIONS[0]!;
    try {
      request = mapRequest(base, {
        yAxis: ySelect.value,
        yMin: Number(yMin.value === '' ? Number.NaN : yMin.value),
        yMax: Number(yMax.value === '' ? Number.NaN : yMax.value),
        nx: res.nx,
        ny: res.ny,
        metric: metricSelect.value as SweepMetric,
      });
    } catch (err) {
      mapError.textContent = (err as Error).message;
      return;
    }
    job?.cancel();
    const state = newMapState(request, choices.find((c) => c.axis === request.yAxis)!, base);
    map = state;
    container.dataset.mapStale = 'false';
    const total = state.values.length;
    const workers = getPool().size;
    progress.value = 0;
    status.say(`Computing ${total} scenarios on ${workers} worker${workers > 1 ? 's' : ''}…`);
    setRunning(true);
    draw();
    const started = performance.now();
    const current = runMap(getPool(), state, request, {
      onChunk: queueDraw,
      onProgress: (done, all) => {
        progress.value = done / all;
        status.progress(
          done,
          all,
          (d, a) => `Computing… ${Math.round((100 * d) / a)} % (${d} of ${a} scenarios)`,
        );
      },
    });
    job = current;
    current.promise.then(
      (result) => {
        if (job !== current) return;
        job = null;
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        status.say(`Done: ${total} scenarios in ${secs} s.`);
        if (result.failures.length > 0) {
          const f = result.failures[0]!;
          mapError.textContent = `${result.failures.length} cells failed and are left blank; first at ${describeGap(f.x)}, ${state.axis.label} ${fmt(f.y, 4)}: ${f.message}`;
        }
        setRunning(false);
        draw();
      },
      (err: Error) => {
        if (job !== current) return;
        job = null;
        setRunning(false);
        if (err instanceof PoolCancelled) status.say('Cancelled; cells not computed stay hatched.');
        else mapError.textContent = `The map could not be computed: ${err.message}`;
        draw();
      },
    );
  };
  cancelButton.addEventListener('click', () => {
    // Cancelling moves the focus back to Compute (Cancel is about to be disabled).
    runButton.focus();
    job?.cancel();
  });

  const form = h(
    'form',
    { class: 'explore-controls', 'aria-label': 'Interference map settings' },
    h('label', {}, 'Second axis ', ySelect),
    h('label', {}, 'from ', yMin),
    h('label', {}, 'to ', yMax),
    h('label', {}, 'Colour by ', metricSelect),
    h('label', {}, 'Resolution ', resSelect),
    h('span', { class: 'button-row' }, runButton, cancelButton),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!isBusy(runButton)) start();
  });

  const element = h(
    'section',
    { class: 'explore-section', 'aria-labelledby': 'explore-map-title' },
    h('h3', { id: 'explore-map-title' }, 'Interference map: order × gap × a second axis'),
    h(
      'p',
      { class: 'hint' },
      'Each cell runs the study design with one ordered pair of bouts: left of 0:00 EE comes first (EE→RE), right of it EE follows RE (RE→EE; 0:00 is RE→EE back to back). ',
      'Colour: MPS of that pair as a fold of RE only (1 = no interference; red = less protein synthesis). Computed in the background; you can keep using the simulator.',
    ),
    form,
    h('p', { class: 'explore-progress' }, progress, ' ', status.element),
    mapError,
    mapBox,
    readout,
    downloads.element,
  );
  container.dataset.mapState = 'idle';

  return {
    element,
    redraw: () => {
      if (map) queueDraw();
    },
    scenarioChanged() {
      if (!map) return;
      const stale = mapBasis(exploreBase(ctx.getScenario()), map.axis.axis) !== map.basis;
      if (stale === map.stale) return;
      map.stale = stale;
      container.dataset.mapStale = String(stale);
      if (stale && container.dataset.mapState !== 'running') {
        status.say('Out of date: the scenario has changed since this map was computed. Press "Compute map".');
      }
      queueDraw();
    },
  };
}
