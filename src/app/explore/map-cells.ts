/**
 * Reading and loading the map's cells: hovering a cell reads it out, clicking it (or Enter on
 * the keyboard cursor, moved with the arrow keys) loads that scenario into the simulator. The map
 * may be drawn as a coarse view; cells are always named in the whole map's columns and rows.
 */
import { SWEEP_METRICS } from '../../analysis/sweep.ts';
import { formatSig } from '../../chart/format.ts';
import type { MapState } from './map-run.ts';
import type { MapView } from './map-view.ts';
import { describeGap } from './scenario.ts';

/** A number to 3 (or `digits`) significant digits, `—` when not finite. */
export function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : '—';
}

/** Words for cell (i, j) of `map`: where it is and its value. */
export function describeCell(map: MapState, i: number, j: number): string {
  const k = j * map.x.length + i;
  const v = map.values[k]!;
  const where = `${describeGap(map.x[i]!)}, ${map.axis.label} ${fmt(map.y[j]!, 4)} ${map.axis.unit}`;
  if (map.pending[k]) return `${where}: not computed yet`;
  return `${where}: ${SWEEP_METRICS[map.metric].short} = ${formatSig(v)}${Number.isNaN(v) ? ' (the simulation failed)' : ''}`;
}

/** What the cell handlers need from the map section. */
export interface MapCellHooks {
  /** The map drawn, and the grid drawn from it. */
  map(): MapState | null;
  view(): MapView | null;
  /** Redraw (the cursor moved). */
  draw(): void;
  /** Load cell (i, j) of `map` into the simulator. */
  load(map: MapState, i: number, j: number): void;
}

/** Attach hover, click and keyboard handlers to `mapBox`; read-outs go to `readout`. */
export function attachMapCells(mapBox: HTMLElement, readout: HTMLElement, o: MapCellHooks): void {
  /** The map cell under a pointer event (the view's cell, in the map's columns and rows). */
  const cellOf = (target: EventTarget | null): { i: number; j: number } | null => {
    const rect = (target as Element | null)?.closest?.('rect.eol-cell');
    const view = o.view();
    if (!rect || !view) return null;
    const i = view.cols[Number(rect.getAttribute('data-i'))];
    const j = view.rows[Number(rect.getAttribute('data-j'))];
    return i !== undefined && j !== undefined ? { i, j } : null;
  };
  const loadCell = (i: number, j: number) => {
    const map = o.map();
    if (!map || map.pending[j * map.x.length + i]) return;
    o.load(map, i, j);
    map.cursor = { i, j };
    o.draw();
    readout.textContent = `Loaded into the simulator: ${describeCell(map, i, j)}.`;
  };
  mapBox.addEventListener('mousemove', (e) => {
    const c = cellOf(e.target);
    const map = o.map();
    if (c && map) readout.textContent = describeCell(map, c.i, c.j);
  });
  mapBox.addEventListener('click', (e) => {
    const c = cellOf(e.target);
    if (c) loadCell(c.i, c.j);
  });
  mapBox.addEventListener('keydown', (e) => {
    const map = o.map();
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
    o.draw();
    readout.textContent = describeCell(map, map.cursor.i, map.cursor.j);
  });
}
