/** `eolab readouts` — fold vs control of each observable at the readout time, plus AUC folds. */

import { type EnsembleReadout, ensembleReadoutsTable } from '../../data/ensemble-readouts.ts';
import { provenance } from '../../data/provenance.ts';
import { readoutsTable } from '../../data/readouts.ts';
import { formatMinutes } from '../../data/units.ts';
import {
  anchorTime,
  type GroupReadouts,
  type Protocol,
  type ReadoutAnchor,
  readoutTable,
  simulate,
} from '../../index.ts';
import { choiceOption, durationOption, type ParsedArgs, parseCommandArgs, stringOption } from '../args.ts';
import { type CliIO, type Command, type RunContext, UsageError } from '../command.ts';
import { formatNumber, formatTable, type TableColumn } from '../format.ts';
import { integerOption } from '../integer-option.ts';
import {
  DATA_OUTPUT_OPTIONS,
  type DataOutput,
  dataOutput,
  dataOutputHelp,
  printWarnings,
  writeData,
} from '../output.ts';
import { ensembleReadoutRows, loadEnsemble, runEnsembleReadouts } from '../readouts-ensemble.ts';
import {
  createdBy,
  MODEL_HELP,
  MODEL_OPTIONS,
  type ModelChoice,
  PROTOCOL_HELP,
  PROTOCOL_OPTIONS,
  resolveModelChoice,
  resolveProtocol,
  SET_HELP,
  SET_OPTION,
} from '../scenario.ts';
import { defaultWorkers } from '../task-pool.ts';

const OPTIONS = {
  ...MODEL_OPTIONS,
  ...SET_OPTION,
  ...PROTOCOL_OPTIONS,
  at: { type: 'string' },
  anchor: { type: 'string' },
  ensemble: { type: 'boolean' },
  'ensemble-file': { type: 'string' },
  workers: { type: 'string' },
  ...DATA_OUTPUT_OPTIONS,
} as const;

/** The readout anchors by their CLI names (`--anchor`), first the default. */
export const ANCHOR_OPTIONS: Readonly<Record<string, ReadoutAnchor>> = Object.freeze({
  'end-of-re': 'resistance-end',
  'end-of-workout': 'workout-end',
  clock: 'clock',
});

/** What readout times are measured from, in words, by anchor. */
const ANCHOR_TEXT: Readonly<Record<ReadoutAnchor, string>> = {
  'resistance-end': 'after the end of RE',
  'workout-end': 'after the end of the whole workout',
  clock: 'clock time, minutes from the start of the simulation',
};

/**
 * The protocol of `eolab readouts`: the protocol options, then `--anchor` and `--at`. With
 * `--anchor clock` and no `--at`, the readout stays at its default clock time (3 h after the
 * end of RE).
 * @throws UsageError for a bad anchor or duration
 */
export function readoutProtocol(choice: ModelChoice, parsed: ParsedArgs): Protocol {
  const anchorName = choiceOption(parsed, 'anchor', Object.keys(ANCHOR_OPTIONS), 'end-of-re');
  const anchor = ANCHOR_OPTIONS[anchorName]!;
  const at = durationOption(parsed, 'at', {
    min: 0,
    expected: anchor === 'clock' ? 'a clock time in minutes, ≥ 0' : `minutes ${ANCHOR_TEXT[anchor]}, ≥ 0`,
  });
  const protocol = resolveProtocol(choice, parsed, at === undefined ? {} : { afterResistance: at });
  if (anchor === 'resistance-end') return protocol;
  const control = protocol.groups.find((g) => g.id === protocol.controlGroup) ?? protocol.groups[0]!;
  const after =
    at ??
    (anchor === 'clock'
      ? anchorTime(protocol, control, 'resistance-end') - protocol.tStart + protocol.readout.afterResistance
      : protocol.readout.afterResistance);
  return { ...protocol, readout: { ...protocol.readout, anchor, afterResistance: after } };
}

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
  --anchor NAME          what the readout time is measured from: end-of-re (default; the
                         paper's "3 h after RE"), end-of-workout (after each group's last bout:
                         the same time since the run in RE→EE and EE→RE), or clock (--at is the
                         clock time, minutes from the start; default the end-of-re readout's)
  --at DURATION          readout time after the anchor (default 180, i.e. 3 h)
  --ensemble             quantiles across the plausible models instead: for each group (the
                         control's folds are 1) and readout, the median and the 50% and 90%
                         bands over every member of the model's committed ensemble
  --ensemble-file FILE   use this ensemble file (from \`eolab ensemble --out FILE\`); implies
                         --ensemble
  --workers W            worker threads for --ensemble (default ${defaultWorkers()} here)
${dataOutputHelp(['table', 'csv', 'json'], 'table')}

With --ensemble, rows (CSV columns; JSON data) are long: group, label, time, readout
(fold.<observable> or aucFold.<window>), members, median, q25, q75, q05, q95; --set and
--param-preset apply on top of every member. Progress goes to standard error (a bar on a
terminal, a line per tenth otherwise).

Exit codes: 0 ok, 1 model or solver failure (or a missing or mismatched ensemble file), 2 bad
arguments.`,
  async run(args, io: CliIO, context?: RunContext) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const output = dataOutput(parsed, ['table', 'csv', 'json'], 'table');
    const ensembleFile = stringOption(parsed, 'ensemble-file');
    const ensemble = parsed.values.ensemble === true || ensembleFile !== undefined;
    const workers = integerOption(parsed, 'workers', { min: 1, max: 256 });
    if (workers !== undefined && !ensemble)
      throw new UsageError('invalid --workers: only --ensemble runs on worker threads (add --ensemble)');
    const choice = resolveModelChoice(io, parsed);
    const protocol = readoutProtocol(choice, parsed);
    if (ensemble)
      return ensembleReadouts(io, output, context, {
        choice,
        protocol,
        path: ensembleFile,
        workers: workers ?? defaultWorkers(),
      });
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

/** The ensemble readouts as an aligned table: median, then the 50% and 90% bands. */
export function ensembleReadoutText(rows: readonly EnsembleReadout[]): string {
  const num = (v: number) => formatNumber(v, 4);
  const band = (lo: number, hi: number) => (Number.isFinite(lo) ? `${num(lo)}–${num(hi)}` : '—');
  return formatTable(rows, [
    { header: 'group', value: (r) => r.group },
    { header: 'label', value: (r) => r.label, wrap: true },
    { header: 'time (min)', value: (r) => formatNumber(r.time), align: 'right' },
    {
      header: 'readout',
      value: (r) =>
        r.readout.startsWith('aucFold.')
          ? `AUC ${formatMinutes(Number(r.readout.slice(8)))}`
          : r.readout.slice(5),
    },
    { header: 'median', value: (r) => num(r.band.median), align: 'right' },
    { header: '50% band', value: (r) => band(r.band.q25, r.band.q75), align: 'right' },
    { header: '90% band', value: (r) => band(r.band.q05, r.band.q95), align: 'right' },
  ]);
}

/** `eolab readouts --ensemble`: run every member, print the quantiles of every readout. */
async function ensembleReadouts(
  io: CliIO,
  output: DataOutput,
  context: RunContext | undefined,
  options: { choice: ModelChoice; protocol: Protocol; path: string | undefined; workers: number },
): Promise<number> {
  const { choice, protocol } = options;
  const { file, origin } = await loadEnsemble(io, choice, options.path);
  const { result, batches } = await runEnsembleReadouts(io, choice, file, protocol, options.workers);
  const rows = ensembleReadoutRows(protocol, choice.model.observableNames, result, batches);
  const anchor = protocol.readout.anchor ?? 'resistance-end';
  const failures = result.failures.length;
  const warnings =
    failures > 0
      ? [
          `${failures} of ${result.members} ensemble members failed in the solver and are left out (first: member ${result.failures[0]!.member}: ${result.failures[0]!.message})`,
        ]
      : [];
  writeData(io, output, {
    provenance: provenance({
      spec: choice.spec,
      parameters: choice.parameters,
      parameterPreset: choice.parameterPreset ?? null,
      protocol,
      warnings,
      createdBy: createdBy(context),
      extra: {
        ensemble: {
          file: origin,
          command: file.command,
          seed: file.sampler.seed,
          members: result.members,
          succeeded: result.succeeded,
          sampled: file.parameters,
          note: 'each member sets the sampled parameters; "parameters" lists the defaults with --param-preset and --set applied on top of every member',
        },
      },
    }),
    table: ensembleReadoutsTable(rows, { anchorText: ANCHOR_TEXT[anchor] }),
    text: () =>
      `${result.succeeded} plausible models (${origin}); readout ${formatNumber(protocol.readout.afterResistance)} min ${anchor === 'clock' ? 'on the clock' : ANCHOR_TEXT[anchor]}\n\n${ensembleReadoutText(rows)}`,
  });
  printWarnings(io, warnings);
  return 0;
}
