/** What the explore panel's sections share: how they talk to the app, and their chart size and style. */
import { type ChartStyleOptions, fontSizeFor } from '../../chart/frame.ts';
import type { AppScenario } from '../state.ts';

/** How the explore panel talks to the app. */
export interface ExploreContext {
  getScenario(): AppScenario;
  loadScenario(s: AppScenario): void;
  /** Subscribe to scenario changes: a computed map whose inputs changed is marked out of date. */
  onScenarioChange?(listener: () => void): void;
}

/** Width of an explore chart in `el`: its content width, between 240 and 960 px. */
export function chartWidth(el: HTMLElement): number {
  return Math.max(240, Math.min(960, Math.floor(el.clientWidth || 720)));
}

/** Text size of an explore chart `width` px wide: scaled with the width, 12–16 px (like the page's text). */
export function chartStyle(width: number): ChartStyleOptions {
  return { fontSize: Math.min(16, Math.max(12, fontSizeFor(width))) };
}
