/** `eolab readouts` — fold vs control of each observable at the readout time, plus AUC folds. */
import { type GroupReadouts, readoutTable, simulate } from '../../index.ts';
import { choiceOption, numberOption, parseCommandArgs } from '../args.ts';
import type { CliIO, Command } from '../command.ts';
import { finiteOrNull, formatNumber, formatTable, type TableColumn } from '../format.ts';
import { printWarnings } from '../output.ts';
import {
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
  format: { type: 'string' },
} as const;

/** An AUC window in minutes as a key: `1440` → `24h`. */
export function windowKey(minutes: number): string {
  return `${formatNumber(minutes / 60)}h`;
}

/** One readout row as JSON (`NaN` folds, e.g. a window past the end, become null). */
export function readoutJson(row: GroupReadouts) {
  return {
    group: row.group,
    label: row.label,
    time_min: row.time,
    fold: Object.fromEntries(Object.entries(row.fold).map(([k, v]) => [k, finiteOrNull(v)])),
    auc_fold: Object.fromEntries(
      Object.entries(row.aucFold).map(([k, v]) => [windowKey(Number(k)), finiteOrNull(v)]),
    ),
  };
}

/** The readouts as an aligned table (4 significant digits). */
export function readoutText(rows: readonly GroupReadouts[]): string {
  const first = rows[0];
  const num = (v: number) => (Number.isFinite(v) ? formatNumber(v, 4) : '—');
  const columns: TableColumn<GroupReadouts>[] = [
    { header: 'group', value: (r) => r.group },
    { header: 'label', value: (r) => r.label },
    { header: 'time_min', value: (r) => formatNumber(r.time), align: 'right' },
    ...Object.keys(first?.fold ?? {}).map(
      (k): TableColumn<GroupReadouts> => ({ header: k, value: (r) => num(r.fold[k]!), align: 'right' }),
    ),
    ...Object.keys(first?.aucFold ?? {}).map(
      (k): TableColumn<GroupReadouts> => ({
        header: `auc_${windowKey(Number(k))}`,
        value: (r) => num(r.aucFold[k]!),
        align: 'right',
      }),
    ),
  ];
  return formatTable(rows, columns);
}

/** `eolab readouts`. */
export const readoutsCommand: Command = {
  name: 'readouts',
  summary: 'fold vs control at the readout time (3 h after RE) and 24-h/48-h MPS AUC folds',
  usage: `Usage: eolab readouts [options]

For each group: the fold change against the control group (same clock time) of every
observable at the readout time, by default 180 min after the end of the resistance bout
(groups without RE use the protocol's first RE bout), plus the cumulative MPS (AUC) over
24 h and 48 h from the start of RE as a fold of control. A fold is "—" (null in JSON) when
its window runs past the simulated window.

JSON: [{group, label, time_min, fold:{anabolic, regulator, mps}, auc_fold:{"24h", "48h"}}]

Options:
${MODEL_HELP}
${SET_HELP}
${PROTOCOL_HELP}
  --at MIN               readout time in minutes after the end of RE (default 180)
  --format table|json    output format (default table)

Exit codes: 0 ok, 1 model or solver failure, 2 bad arguments.`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const format = choiceOption(parsed, 'format', ['table', 'json'] as const, 'table');
    const choice = resolveModelChoice(io, parsed);
    const at = numberOption(parsed, 'at', { min: 0, expected: 'minutes after the end of RE, ≥ 0' });
    const protocol = resolveProtocol(choice, parsed, at === undefined ? {} : { afterResistance: at });
    const result = simulate(choice.model, protocol, { parameters: choice.parameters });
    const rows = readoutTable(result);
    io.stdout(format === 'json' ? JSON.stringify(rows.map(readoutJson), null, 2) + '\n' : readoutText(rows));
    printWarnings(io, result.warnings);
    return 0;
  },
};
