/** `eolab simulate` — run the model over a protocol; every series as one long table. */

import { provenance } from '../../data/provenance.ts';
import { timeCourseTable } from '../../data/time-courses.ts';
import { type Protocol, simulate } from '../../index.ts';
import { DURATION_FORMS, durationOption, parseCommandArgs } from '../args.ts';
import type { CliIO, Command, RunContext } from '../command.ts';
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
  dt: { type: 'string' },
  ...DATA_OUTPUT_OPTIONS,
} as const;

/** Most output samples per group `--dt` may ask for. */
export const MAX_SAMPLES = 100_000;

/** Default output step, minutes. */
export const DEFAULT_DT = 5;

/**
 * `--dt` checked against the protocol's window: > 0, at most the window, and at most
 * `MAX_SAMPLES` samples per group.
 * @throws UsageError naming the value and the admissible range
 */
export function dtOption(parsed: Parameters<typeof durationOption>[0], protocol: Protocol): number {
  const span = protocol.tEnd - protocol.tStart;
  const min = Number((span / (MAX_SAMPLES - 1)).toPrecision(3));
  return (
    durationOption(parsed, 'dt', {
      min,
      max: span,
      expected: `minutes from ${min} to ${span}, the simulated window (at most ${MAX_SAMPLES} samples per group)`,
    }) ?? DEFAULT_DT
  );
}

/** `eolab simulate`. */
export const simulateCommand: Command = {
  name: 'simulate',
  usage: `Usage: eolab simulate [options]

Runs every group of the protocol (study preset: control, re, ee, re-ee, ee-re) and writes all
states and observables on the output grid as one long table: one row per group and sample,
  group,time,<state…>,<observable…>
in absolute model units (time in minutes; a fold change is a group's value divided by the
control group's at the same time). Numbers have 10 significant digits.

CSV: the header first, no comment lines; with --out run.csv the provenance (model id and
version, every parameter, the protocol, dt, warnings, the tool version and this command line)
and a data dictionary (unit and meaning of each column) go to run.meta.json.
JSON: {model, parameters, parameterPreset, protocol, dt, warnings, createdBy, columns, data:[rows]}.
Warnings go to stderr (each once) and do not change the exit code.

Options:
${MODEL_HELP}
${SET_HELP}
${PROTOCOL_HELP}
  --dt DURATION          output step (default ${DEFAULT_DT}; ${DURATION_FORMS})
${dataOutputHelp(['csv', 'json'], 'csv')}

Exit codes: 0 ok, 1 model or solver failure, 2 bad arguments.`,
  async run(args, io: CliIO, context?: RunContext) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const output = dataOutput(parsed, ['csv', 'json'], 'csv');
    const choice = resolveModelChoice(io, parsed);
    const protocol = resolveProtocol(choice, parsed);
    const dt = dtOption(parsed, protocol);
    const result = simulate(choice.model, protocol, {
      parameters: choice.parameters,
      dt,
      allowOutOfRange: choice.allowOutOfRange,
    });
    writeData(io, output, {
      provenance: provenance({
        spec: choice.spec,
        parameters: result.parameters,
        parameterPreset: choice.parameterPreset ?? null,
        protocol: result.protocol,
        warnings: result.warnings,
        createdBy: createdBy(context),
        extra: { dt: result.dt },
      }),
      table: timeCourseTable(result, choice.spec),
    });
    printWarnings(io, result.warnings);
    return 0;
  },
};
