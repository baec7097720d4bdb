/**
 * One readout of a sensitivity analysis as a table (`eolab sensitivity`): per parameter, the
 * values tried, the readout at each, its relative change and the normalised coefficient, largest
 * swing first — the tornado's order.
 */
import { readoutById, type SensitivityResult } from '../analysis/sensitivity.ts';
import { type Column, type DataTable, roundValue } from './table.ts';

/** One row of the report for one readout. */
export interface SensitivityReportRow {
  readonly parameter: string;
  readonly label: string;
  readonly value: number;
  readonly lowValue: number;
  readonly highValue: number;
  /** The readout at the low and high value. */
  readonly low: number;
  readonly high: number;
  /** Relative change of the readout from baseline, at low and high (0.1 = +10%). */
  readonly lowChange: number;
  readonly highChange: number;
  /** d ln(readout) / d ln(p); NaN for a parameter at 0. */
  readonly coefficient: number;
  /** Why the row differs from the plain ±x% rule ('' when it does not). */
  readonly note: string;
}

/**
 * One readout's rows, largest swing (|high − low|) first.
 * @throws Error for an unknown readout id
 */
export function sensitivityReport(result: SensitivityResult, readout: string): SensitivityReportRow[] {
  readoutById(readout);
  const base = result.baseline[readout]!;
  return result.rows
    .map((r) => ({
      parameter: r.parameter,
      label: r.label,
      value: r.value,
      lowValue: r.lowValue,
      highValue: r.highValue,
      low: r.low[readout]!,
      high: r.high[readout]!,
      lowChange: r.low[readout]! / base - 1,
      highChange: r.high[readout]! / base - 1,
      coefficient: r.coefficient[readout]!,
      note: r.note ?? '',
    }))
    .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
}

/** A row as written to files: numbers rounded, NaN as null. */
export type SensitivityTableRow = Readonly<Record<string, string | number | null>>;

/** The report of one readout as a table. */
export function sensitivityTable(result: SensitivityResult, readout: string): DataTable<SensitivityTableRow> {
  const what = readoutById(readout).label;
  const columns: Column[] = [
    { name: 'parameter', description: 'parameter name' },
    { name: 'label', description: 'parameter label' },
    { name: 'value', description: 'value at the base point (unit: see the model)' },
    {
      name: 'lowValue',
      description: `value lowered by ${result.percent}% (clipped to the documented range)`,
    },
    {
      name: 'highValue',
      description: `value raised by ${result.percent}% (clipped to the documented range)`,
    },
    { name: 'low', description: `${what} at lowValue` },
    { name: 'high', description: `${what} at highValue` },
    { name: 'lowChange', unit: 'relative', description: 'low / baseline − 1 (0.1 = +10%)' },
    { name: 'highChange', unit: 'relative', description: 'high / baseline − 1 (0.1 = +10%)' },
    {
      name: 'coefficient',
      description:
        'normalised sensitivity d ln(readout) / d ln(parameter) by central differences; empty for a parameter at 0',
    },
    { name: 'note', description: 'why a row differs from the plain ±x% rule' },
  ];
  const rows = sensitivityReport(result, readout).map((r) => ({
    parameter: r.parameter,
    label: r.label,
    value: roundValue(r.value),
    lowValue: roundValue(r.lowValue),
    highValue: roundValue(r.highValue),
    low: roundValue(r.low),
    high: roundValue(r.high),
    lowChange: roundValue(r.lowChange),
    highChange: roundValue(r.highChange),
    coefficient: roundValue(r.coefficient),
    note: r.note,
  }));
  return { columns, rows };
}
