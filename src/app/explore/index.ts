/**
 * The explore panel: the interference map (signed gap × a second axis, coloured by MPS as a fold
 * of RE only), parameter sensitivity (tornado + coefficients) and one-parameter scans. All the
 * computing runs in Web Workers (`ExplorePool`), with progress and cancel; the main thread only
 * draws. Clicking a map cell (or Enter on the keyboard cursor) loads that scenario into the app.
 */
import type { ExplorePool, Job } from '../../analysis/pool.ts';
import { PoolCancelled } from '../../analysis/pool.ts';
import {
  READOUTS,
  readoutById,
  type ScanResult,
  type SensitivityResult,
} from '../../analysis/sensitivity.ts';
import { SWEEP_METRICS, type SweepMetric } from '../../analysis/sweep.ts';
import { heatmapChart } from '../../chart/heatmap.ts';
import { lineChart } from '../../chart/line.ts';
import { tornadoChart } from '../../chart/tornado.ts';
import { h, replace } from '../dom.ts';
import type { AppScenario } from '../state.ts';
import {
  type AxisChoice,
  cellScenario,
  DEFAULT_MAP_SIZE,
  describeGap,
  exploreBase,
  mapRequest,
  yAxisChoices,
} from './scenario.ts';
import { createBrowserPool } from './workers.ts';
import './explore.css';

/** How the explore panel talks to the app. */
export interface ExploreContext {
  getScenario(): AppScenario;
  loadScenario(s: AppScenario): void;
  /** Subscribe to scenario changes: a computed map whose inputs changed is marked out of date. */
  onScenarioChange?(listener: () => void): void;
}

/** Map resolutions offered (columns × rows); the first is the default. */
const RESOLUTIONS = Object.freeze([
  { id: 'default', label: `${DEFAULT_MAP_SIZE.nx} × ${DEFAULT_MAP_SIZE.ny}`, ...DEFAULT_MAP_SIZE },
  { id: 'quick', label: '31 × 21 (quick)', nx: 31, ny: 21 },
  { id: 'fine', label: '121 × 61 (fine)', nx: 121, ny: 61 },
]);

/** Readouts drawn in a one-parameter scan. */
const SCAN_SERIES = Object.freeze(['mps3h-re', 'mps3h-re-ee', 'mps3h-ee-re', 'order-effect']);

function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : '—';
}

/** Three decimals without a "-0.000". */
function fixed3(v: number): string {
  return (Math.abs(v) < 5e-4 ? 0 : v).toFixed(3);
}

function chartWidth(el: HTMLElement): number {
  return Math.max(320, Math.min(960, el.clientWidth || 720));
}

/** Mount the explore panel into `container`. */
export function mountExplorePanel(container: HTMLElement, ctx: ExploreContext): void {
  let pool: ExplorePool | null = null;
  const getPool = () => {
    pool ??= createBrowserPool();
    return pool;
  };
  const base0 = exploreBase(ctx.getScenario());
  const choices = yAxisChoices(base0.model);

  // ---------- Interference map ----------
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
  const status = h('span', { id: 'explore-status' }, 'Not computed yet.');
  const mapError = h('p', { id: 'explore-error', class: 'error', role: 'alert' });
  const mapBox = h('div', {
    id: 'explore-map',
    class: 'explore-chart',
    tabindex: 0,
    role: 'group',
    'aria-roledescription': 'interference map',
    'aria-label': 'Interference map. Arrow keys move the cursor; Enter loads the cell into the simulator.',
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

  interface MapState {
    x: number[];
    y: number[];
    axis: AxisChoice;
    metric: SweepMetric;
    values: Float64Array;
    pending: boolean[];
    cursor: { i: number; j: number } | null;
    /** The inputs the map was computed from (parameters, settings, preset, model). */
    basis: string;
    /** The scenario has changed since: the map no longer shows it. */
    stale: boolean;
  }
  let map: MapState | null = null;
  /** What a map depends on besides its own axes (the gap and the swept y quantity). */
  const basisOf = (base: ReturnType<typeof exploreBase>, yAxis: string) => {
    const without = (o: object) =>
      Object.fromEntries(Object.entries(o).filter(([k]) => k !== yAxis && k !== 'gap'));
    return JSON.stringify([
      base.spec.id,
      base.parameterPreset ?? '',
      without(base.parameters),
      without(base.settings),
    ]);
  };
  ctx.onScenarioChange?.(() => {
    if (!map) return;
    const stale = basisOf(exploreBase(ctx.getScenario()), map.axis.axis) !== map.basis;
    if (stale === map.stale) return;
    map.stale = stale;
    container.dataset.mapStale = String(stale);
    if (stale && container.dataset.mapState !== 'running') {
      status.textContent =
        'Out of date: the scenario has changed since this map was computed. Press "Compute map".';
    }
    queueDraw();
  });
  let mapJob: Job<unknown> | null = null;
  let drawQueued = false;

  const drawMap = () => {
    drawQueued = false;
    if (!map) return;
    const width = chartWidth(mapBox);
    const svg = heatmapChart({
      x: map.x.map((g) => g / 60),
      y: map.y,
      values: map.values,
      pending: map.pending,
      xLabel: 'Gap, h (negative: EE before RE; positive: EE after RE)',
      yLabel: `${map.axis.label} (${map.axis.unit})`,
      colorLabel: SWEEP_METRICS[map.metric].short,
      width,
      height: Math.round(Math.min(560, width * 0.62)),
      ...(map.cursor ? { highlight: map.cursor } : {}),
      title: `Interference map: ${SWEEP_METRICS[map.metric].label}`,
      id: 'explore-heatmap',
      stale: map.stale,
    });
    mapBox.replaceChildren(svg);
  };
  const queueDraw = () => {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(drawMap);
  };

  const describeCell = (i: number, j: number): string => {
    if (!map) return '';
    const v = map.values[j * map.x.length + i]!;
    const where = `${describeGap(map.x[i]!)}, ${map.axis.label} ${fmt(map.y[j]!, 4)} ${map.axis.unit}`;
    if (map.pending[j * map.x.length + i]) return `${where}: not computed yet`;
    return `${where}: ${SWEEP_METRICS[map.metric].short} = ${fmt(v)}${Number.isNaN(v) ? ' (the simulation failed)' : ''}`;
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
    const next = cellScenario(ctx.getScenario(), map.x[i]!, map.axis.axis, map.y[j]!);
    ctx.loadScenario(next);
    map.cursor = { i, j };
    drawMap();
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
    drawMap();
    readout.textContent = describeCell(map.cursor.i, map.cursor.j);
  });

  const setBusy = (busy: boolean) => {
    runButton.disabled = busy;
    cancelButton.disabled = !busy;
    container.dataset.mapState = busy ? 'running' : map ? 'done' : 'idle';
  };

  const runMap = () => {
    mapError.textContent = '';
    let request: ReturnType<typeof mapRequest>;
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
    mapJob?.cancel();
    const total = request.x.length * request.y.length;
    map = {
      x: [...request.x],
      y: [...request.y],
      axis: choices.find((c) => c.axis === request.yAxis)!,
      metric: request.metric,
      values: new Float64Array(total).fill(Number.NaN),
      pending: new Array<boolean>(total).fill(true),
      cursor: null,
      basis: basisOf(base, request.yAxis),
      stale: false,
    };
    container.dataset.mapStale = 'false';
    const state = map;
    progress.value = 0;
    status.textContent = `Computing ${total} scenarios on ${getPool().size} worker${getPool().size > 1 ? 's' : ''}…`;
    setBusy(true);
    drawMap();
    const started = performance.now();
    const job = getPool().sweep({
      spec: base.spec,
      request,
      onChunk: (start, values) => {
        state.values.set(values, start);
        for (let k = start; k < start + values.length; k++) state.pending[k] = false;
        queueDraw();
      },
      onProgress: (done, all) => {
        progress.value = done / all;
        status.textContent = `Computing… ${done} of ${all} scenarios`;
      },
    });
    mapJob = job;
    job.promise.then(
      (result) => {
        if (mapJob !== job) return;
        mapJob = null;
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        status.textContent = `Done: ${total} scenarios in ${secs} s.`;
        if (result.failures.length > 0) {
          const f = result.failures[0]!;
          mapError.textContent = `${result.failures.length} cells failed and are left blank; first at ${describeGap(f.x)}, ${state.axis.label} ${fmt(f.y, 4)}: ${f.message}`;
        }
        setBusy(false);
        drawMap();
      },
      (err: Error) => {
        if (mapJob !== job) return;
        mapJob = null;
        setBusy(false);
        if (err instanceof PoolCancelled) status.textContent = 'Cancelled; cells not computed stay hatched.';
        else mapError.textContent = `The map could not be computed: ${err.message}`;
      },
    );
  };
  cancelButton.addEventListener('click', () => mapJob?.cancel());

  const mapForm = h(
    'form',
    { class: 'explore-controls', 'aria-label': 'Interference map settings' },
    h('label', {}, 'Second axis ', ySelect),
    h('label', {}, 'from ', yMin),
    h('label', {}, 'to ', yMax),
    h('label', {}, 'Colour by ', metricSelect),
    h('label', {}, 'Resolution ', resSelect),
    h('span', { class: 'button-row' }, runButton, cancelButton),
  );
  mapForm.addEventListener('submit', (e) => {
    e.preventDefault();
    runMap();
  });

  // ---------- Sensitivity ----------
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
  const sensRun = h('button', { id: 'sens-run', type: 'submit' }, 'Run sensitivity');
  const sensStatus = h('p', { id: 'sens-status', class: 'hint', 'aria-live': 'polite' });
  const sensError = h('p', { id: 'sens-error', class: 'error', role: 'alert' });
  const tornadoBox = h('div', { id: 'sens-tornado', class: 'explore-chart' });
  const coefBox = h('div', { id: 'sens-table' });
  let sens: SensitivityResult | null = null;
  let sensJob: Job<unknown> | null = null;

  const drawSensitivity = () => {
    if (!sens) return;
    const id = readoutSelect.value;
    const rows = sens.rows.map((r) => ({
      parameter: r.parameter,
      label: r.label,
      low: r.low[id]!,
      high: r.high[id]!,
    }));
    const width = chartWidth(tornadoBox);
    tornadoBox.replaceChildren(
      tornadoChart({
        rows,
        baseline: sens.baseline[id]!,
        xLabel: readoutById(id).label,
        width,
        height: Math.max(320, 28 * rows.length + 90),
        percent: sens.percent,
        title: readoutById(id).label,
        id: 'sens-tornado-chart',
      }),
    );
    const sorted = [...sens.rows].sort(
      (a, b) =>
        Math.abs(b.coefficient[id] ?? 0) - Math.abs(a.coefficient[id] ?? 0) ||
        a.parameter.localeCompare(b.parameter),
    );
    replace(
      coefBox,
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
              h('td', {}, fmt(r.value, 4)),
              h('td', {}, fmt(r.low[id]!, 4)),
              h('td', {}, fmt(r.high[id]!, 4)),
              h('td', {}, Number.isFinite(r.coefficient[id]!) ? fixed3(r.coefficient[id]!) : '— (value 0)'),
            ),
          ),
        ),
      ),
    );
  };
  readoutSelect.addEventListener('change', drawSensitivity);

  const sensForm = h(
    'form',
    { class: 'explore-controls', 'aria-label': 'Sensitivity settings' },
    h('label', {}, 'Readout ', readoutSelect),
    h('label', {}, 'Step (± % of each value)', percentInput),
    h('span', { class: 'button-row' }, sensRun),
  );
  sensForm.addEventListener('submit', (e) => {
    e.preventDefault();
    sensError.textContent = '';
    const percent = Number(percentInput.value);
    if (!(percent > 0 && percent < 100)) {
      sensError.textContent = `invalid percent: ${percentInput.value} (enter a number between 1 and 90)`;
      return;
    }
    const base = exploreBase(ctx.getScenario());
    sensJob?.cancel();
    sensRun.disabled = true;
    sensStatus.textContent = 'Running the study design with each parameter moved…';
    const job = getPool().run('sensitivity', base.spec, {
      parameters: base.parameters,
      settings: { ...base.settings, gap: ctx.getScenario().settings.gap },
      ...(base.parameterPreset ? { parameterPreset: base.parameterPreset } : {}),
      percent,
    });
    sensJob = job;
    job.promise.then(
      (r) => {
        sensJob = null;
        sensRun.disabled = false;
        sens = r;
        sensStatus.textContent = `Done: ${r.rows.length} parameters, ±${r.percent}%.`;
        drawSensitivity();
      },
      (err: Error) => {
        sensJob = null;
        sensRun.disabled = false;
        if (!(err instanceof PoolCancelled)) sensError.textContent = `Sensitivity failed: ${err.message}`;
      },
    );
  });

  // ---------- One-parameter scan ----------
  const scanSelect = h(
    'select',
    { id: 'scan-parameter' },
    ...base0.model.parameterNames.map((n) =>
      h('option', { value: n, selected: n === 'tauR' }, `${base0.spec.parameters[n]!.label} (${n})`),
    ),
  );
  const scanRun = h('button', { id: 'scan-run', type: 'submit' }, 'Scan');
  const scanStatus = h('p', { id: 'scan-status', class: 'hint', 'aria-live': 'polite' });
  const scanError = h('p', { id: 'scan-error', class: 'error', role: 'alert' });
  const scanBox = h('div', { id: 'scan-chart', class: 'explore-chart' });
  const drawScan = (r: ScanResult, current: number) => {
    if (r.failures.length > 0) {
      const f = r.failures[0]!;
      scanError.textContent = `${r.failures.length} of ${r.values.length} runs failed, so no curve is drawn; first at ${r.parameter} = ${fmt(f.value, 4)}: ${f.message}`;
      scanBox.replaceChildren();
      return;
    }
    const width = chartWidth(scanBox);
    scanBox.replaceChildren(
      lineChart({
        x: r.values,
        series: SCAN_SERIES.map((id) => ({ id, label: readoutById(id).label, values: r.readouts[id]! })),
        xLabel: `${r.label}, ${r.parameter} (${r.unit}; ${r.scale} spacing)`,
        yLabel: 'Readout (fold)',
        width,
        height: Math.round(Math.min(480, width * 0.55)),
        markerX: current,
        title: `Readouts over ${r.label}`,
        id: 'scan-line-chart',
      }),
    );
  };
  const scanForm = h(
    'form',
    { class: 'explore-controls', 'aria-label': 'Parameter scan settings' },
    h('label', {}, 'Parameter ', scanSelect),
    h('span', { class: 'button-row' }, scanRun),
  );
  scanForm.addEventListener('submit', (e) => {
    e.preventDefault();
    scanError.textContent = '';
    const base = exploreBase(ctx.getScenario());
    const parameter = scanSelect.value;
    const current = base.model.parameterVector(base.parameters)[
      base.model.parameterNames.indexOf(parameter)
    ]!;
    scanRun.disabled = true;
    scanStatus.textContent = `Scanning ${parameter} over its documented range…`;
    getPool()
      .run('scan', base.spec, {
        parameter,
        count: 41,
        parameters: base.parameters,
        settings: { ...base.settings, gap: ctx.getScenario().settings.gap },
        ...(base.parameterPreset ? { parameterPreset: base.parameterPreset } : {}),
      })
      .promise.then(
        (r) => {
          scanRun.disabled = false;
          scanStatus.textContent = `Done: ${r.values.length} runs; the dashed line marks the current value.`;
          drawScan(r, current);
        },
        (err: Error) => {
          scanRun.disabled = false;
          scanError.textContent = `Scan failed: ${err.message}`;
        },
      );
  });

  replace(
    container,
    h(
      'section',
      { class: 'explore', 'aria-labelledby': 'explore-map-title' },
      h('h3', { id: 'explore-map-title' }, 'Interference map: order × gap × a second axis'),
      h(
        'p',
        { class: 'hint' },
        'Each cell runs the study design with one ordered pair of bouts: left of 0 EE comes first (EE→RE), right of 0 EE follows RE (RE→EE; 0 is RE→EE back to back). ',
        'Colour: MPS of that pair as a fold of RE only (1 = no interference; red = less protein synthesis). Computed in the background; you can keep using the simulator.',
      ),
      mapForm,
      h('p', { class: 'explore-progress' }, progress, ' ', status),
      mapError,
      mapBox,
      readout,
      h('h3', {}, 'Sensitivity: which parameters matter?'),
      h(
        'p',
        { class: 'hint' },
        'Each parameter is moved down and up by the same percentage with the others fixed; bars show the readout at both ends. A parameter at 0 (such as training) is moved by that percentage of its range instead.',
      ),
      sensForm,
      sensStatus,
      sensError,
      tornadoBox,
      coefBox,
      h('h3', {}, 'One-parameter scan'),
      scanForm,
      scanStatus,
      scanError,
      scanBox,
    ),
  );
  container.dataset.mapState = 'idle';
}
