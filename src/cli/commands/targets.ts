/** `eolab targets` — check the calibration targets T1–T9 on a model and parameter set. */

import { targetsTable } from '../../data/model-tables.ts';
import { provenance } from '../../data/provenance.ts';
import { evaluateTargets, type TargetResult } from '../../index.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliIO, Command, RunContext } from '../command.ts';
import { formatTable } from '../format.ts';
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

/** The targets as an aligned table with ✓/✗ in the pass column; long text wraps to fit 100 columns. */
export function targetsText(results: readonly TargetResult[]): string {
  return formatTable(results, [
    { header: 'id', value: (r) => r.id },
    { header: 'pass', value: (r) => (r.pass ? '✓' : '✗') },
    { header: 'claim', value: (r) => r.claim, wrap: true },
    { header: 'measured', value: (r) => r.measured, wrap: true },
    { header: 'range', value: (r) => r.range, wrap: true },
  ]);
}

/** `eolab targets`. */
export const targetsCommand: Command = {
  name: 'targets',
  usage: `Usage: eolab targets [options]

Evaluates the calibration targets T1–T9 (the claims of the science brief) on the model with
the chosen parameters. The table gives id, pass, claim, measured values and admissible ranges;
CSV and JSON give one row per measured check: id, claim, check, value, min, max, pass,
targetPass.

Exit codes: 0 when every target passes, 1 when any fails (so scripts can check) or the model
or solver fails, 2 bad arguments.

Options:
${MODEL_HELP}
${SET_HELP}
${dataOutputHelp(['table', 'csv', 'json'], 'table')}`,
  async run(args, io: CliIO, context?: RunContext) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const output = dataOutput(parsed, ['table', 'csv', 'json'], 'table');
    const choice = resolveModelChoice(io, parsed);
    const results = evaluateTargets(choice.model, { parameters: choice.parameters });
    writeData(io, output, {
      provenance: provenance({
        spec: choice.spec,
        parameters: choice.parameters,
        parameterPreset: choice.parameterPreset ?? null,
        createdBy: createdBy(context),
      }),
      table: targetsTable(results),
      text: () => targetsText(results),
    });
    const failed = results.filter((r) => !r.pass).map((r) => r.id);
    if (failed.length === 0) return 0;
    io.stderr(`eolab targets: ${failed.length} of ${results.length} targets fail (${failed.join(', ')})\n`);
    return 1;
  },
};
