/**
 * The interference map section: its settings form (map-controls.ts), Compute / Cancel with
 * progress in a polite live region, the heatmap (hover or arrow keys read a cell, click or Enter
 * loads it into the simulator), and its downloads. Two ways to compute: the Compute button
 * (`runMap`, map-run.ts), and — while "Live" is on and a map is drawn — a live update whenever a
 * slider of the app or a map setting moves (`LiveMap`, map-live.ts: the latest value wins, a coarse
 * pass first). A map whose inputs have changed is marked out of date until its successor is drawn.
 */
import type { ExplorePool, Job } from '../../analysis/pool.ts';
import { PoolCancelled } from '../../analysis/pool.ts';
import { SWEEP_METRICS } from '../../analysis/sweep.ts';
import { formatClock } from '../../chart/format.ts';
import { heatmapChart } from '../../chart/heatmap.ts';
import { h } from '../dom.ts';
import { setForeground } from '../foreground.ts';
import { exportBar } from './export-bar.ts';
import { attachMapCells, fmt } from './map-cells.ts';
import { type MapInputs, mapControls } from './map-controls.ts';
import { type LiveFrame, LiveMap } from './map-live.ts';
import { type MapState, mapBasis, newMapState, runMap } from './map-run.ts';
import { LatestFrame, type MapView, mapView } from './map-view.ts';
import { type AxisChoice, cellScenario, describeGap, exploreBase } from './scenario.ts';
import { disableKeepingFocus, isBusy, liveStatus, setBusy } from './status.ts';
import { mapCsv } from './tables.ts';
import { chartStyle, chartWidth, type ExploreContext } from './types.ts';

export { RESOLUTIONS } from './map-controls.ts';

/** A mounted map section. */
export interface MapSection {
  readonly element: HTMLElement;
  /** Redraw at the current width. */
  redraw(): void;
  /** The scenario changed: update a live map, or mark a computed map out of date. */
  scenarioChanged(): void;
  /** Stop everything (the panel is going away). */
  dispose(): void;
}

/**
 * Mount the map section. `container` carries, for tests and benchmarks, `data-map-state`
 * (idle | running | done), `data-map-stale`, `data-map-phase` (coarse | complete, of the map
 * drawn), `data-map-requests` (live updates started) and `data-map-updates` (live updates
 * completed).
 */
export function mountMapSection(
  container: HTMLElement,
  ctx: ExploreContext,
  getPool: () => ExplorePool,
  choices: readonly AxisChoice[],
): MapSection {
  const controls = mapControls(choices);
  const { runButton, cancelButton, liveToggle } = controls;
  const progress = h('progress', { id: 'explore-progress', max: 1, value: 0, 'aria-label': 'Map progress' });
  const status = liveStatus('explore-status', 'span', 'Not computed yet.');
  const badge = h('p', { id: 'explore-map-badge', class: 'explore-badge', hidden: true });
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

  /** The map drawn (or being computed by the Compute button), and the grid drawn from it. */
  let map: MapState | null = null;
  let view: MapView | null = null;
  /** Key of the inputs of the map drawn, and of the latest map asked for. */
  let shownKey = '';
  let wantedKey = '';
  let job: Job<unknown> | null = null;
  let drawQueued = false;
  let svg: SVGSVGElement | undefined;
  let updates = 0;
  let requests = 0;

  const downloads = exportBar({
    id: 'map',
    title: 'interference map',
    fileStem: 'interference-map',
    svg: () => svg,
    hasData: () => map?.pending.some((p) => !p) === true,
    csv: (file) => (map ? mapCsv(map, file) : undefined),
  });

  /** The map's width, read when the panel's width changes (reading it per draw forces a layout). */
  let width = 0;
  const draw = () => {
    drawQueued = false;
    if (!map) return;
    const t0 = performance.now();
    // A full view copies the map, which the Compute path fills chunk by chunk: copy it again.
    if (!view || view.full) view = mapView(map);
    const w = width || chartWidth(mapBox);
    // A hidden box has no width yet: read it again once the map is shown.
    if (!mapBox.hidden) width = w;
    const cur = map.cursor;
    const hi = cur ? { i: view.cols.indexOf(cur.i), j: view.rows.indexOf(cur.j) } : null;
    svg = heatmapChart({
      x: view.x.map((g) => g / 60),
      y: view.y,
      values: view.values,
      pending: view.pending,
      xLabel: 'Gap (h:mm; negative: EE before RE, positive: EE after RE)',
      xFormat: (hours) => formatClock(hours * 60),
      yLabel: `${map.axis.label} (${map.axis.unit})`,
      colorLabel: SWEEP_METRICS[map.metric].short,
      width: w,
      height: Math.round(Math.min(560, Math.max(300, w * 0.62))),
      ...(hi && hi.i >= 0 && hi.j >= 0 ? { highlight: hi } : {}),
      title: `Interference map: ${SWEEP_METRICS[map.metric].label}`,
      id: 'explore-heatmap',
      ...chartStyle(w),
      stale: map.stale,
    });
    mapBox.replaceChildren(svg);
    mapBox.hidden = false;
    mapBox.dataset.grid = `${view.x.length}x${view.y.length}`;
    downloads.refresh();
    // A user-timing entry per draw: the browser benchmark reads them.
    performance.measure('explore-map-draw', { start: t0, detail: { cells: view.values.length } });
  };
  const queueDraw = () => {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(draw);
  };
  const setStale = (stale: boolean) => {
    container.dataset.mapStale = String(stale);
    if (!map || map.stale === stale) return;
    map.stale = stale;
    queueDraw();
  };
  const showBadge = (text: string) => {
    badge.textContent = text;
    badge.hidden = text === '';
  };
  /**
   * While a live update computes, the map drawn is faded and captioned by the badge through a
   * class: no redraw of thousands of cells on every slider step.
   */
  const setUpdating = (updating: boolean) => {
    mapBox.classList.toggle('explore-updating', updating);
    container.dataset.mapStale = String(updating || map?.stale === true);
  };

  attachMapCells(mapBox, readout, {
    map: () => map,
    view: () => view,
    draw,
    load: (m, i, j) => ctx.loadScenario(cellScenario(ctx.getScenario(), m.x[i]!, m.axis.axis, m.y[j]!)),
  });

  /** Busy: Compute keeps the focus (aria-disabled), Cancel is enabled. Idle: the reverse. */
  const setRunning = (running: boolean) => {
    setBusy(runButton, running);
    if (running) cancelButton.disabled = false;
    else disableKeepingFocus(cancelButton, runButton);
    container.dataset.mapState = running ? 'running' : map ? 'done' : 'idle';
    // While the map computes, the page's background checks wait (they would take its cores).
    setForeground('explore-map', running);
  };
  const read = (): { inputs: MapInputs; base: ReturnType<typeof exploreBase> } | null => {
    const base = exploreBase(ctx.getScenario());
    try {
      return { inputs: controls.read(base), base };
    } catch (err) {
      mapError.textContent = (err as Error).message;
      return null;
    }
  };
  const failureText = (state: MapState, failures: readonly { x: number; y: number; message: string }[]) => {
    const f = failures[0]!;
    return `${failures.length} cells failed and are left blank; first at ${describeGap(f.x)}, ${state.axis.label} ${fmt(f.y, 4)}: ${f.message}`;
  };

  // ---- live updates -------------------------------------------------------------------------
  const live = new LiveMap(getPool, {
    show: (frame: LiveFrame) => {
      const cursor = map?.cursor ?? null;
      map = frame.map;
      map.cursor ??= cursor;
      view = frame.view;
      setUpdating(false);
      container.dataset.mapPhase = frame.phase;
      if (frame.phase === 'coarse') {
        showBadge(
          `Coarse preview (${view.x.length} × ${view.y.length} of ${map.x.length} × ${map.y.length} cells); refining…`,
        );
      }
      draw();
    },
    progress: (done, all) => {
      progress.value = done / all;
    },
    done: (frame, result, ms) => {
      shownKey = wantedKey;
      container.dataset.mapUpdates = String(++updates);
      showBadge('');
      setRunning(false);
      const n = frame.map.values.length;
      status.say(`Map updated: ${n} scenarios, ${(ms / 1000).toFixed(1)} s after the last change.`);
      if (result.failures.length > 0) mapError.textContent = failureText(frame.map, result.failures);
    },
    failed: (_seq, error) => {
      setRunning(false);
      showBadge('');
      setUpdating(false);
      setStale(true);
      mapError.textContent = `The map could not be computed: ${error.message}`;
      status.say('The map is out of date: the update failed (see the message next to the map).');
    },
  });

  /** Bring a drawn map up to date with the inputs now (live mode). */
  const liveUpdate = () => {
    if (!liveToggle.checked || !map) return;
    const got = read();
    if (!got) {
      live.cancel();
      wantedKey = '';
      setUpdating(false);
      setStale(true);
      setRunning(false);
      showBadge('');
      return;
    }
    const { inputs, base } = got;
    if (inputs.key === wantedKey && (live.running || inputs.key === shownKey)) return;
    mapError.textContent = '';
    wantedKey = inputs.key;
    if (inputs.key === shownKey && map.pending.every((p) => !p)) {
      // Back to the inputs of the map drawn: nothing to compute.
      live.cancel();
      setUpdating(false);
      setStale(false);
      setRunning(false);
      showBadge('');
      return;
    }
    job?.cancel();
    job = null;
    const axis = choices.find((c) => c.axis === inputs.request.yAxis)!;
    if (!live.running) status.say('Updating the map…');
    setUpdating(true);
    showBadge('Out of date; a new map is being computed…');
    setRunning(true);
    progress.value = 0;
    live.update(newMapState(inputs.request, axis, base), inputs.request);
    container.dataset.mapRequests = String(++requests);
  };
  // Input events of one frame make one request.
  const liveInputs = new LatestFrame<null>(liveUpdate, (f) => void requestAnimationFrame(() => f()));
  const changed = () => {
    if (liveToggle.checked && map) liveInputs.put(null);
  };
  controls.onSettingsInput(changed);
  liveToggle.addEventListener('change', () => {
    if (liveToggle.checked) return changed();
    if (!live.running) return;
    live.cancel();
    wantedKey = '';
    setRunning(false);
    showBadge('');
    setUpdating(false);
    setStale(true);
    status.say('Live updates off: the map is out of date. Press "Compute map".');
  });

  // ---- the Compute button -------------------------------------------------------------------
  const start = () => {
    mapError.textContent = '';
    const got = read();
    if (!got) return;
    const { inputs, base } = got;
    const { request } = inputs;
    job?.cancel();
    live.cancel();
    setUpdating(false);
    const state = newMapState(request, choices.find((c) => c.axis === request.yAxis)!, base);
    map = state;
    view = null;
    shownKey = wantedKey = inputs.key;
    container.dataset.mapStale = 'false';
    container.dataset.mapPhase = 'complete';
    showBadge('');
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
        if (result.failures.length > 0) mapError.textContent = failureText(state, result.failures);
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
    if (live.running) {
      live.cancel();
      wantedKey = '';
      setRunning(false);
      showBadge('');
      setUpdating(false);
      setStale(true);
      status.say('Cancelled; the map drawn is out of date.');
    }
    job?.cancel();
  });
  controls.form.addEventListener('submit', (e) => {
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
      'Colour: MPS of that pair as a fold of RE only (1 = no interference; red = less protein synthesis). Computed in the background; you can keep using the simulator. ',
      'With "Live" on, a drawn map follows every slider: a coarse preview first, then every cell.',
    ),
    controls.form,
    h('p', { class: 'explore-progress' }, progress, ' ', status.element),
    mapError,
    badge,
    mapBox,
    readout,
    downloads.element,
  );
  container.dataset.mapState = 'idle';

  return {
    element,
    redraw: () => {
      width = 0;
      if (map) queueDraw();
    },
    scenarioChanged() {
      if (!map) return;
      if (liveToggle.checked) return changed();
      const stale = mapBasis(exploreBase(ctx.getScenario()), map.axis.axis) !== map.basis;
      if (stale === map.stale) return;
      setStale(stale);
      if (stale && container.dataset.mapState !== 'running') {
        status.say('Out of date: the scenario has changed since this map was computed. Press "Compute map".');
      }
    },
    dispose() {
      live.cancel();
      job?.cancel();
    },
  };
}
