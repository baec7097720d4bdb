/**
 * Provenance: where the numbers in a data file came from — the model (id, name, version), every
 * parameter value, the protocol, what else the run depended on, and the tool and the command
 * line (or app state) that produced it.
 *
 * It travels *beside* the data, never inside it: a CSV file gets a JSON sidecar
 * (`run.csv` → `run.meta.json`), and a JSON output is an envelope
 * `{ model, parameters, parameterPreset, protocol, …, warnings, createdBy, columns, data }`.
 * Both carry the same fields, so a script reads either the same way. Keys are camelCase, like
 * the library's own objects.
 */
import type { ModelSpec } from '../model/spec.ts';
import type { Protocol } from '../protocol/protocol.ts';
import type { Column, DataTable, Row } from './table.ts';

/** The package name written into every file. */
export const TOOL_NAME = 'exercise-order-lab';

/** Which model, and which version of its file. */
export interface ModelInfo {
  readonly id: string;
  readonly name: string;
  readonly version: string;
}

/** What produced a file: the tool and its version, and the command line or the app state. */
export interface CreatedBy {
  readonly tool: string;
  readonly version: string;
  /** The command line, e.g. `eolab simulate --gap 30 --out run.csv` (CLI). */
  readonly command?: string;
  /** The page address that restores the run (app). */
  readonly url?: string;
  /** The app's scenario as saved by "Scenario (JSON)" (app). */
  readonly scenario?: unknown;
}

/** Everything a data file depends on. Extra fields (`dt`, `axes`, …) say what else mattered. */
export interface Provenance {
  readonly model: ModelInfo;
  /** Every parameter value used (defaults with overrides applied). */
  readonly parameters: Readonly<Record<string, number>>;
  /** The parameter preset the values started from, if any. */
  readonly parameterPreset: string | null;
  /** The protocol run (for a sweep: the base protocol the axes vary). */
  readonly protocol: Protocol | null;
  /** Non-fatal notes from the run. */
  readonly warnings: readonly string[];
  readonly createdBy: CreatedBy;
  readonly [extra: string]: unknown;
}

/** Options of `provenance`. */
export interface ProvenanceOptions {
  readonly spec: ModelSpec;
  /** Parameter overrides (or every value); the model's defaults fill the rest. */
  readonly parameters?: Readonly<Record<string, number>>;
  readonly parameterPreset?: string | null;
  readonly protocol?: Protocol | null;
  readonly warnings?: readonly string[];
  readonly createdBy: CreatedBy;
  /** What else the data depends on, in the order it should appear (`{ dt: 5 }`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** The model's id, name and version. */
export function modelInfo(spec: ModelSpec): ModelInfo {
  return { id: spec.id, name: spec.name, version: spec.version };
}

/** Every parameter value: the model's defaults with `overrides` applied, in file order. */
export function allParameters(
  spec: ModelSpec,
  overrides: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(spec.parameters)) out[name] = overrides[name] ?? p.value;
  return out;
}

/**
 * Build the provenance of a data file.
 * @throws Error naming an extra field that would overwrite a standard one
 */
export function provenance(o: ProvenanceOptions): Provenance {
  const base = {
    model: modelInfo(o.spec),
    parameters: allParameters(o.spec, o.parameters),
    parameterPreset: o.parameterPreset ?? null,
    protocol: o.protocol ?? null,
  };
  for (const key of Object.keys(o.extra ?? {})) {
    if (key in base || key === 'warnings' || key === 'createdBy' || key === 'columns' || key === 'data') {
      throw new Error(`invalid provenance field: "${key}" is reserved`);
    }
  }
  return { ...base, ...o.extra, warnings: [...(o.warnings ?? [])], createdBy: o.createdBy };
}

/** A JSON output: the provenance, the data dictionary and the rows. */
export interface Envelope<R extends Row = Row> extends Provenance {
  readonly columns: readonly Column[];
  readonly data: readonly R[];
}

/** Wrap a table in its provenance: `{ model, parameters, protocol, …, columns, data }`. */
export function envelope<R extends Row>(prov: Provenance, table: DataTable<R>): Envelope<R> {
  return { ...prov, columns: table.columns, data: table.rows };
}

/** The sidecar of a CSV file: the provenance, the data dictionary and the CSV's file name. */
export interface Sidecar extends Provenance {
  readonly columns: readonly Column[];
  /** The CSV file this describes (its name, not its path). */
  readonly data: string;
}

/** The sidecar for `csvFile` holding `table`. */
export function sidecar(prov: Provenance, table: DataTable, csvFile: string): Sidecar {
  return { ...prov, columns: table.columns, data: baseName(csvFile) };
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Where a CSV's sidecar goes by default: `run.csv` → `run.meta.json` (`run` → `run.meta.json`). */
export function sidecarPath(csvFile: string): string {
  const name = baseName(csvFile);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? csvFile.slice(0, csvFile.length - (name.length - dot)) : csvFile;
  return `${stem}.meta.json`;
}

/**
 * JSON text of an envelope or sidecar: two-space indentation, with each data row on one line
 * so a large table stays readable and compact. Ends with a newline.
 */
export function formatJson(value: unknown): string {
  if (value === null || typeof value !== 'object' || !('data' in value) || !Array.isArray(value.data)) {
    return `${JSON.stringify(value, null, 2)}\n`;
  }
  const { data, ...head } = value as { data: unknown[] } & Record<string, unknown>;
  const headText = JSON.stringify(head, null, 2);
  const rows = data.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  const dataText = data.length === 0 ? '[]' : `[\n${rows}\n  ]`;
  const open = headText === '{}' ? '{\n' : `${headText.slice(0, -2)},\n`;
  return `${open}  "data": ${dataText}\n}\n`;
}
