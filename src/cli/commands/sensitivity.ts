/** `eolab sensitivity` — how each parameter moves a readout: ±x% changes and normalised coefficients. */

import { provenance } from '../../data/provenance.ts';
import { type SensitivityTableRow, sensitivityTable } from '../../data/sensitivity.ts';
import { roundValue } from '../../data/table.ts';
import { buildProtocol, READOUT_IDS, readoutById, sensitivityAnalysis } from '../../index.ts';
import { numberOption, parseCommandArgs, quote, stringOption, suggestion } from '../args.ts';
import { type CliIO, type Command, type RunContext, UsageError } from '../command.ts';
import { formatNumber, formatTable } from '../format.ts';
import { DATA_OUTPUT_OPTIONS, dataOutput, dataOutputHelp, writeData } from '../output.ts';
import {
  createdBy,
  GAP_HELP,
  gapOption,
  MODEL_HELP,
  MODEL_OPTIONS,
  resolveModelChoice,
  SET_HELP,
  SET_OPTION,
} from '../scenario.ts';
import { GLOBAL_DEFAULTS, GLOBAL_ONLY_OPTIONS, runGlobalSensitivity } from '../sensitivity-global.ts';
import { defaultWorkers } from '../task-pool.ts';

const OPTIONS = {
  ...MODEL_OPTIONS,
  ...SET_OPTION,
  percent: { type: 'string' },
  readout: { type: 'string' },
  gap: { type: 'string' },
  global: { type: 'boolean' },
  n: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  bootstrap: { type: 'string' },
  ...DATA_OUTPUT_OPTIONS,
} as const;

/** Options of the local analysis that `--global` does not take (it draws every parameter from its prior). */
const LOCAL_ONLY_OPTIONS = ['percent', 'readout', 'gap', 'set', 'param-preset'] as const;

/** Default readout of `eolab sensitivity`. */
export const DEFAULT_SENSITIVITY_READOUT = 'order-effect';

function percentText(change: number | null): string {
  if (change === null) return '—';
  const v = 100 * change;
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;
}

/** One readout's rows as an aligned table that fits 100 columns. */
export function sensitivityText(rows: readonly SensitivityTableRow[], percent: number): string {
  const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v, 4) : '—');
  return formatTable(rows, [
    { header: 'parameter', value: (r) => String(r.parameter) },
    { header: 'value', value: (r) => num(r.value), align: 'right' },
    { header: 'low', value: (r) => num(r.lowValue), align: 'right' },
    { header: 'at low', value: (r) => num(r.low), align: 'right' },
    { header: 'change', value: (r) => percentText(r.lowChange as number | null), align: 'right' },
    { header: 'high', value: (r) => num(r.highValue), align: 'right' },
    { header: 'at high', value: (r) => num(r.high), align: 'right' },
    { header: 'change', value: (r) => percentText(r.highChange as number | null), align: 'right' },
    {
      header: 'S',
      value: (r) =>
        typeof r.coefficient === 'number'
          ? (Math.abs(r.coefficient) < 5e-4 ? 0 : r.coefficient).toFixed(3)
          : '—',
      align: 'right',
    },
    { header: 'note', value: (r) => (r.note ? `value 0: stepped ${percent}% of its range` : ''), wrap: true },
  ]);
}

/** `eolab sensitivity`. */
export const sensitivityCommand: Command = {
  name: 'sensitivity',
  usage: `Usage: eolab sensitivity [--percent 20] [--readout ID] [--format table|csv|json] [options]
       eolab sensitivity --global [--n N --seed S] [--bootstrap B] [--format table|csv|json]

For each model parameter, runs the study design with the parameter lowered and raised by
--percent and reports the readout at both, its change from baseline, and the normalised
sensitivity coefficient S = d ln(readout) / d ln(p) (central differences, ±1%). Rows are
sorted by the size of the swing (the tornado's order). A parameter whose value is 0 is moved
by --percent of its documented range instead (clipped to the range) and has no coefficient.

Rows (CSV columns; JSON data): parameter, label, value, lowValue, highValue, low, high,
lowChange, highChange, coefficient, note. JSON adds readout, label, percent and baseline to
the provenance.

Readouts (--readout, default ${DEFAULT_SENSITIVITY_READOUT}):
  ${READOUT_IDS.map((id) => `${id.padEnd(13)} ${readoutById(id).label}`).join('\n  ')}

Options:
  --percent X            step for the ±x% runs, percent (default 20; 0 < X ≤ 99)
${GAP_HELP}
                         (the study design: both orders at |gap|)
${MODEL_HELP}
${SET_HELP}
${dataOutputHelp(['table', 'csv', 'json'], 'table')}

Global sensitivity (--global): Sobol first-order (S1) and total (ST) indices of the order
effect at 3 h (MPS, RE→EE / EE→RE) and in 24-h MPS AUC, with every sampled parameter drawn from
its prior (the whole prior box), and 95% bootstrap intervals. By default read from the
model's committed Sobol file (models/<id>.sobol.json); --n or --seed recomputes the Saltelli
design now (N·(d + 2) runs on worker threads, progress on standard error). The output says
which. Rows (CSV columns; JSON data): output, parameter, first, firstLow, firstHigh, total,
totalLow, totalHigh.
  --global               the Sobol indices instead of the ±x% analysis
  --n N                  recompute with N base rows (default ${GLOBAL_DEFAULTS.n} when --seed is given)
  --seed S               recompute with seed S (default ${GLOBAL_DEFAULTS.seed} when --n is given)
  --workers W            worker threads of a recomputation (default ${defaultWorkers()} here)
  --bootstrap B          bootstrap resamples of the intervals (default ${GLOBAL_DEFAULTS.bootstrap}; 0 for none)

Exit codes: 0 ok; 1 a run failed or the model is invalid; 2 bad arguments.`,
  async run(args, io: CliIO, context?: RunContext) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const output = dataOutput(parsed, ['table', 'csv', 'json'], 'table');
    const given = (name: string) => parsed.values[name] !== undefined;
    if (parsed.values.global === true) {
      const local = LOCAL_ONLY_OPTIONS.find(given);
      if (local)
        throw new UsageError(
          `invalid --${local} with --global: the global analysis draws every parameter from its prior (--${local} is for the ±x% analysis)`,
        );
      return runGlobalSensitivity(io, parsed, output, context);
    }
    const globalOnly = GLOBAL_ONLY_OPTIONS.find(given);
    if (globalOnly)
      throw new UsageError(`invalid --${globalOnly}: only the global analysis takes it (add --global)`);
    const readout = stringOption(parsed, 'readout') ?? DEFAULT_SENSITIVITY_READOUT;
    if (!READOUT_IDS.includes(readout)) {
      throw new UsageError(
        `invalid --readout: ${quote(readout)} (${suggestion(readout, READOUT_IDS)}readouts: ${READOUT_IDS.join(', ')})`,
      );
    }
    const percent =
      numberOption(parsed, 'percent', {
        above: 0,
        max: 99,
        expected: 'a percentage above 0 and at most 99',
      }) ?? 20;
    const gap = gapOption(parsed);
    const choice = resolveModelChoice(io, parsed);
    const settings = gap === undefined ? {} : { gap };
    const result = sensitivityAnalysis(choice.model, {
      parameters: choice.parameters,
      allowOutOfRange: choice.allowOutOfRange,
      parameterPreset: choice.parameterPreset,
      settings,
      percent,
    });
    const table = sensitivityTable(result, readout);
    const baseline = result.baseline[readout]!;
    const label = readoutById(readout).label;
    writeData(io, output, {
      provenance: provenance({
        spec: choice.spec,
        parameters: choice.parameters,
        parameterPreset: choice.parameterPreset ?? null,
        protocol: buildProtocol(choice.model, 'study', settings, choice.parameterPreset),
        createdBy: createdBy(context),
        extra: { readout, readoutLabel: label, percent, baseline: roundValue(baseline) },
      }),
      table,
      text: () =>
        `${label}: baseline ${formatNumber(baseline, 6)}; parameters ±${percent}%\n\n${sensitivityText(table.rows, percent)}`,
    });
    return 0;
  },
};
