/** `eolab readouts` — fold vs control of each observable at the readout time, plus AUC folds. */

import { provenance } from '../../data/provenance.ts';
import { readoutsTable } from '../../data/readouts.ts';
import { formatMinutes } from '../../data/units.ts';
import { type GroupReadouts, readoutTable, simulate } from '../../index.ts';
import { durationOption, parseCommandArgs } from '../args.ts';
import type { CliIO, Command, RunContext } from '../command.ts';
import { formatNumber, formatTable, type TableColumn } from '../format.ts';
import { DATA_OUTPUT_OPTIONS, dataOutput, dataOutputHelp, printWarnings, writeData } from '../output.ts';
import {
  createdBy,
  MODEL_HELP,
  MODEL_OPTIONS,
  PROTOCOL_HELP,
  PROTOCOL_OPTIONS,
  resolveModelChoice,
  resolveProtocol,
  SET_HELP,
  SET_OPTION,
} from '../scenario.ts';

const OPTIONS = {
  ...MODEL_OPTIONS,
  ...SET_OPTION,
  ...PROTOCOL_OPTIONS,
  at: { type: 'string' },
  ...DATA_OUTPUT_OPTIONS,
} as const;

/** The readouts as an aligned table (4 significant digits; `—` where a window runs past the end). */
export function readoutText(rows: readonly GroupReadouts[]): string {
  const first = rows[0];
  const num = (v: number) => formatNumber(v, 4);
  const columns: TableColumn<GroupReadouts>[] = [
    { header: 'group', value: (r) => r.group },
    { header: 'label', value: (r) => r.label, wrap: true },
    { header: 'time (min)', value: (r) => formatNumber(r.time), align: 'right' },
    ...Object.keys(first?.fold ?? {}).map(
      (k): TableColumn<GroupReadouts> => ({ header: k, value: (r) => num(r.fold[k]!), align: 'right' }),
    ),
    ...Object.keys(first?.aucFold ?? {}).map(
      (w): TableColumn<GroupReadouts> => ({
        header: `AUC ${formatMinutes(Number(w))}`,
        value: (r) => num(r.aucFold[w]!),
        align: 'right',
      }),
    ),
  ];
  return formatTable(rows, columns);
}

/** `eolab readouts`. */
export const readoutsCommand: Command = {
  name: 'readouts',
  usage: `Usage: eolab readouts [options]

For each group: the fold change against the control group (same clock time) of every
observable at the readout time, by default 180 min after the end of the resistance bout
(groups without RE use the protocol's first RE bout), plus the cumulative MPS (AUC) over
24 h and 48 h from the start of RE as a fold of control. A fold is "—" in the table, empty
in CSV and null in JSON when its window runs past the simulated window.

Rows (CSV columns; JSON data): group, label, time (min), fold.<observable>, aucFold.<window>,
where an AUC window is named by its length in minutes (aucFold.1440 is the 24-h AUC), as in
protocol.readout.aucWindows and the library's readoutTable.

Options:
${MODEL_HELP}
${SET_HELP}
${PROTOCOL_HELP}
  --at DURATION          readout time after the end of RE (default 180, i.e. 3 h)
${dataOutputHelp(['table', 'csv', 'json'], 'table')}

Exit codes: 0 ok, 1 model or solver failure, 2 bad arguments.`,
  async run(args, io: CliIO, context?: RunContext) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const output = dataOutput(parsed, ['table', 'csv', 'json'], 'table');
    const choice = resolveModelChoice(io, parsed);
    const at = durationOption(parsed, 'at', { min: 0, expected: 'minutes after the end of RE, ≥ 0' });
    const protocol = resolveProtocol(choice, parsed, at === undefined ? {} : { afterResistance: at });
    const result = simulate(choice.model, protocol, {
      parameters: choice.parameters,
      allowOutOfRange: choice.allowOutOfRange,
    });
    const rows = readoutTable(result);
    writeData(io, output, {
      provenance: provenance({
        spec: choice.spec,
        parameters: result.parameters,
        parameterPreset: choice.parameterPreset ?? null,
        protocol: result.protocol,
        warnings: result.warnings,
        createdBy: createdBy(context),
      }),
      table: readoutsTable(rows),
      text: () => readoutText(rows),
    });
    printWarnings(io, result.warnings);
    return 0;
  },
};
