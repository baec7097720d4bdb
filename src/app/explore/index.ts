/**
 * The explore panel: the interference map (signed gap × a second axis, coloured by MPS as a fold
 * of RE only), parameter sensitivity (tornado + coefficients) and one-parameter scans, each a
 * section of its own (map-panel.ts, sensitivity-panel.ts, scan-panel.ts) with CSV (+ provenance
 * sidecar), SVG and PNG downloads. All the computing runs in Web Workers (`ExplorePool`), with
 * progress, cancel and a polite live status; the main thread only draws, and redraws when the
 * panel's width changes.
 */
import type { ExplorePool } from '../../analysis/pool.ts';
import { h, replace } from '../dom.ts';
import { mountMapSection } from './map-panel.ts';
import { mountScanSection } from './scan-panel.ts';
import { exploreBase, yAxisChoices } from './scenario.ts';
import { mountSensitivitySection } from './sensitivity-panel.ts';
import type { ExploreContext } from './types.ts';
import { createBrowserPool } from './workers.ts';
import './explore.css';

export type { ExploreContext } from './types.ts';

/** Mount the explore panel into `container`. */
export function mountExplorePanel(container: HTMLElement, ctx: ExploreContext): void {
  let pool: ExplorePool | null = null;
  const getPool = () => {
    pool ??= createBrowserPool();
    return pool;
  };
  const choices = yAxisChoices(exploreBase(ctx.getScenario()).model);
  const map = mountMapSection(container, ctx, getPool, choices);
  const sensitivity = mountSensitivitySection(ctx, getPool);
  const scan = mountScanSection(ctx, getPool);
  ctx.onScenarioChange?.(() => map.scenarioChanged());
  replace(container, h('div', { class: 'explore' }, map.element, sensitivity.element, scan.element));

  // Charts follow the panel's width (a rotated phone, a resized window).
  if (typeof ResizeObserver !== 'undefined') {
    let width = container.clientWidth;
    let frame = 0;
    new ResizeObserver(() => {
      if (container.clientWidth === width || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        width = container.clientWidth;
        map.redraw();
        sensitivity.redraw();
        scan.redraw();
      });
    }).observe(container);
  }
}
