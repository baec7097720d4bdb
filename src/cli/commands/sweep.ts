/** `eolab sweep` — the interference map as CSV: signed gap × a second axis → MPS fold of RE only. */
import {
  type AxisInfo,
  axisInfo,
  axisValues,
  type CompiledModel,
  SETTING_AXES,
  SWEEP_METRICS,
  type SweepMetric,
  sweepGrid,
} from '../../index.ts';
import { choiceOption, numberOption, parseCommandArgs, quote, stringOption } from '../args.ts';
import { type CliIO, type Command, UsageError } from '../command.ts';
import { csvField, formatNumber } from '../format.ts';
import { writeOutput } from '../output.ts';
import { MODEL_HELP, MODEL_OPTIONS, resolveModelChoice, SET_HELP, SET_OPTION } from '../scenario.ts';

const OPTIONS = {
  ...MODEL_OPTIONS,
  ...SET_OPTION,
  x: { type: 'string' },
  y: { type: 'string' },
  metric: { type: 'string' },
  gap: { type: 'string' },
  'ee-intensity': { type: 'string' },
  'ee-duration': { type: 'string' },
  're-intensity': { type: 'string' },
  're-duration': { type: 'string' },
  out: { type: 'string' },
} as const;

/** Defaults of the two axes. */
export const DEFAULT_SWEEP_AXES = Object.freeze({ x: 'gap:-720:720:61', y: 'eeIntensity:0.5:1:11' });

/** Most cells one sweep may ask for. */
export const MAX_SWEEP_CELLS = 1_000_000;

/** A parsed `NAME:MIN:MAX:COUNT[:linear|log]`. */
export interface AxisSpec {
  readonly axis: string;
  readonly info: AxisInfo;
  readonly values: number[];
}

/**
 * Parse an axis option `NAME:MIN:MAX:COUNT[:linear|log]` against a model. Spacing defaults to
 * the axis's scale (a parameter's `scale`; linear for gap and settings).
 * @param option the option name for messages (`--x`)
 * @throws UsageError naming the option and the value: malformed, unknown axis, bad numbers, or
 *   values outside the axis's admissible range
 */
export function parseAxisSpec(model: CompiledModel, option: string, text: string): AxisSpec {
  const parts = text.split(':');
  const form = 'expected NAME:MIN:MAX:COUNT[:linear|log], e.g. gap:-720:720:61';
  if (parts.length < 4 || parts.length > 5)
    throw new UsageError(`invalid ${option}: ${quote(text)} (${form})`);
  const [axis, minText, maxText, countText, scaleText] = parts as [string, string, string, string, string?];
  let info: AxisInfo;
  try {
    info = axisInfo(model, axis);
  } catch {
    throw new UsageError(
      `invalid ${option}: unknown axis ${quote(axis)} (axes: gap, ${SETTING_AXES.join(', ')}, or a parameter: ${model.parameterNames.join(', ')})`,
    );
  }
  const num = (t: string, what: string) => {
    const v = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t.trim()) ? Number(t) : Number.NaN;
    if (!Number.isFinite(v))
      throw new UsageError(`invalid ${option}: ${what} ${quote(t)} is not a number (${form})`);
    return v;
  };
  const min = num(minText, 'MIN');
  const max = num(maxText, 'MAX');
  const count = num(countText, 'COUNT');
  if (!Number.isInteger(count) || count < 1 || count > 10_000) {
    throw new UsageError(
      `invalid ${option}: COUNT ${quote(countText)} (expected an integer from 1 to 10000)`,
    );
  }
  if (!(max >= min)) throw new UsageError(`invalid ${option}: MAX ${max} is below MIN ${min}`);
  if (min < info.min || max > info.max) {
    throw new UsageError(
      `invalid ${option}: ${axis} ${min}..${max} is outside its admissible range [${info.min}, ${info.max}] ${info.unit}`,
    );
  }
  if (scaleText !== undefined && scaleText !== 'linear' && scaleText !== 'log') {
    throw new UsageError(`invalid ${option}: spacing ${quote(scaleText)} (expected linear or log)`);
  }
  const scale = scaleText ?? (info.scale === 'log' && min > 0 ? 'log' : 'linear');
  if (scale === 'log' && !(min > 0))
    throw new UsageError(`invalid ${option}: log spacing needs MIN > 0 (got ${min})`);
  return { axis, info, values: axisValues(min, max, count, scale) };
}

/** A progress bar line for a terminal: `\r[#####-----]  50% 335/671 cells`. */
export function progressLine(done: number, total: number, width = 30): string {
  const f = total > 0 ? done / total : 1;
  const filled = Math.round(f * width);
  return `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}% ${done}/${total} cells`;
}

/** `eolab sweep`. */
export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'interference map as CSV: signed gap × a second axis → MPS fold of RE only',
  usage: `Usage: eolab sweep [--x AXIS] [--y AXIS] [--metric mps3h|auc24] [options]

Computes the interference map: for every (x, y) the MPS of the ordered pair of bouts as a
fold of RE only. The signed gap puts EE after RE when > 0 (RE→EE) and before RE when < 0
(EE→RE); 0 is RE→EE back to back. Each cell simulates control, RE only and the one ordered
group of the study design. Prints CSV with one row per cell (x varies fastest):
  <x axis>,<y axis>,<metric>

Axes: NAME:MIN:MAX:COUNT[:linear|log] where NAME is gap (minutes, signed), eeDuration,
eeIntensity, reIntensity, reDuration, or any model parameter (see \`eolab params\`); spacing
defaults to the parameter's scale (linear for the others).

Options:
  --x AXIS               default ${DEFAULT_SWEEP_AXES.x}
  --y AXIS               default ${DEFAULT_SWEEP_AXES.y}
  --metric ID            ${Object.entries(SWEEP_METRICS)
    .map(([id, m]) => `${id}: ${m.label}`)
    .join('\n                         ')}
                         (default mps3h)
  --gap MIN              signed gap when neither axis is gap (default 0)
  --ee-intensity X       --ee-duration MIN  --re-intensity X  --re-duration MIN
                         protocol settings when they are not an axis (default: the model's)
${MODEL_HELP}
${SET_HELP}
  --out FILE             write the CSV to FILE instead of standard output

A progress bar is drawn on standard error when it is a terminal. Exit codes: 0 ok; 1 when a
cell's simulation fails (its value is NaN; the first failure is named) or the model is
invalid; 2 bad arguments.`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const metric = choiceOption(parsed, 'metric', Object.keys(SWEEP_METRICS) as SweepMetric[], 'mps3h');
    const choice = resolveModelChoice(io, parsed);
    const { model } = choice;
    const x = parseAxisSpec(model, '--x', stringOption(parsed, 'x') ?? DEFAULT_SWEEP_AXES.x);
    const y = parseAxisSpec(model, '--y', stringOption(parsed, 'y') ?? DEFAULT_SWEEP_AXES.y);
    if (x.axis === y.axis) throw new UsageError(`invalid --y: ${quote(y.axis)} is already the x axis`);
    const total = x.values.length * y.values.length;
    if (total > MAX_SWEEP_CELLS) {
      throw new UsageError(`invalid --x/--y: ${total} cells (at most ${MAX_SWEEP_CELLS})`);
    }
    const minutes = (what: string) => ({ expected: `minutes ${what}` });
    const intensity = (kind: 'eeIntensity' | 'reIntensity') => {
      const info = axisInfo(model, kind);
      return { min: info.min, max: info.max, expected: `${info.unit} in [${info.min}, ${info.max}]` };
    };
    const gap = numberOption(parsed, 'gap', { min: -1440, max: 1440, ...minutes('from -1440 to 1440') });
    const settings = {
      eeIntensity: numberOption(parsed, 'ee-intensity', intensity('eeIntensity')),
      eeDuration: numberOption(parsed, 'ee-duration', { above: 0, ...minutes('> 0') }),
      reIntensity: numberOption(parsed, 're-intensity', intensity('reIntensity')),
      reDuration: numberOption(parsed, 're-duration', { above: 0, ...minutes('> 0') }),
    };
    const out = stringOption(parsed, 'out');
    let shown = -1;
    const onProgress = io.stderrIsTTY
      ? (done: number, all: number) => {
          const pct = Math.floor((100 * done) / all);
          if (pct !== shown || done === all) {
            shown = pct;
            io.stderr(progressLine(done, all));
          }
        }
      : undefined;
    const result = sweepGrid({
      model,
      x: x.values,
      y: y.values,
      xAxis: x.axis,
      yAxis: y.axis,
      metric,
      parameters: choice.parameters,
      parameterPreset: choice.parameterPreset,
      settings,
      gap,
      onProgress,
    });
    if (onProgress) io.stderr('\n');
    const lines = [[x.axis, y.axis, metric].map(csvField).join(',')];
    const nx = x.values.length;
    result.values.forEach((v, k) => {
      const i = k % nx;
      lines.push(`${formatNumber(x.values[i]!)},${formatNumber(y.values[(k - i) / nx]!)},${formatNumber(v)}`);
    });
    writeOutput(io, out, lines.join('\n') + '\n');
    const first = result.failures[0];
    if (!first) return 0;
    io.stderr(
      `eolab sweep: ${result.failures.length} of ${total} cells failed (value NaN); first at ${x.axis} = ${formatNumber(first.x)}, ${y.axis} = ${formatNumber(first.y)}: ${first.message}\n`,
    );
    return 1;
  },
};
