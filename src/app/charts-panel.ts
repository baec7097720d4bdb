/**
 * The play area's charts: time courses of the anabolic signal, the regulator and MPS (fold vs
 * control, groups overlaid, bouts shaded, readout marked), "what the paper measured" fold bars,
 * cumulative MPS bars; a cursor that reads out every group's values; pinned-run overlays; per
 * chart SVG/PNG downloads and a data-table alternative.
 */
import { foldVsControl, type GroupReadouts, readoutTable } from '../analysis/readouts.ts';
import type { EnsembleResult } from '../analysis/simulate-ensemble.ts';
import type { OrderEffectCurve } from '../analysis/time-since-run.ts';
import {
  aucBarsChart,
  type ChartStyleOptions,
  dataTable,
  foldBarsChart,
  fontSizeFor,
  formatClock,
  formatClockH,
  formatFixed2,
  type GroupPalette,
  groupPalette,
  orderEffectChart,
  plotAreaOf,
  svgToPngBlob,
  svgToString,
  type TimeCourseOptions,
  timeCourseChart,
  timeCourseHeight,
} from '../chart/index.ts';
import type { ReadoutAnchor } from '../protocol/protocol.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { download, h, replace } from './dom.ts';
import type { UncertaintyState } from './uncertainty-client.ts';
import { aucErrorBars, foldErrorBars, seriesBands, uncertaintyStatus } from './uncertainty-view.ts';

/** The study's reported direction at 3 h, relative to RE only (Ogasawara et al. 2014). */
export const STUDY_EXPECTED = Object.freeze({ 're-ee': 'down', 'ee-re': 'same' } as const);

/** Time windows offered for the time courses (hours from the start; 0 = the whole run). */
export const TIME_WINDOWS = Object.freeze(
  [12, 24, 48, 0].map((hours) => ({
    hours,
    label: hours > 0 ? `first ${formatClockH(hours * 60)}` : 'whole run',
  })),
);

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
  /** Whether uncertainty is shown, and the ensemble for this scenario (absent: none yet). */
  readonly uncertainty?: ChartsUncertainty;
  /** RE→EE / EE→RE against readout time for this run (absent when the run lacks an order). */
  readonly orderEffect?: OrderEffectCurve;
}

/** The uncertainty part of the view. */
export interface ChartsUncertainty {
  readonly show: boolean;
  /** The ensemble's state for the scenario on screen (`off` when not shown). */
  readonly state: UncertaintyState;
}

/** The readout anchor in words, for the order-effect chart's axis. */
export const ANCHOR_AXIS_WORDS: Readonly<Record<ReadoutAnchor, string>> = {
  'resistance-end': 'after the end of RE',
  'workout-end': 'after the end of the workout',
  clock: 'on the clock',
};

/** A mounted chart panel. */
export interface ChartsPanel {
  /** Redraw everything; resolves when the DOM is updated. */
  render(view: ChartsView): void;
  /** Move the cursor only (cheap redraw of the time courses and the cursor readout). */
  setCursor(t: number): void;
}

const SERIES = [
  { slot: 'mps', name: 'mps', title: 'Muscle protein synthesis (MPS)', short: 'MPS' },
  { slot: 'anabolic', name: 'anabolic', title: 'Anabolic signal (mTOR-like)', short: 'anabolic' },
  { slot: 'regulator', name: 'regulator', title: 'AMPK-like negative regulator', short: 'regulator' },
] as const;

/** A time-course slot of the panel and the series drawn in it. */
export interface SeriesSlot {
  readonly slot: (typeof SERIES)[number]['slot'];
  readonly name: string;
  readonly title: string;
  readonly short: string;
}

/**
 * The series a result is drawn with: the study model's three, or — for a model opened from a file
 * with other observables — its first three observables in the same three places.
 */
export function seriesOf(result: SimulationResult): SeriesSlot[] {
  if (SERIES.every((s) => result.observableNames.includes(s.name))) return [...SERIES];
  return result.observableNames.slice(0, 3).map((name, k) => ({
    slot: SERIES[k]!.slot,
    name,
    title: `Observable ${name}`,
    short: name,
  }));
}

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
 * the chart's published plot area; `undefined` outside it.
 */
export function hoverTime(svg: SVGSVGElement, clientX: number): number | undefined {
  const area = plotAreaOf(svg);
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width'));
  if (!area || !(box.width > 0) || !(width > 0)) return undefined;
  const px = ((clientX - box.left) * width) / box.width;
  if (px < area.left || px > area.right) return undefined;
  return Math.round(area.t(px) / 5) * 5;
}

/**
 * Text sizes and line widths shared by every chart of the panel (one type size for charts side by
 * side), from the width of the main chart: 12–17 px on a screen, 20–24 px with lines 4 px wide on
 * a projector (presenter mode), where no chart text is below 18 px.
 */
export function chartStyle(presenter: boolean, mainWidth: number): ChartStyleOptions {
  const scaled = fontSizeFor(mainWidth);
  if (!presenter) return { fontSize: Math.min(17, Math.max(12, scaled)) };
  return { fontSize: Math.min(24, Math.max(20, scaled)), minFontSize: 18, lineWidth: 4 };
}

/** Smallest plot area of a time course, px (a phone still gets a readable curve). */
export const MIN_PLOT_HEIGHT = 180;

/**
 * Height of the plot area of a time course `width` px wide: in presenter mode whatever fills
 * `rowHeight` (the viewport below the controls), else a share of the width, within 180–340 px.
 */
export function plotHeightFor(width: number, main: boolean): number {
  return Math.round(Math.min(main ? 340 : 300, Math.max(MIN_PLOT_HEIGHT, width * (main ? 0.36 : 0.3))));
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
export function mountChartsPanel(
  container: HTMLElement,
  onCursor: (t: number) => void,
  onUncertainty: (show: boolean) => void = () => {},
): ChartsPanel {
  const uncBox = h('input', { type: 'checkbox', id: 'show-uncertainty' });
  uncBox.addEventListener('change', () => onUncertainty(uncBox.checked));
  const uncStatus = h('span', { class: 'hint uncertainty-status', id: 'uncertainty-status', role: 'status' });
  const uncRow = h(
    'div',
    { class: 'uncertainty-row presenter-keep', id: 'uncertainty-row' },
    h('label', { class: 'check', for: 'show-uncertainty' }, uncBox, ' Show uncertainty'),
    uncStatus,
  );
  const orderFig = figure('order', 'Order effect against readout time', 'order-effect-vs-readout-time');
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
    { class: 'cursor', id: 'cursor-box' },
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
      const t = hoverTime(f.svg, ev.clientX);
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
  const charts = h(
    'div',
    { class: 'charts' },
    uncRow,
    figs.mps.root,
    figs.fold.root,
    cursorBox,
    figs.anabolic.root,
    figs.auc.root,
    figs.regulator.root,
    orderFig.root,
  );
  container.append(charts);

  let view: ChartsView | undefined;
  let lastSizes: Sizes | undefined;
  /** Chart heights by layout key, so a cursor move draws each chart once. */
  const heights = new Map<string, number>();

  const widthOf = (f: Figure, fallback: number) => Math.max(240, Math.floor(f.plot.clientWidth || fallback));

  /**
   * Height of a chart row in presenter mode: the viewport below the controls (the charts fill the
   * screen), at least 320 px. `undefined` outside presenter mode.
   */
  const presenterRow = (v: ChartsView): number | undefined => {
    if (!v.presenter) return undefined;
    const top = figs.mps.root.getBoundingClientRect().top + window.scrollY;
    return Math.max(320, Math.floor(window.innerHeight - top - 12));
  };

  /** Size of every chart, read from the layout once before any drawing. */
  interface Sizes {
    readonly widths: Readonly<Record<string, number>>;
    readonly row: number | undefined;
  }
  const measure = (): Sizes => {
    const widths: Record<string, number> = {
      fold: widthOf(figs.fold, 380),
      auc: widthOf(figs.auc, 380),
      order: widthOf(orderFig, 560),
    };
    for (const s of SERIES) widths[s.slot] = widthOf(figs[s.slot], 560);
    return { widths, row: view ? presenterRow(view) : undefined };
  };

  const timeCourseOptions = (
    v: ChartsView,
    s: SeriesSlot,
    width: number,
    palette: GroupPalette,
    style: ChartStyleOptions,
  ) =>
    ({
      result: v.result,
      series: s.name,
      groups: [...v.shown],
      width,
      height: 0,
      foldVsControl: true,
      ...(v.pinned ? { pinned: v.pinned } : {}),
      cursorTime: v.cursorTime,
      timeRange: timeRange(v.result),
      title: s.title,
      yLabel: 'fold vs control',
      stale: v.stale,
      palette,
      minPlotHeight: v.presenter ? 120 : MIN_PLOT_HEIGHT,
      ...bandsOption(v, s.name),
      ...style,
    }) satisfies TimeCourseOptions;

  /** Height of a time course: its plot area's share of the width, or the presenter row. */
  const timeCourseHeightOf = (
    o: TimeCourseOptions,
    v: ChartsView,
    main: boolean,
    row: number | undefined,
  ) => {
    if (row !== undefined) return row;
    const key = JSON.stringify([
      o.series,
      o.width,
      o.fontSize,
      v.shown,
      Boolean(v.pinned),
      v.stale,
      main,
      Boolean(o.bands),
    ]);
    let hgt = heights.get(key);
    if (hgt === undefined) {
      hgt = timeCourseHeight(o, plotHeightFor(o.width, main));
      if (heights.size > 200) heights.clear();
      heights.set(key, hgt);
    }
    return hgt;
  };

  const drawTimeCourses = (v: ChartsView, sizes: Sizes, palette: GroupPalette) => {
    const drawn: Record<string, number> = {};
    const slots = seriesOf(v.result);
    for (const s of SERIES) figs[s.slot].root.hidden = !slots.some((x) => x.slot === s.slot);
    for (const s of slots) {
      const f = figs[s.slot];
      const o = timeCourseOptions(
        v,
        s,
        sizes.widths[s.slot]!,
        palette,
        chartStyle(v.presenter, sizes.widths.mps!),
      );
      const target = timeCourseHeightOf(o, v, s.slot === 'mps', sizes.row);
      const svg = drawFitted((height) => timeCourseChart({ ...o, height }), target);
      drawn[s.slot] = Number(svg.getAttribute('height'));
      f.svg = svg;
      replace(f.plot, svg);
    }
    return drawn;
  };

  const drawCursorReadout = (v: ChartsView) => {
    const t = v.cursorTime;
    cursorValue.textContent = formatClockH(t);
    cursor.setAttribute('aria-valuetext', `${formatClock(t)} hours`);
    const rows = v.result.groups
      .filter((g) => v.shown.includes(g.id))
      .map((g) =>
        h(
          'li',
          {},
          h('strong', {}, g.label),
          `: ${seriesOf(v.result)
            .map((s) => `${s.short} ${formatFixed2(foldVsControl(v.result, g.id, s.name, t))}×`)
            .join(', ')}`,
        ),
      );
    replace(
      cursorReadout,
      h('ul', { 'aria-label': `Values at ${formatClockH(t)}, fold vs control` }, ...rows),
    );
  };

  const tableForSeries = (v: ChartsView, series: string, title: string) => {
    const groups = v.result.groups.filter((g) => v.shown.includes(g.id));
    const rows: (string | number)[][] = [];
    for (let t = v.result.protocol.tStart; t <= v.result.protocol.tEnd; t += 60) {
      rows.push([
        formatClock(t),
        ...groups.map((g) => Number(foldVsControl(v.result, g.id, series, t).toFixed(3))),
      ]);
    }
    return dataTable({
      caption: `${title}: fold vs control, hourly`,
      columns: ['time (h:mm)', ...groups.map((g) => g.label)],
      rows,
    });
  };

  /** The ensemble on screen: only when shown and computed for this very scenario. */
  const ensembleOf = (v: ChartsView): EnsembleResult | undefined =>
    v.uncertainty?.show && v.uncertainty.state.status === 'done' && !v.stale
      ? v.uncertainty.state.result
      : undefined;

  const bandsOption = (v: ChartsView, series: string) => {
    const ens = ensembleOf(v);
    return ens ? { bands: seriesBands(ens, series) } : {};
  };

  const drawUncertaintyRow = (v: ChartsView) => {
    uncBox.checked = v.uncertainty?.show ?? false;
    const status = uncertaintyStatus(v.uncertainty?.show ?? false, v.uncertainty?.state ?? { status: 'off' });
    uncStatus.dataset.status = status.kind;
    replace(
      uncStatus,
      status.text,
      status.progress
        ? h('progress', {
            id: 'uncertainty-progress',
            max: status.progress.total,
            value: status.progress.done,
            'aria-label': 'Plausible models run',
          })
        : null,
    );
  };

  const drawOrderEffect = (v: ChartsView, sizes: Sizes) => {
    const curve = v.orderEffect;
    orderFig.root.hidden = !curve;
    if (!curve) {
      orderFig.svg = undefined;
      return;
    }
    const band = ensembleOf(v)?.orderEffect;
    const anchorWords = ANCHOR_AXIS_WORDS[curve.anchor];
    const width = sizes.widths.order!;
    const svg = drawFitted(
      (height) =>
        orderEffectChart({
          offsets: curve.offsets,
          ratio: curve.ratio,
          ...(band && band.anchor === curve.anchor && band.offsets.length === curve.offsets.length
            ? { band: band.ratio }
            : {}),
          readoutAt: v.result.protocol.readout.afterResistance,
          anchorWords,
          width,
          height,
          title: 'Order effect: MPS with RE→EE ÷ MPS with EE→RE, by readout time',
          stale: v.stale,
          ...chartStyle(v.presenter, sizes.widths.mps!),
        }),
      sizes.row ?? Math.round(Math.min(420, Math.max(300, width * 0.45))),
    );
    orderFig.svg = svg;
    replace(orderFig.plot, svg);
    setLazyTable(orderFig, () =>
      dataTable({
        caption: `Order effect (RE→EE ÷ EE→RE, MPS fold vs control) by readout time ${anchorWords}, hourly`,
        columns: [
          `readout time ${anchorWords} (h:mm)`,
          'RE→EE ÷ EE→RE',
          ...(band ? ['ensemble 5%', 'median', '95%'] : []),
        ],
        rows: curve.offsets.flatMap((t, k) =>
          t % 60 === 0
            ? [
                [
                  formatClock(t),
                  Number(curve.ratio[k]!.toFixed(6)),
                  ...(band
                    ? [band.ratio.q05[k]!, band.ratio.median[k]!, band.ratio.q95[k]!].map((x) =>
                        Number(x.toFixed(4)),
                      )
                    : []),
                ],
              ]
            : [],
        ),
      }),
    );
  };

  const render = (shown: ChartsView) => {
    // Read every layout size once, before any DOM write: interleaving reads with writes forces
    // a synchronous layout per chart.
    charts.classList.toggle('presenter', shown.presenter);
    view = shown;
    const sizes = measure();
    lastSizes = sizes;
    const [w0, w1] = timeRange(shown.result);
    const v = { ...shown, cursorTime: Math.min(w1, Math.max(w0, shown.cursorTime)) };
    view = v;
    cursor.min = String(w0);
    cursor.max = String(w1);
    cursor.value = String(v.cursorTime);
    const palette = groupPalette(v.result.groups.map((g) => g.id));
    const drawn = drawTimeCourses(v, sizes, palette);
    drawCursorReadout(v);
    const keep = (rows: GroupReadouts[]) =>
      rows.filter((r) => r.group === v.result.protocol.controlGroup || v.shown.includes(r.group));
    const rows = keep(readoutTable(v.result));
    const pinnedRows = v.pinned ? keep(readoutTable(v.pinned)) : undefined;
    const after = formatClockH(v.result.protocol.readout.afterResistance);
    const ens = ensembleOf(v);
    drawUncertaintyRow(v);
    drawOrderEffect(v, sizes);
    // Beside a time course (two columns), bars take its height so the row lines up; alone on a
    // narrow screen they take a height of their own.
    const beside = sizes.widths.fold! < sizes.widths.mps! * 0.9;
    const barHeight = (width: number) => Math.round(Math.min(420, Math.max(300, width * 0.8)));
    const foldSvg = drawFitted(
      (height) =>
        foldBarsChart({
          rows,
          observable: seriesOf(v.result)[0]?.name ?? 'mps',
          width: sizes.widths.fold!,
          height,
          expected: { ...STUDY_EXPECTED },
          ...(pinnedRows ? { pinnedRows } : {}),
          ...(ens ? { errorBars: foldErrorBars(ens, 'mps') } : {}),
          title: `MPS ${after} after RE (fold vs control)`,
          stale: v.stale,
          palette,
          ...chartStyle(v.presenter, sizes.widths.mps!),
        }),
      sizes.row ?? (beside ? drawn.mps! : barHeight(sizes.widths.fold!)),
    );
    figs.fold.svg = foldSvg;
    replace(figs.fold.plot, foldSvg);
    const aucSvg = drawFitted(
      (height) =>
        aucBarsChart({
          rows,
          width: sizes.widths.auc!,
          height,
          ...(pinnedRows ? { pinnedRows } : {}),
          ...(ens ? { errorBars: aucErrorBars(ens) } : {}),
          title: 'Cumulative MPS (AUC, fold vs control)',
          stale: v.stale,
          palette,
          ...chartStyle(v.presenter, sizes.widths.mps!),
        }),
      sizes.row ?? (beside ? drawn.anabolic! : barHeight(sizes.widths.auc!)),
    );
    figs.auc.svg = aucSvg;
    replace(figs.auc.plot, aucSvg);

    for (const s of seriesOf(v.result)) setLazyTable(figs[s.slot], () => tableForSeries(v, s.name, s.title));
    replace(
      figs.fold.table,
      dataTable({
        caption: `Fold vs control ${after} after RE`,
        columns: ['group', 'readout time (h:mm)', ...seriesOf(v.result).map((x) => x.short)],
        rows: rows.map((r) => [
          r.label,
          formatClock(r.time),
          ...seriesOf(v.result).map((x) => Number((r.fold[x.name] ?? Number.NaN).toFixed(3))),
        ]),
      }),
    );
    const windows = v.result.protocol.readout.aucWindows.map(String);
    replace(
      figs.auc.table,
      dataTable({
        caption: 'Cumulative MPS from the start of RE, fold vs control',
        columns: ['group', ...windows.map((w) => `AUC 0–${formatClockH(Number(w))}`)],
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
      // Sizes do not change when only the cursor moves: reading them again would force a layout
      // of the whole page on every move (a resize redraws through render, which measures).
      drawTimeCourses(view, lastSizes ?? measure(), groupPalette(view.result.groups.map((g) => g.id)));
      drawCursorReadout(view);
    },
  };
}

/** Default cursor position: the RE-only group's readout (else the first group's). */
export function defaultCursor(result: SimulationResult): number {
  const g = result.groups.find((x) => x.id === 're') ?? result.groups[1] ?? result.groups[0]!;
  return g.readoutTime;
}
