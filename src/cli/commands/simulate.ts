/** `eolab simulate` — run the model over a protocol and print every series as CSV or JSON. */
import { type SimulationResult, simulate } from '../../index.ts';
import { choiceOption, numberOption, parseCommandArgs, stringOption } from '../args.ts';
import type { CliIO, Command } from '../command.ts';
import { csvField, formatNumber, roundForJson } from '../format.ts';
import { printWarnings, writeOutput } from '../output.ts';
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
  dt: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

/**
 * The run as CSV: `# ` comment lines (model, parameters, protocol as JSON), then the header
 * `group,time_min,<series…>` and one row per group per output sample.
 */
export function simulationCsv(result: SimulationResult, modelName: string): string {
  const lines = [
    `# Exercise Order Lab simulation. Lines starting with # are comments: skip them when reading (pandas: comment='#').`,
    `# model: ${result.modelId} (${modelName})`,
    `# parameters: ${JSON.stringify(result.parameters)}`,
    `# protocol: ${JSON.stringify(result.protocol)}`,
    `# time in minutes; output step dt = ${result.dt} min`,
    ['group', 'time_min', ...result.seriesNames].map(csvField).join(','),
  ];
  for (const g of result.groups) {
    const cols = result.seriesNames.map((name) => g.series[name]!);
    const id = csvField(g.id);
    for (let i = 0; i < result.time.length; i++) {
      let row = `${id},${formatNumber(result.time[i]!)}`;
      for (const col of cols) row += `,${formatNumber(col[i]!)}`;
      lines.push(row);
    }
  }
  return lines.join('\n') + '\n';
}

/** The run as a JSON-ready object: model, parameters, protocol, time and series (10 significant digits). */
export function simulationJson(result: SimulationResult) {
  const round = (a: Float64Array) => Array.from(a, (v) => roundForJson(v));
  return {
    model: result.modelId,
    parameters: result.parameters,
    protocol: result.protocol,
    time: round(result.time),
    groups: result.groups.map((g) => ({
      id: g.id,
      label: g.label,
      series: Object.fromEntries(result.seriesNames.map((name) => [name, round(g.series[name]!)])),
    })),
    warnings: result.warnings,
  };
}

/** `eolab simulate`. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'run the model over a protocol; every series as CSV or JSON',
  usage: `Usage: eolab simulate [options]

Runs every group of the protocol (study preset: control, re, ee, re-ee, ee-re) and prints all
states and observables on the output grid.

CSV: first come lines starting with "# " giving the model, the parameter values and the
protocol (JSON), so the file describes itself; CSV readers should skip lines starting with #.
Then the header group,time_min,<series...> and one row per group per sample.
JSON: {model, parameters, protocol, time, groups:[{id, label, series:{name:[...]}}], warnings}.
Numbers have up to 10 significant digits. Warnings go to stderr and do not change the exit code.

Options:
${MODEL_HELP}
${SET_HELP}
${PROTOCOL_HELP}
  --dt MIN               output step (default 5)
  --format csv|json      output format (default csv)
  --out FILE             write to FILE instead of stdout

Exit codes: 0 ok, 1 model or solver failure, 2 bad arguments.`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const format = choiceOption(parsed, 'format', ['csv', 'json'] as const, 'csv');
    const choice = resolveModelChoice(io, parsed);
    const protocol = resolveProtocol(choice, parsed);
    const dt = numberOption(parsed, 'dt', { above: 0, expected: 'minutes > 0' });
    const result = simulate(choice.model, protocol, {
      parameters: choice.parameters,
      ...(dt !== undefined ? { dt } : {}),
    });
    const text =
      format === 'csv'
        ? simulationCsv(result, choice.spec.name)
        : JSON.stringify(simulationJson(result)) + '\n';
    writeOutput(io, stringOption(parsed, 'out'), text);
    printWarnings(io, result.warnings);
    return 0;
  },
};
