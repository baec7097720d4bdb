/** `eolab sensitivity` — how each parameter moves a readout: ±x% changes and normalised coefficients. */
import { READOUT_IDS, readoutById, type SensitivityResult, sensitivityAnalysis } from '../../index.ts';
import { choiceOption, numberOption, parseCommandArgs, quote, stringOption } from '../args.ts';
import { type CliIO, type Command, UsageError } from '../command.ts';
import { finiteOrNull, formatNumber, formatTable } from '../format.ts';
import { writeOutput } from '../output.ts';
import { MODEL_HELP, MODEL_OPTIONS, resolveModelChoice, SET_HELP, SET_OPTION } from '../scenario.ts';

const OPTIONS = {
  ...MODEL_OPTIONS,
  ...SET_OPTION,
  percent: { type: 'string' },
  readout: { type: 'string' },
  format: { type: 'string' },
  gap: { type: 'string' },
  out: { type: 'string' },
} as const;

/** Default readout of `eolab sensitivity`. */
export const DEFAULT_SENSITIVITY_READOUT = 'order-effect';

/** One row of the report for one readout. */
export interface SensitivityReportRow {
  readonly parameter: string;
  readonly label: string;
  readonly value: number;
  readonly lowValue: number;
  readonly highValue: number;
  /** The readout at the low and high value. */
  readonly low: number;
  readonly high: number;
  /** Relative change of the readout from baseline, at low and high (0.1 = +10%). */
  readonly lowChange: number;
  readonly highChange: number;
  /** d ln(readout) / d ln(p); NaN for a parameter at 0. */
  readonly coefficient: number;
  readonly note?: string;
}

/**
 * One readout's rows, largest swing (|high − low|) first — the tornado's order.
 * @throws Error for an unknown readout id
 */
export function sensitivityReport(result: SensitivityResult, readout: string): SensitivityReportRow[] {
  readoutById(readout);
  const base = result.baseline[readout]!;
  return result.rows
    .map((r) => ({
      parameter: r.parameter,
      label: r.label,
      value: r.value,
      lowValue: r.lowValue,
      highValue: r.highValue,
      low: r.low[readout]!,
      high: r.high[readout]!,
      lowChange: r.low[readout]! / base - 1,
      highChange: r.high[readout]! / base - 1,
      coefficient: r.coefficient[readout]!,
      ...(r.note ? { note: r.note } : {}),
    }))
    .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
}

function percentText(change: number): string {
  const v = 100 * change;
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;
}

/** `eolab sensitivity`. */
export const sensitivityCommand: Command = {
  name: 'sensitivity',
  summary: 'parameter sensitivity of a readout: ±x% changes and d ln(readout)/d ln(p)',
  usage: `Usage: eolab sensitivity [--percent 20] [--readout ID] [--format table|json] [options]

For each model parameter, runs the study design with the parameter lowered and raised by
--percent and reports the readout at both, its change from baseline, and the normalised
sensitivity coefficient S = d ln(readout) / d ln(p) (central differences, ±1%). Rows are
sorted by the size of the swing (the tornado's order). A parameter whose value is 0 is moved
by --percent of its documented range instead (clipped to the range) and has no coefficient.

Readouts (--readout, default ${DEFAULT_SENSITIVITY_READOUT}):
  ${READOUT_IDS.map((id) => `${id.padEnd(13)} ${readoutById(id).label}`).join('\n  ')}

Options:
  --percent X            step for the ±x% runs, percent (default 20; 0 < X < 100)
  --gap MIN              gap between the bouts of the study design (default 0)
${MODEL_HELP}
${SET_HELP}
  --format table|json    output format (default table)
  --out FILE             write to FILE instead of standard output

Exit codes: 0 ok; 1 a run failed or the model is invalid; 2 bad arguments.`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const format = choiceOption(parsed, 'format', ['table', 'json'] as const, 'table');
    const readout = stringOption(parsed, 'readout') ?? DEFAULT_SENSITIVITY_READOUT;
    if (!READOUT_IDS.includes(readout)) {
      throw new UsageError(`invalid --readout: ${quote(readout)} (readouts: ${READOUT_IDS.join(', ')})`);
    }
    const percent =
      numberOption(parsed, 'percent', {
        above: 0,
        max: 99,
        expected: 'a percentage above 0 and at most 99',
      }) ?? 20;
    const gap = numberOption(parsed, 'gap', { min: 0, max: 1440, expected: 'minutes from 0 to 1440' });
    const choice = resolveModelChoice(io, parsed);
    const result = sensitivityAnalysis(choice.model, {
      parameters: choice.parameters,
      parameterPreset: choice.parameterPreset,
      settings: gap === undefined ? {} : { gap },
      percent,
    });
    const rows = sensitivityReport(result, readout);
    const baseline = result.baseline[readout]!;
    let text: string;
    if (format === 'json') {
      const json = {
        model: choice.spec.id,
        readout,
        label: readoutById(readout).label,
        percent,
        baseline,
        rows: rows.map((r) => ({ ...r, coefficient: finiteOrNull(r.coefficient) })),
      };
      text = JSON.stringify(json, null, 2) + '\n';
    } else {
      const head = `${readoutById(readout).label}: baseline ${formatNumber(baseline, 6)}; parameters ±${percent}%\n\n`;
      text =
        head +
        formatTable(rows, [
          { header: 'parameter', value: (r) => r.parameter },
          { header: 'value', value: (r) => formatNumber(r.value, 6), align: 'right' },
          { header: 'low', value: (r) => formatNumber(r.lowValue, 6), align: 'right' },
          { header: 'readout@low', value: (r) => formatNumber(r.low, 6), align: 'right' },
          { header: 'change', value: (r) => percentText(r.lowChange), align: 'right' },
          { header: 'high', value: (r) => formatNumber(r.highValue, 6), align: 'right' },
          { header: 'readout@high', value: (r) => formatNumber(r.high, 6), align: 'right' },
          { header: 'change', value: (r) => percentText(r.highChange), align: 'right' },
          {
            header: 'S',
            value: (r) =>
              Number.isFinite(r.coefficient)
                ? (Math.abs(r.coefficient) < 5e-4 ? 0 : r.coefficient).toFixed(3)
                : '—',
            align: 'right',
          },
          { header: 'note', value: (r) => (r.note ? `value 0: stepped ${percent}% of its range` : '') },
        ]);
    }
    writeOutput(io, stringOption(parsed, 'out'), text);
    return 0;
  },
};
