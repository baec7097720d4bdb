/** `eolab params` — the model's parameters with values, units, ranges and provenance. */

import type { FlatRow } from '../../data/model-tables.ts';
import { parametersTable } from '../../data/model-tables.ts';
import { provenance } from '../../data/provenance.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliIO, Command, RunContext } from '../command.ts';
import { formatNumber, formatTable } from '../format.ts';
import { DATA_OUTPUT_OPTIONS, dataOutput, dataOutputHelp, writeData } from '../output.ts';
import {
  createdBy,
  MODEL_HELP,
  MODEL_OPTIONS,
  resolveModelChoice,
  SET_HELP,
  SET_OPTION,
} from '../scenario.ts';

const OPTIONS = { ...MODEL_OPTIONS, ...SET_OPTION, ...DATA_OUTPUT_OPTIONS } as const;

/** The parameters as an aligned table (no descriptions; CSV and JSON have them). */
export function parametersText(rows: readonly FlatRow[]): string {
  const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v, 6) : '—');
  return formatTable(rows, [
    { header: 'name', value: (r) => String(r.name) },
    { header: 'value', value: (r) => num(r.value), align: 'right' },
    { header: 'unit', value: (r) => String(r.unit), wrap: true },
    { header: 'min', value: (r) => num(r.min), align: 'right' },
    { header: 'max', value: (r) => num(r.max), align: 'right' },
    { header: 'scale', value: (r) => String(r.scale) },
    { header: 'label', value: (r) => String(r.label), wrap: true },
    { header: 'source', value: (r) => String(r.source), wrap: true },
  ]);
}

/** `eolab params`. */
export const paramsCommand: Command = {
  name: 'params',
  usage: `Usage: eolab params [options]

Lists the model's parameters in file order: name, value, unit, min, max, scale, label and
source (CSV and JSON add the one-line description). With --param-preset or --set the values
are those used.

Options:
${MODEL_HELP}
${SET_HELP}
${dataOutputHelp(['table', 'csv', 'json'], 'table')}`,
  async run(args, io: CliIO, context?: RunContext) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const output = dataOutput(parsed, ['table', 'csv', 'json'], 'table');
    const choice = resolveModelChoice(io, parsed);
    const table = parametersTable(choice.spec, choice.parameters);
    writeData(io, output, {
      provenance: provenance({
        spec: choice.spec,
        parameters: choice.parameters,
        parameterPreset: choice.parameterPreset ?? null,
        createdBy: createdBy(context),
      }),
      table,
      text: () => parametersText(table.rows),
    });
    return 0;
  },
};
