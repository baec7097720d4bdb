/**
 * The download buttons under each explore chart: the data as CSV, its provenance sidecar
 * (`.meta.json`), and the chart as SVG and PNG (through the chart exporters). Each button is
 * enabled only while there is something to download.
 */
import { svgToPngBlob, svgToString } from '../../chart/export.ts';
import { download, h } from '../dom.ts';
import type { CsvExport } from './tables.ts';

/** What an export bar downloads. */
export interface ExportBarOptions {
  /** Short id used in `data-export` attributes (`map`, `tornado`, `scan`). */
  readonly id: string;
  /** Words for the buttons' accessible names (`interference map`). */
  readonly title: string;
  /** File name without extension (`interference-map`). */
  readonly fileStem: string;
  /** The chart now on screen, if any. */
  readonly svg: () => SVGSVGElement | undefined;
  /** The table now on screen, if any (given the CSV file name); built only when downloaded. */
  readonly csv: (file: string) => CsvExport | undefined;
  /** Is there a table to download? */
  readonly hasData: () => boolean;
}

/** A mounted export bar. */
export interface ExportBar {
  readonly element: HTMLElement;
  /** Enable the buttons that have something to download. */
  refresh(): void;
}

/** Build the buttons. */
export function exportBar(o: ExportBarOptions): ExportBar {
  const file = `${o.fileStem}.csv`;
  const button = (kind: string, text: string, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-export': `${kind}-${o.id}`,
        'aria-label': label,
        disabled: true,
      },
      text,
    );
  // Accessible names start with the visible text (WCAG 2.5.3), then say what the file holds.
  const csvBtn = button('csv', 'CSV', `CSV: download the ${o.title} data`);
  const metaBtn = button('meta', 'CSV metadata', `CSV metadata: where the ${o.title} data come from (JSON)`);
  const svgBtn = button('svg', 'SVG', `SVG: download the ${o.title} as an image`);
  const pngBtn = button('png', 'PNG', `PNG: download the ${o.title} as a picture`);
  csvBtn.addEventListener('click', () => {
    const t = o.csv(file);
    if (t) download(new Blob([t.csv], { type: 'text/csv' }), file);
  });
  metaBtn.addEventListener('click', () => {
    const t = o.csv(file);
    if (t)
      download(
        new Blob([`${JSON.stringify(t.meta, null, 2)}\n`], { type: 'application/json' }),
        `${file}.meta.json`,
      );
  });
  svgBtn.addEventListener('click', () => {
    const svg = o.svg();
    if (svg) download(new Blob([svgToString(svg)], { type: 'image/svg+xml' }), `${o.fileStem}.svg`);
  });
  pngBtn.addEventListener('click', async () => {
    const svg = o.svg();
    if (svg) download(await svgToPngBlob(svg, 2), `${o.fileStem}.png`);
  });
  const element = h(
    'div',
    { class: 'downloads explore-downloads', role: 'group', 'aria-label': `Downloads: ${o.title}` },
    csvBtn,
    metaBtn,
    svgBtn,
    pngBtn,
  );
  return {
    element,
    refresh() {
      const hasSvg = o.svg() !== undefined;
      const hasCsv = o.hasData();
      csvBtn.disabled = !hasCsv;
      metaBtn.disabled = !hasCsv;
      svgBtn.disabled = !hasSvg;
      pngBtn.disabled = !hasSvg;
    },
  };
}
