/**
 * `eolab sweep` — the interference map: signed gap × a second axis → MPS fold of RE only,
 * computed on every core through the explore pool the app uses (Node `worker_threads` here).
 */

import { provenance } from '../../data/provenance.ts';
import { sweepTable } from '../../data/sweep.ts';
import { formatMinutes } from '../../data/units.ts';
import {
  type AxisInfo,
  axisInfo,
  axisValues,
  buildProtocol,
  type CompiledModel,
  type ModelSpec,
  type PoolSweepResult,
  SETTING_AXES,
  SWEEP_METRICS,
  type SweepMetric,
  type SweepRequest,
} from '../../index.ts';
import {
  choiceOption,
  durationMinutes,
  numberOption,
  parseCommandArgs,
  quote,
  stringOption,
  suggestion,
} from '../args.ts';
import { type CliIO, type Command, type RunContext, UsageError } from '../command.ts';
import { formatNumber } from '../format.ts';
import { coreCount, nodePool } from '../node-pool.ts';
import { DATA_OUTPUT_OPTIONS, dataOutput, dataOutputHelp, writeData } from '../output.ts';
import { clock } from '../progress.ts';
import {
  boutSettings,
  createdBy,
  GAP_HELP,
  gapOption,
  MODEL_HELP,
  MODEL_OPTIONS,
  resolveModelChoice,
  SET_HELP,
  SET_OPTION,
} from '../scenario.ts';

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
  jobs: { type: 'string' },
  ...DATA_OUTPUT_OPTIONS,
} as const;

/** Defaults of the two axes. */
export const DEFAULT_SWEEP_AXES = Object.freeze({ x: 'gap:-12h:12h:61', y: 'eeIntensity:0.5:1:11' });

/** Most cells one sweep may ask for. */
export const MAX_SWEEP_CELLS = 1_000_000;

/** A parsed `NAME:MIN:MAX:COUNT[:linear|log]`. */
export interface AxisSpec {
  readonly axis: string;
  readonly info: AxisInfo;
  readonly min: number;
  readonly max: number;
  readonly count: number;
  readonly scale: 'linear' | 'log';
  readonly values: number[];
}

/** Axes measured in minutes, whose ends may carry a unit (`gap:-12h:12h:61`). */
function isDurationAxis(info: AxisInfo): boolean {
  return info.unit === 'min';
}

/**
 * Parse an axis option `NAME:MIN:MAX:COUNT[:linear|log]` against a model. Spacing defaults to
 * the axis's scale (a parameter's `scale`; linear for gap and settings). The ends of a gap or
 * duration axis take units (`90`, `90m`, `1.5h`).
 * @param option the option name for messages (`--x`)
 * @throws UsageError naming the option and the value: malformed, unknown axis, bad numbers, or
 *   values outside the axis's admissible range
 */
export function parseAxisSpec(model: CompiledModel, option: string, text: string): AxisSpec {
  const parts = text.split(':');
  const form = 'expected NAME:MIN:MAX:COUNT[:linear|log], e.g. gap:-12h:12h:61';
  if (parts.length < 4 || parts.length > 5)
    throw new UsageError(`invalid ${option}: ${quote(text)} (${form})`);
  const [axis, minText, maxText, countText, scaleText] = parts as [string, string, string, string, string?];
  let info: AxisInfo;
  try {
    info = axisInfo(model, axis);
  } catch {
    const axes = ['gap', ...SETTING_AXES, ...model.parameterNames];
    throw new UsageError(
      `invalid ${option}: unknown axis ${quote(axis)} (${suggestion(axis, axes)}axes: gap, ${SETTING_AXES.join(', ')}, or a parameter: ${model.parameterNames.join(', ')})`,
    );
  }
  const num = (t: string, what: string) => {
    const v = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t.trim())
      ? Number(t)
      : isDurationAxis(info)
        ? durationMinutes(t)
        : Number.NaN;
    if (!Number.isFinite(v))
      throw new UsageError(`invalid ${option}: ${what} ${quote(t)} is not a number (${form})`);
    return v;
  };
  const min = num(minText, 'MIN');
  const max = num(maxText, 'MAX');
  const count = Number(countText);
  if (!/^\d+$/.test(countText) || count < 1 || count > 10_000) {
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
  return { axis, info, min, max, count, scale, values: axisValues(min, max, count, scale) };
}

export { clock } from '../progress.ts';

/**
 * A progress bar line for a terminal, with the time left estimated from the rate so far:
 * `\r[#####-----]  50% 335/671 cells, 0:12 left`.
 */
export function progressLine(done: number, total: number, elapsedMs = 0, width = 30): string {
  const f = total > 0 ? done / total : 1;
  const filled = Math.round(f * width);
  const bar = `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}% ${done}/${total} cells`;
  if (done === 0 || done >= total || elapsedMs <= 0) return bar;
  return `${bar}, ${clock(((total - done) * elapsedMs) / done / 1000)} left`;
}

/** The line printed when a sweep ends: `671 cells on 2 workers in 12.3 s (0 failed)`. */
export function sweepSummary(total: number, workers: number, ms: number, failed: number): string {
  return `eolab sweep: ${total} cells on ${workers} worker${workers === 1 ? '' : 's'} in ${(ms / 1000).toFixed(1)} s (${failed} failed)`;
}

/**
 * Compute the map on a pool of worker threads, drawing a progress bar with the time left when
 * stderr is a terminal. Disposes of the pool whatever happens.
 */
async function runOnPool(
  io: CliIO,
  spec: ModelSpec,
  request: SweepRequest,
  jobs: number,
): Promise<{ result: PoolSweepResult; workers: number; ms: number }> {
  // The pool hands out one row per task, so more workers than rows would idle.
  const pool = nodePool(Math.min(jobs, request.y.length));
  const started = performance.now();
  let shown = -1;
  const onProgress = (done: number, all: number) => {
    const pct = Math.floor((100 * done) / all);
    if (pct !== shown || done === all) {
      shown = pct;
      io.stderr(progressLine(done, all, performance.now() - started));
    }
  };
  try {
    const result = await pool.sweep({ spec, request, ...(io.stderrIsTTY ? { onProgress } : {}) }).promise;
    if (io.stderrIsTTY) io.stderr('\r\u001b[K');
    return { result, workers: pool.size, ms: performance.now() - started };
  } finally {
    pool.dispose();
  }
}

function axisProvenance(a: AxisSpec) {
  return { name: a.axis, unit: a.info.unit, min: a.min, max: a.max, count: a.count, scale: a.scale };
}

/** `eolab sweep`. */
export const sweepCommand: Command = {
  name: 'sweep',
  usage: `Usage: eolab sweep [--x AXIS] [--y AXIS] [--metric mps3h|auc24] [options]

Computes the interference map: for every (x, y) the MPS of the ordered pair of bouts as a
fold of RE only. The signed gap puts EE after RE when > 0 (RE→EE) and before RE when < 0
(EE→RE); 0 is RE→EE back to back. Each cell simulates control, RE only and the one ordered
group of the study design. The cells run on every core (worker threads; --jobs to choose).

Rows (CSV columns; JSON data), x varying fastest: <x axis>,<y axis>,<metric>; a failed cell
has an empty metric (null in JSON) and is listed in the provenance's failures.

Axes: NAME:MIN:MAX:COUNT[:linear|log] where NAME is gap (minutes, signed), eeDuration,
eeIntensity, reIntensity, reDuration, or any model parameter (see \`eolab params\`); spacing
defaults to the parameter's scale (linear for the others). The ends of gap and duration axes
take units: gap:-12h:12h:61.

Options:
  --x AXIS               default ${DEFAULT_SWEEP_AXES.x}
  --y AXIS               default ${DEFAULT_SWEEP_AXES.y}
  --metric ID            ${Object.entries(SWEEP_METRICS)
    .map(([id, m]) => `${id}: ${m.label}`)
    .join('\n                         ')}
                         (default mps3h)
${GAP_HELP}
                         (used when neither axis is gap)
  --ee-intensity X       --ee-duration DURATION  --re-intensity X  --re-duration DURATION
                         protocol settings when they are not an axis (default: the model's)
  --jobs N               worker threads (default: every core, here ${coreCount()})
${MODEL_HELP}
${SET_HELP}
${dataOutputHelp(['csv', 'json'], 'csv')}

On a terminal a progress bar with the time left is drawn on standard error; otherwise one
summary line is printed there when the map is done. Exit codes: 0 ok; 1 when a cell's
simulation fails (its value is empty; the first failure is named) or the model is invalid;
2 bad arguments.`,
  async run(args, io: CliIO, context?: RunContext) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const output = dataOutput(parsed, ['csv', 'json'], 'csv');
    const metric = choiceOption(parsed, 'metric', Object.keys(SWEEP_METRICS) as SweepMetric[], 'mps3h');
    const jobs =
      numberOption(parsed, 'jobs', { min: 1, max: 256, expected: 'an integer from 1 to 256' }) ?? coreCount();
    if (!Number.isInteger(jobs))
      throw new UsageError(`invalid --jobs: ${quote(String(jobs))} (expected an integer)`);
    const choice = resolveModelChoice(io, parsed);
    const { model } = choice;
    const x = parseAxisSpec(model, '--x', stringOption(parsed, 'x') ?? DEFAULT_SWEEP_AXES.x);
    const y = parseAxisSpec(model, '--y', stringOption(parsed, 'y') ?? DEFAULT_SWEEP_AXES.y);
    if (x.axis === y.axis) throw new UsageError(`invalid --y: ${quote(y.axis)} is already the x axis`);
    const total = x.values.length * y.values.length;
    if (total > MAX_SWEEP_CELLS) {
      throw new UsageError(`invalid --x/--y: ${total} cells (at most ${MAX_SWEEP_CELLS})`);
    }
    const gap = gapOption(parsed);
    const settings = boutSettings(model, parsed);
    const request = {
      x: x.values,
      y: y.values,
      xAxis: x.axis,
      yAxis: y.axis,
      metric,
      parameters: choice.parameters,
      parameterPreset: choice.parameterPreset,
      allowOutOfRange: choice.allowOutOfRange,
      settings,
      gap,
    };
    const { result, workers, ms } = await runOnPool(io, choice.spec, request, jobs);
    io.stderr(`${sweepSummary(total, workers, ms, result.failures.length)}\n`);
    const base = buildProtocol(model, 'study', { ...settings, gap: gap ?? 0 }, choice.parameterPreset);
    writeData(io, output, {
      provenance: provenance({
        spec: choice.spec,
        parameters: choice.parameters,
        parameterPreset: choice.parameterPreset ?? null,
        protocol: base,
        createdBy: createdBy(context),
        extra: {
          metric,
          metricLabel: SWEEP_METRICS[metric].label,
          axes: { x: axisProvenance(x), y: axisProvenance(y) },
          gap: x.axis === 'gap' || y.axis === 'gap' ? null : (gap ?? 0),
          failures: result.failures.map((f) => ({ x: f.x, y: f.y, message: f.message })),
        },
      }),
      table: sweepTable({
        x: x.info,
        y: y.info,
        xValues: x.values,
        yValues: y.values,
        metric,
        values: result.values,
      }),
    });
    const first = result.failures[0];
    if (!first) return 0;
    const at = (a: AxisSpec, v: number) => (isDurationAxis(a.info) ? formatMinutes(v) : formatNumber(v));
    io.stderr(
      `eolab sweep: ${result.failures.length} of ${total} cells failed (value empty); first at ${x.axis} = ${at(x, first.x)}, ${y.axis} = ${at(y, first.y)}: ${first.message}\n`,
    );
    return 1;
  },
};
