/**
 * The play area's charts: time courses of the anabolic signal, the regulator and MPS (fold vs
 * control, groups overlaid, bouts shaded, readout marked), "what the paper measured" fold bars,
 * cumulative MPS bars; a cursor that reads out every group's values; pinned-run overlays; per
 * chart SVG/PNG downloads and a data-table alternative.
 */
import { foldVsControl, type GroupReadouts, readoutTable } from '../analysis/readouts.ts';
import {
  aucBarsChart,
  dataTable,
  foldBarsChart,
  svgToPngBlob,
  svgToString,
  timeCourseChart,
} from '../chart/index.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { fold } from './claims.ts';
import { download, h, replace } from './dom.ts';
import { clock } from './timeline.ts';

/** The study's reported direction at 3 h, relative to RE only (Ogasawara et al. 2014). */
export const STUDY_EXPECTED = Object.freeze({ 're-ee': 'down', 'ee-re': 'same' } as const);

/** Time windows offered for the time courses (hours from the start; 0 = the whole run). */
export const TIME_WINDOWS = Object.freeze([
  { hours: 12, label: 'first 12 h' },
  { hours: 24, label: 'first 24 h' },
  { hours: 48, label: 'first 48 h' },
  { hours: 0, label: 'whole run' },
]);

/** Window shown at start, hours. */
export const DEFAULT_WINDOW_HOURS = 24;

/** What the charts show. */
export interface ChartsView {
  readonly result: SimulationResult;
  readonly pinned: SimulationResult | undefined;
  readonly cursorTime: number;
  readonly stale: boolean;
  /** Group ids drawn (control is always the reference). */
  readonly shown: readonly string[];
  readonly presenter: boolean;
}

/** A mounted chart panel. */
export interface ChartsPanel {
  /** Redraw everything; resolves when the DOM is updated. */
  render(view: ChartsView): void;
  /** Move the cursor only (cheap redraw of the time courses and the cursor readout). */
  setCursor(t: number): void;
}

const SERIES = [
  { name: 'mps', title: 'Muscle protein synthesis (MPS)', short: 'MPS' },
  { name: 'anabolic', title: 'Anabolic signal (mTOR-like)', short: 'anabolic' },
  { name: 'regulator', title: 'AMPK-like negative regulator', short: 'regulator' },
] as const;

interface Figure {
  readonly root: HTMLElement;
  readonly plot: HTMLElement;
  readonly table: HTMLElement;
  readonly details: HTMLDetailsElement;
  svg: SVGSVGElement | undefined;
  /** Builds the data table; run only while the table is open (large tables cost a few ms). */
  lazyTable: (() => Node) | undefined;
}

/**
 * Draw a chart at `height`, or at the smallest height the chart says it needs when that is more
 * (narrow screens wrap legends and lanes onto more lines).
 */
export function drawFitted<T>(draw: (height: number) => T, height: number): T {
  try {
    return draw(height);
  } catch (e) {
    const m = /needs at least (\d+) px/.exec((e as Error).message);
    if (!m) throw e;
    return draw(Math.max(height, Number(m[1]) + 20));
  }
}

/**
 * Time (minutes, on the 5-min grid) under a pointer at `clientX` over a time-course chart, from
 * the chart's plot-area lanes; `undefined` outside the plot area.
 */
export function hoverTime(svg: SVGSVGElement, clientX: number, range: [number, number]): number | undefined {
  const lane = svg.querySelector('.eol-lane-background');
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width'));
  if (!lane || !(box.width > 0) || !(width > 0)) return undefined;
  const x0 = Number(lane.getAttribute('x'));
  const w = Number(lane.getAttribute('width'));
  const px = ((clientX - box.left) * width) / box.width;
  if (!(w > 0) || px < x0 || px > x0 + w) return undefined;
  const t = range[0] + ((px - x0) / w) * (range[1] - range[0]);
  return Math.round(t / 5) * 5;
}

/** Show a figure's table now if it is open, else when it is opened. */
function setLazyTable(f: Figure, build: () => Node): void {
  f.lazyTable = build;
  if (f.details.open) replace(f.table, build());
}

function figure(id: string, title: string, fileStem: string): Figure {
  const plot = h('div', { class: 'plot' });
  const table = h('div', {
    class: 'table-wrap',
    tabindex: 0,
    role: 'region',
    'aria-label': `${title}: data table`,
  });
  const details = h('details', { class: 'data-table' }, h('summary', {}, 'Data table'), table);
  const f: Figure = {
    root: h('figure', { class: `chart-fig fig-${id}`, id: `fig-${id}`, 'aria-label': title }),
    plot,
    table,
    details,
    svg: undefined,
    lazyTable: undefined,
  };
  details.addEventListener('toggle', () => {
    if (details.open && f.lazyTable) replace(table, f.lazyTable());
  });
  const svgBtn = h('button', { type: 'button', class: 'small', 'data-export': `svg-${id}` }, 'SVG');
  const pngBtn = h('button', { type: 'button', class: 'small', 'data-export': `png-${id}` }, 'PNG');
  svgBtn.setAttribute('aria-label', `Download ${title} as SVG`);
  pngBtn.setAttribute('aria-label', `Download ${title} as PNG`);
  svgBtn.addEventListener('click', () => {
    if (f.svg) download(new Blob([svgToString(f.svg)], { type: 'image/svg+xml' }), `${fileStem}.svg`);
  });
  pngBtn.addEventListener('click', async () => {
    if (f.svg) download(await svgToPngBlob(f.svg, 2), `${fileStem}.png`);
  });
  f.root.append(
    plot,
    h('div', { class: 'fig-tools' }, details, h('span', { class: 'downloads' }, svgBtn, pngBtn)),
  );
  return f;
}

/** Mount the charts into `container`; `onCursor` reports cursor moves made here. */
export function mountChartsPanel(container: HTMLElement, onCursor: (t: number) => void): ChartsPanel {
  const figs = {
    mps: figure('mps', SERIES[0].title, 'mps-time-course'),
    fold: figure('fold', 'MPS at 3 h: what the paper measured', 'mps-fold-at-readout'),
    anabolic: figure('anabolic', SERIES[1].title, 'anabolic-time-course'),
    auc: figure('auc', 'Cumulative MPS (area under the curve)', 'mps-auc'),
    regulator: figure('regulator', SERIES[2].title, 'regulator-time-course'),
  };
  const cursor = h('input', { type: 'range', id: 'cursor-time', min: 0, max: 100, step: 5, value: 0 });
  const cursorLabel = h('label', { for: 'cursor-time' }, 'Cursor time');
  const cursorValue = h('output', { for: 'cursor-time', id: 'cursor-value' });
  const cursorReadout = h('div', { class: 'cursor-readout', id: 'cursor-readout' });
  const windowSelect = h(
    'select',
    { id: 'time-window', 'aria-label': 'Time shown on the time-course charts' },
    ...TIME_WINDOWS.map((w) => h('option', { value: w.hours }, w.label)),
  );
  windowSelect.value = String(DEFAULT_WINDOW_HOURS);
  const cursorBox = h(
    'div',
    { class: 'cursor' },
    h('div', { class: 'cursor-row' }, cursorLabel, cursor, cursorValue, windowSelect),
    cursorReadout,
  );
  cursor.addEventListener('input', () => onCursor(Number(cursor.value)));
  windowSelect.addEventListener('change', () => {
    if (!view) return;
    const [t0, t1] = timeRange(view.result);
    const t = Math.min(t1, Math.max(t0, view.cursorTime));
    if (t !== view.cursorTime) onCursor(t);
    render({ ...view, cursorTime: t });
  });
  // Hovering a time course moves the cursor (one redraw per animation frame at most).
  let hoverFrame = 0;
  for (const s of SERIES) {
    const f = figs[s.name];
    f.plot.addEventListener('pointermove', (ev) => {
      if (hoverFrame || !view || !f.svg) return;
      const t = hoverTime(f.svg, ev.clientX, timeRange(view.result));
      if (t === undefined || t === view.cursorTime) return;
      hoverFrame = requestAnimationFrame(() => {
        hoverFrame = 0;
        onCursor(t);
      });
    });
  }
  /** Window of the time courses, minutes. */
  const timeRange = (r: SimulationResult): [number, number] => {
    const hours = Number(windowSelect.value);
    const { tStart, tEnd } = r.protocol;
    return [tStart, hours > 0 ? Math.min(tEnd, tStart + hours * 60) : tEnd];
  };
  container.append(
    h(
      'div',
      { class: 'charts' },
      figs.mps.root,
      figs.fold.root,
      cursorBox,
      figs.anabolic.root,
      figs.auc.root,
      figs.regulator.root,
    ),
  );

  let view: ChartsView | undefined;

  const widthOf = (f: Figure, fallback: number) =>
    Math.max(260, Math.floor(f.root.clientWidth || fallback) - 4);

  const drawTimeCourses = (v: ChartsView, widths: Readonly<Record<string, number>>) => {
    const big = v.presenter ? 1.25 : 1;
    for (const s of SERIES) {
      const f = figs[s.name];
      const width = widths[s.name]!;
      const base = Math.round((s.name === 'mps' ? 300 : 260) * big);
      const svg = drawFitted(
        (height) =>
          timeCourseChart({
            result: v.result,
            series: s.name,
            groups: [...v.shown],
            width,
            height,
            foldVsControl: true,
            ...(v.pinned ? { pinned: v.pinned } : {}),
            cursorTime: v.cursorTime,
            timeRange: timeRange(v.result),
            title: s.title,
            yLabel: 'fold vs control',
            stale: v.stale,
          }),
        base,
      );
      f.svg = svg;
      replace(f.plot, svg);
    }
  };

  const drawCursorReadout = (v: ChartsView) => {
    const t = v.cursorTime;
    cursorValue.textContent = `${clock(t)} h`;
    cursor.setAttribute('aria-valuetext', `${clock(t)} hours`);
    const rows = v.result.groups
      .filter((g) => v.shown.includes(g.id))
      .map((g) =>
        h(
          'li',
          {},
          h('strong', {}, g.label),
          `: ${SERIES.map((s) => `${s.short} ${fold(foldVsControl(v.result, g.id, s.name, t))}×`).join(', ')}`,
        ),
      );
    replace(cursorReadout, h('ul', { 'aria-label': `Values at ${clock(t)} h, fold vs control` }, ...rows));
  };

  const tableForSeries = (v: ChartsView, series: string, title: string) => {
    const groups = v.result.groups.filter((g) => v.shown.includes(g.id));
    const rows: (string | number)[][] = [];
    for (let t = v.result.protocol.tStart; t <= v.result.protocol.tEnd; t += 60) {
      rows.push([t / 60, ...groups.map((g) => Number(foldVsControl(v.result, g.id, series, t).toFixed(3)))]);
    }
    return dataTable({
      caption: `${title}: fold vs control, hourly`,
      columns: ['time (h)', ...groups.map((g) => g.label)],
      rows,
    });
  };

  const render = (shown: ChartsView) => {
    // Read every layout width once, before any DOM write: interleaving reads with writes forces
    // a synchronous layout per chart.
    const widths: Record<string, number> = {
      fold: widthOf(figs.fold, 380),
      auc: widthOf(figs.auc, 380),
    };
    for (const s of SERIES) widths[s.name] = widthOf(figs[s.name], 560);
    const [w0, w1] = timeRange(shown.result);
    const v = { ...shown, cursorTime: Math.min(w1, Math.max(w0, shown.cursorTime)) };
    view = v;
    cursor.min = String(w0);
    cursor.max = String(w1);
    cursor.value = String(v.cursorTime);
    drawTimeCourses(v, widths);
    drawCursorReadout(v);
    const keep = (rows: GroupReadouts[]) =>
      rows.filter((r) => r.group === v.result.protocol.controlGroup || v.shown.includes(r.group));
    const rows = keep(readoutTable(v.result));
    const pinnedRows = v.pinned ? keep(readoutTable(v.pinned)) : undefined;
    const barW = widths.fold!;
    const big = v.presenter ? 1.25 : 1;
    const foldSvg = drawFitted(
      (height) =>
        foldBarsChart({
          rows,
          observable: 'mps',
          width: barW,
          height,
          expected: { ...STUDY_EXPECTED },
          ...(pinnedRows ? { pinnedRows } : {}),
          title: `MPS ${clock(v.result.protocol.readout.afterResistance)} h after RE (fold vs control)`,
          stale: v.stale,
        }),
      Math.round(300 * big),
    );
    figs.fold.svg = foldSvg;
    replace(figs.fold.plot, foldSvg);
    const aucSvg = drawFitted(
      (height) =>
        aucBarsChart({
          rows,
          width: widths.auc!,
          height,
          ...(pinnedRows ? { pinnedRows } : {}),
          title: 'Cumulative MPS (AUC, fold vs control)',
          stale: v.stale,
        }),
      Math.round(260 * big),
    );
    figs.auc.svg = aucSvg;
    replace(figs.auc.plot, aucSvg);

    for (const s of SERIES) setLazyTable(figs[s.name], () => tableForSeries(v, s.name, s.title));
    replace(
      figs.fold.table,
      dataTable({
        caption: 'Fold vs control 3 h after RE',
        columns: ['group', 'readout time (h)', 'MPS', 'anabolic', 'regulator'],
        rows: rows.map((r) => [
          r.label,
          Number((r.time / 60).toFixed(2)),
          ...['mps', 'anabolic', 'regulator'].map((k) => Number(r.fold[k]!.toFixed(3))),
        ]),
      }),
    );
    const windows = v.result.protocol.readout.aucWindows.map(String);
    replace(
      figs.auc.table,
      dataTable({
        caption: 'Cumulative MPS from the start of RE, fold vs control',
        columns: ['group', ...windows.map((w) => `${Number(w) / 60} h`)],
        rows: rows.map((r) => [
          r.label,
          ...windows.map((w) => Number((r.aucFold[w] ?? Number.NaN).toFixed(3))),
        ]),
      }),
    );
  };

  return {
    render,
    setCursor(t) {
      if (!view) return;
      view = { ...view, cursorTime: t };
      cursor.value = String(t);
      const widths: Record<string, number> = {};
      for (const s of SERIES) widths[s.name] = widthOf(figs[s.name], 560);
      drawTimeCourses(view, widths);
      drawCursorReadout(view);
    },
  };
}

/** Default cursor position: the RE-only group's readout (else the first group's). */
export function defaultCursor(result: SimulationResult): number {
  const g = result.groups.find((x) => x.id === 're') ?? result.groups[1] ?? result.groups[0]!;
  return g.readoutTime;
}
