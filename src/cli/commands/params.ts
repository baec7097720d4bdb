/** `eolab params` — the model's parameters with values, units, ranges and provenance. */
import type { ModelSpec } from '../../index.ts';
import { choiceOption, parseCommandArgs } from '../args.ts';
import type { CliIO, Command } from '../command.ts';
import { formatNumber, formatTable } from '../format.ts';
import { MODEL_HELP, MODEL_OPTIONS, resolveModelChoice } from '../scenario.ts';

const OPTIONS = { ...MODEL_OPTIONS, format: { type: 'string' } } as const;

/** One parameter as listed by `eolab params`. */
export interface ParameterRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly scale: 'linear' | 'log';
  readonly label: string;
  readonly source: string;
  readonly description: string;
}

/** The parameters of `spec` in file order, with `overrides` (e.g. a preset's values) applied. */
export function parameterRows(
  spec: ModelSpec,
  overrides: Readonly<Record<string, number>> = {},
): ParameterRow[] {
  return Object.entries(spec.parameters).map(([name, p]) => ({
    name,
    value: overrides[name] ?? p.value,
    unit: p.unit,
    min: p.min,
    max: p.max,
    scale: p.scale,
    label: p.label,
    source: p.source,
    description: p.description,
  }));
}

/** The parameters as an aligned table (no descriptions; see the JSON for those). */
export function parametersText(rows: readonly ParameterRow[]): string {
  return formatTable(rows, [
    { header: 'name', value: (r) => r.name },
    { header: 'value', value: (r) => formatNumber(r.value), align: 'right' },
    { header: 'unit', value: (r) => r.unit },
    { header: 'min', value: (r) => formatNumber(r.min), align: 'right' },
    { header: 'max', value: (r) => formatNumber(r.max), align: 'right' },
    { header: 'scale', value: (r) => r.scale },
    { header: 'label', value: (r) => r.label },
    { header: 'source', value: (r) => r.source },
  ]);
}

/** `eolab params`. */
export const paramsCommand: Command = {
  name: 'params',
  summary: 'list parameters: value, unit, range, scale, label, source',
  usage: `Usage: eolab params [options]

Lists the model's parameters in file order: name, value, unit, min, max, scale, label and
source (JSON adds the one-line description). With --param-preset the values are the preset's.

Options:
${MODEL_HELP}
  --format table|json    output format (default table)`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const format = choiceOption(parsed, 'format', ['table', 'json'] as const, 'table');
    const choice = resolveModelChoice(io, parsed);
    const rows = parameterRows(choice.spec, choice.parameters);
    io.stdout(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : parametersText(rows));
    return 0;
  },
};
