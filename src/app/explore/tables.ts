/**
 * The explore panel's results as tidy tables (one row per observation, one column per variable,
 * header first) written with the project's one CSV writer, and the small provenance sidecar
 * (`<file>.meta.json`) that travels beside each: what was computed, from which model, parameters
 * and settings, and what every column means. Pure: results and app state in, text out.
 */
import type { ScanResult, SensitivityResult } from '../../analysis/sensitivity.ts';
import { READOUTS } from '../../analysis/sensitivity.ts';
import { SWEEP_METRICS, type SweepMetric } from '../../analysis/sweep.ts';
import { formatCsv } from '../../data/csv.ts';
import type { AxisChoice, ExploreBase } from './scenario.ts';

/** A CSV file and its provenance sidecar. */
export interface CsvExport {
  readonly csv: string;
  readonly meta: ExportMeta;
}

/** What a column holds. */
export interface ColumnMeta {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** The provenance sidecar of an exported table (written as `<file>.meta.json`). */
export interface ExportMeta {
  /** The CSV file this describes. */
  readonly file: string;
  readonly kind: 'interference-map' | 'sensitivity' | 'parameter-scan';
  readonly description: string;
  readonly createdBy: string;
  /** When the file was written (ISO 8601). */
  readonly created: string;
  readonly model: string;
  readonly parameterPreset: string | null;
  /** Parameter values that differ from the model file (the preset's, then the user's). */
  readonly parameters: Readonly<Record<string, number>>;
  /** Protocol settings of the scenario (the gap is an axis of the map, so absent there). */
  readonly settings: Readonly<Record<string, number>>;
  readonly columns: readonly ColumnMeta[];
  /** Settings of the computation itself (axes, metric, step …). */
  readonly computation: Readonly<Record<string, unknown>>;
}

/** Who writes the files. */
export const CREATED_BY = 'Exercise Order Lab (browser app)';

function meta(
  base: ExploreBase,
  o: Omit<ExportMeta, 'createdBy' | 'created' | 'model' | 'parameterPreset' | 'parameters' | 'settings'> & {
    readonly settings?: Readonly<Record<string, number>>;
  },
  now: Date,
): ExportMeta {
  return {
    file: o.file,
    kind: o.kind,
    description: o.description,
    createdBy: CREATED_BY,
    created: now.toISOString(),
    model: base.spec.id,
    parameterPreset: base.parameterPreset ?? null,
    parameters: { ...base.parameters },
    settings: { ...(o.settings ?? base.settings) },
    columns: o.columns,
    computation: o.computation,
  };
}

/** A computed interference map, as the panel holds it. */
export interface MapTableInput {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly axis: AxisChoice;
  readonly metric: SweepMetric;
  readonly values: ArrayLike<number>;
  readonly pending: readonly boolean[];
  readonly base: ExploreBase;
}

/**
 * The map as a tidy table: one row per cell, `gap_min` (signed: negative = EE before RE), `order`,
 * the y axis (named by its id) and the metric (named by its id; empty when not computed or failed).
 */
export function mapCsv(map: MapTableInput, file: string, now = new Date()): CsvExport {
  const nx = map.x.length;
  const rows: (string | number | null)[][] = [];
  map.y.forEach((yv, j) => {
    map.x.forEach((gap, i) => {
      const k = j * nx + i;
      const v = map.values[k]!;
      rows.push([
        gap,
        gap < 0 ? 'EE→RE' : 'RE→EE',
        yv,
        map.pending[k] || !Number.isFinite(v) ? null : v,
        map.pending[k] ? 'not computed' : Number.isFinite(v) ? 'ok' : 'failed',
      ]);
    });
  });
  const header = ['gap_min', 'order', map.axis.axis, map.metric, 'status'];
  const m = SWEEP_METRICS[map.metric];
  return {
    csv: formatCsv(header, rows),
    meta: meta(
      map.base,
      {
        file,
        kind: 'interference-map',
        description: `Interference map: ${m.label}, over the signed gap between the bouts and ${map.axis.label}.`,
        columns: [
          {
            name: 'gap_min',
            unit: 'min',
            description:
              'Signed gap between the bouts: negative, EE ends that long before RE starts (EE→RE); zero or positive, EE starts that long after RE ends (RE→EE).',
          },
          { name: 'order', unit: '', description: 'Which bout comes first.' },
          { name: map.axis.axis, unit: map.axis.unit, description: map.axis.label },
          { name: map.metric, unit: 'fold', description: m.label },
          {
            name: 'status',
            unit: '',
            description:
              'ok; failed (the simulation failed, value empty); not computed (cancelled before this cell).',
          },
        ],
        computation: {
          xAxis: 'gap',
          yAxis: map.axis.axis,
          metric: map.metric,
          columns: nx,
          rows: map.y.length,
        },
      },
      now,
    ),
  };
}

/**
 * A sensitivity analysis as a tidy table: one row per parameter and readout, with the parameter
 * values used, the readout at the baseline, lowered and raised, and the normalised coefficient.
 */
export function sensitivityCsv(
  s: SensitivityResult,
  base: ExploreBase,
  settings: Readonly<Record<string, number>>,
  file: string,
  now = new Date(),
): CsvExport {
  const rows: (string | number | null)[][] = [];
  for (const r of s.rows) {
    for (const readout of READOUTS) {
      rows.push([
        r.parameter,
        r.label,
        r.value,
        r.lowValue,
        r.highValue,
        readout.id,
        s.baseline[readout.id] ?? null,
        r.low[readout.id] ?? null,
        r.high[readout.id] ?? null,
        r.coefficient[readout.id] ?? null,
      ]);
    }
  }
  const header = [
    'parameter',
    'label',
    'value',
    'value_low',
    'value_high',
    'readout',
    'baseline',
    'low',
    'high',
    'coefficient',
  ];
  return {
    csv: formatCsv(header, rows),
    meta: meta(
      base,
      {
        file,
        kind: 'sensitivity',
        description: `One-at-a-time sensitivity: each parameter lowered and raised by ${s.percent} % with the others fixed; coefficients by central differences (±${s.relativeStep * 100} %).`,
        settings,
        columns: [
          { name: 'parameter', unit: '', description: 'Parameter id in the model file.' },
          { name: 'label', unit: '', description: 'Parameter name.' },
          { name: 'value', unit: 'model units', description: 'The parameter value of the scenario.' },
          {
            name: 'value_low',
            unit: 'model units',
            description: `The value lowered by ${s.percent} % (clipped at the range).`,
          },
          {
            name: 'value_high',
            unit: 'model units',
            description: `The value raised by ${s.percent} % (clipped at the range).`,
          },
          {
            name: 'readout',
            unit: '',
            description: `Readout id: ${READOUTS.map((r) => `${r.id} = ${r.label}`).join('; ')}.`,
          },
          { name: 'baseline', unit: 'fold', description: 'The readout with every parameter at its value.' },
          { name: 'low', unit: 'fold', description: 'The readout with this parameter at value_low.' },
          { name: 'high', unit: 'fold', description: 'The readout with this parameter at value_high.' },
          {
            name: 'coefficient',
            unit: '1',
            description:
              'Normalised sensitivity d ln(readout) / d ln(parameter); empty when the parameter is 0.',
          },
        ],
        computation: { percent: s.percent, relativeStep: s.relativeStep },
      },
      now,
    ),
  };
}

/** A one-parameter scan as a tidy table: one row per scanned value, one column per readout. */
export function scanCsv(
  r: ScanResult,
  base: ExploreBase,
  settings: Readonly<Record<string, number>>,
  file: string,
  now = new Date(),
): CsvExport {
  const ids = READOUTS.map((d) => d.id).filter((id) => r.readouts[id] !== undefined);
  const failed = new Set(r.failures.map((f) => f.value));
  const rows = r.values.map((v, k) => [
    v,
    ...ids.map((id) => r.readouts[id]![k]!),
    failed.has(v) ? 'failed' : 'ok',
  ]);
  return {
    csv: formatCsv([r.parameter, ...ids, 'status'], rows),
    meta: meta(
      base,
      {
        file,
        kind: 'parameter-scan',
        description: `Every readout over ${r.label} (${r.parameter}), ${r.values.length} values, ${r.scale} spacing, the other parameters fixed.`,
        settings,
        columns: [
          { name: r.parameter, unit: r.unit, description: r.label },
          ...ids.map((id) => ({
            name: id,
            unit: 'fold',
            description: READOUTS.find((d) => d.id === id)!.label,
          })),
          { name: 'status', unit: '', description: 'ok, or failed (the simulation failed; readouts empty).' },
        ],
        computation: { parameter: r.parameter, count: r.values.length, scale: r.scale },
      },
      now,
    ),
  };
}
