/**
 * Time courses as one long table, the same in the CLI (`eolab simulate`) and the app's download:
 * one row per group and output sample, `group,time,<series…>` — every state, then every
 * observable, in absolute model units (divide by the control group's row at the same time for a
 * fold change). Group labels, bouts and the readout times are in the provenance (`protocol`).
 */
import type { ModelSpec } from '../model/spec.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { type Column, type DataTable, roundValue } from './table.ts';

/** One row of the time-course table. */
export type TimeCourseRow = Readonly<Record<string, string | number | null>>;

/** The columns: group, time, then one per series with the model's unit and label when known. */
export function timeCourseColumns(result: SimulationResult, spec?: ModelSpec): Column[] {
  const described = (name: string): Column => {
    const s = spec?.states[name] ?? spec?.observables[name];
    if (!s) return { name, description: `series ${name} of model ${result.modelId}` };
    const kind = spec?.states[name] ? 'state' : 'observable';
    return { name, unit: s.unit, description: `${s.label} (${kind})` };
  };
  return [
    { name: 'group', description: 'group id; labels and bouts are in protocol.groups' },
    { name: 'time', unit: 'min', description: 'time from the start of the simulated window' },
    ...result.seriesNames.map(described),
  ];
}

/**
 * The run as a long table: groups in protocol order, samples in time order.
 * @param spec the model, for units and labels in the column descriptions (optional)
 */
export function timeCourseTable(result: SimulationResult, spec?: ModelSpec): DataTable<TimeCourseRow> {
  const rows: TimeCourseRow[] = [];
  const { time, seriesNames } = result;
  const clash = seriesNames.find((n) => n === 'group' || n === 'time');
  if (clash)
    throw new Error(`invalid series name: "${clash}" (model ${result.modelId}; it names a column already)`);
  for (const g of result.groups) {
    const cols = seriesNames.map((name) => g.series[name]!);
    for (let i = 0; i < time.length; i++) {
      const row: Record<string, string | number | null> = { group: g.id, time: roundValue(time[i]!) };
      seriesNames.forEach((name, k) => {
        row[name] = roundValue(cols[k]![i]!);
      });
      rows.push(row);
    }
  }
  return { columns: timeCourseColumns(result, spec), rows };
}
