/**
 * Sobol indices as a table (`eolab sensitivity --global`): per output and parameter, the
 * first-order and total indices with their 95% bootstrap intervals. Long (tidy) form; within an
 * output, the largest total index first.
 */
import type { SobolResult } from '../analysis/sobol.ts';
import { type Column, type DataTable, roundValue } from './table.ts';

/** What `globalSensitivityTable` needs: the indices and what their inputs and outputs are. */
export interface GlobalSensitivityTableInput {
  /** Sampled parameters, in design column order. */
  readonly parameters: readonly string[];
  readonly outputs: readonly { readonly id: string; readonly label: string }[];
  readonly sobol: SobolResult;
}

/** One row: one parameter's indices for one output. */
export interface GlobalSensitivityRow {
  readonly output: string;
  readonly parameter: string;
  readonly first: number | null;
  readonly firstLow: number | null;
  readonly firstHigh: number | null;
  readonly total: number | null;
  readonly totalLow: number | null;
  readonly totalHigh: number | null;
  readonly [key: string]: string | number | null;
}

/** The indices as a table, each output's rows by total index, largest first. */
export function globalSensitivityTable(input: GlobalSensitivityTableInput): DataTable<GlobalSensitivityRow> {
  const columns: Column[] = [
    {
      name: 'output',
      description: `output analysed: ${input.outputs.map((o) => `${o.id} (${o.label})`).join('; ')}`,
    },
    { name: 'parameter', description: 'model parameter, drawn from its prior' },
    {
      name: 'first',
      description: "first-order Sobol index: the share of the output's variance due to the parameter alone",
    },
    {
      name: 'firstLow',
      description: 'first-order index: 2.5% bootstrap quantile (lower end of the 95% interval)',
    },
    {
      name: 'firstHigh',
      description: 'first-order index: 97.5% bootstrap quantile (upper end of the 95% interval)',
    },
    {
      name: 'total',
      description: 'total Sobol index: the share including every interaction of the parameter',
    },
    { name: 'totalLow', description: 'total index: 2.5% bootstrap quantile' },
    { name: 'totalHigh', description: 'total index: 97.5% bootstrap quantile' },
  ];
  const rows = input.outputs.flatMap((o, k) => {
    const s = input.sobol.outputs[k]!;
    return input.parameters
      .map((parameter, i) => ({
        output: o.id,
        parameter,
        first: roundValue(s.first[i]!),
        firstLow: roundValue(s.firstCi[i]![0]),
        firstHigh: roundValue(s.firstCi[i]![1]),
        total: roundValue(s.total[i]!),
        totalLow: roundValue(s.totalCi[i]![0]),
        totalHigh: roundValue(s.totalCi[i]![1]),
      }))
      .sort((a, b) => (b.total ?? -Infinity) - (a.total ?? -Infinity));
  });
  return { columns, rows };
}
