/** `eolab targets` — check the calibration targets T1–T9 on a model and parameter set. */
import { evaluateTargets, type TargetResult } from '../../index.ts';
import { choiceOption, parseCommandArgs } from '../args.ts';
import type { CliIO, Command } from '../command.ts';
import { formatTable } from '../format.ts';
import { MODEL_HELP, MODEL_OPTIONS, resolveModelChoice, SET_HELP, SET_OPTION } from '../scenario.ts';

const OPTIONS = { ...MODEL_OPTIONS, ...SET_OPTION, format: { type: 'string' } } as const;

/** The targets as an aligned table with ✓/✗ in the pass column. */
export function targetsText(results: readonly TargetResult[]): string {
  return formatTable(results, [
    { header: 'id', value: (r) => r.id },
    { header: 'claim', value: (r) => r.claim },
    { header: 'measured', value: (r) => r.measured },
    { header: 'range', value: (r) => r.range },
    { header: 'pass', value: (r) => (r.pass ? '✓' : '✗') },
  ]);
}

/** `eolab targets`. */
export const targetsCommand: Command = {
  name: 'targets',
  summary: 'check the study claims (targets T1–T9); exit 1 if any fails',
  usage: `Usage: eolab targets [options]

Evaluates the calibration targets T1–T9 (the claims of the science brief) on the model with
the chosen parameters, and prints id, claim, measured values, admissible ranges and pass.

Exit codes: 0 when every target passes, 1 when any fails (so scripts can check) or the model
or solver fails, 2 bad arguments.

Options:
${MODEL_HELP}
${SET_HELP}
  --format table|json    output format (default table)`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const format = choiceOption(parsed, 'format', ['table', 'json'] as const, 'table');
    const choice = resolveModelChoice(io, parsed);
    const results = evaluateTargets(choice.model, { parameters: choice.parameters });
    io.stdout(format === 'json' ? JSON.stringify(results, null, 2) + '\n' : targetsText(results));
    const failed = results.filter((r) => !r.pass).map((r) => r.id);
    if (failed.length === 0) return 0;
    io.stderr(`eolab targets: ${failed.length} of ${results.length} targets fail (${failed.join(', ')})\n`);
    return 1;
  },
};
