/**
 * The app's data downloads, written by the same code as `eolab simulate`: the time courses as
 * one long table (`group,time,<series…>`, as CSV or as a JSON envelope), and the CSV's
 * provenance sidecar (`….csv` → `….meta.json`) recording the model, every parameter, the
 * protocol, the app version and the app state (page address and scenario) that produced it.
 */
import { BUNDLED_SPECS } from '../../models/bundled.ts';
import packageJson from '../../package.json' with { type: 'json' };
import {
  type CreatedBy,
  envelope,
  formatJson,
  provenance,
  sidecar,
  sidecarPath,
  TOOL_NAME,
} from '../data/provenance.ts';
import { tableToCsv } from '../data/table.ts';
import { timeCourseTable } from '../data/time-courses.ts';
import type { SimulationResult } from '../simulate/simulate.ts';

/** What the downloads record about the app state. */
export interface AppState {
  /** The page address, which restores the run. */
  readonly url: string;
  /** The scenario as "Scenario (JSON)" saves it. */
  readonly scenario: unknown;
  /** The parameter preset the run started from, if any. */
  readonly parameterPreset?: string | null;
}

/** The files of one download: names and contents. */
export interface RunFiles {
  readonly csv: { readonly name: string; readonly text: string };
  readonly meta: { readonly name: string; readonly text: string };
  readonly json: { readonly name: string; readonly text: string };
}

function createdBy(state: AppState): CreatedBy {
  return { tool: TOOL_NAME, version: packageJson.version, url: state.url, scenario: state.scenario };
}

/**
 * The time courses of `result` as CSV, its sidecar and the same data as a JSON envelope.
 * @throws Error when the result's model is not a bundled one (the app runs only those)
 */
export function runFiles(result: SimulationResult, state: AppState): RunFiles {
  const spec = BUNDLED_SPECS.get(result.modelId);
  if (!spec) throw new Error(`unknown model: ${result.modelId} (downloads; not a bundled model)`);
  const table = timeCourseTable(result, spec);
  const prov = provenance({
    spec,
    parameters: result.parameters,
    parameterPreset: state.parameterPreset ?? null,
    protocol: result.protocol,
    warnings: result.warnings,
    createdBy: createdBy(state),
    extra: { dt: result.dt },
  });
  const csvName = `exercise-order-lab-${result.modelId}.csv`;
  return {
    csv: { name: csvName, text: tableToCsv(table) },
    meta: { name: sidecarPath(csvName), text: formatJson(sidecar(prov, table, csvName)) },
    json: { name: `exercise-order-lab-${result.modelId}.json`, text: formatJson(envelope(prov, table)) },
  };
}
