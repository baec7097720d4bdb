/**
 * The options shared by the commands that run the model (`--model`, `--param-preset`, `--set`,
 * protocol settings), resolved to the inputs of `simulate`: a compiled model, parameter
 * overrides and a protocol. Bad arguments throw `UsageError` (exit 2); an unreadable or
 * invalid model file throws a plain `Error` (exit 1).
 */

import { type CreatedBy, TOOL_NAME } from '../data/provenance.ts';
import {
  buildProtocol,
  type CompiledModel,
  compileModel,
  MODELS,
  type ModelSpec,
  PROTOCOL_PRESETS,
  type Protocol,
  type ProtocolSettings,
  parseModel,
  presetParameters,
} from '../index.ts';
import {
  DURATION_FORMS,
  durationOption,
  listOption,
  type NumberRule,
  numberOption,
  type OptionSpecs,
  type ParsedArgs,
  parseSets,
  quote,
  stringOption,
  suggestion,
} from './args.ts';
import { type CliIO, type RunContext, UsageError } from './command.ts';
import { packageVersion } from './version.ts';
import { describeFsError } from './write.ts';

/** `--model` and `--param-preset`. */
export const MODEL_OPTIONS = Object.freeze({
  model: { type: 'string' },
  'param-preset': { type: 'string' },
}) satisfies OptionSpecs;

/** `--set NAME=VALUE`, repeatable, and `--allow-out-of-range`. */
export const SET_OPTION = Object.freeze({
  set: { type: 'string', multiple: true },
  'allow-out-of-range': { type: 'boolean' },
}) satisfies OptionSpecs;

/** Protocol preset and settings. */
export const PROTOCOL_OPTIONS = Object.freeze({
  preset: { type: 'string' },
  gap: { type: 'string' },
  'ee-intensity': { type: 'string' },
  'ee-duration': { type: 'string' },
  're-intensity': { type: 'string' },
  're-duration': { type: 'string' },
  't-end': { type: 'string' },
}) satisfies OptionSpecs;

/** Largest |signed gap|, minutes (the interference map's full range). */
export const MAX_GAP = 1440;

/** Help text for the model options. */
export const MODEL_HELP = `  --model ID|FILE        bundled model id (see \`eolab models\`) or a model file (*.json or a path
                         with /); default: the first bundled model
  --param-preset ID      apply a parameter preset of the model (and its protocol settings)`;

/** Help text for `--set`. */
export const SET_HELP = `  --set NAME=VALUE       override a parameter (repeatable; wins over --param-preset); the value
                         must lie in the parameter's documented range (eolab params)
  --allow-out-of-range   run --set values outside the documented range anyway (simulate,
                         readouts, sensitivity, sweep); a non-physical result is then an error`;

/** Help text for `--gap` (one meaning in every command). */
export const GAP_HELP = `  --gap DURATION         signed gap: EE starts DURATION after RE ends (> 0, RE→EE) or ends
                         |DURATION| before RE starts (< 0, EE→RE), e.g. 30, -1:30, -1.5h
                         (from -24 h to 24 h; default 0)`;

/** Help text for the protocol options. */
export const PROTOCOL_HELP = `  --preset ID            protocol preset (default study):
                         ${Object.keys(PROTOCOL_PRESETS).join(', ')}
${GAP_HELP}
                         study shows both orders (RE→EE at +|gap|, EE→RE at -|gap|);
                         lift-then-run runs the order the sign gives
  --ee-intensity X       endurance intensity (fraction of VO2max; default: the model's)
  --ee-duration DURATION endurance bout length (default 60)
  --re-intensity X       resistance load (1 = study protocol; default: the model's)
  --re-duration DURATION resistance bout length (default 20)
  --t-end DURATION       end of the simulated window (must be after the last bout ends)
Durations are minutes, or carry a unit: ${DURATION_FORMS}.`;

/** Is a `--model` value a file path rather than a bundled id? */
export function isModelFile(value: string): boolean {
  return value.endsWith('.json') || value.includes('/') || value.includes('\\');
}

/**
 * Read and parse a JSON file.
 * @throws Error naming the file: unreadable, or not valid JSON (with the parser's message)
 */
export function readJsonFile(io: CliIO, file: string): unknown {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (err) {
    if (err instanceof Error && err.name === 'FileTooLargeError') throw err;
    throw new Error(`cannot read ${file}: ${describeFsError(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`invalid JSON in ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/**
 * The model named by `--model` (default: the first bundled model).
 * @throws UsageError for an unknown bundled id; Error for an unreadable or invalid file
 */
export function loadModel(io: CliIO, value: string | undefined): ModelSpec {
  if (value === undefined) return MODELS.values().next().value as ModelSpec;
  if (isModelFile(value)) return parseModel(readJsonFile(io, value), value);
  const spec = MODELS.get(value);
  if (!spec) {
    throw new UsageError(
      `invalid --model: ${quote(value)} (${suggestion(value, MODELS.keys())}bundled models: ${[...MODELS.keys()].join(', ')}; or a path to a .json file)`,
    );
  }
  return spec;
}

/**
 * Check `--param-preset` against the model.
 * @throws UsageError naming the id and the presets available
 */
export function checkParameterPreset(spec: ModelSpec, id: string | undefined): string | undefined {
  // Own keys only: `constructor`, `__proto__` or `toString` are not presets.
  if (id === undefined || Object.hasOwn(spec.parameterPresets, id)) return id;
  const ids = Object.keys(spec.parameterPresets);
  throw new UsageError(
    `invalid --param-preset: ${quote(id)} (${ids.length > 0 ? `${suggestion(id, ids)}presets of model "${spec.id}": ${ids.join(', ')}` : `model "${spec.id}" has no parameter presets`})`,
  );
}

/** A model with the parameter values chosen on the command line. */
export interface ModelChoice {
  readonly spec: ModelSpec;
  readonly model: CompiledModel;
  readonly parameterPreset: string | undefined;
  /** Overrides: the preset's values, then `--set` (which wins). */
  readonly parameters: Record<string, number>;
  /** `--allow-out-of-range`: pass to the library so it runs (and checks) such values. */
  readonly allowOutOfRange: boolean;
}

/**
 * Check `--set` values against the documented ranges, naming each value as typed.
 * @throws UsageError for a value outside its range (unless `allow`)
 */
export function checkSetRanges(spec: ModelSpec, sets: readonly string[], allow: boolean): void {
  if (allow) return;
  for (const item of sets) {
    const eq = item.indexOf('=');
    const name = item.slice(0, eq).trim();
    const text = item.slice(eq + 1).trim();
    const par = Object.hasOwn(spec.parameters, name) ? spec.parameters[name]! : undefined;
    const value = Number(text);
    if (par && (value < par.min || value > par.max)) {
      throw new UsageError(
        `invalid --set ${name}: ${quote(text)} is outside its documented range [${par.min}, ${par.max}] ${par.unit} (add --allow-out-of-range to run it anyway)`,
      );
    }
  }
}

/** Resolve `--model`, `--param-preset` and (when the command has it) `--set`. */
export function resolveModelChoice(io: CliIO, parsed: ParsedArgs): ModelChoice {
  const spec = loadModel(io, stringOption(parsed, 'model'));
  const model = compileModel(spec);
  const parameterPreset = checkParameterPreset(spec, stringOption(parsed, 'param-preset'));
  const setTexts = listOption(parsed, 'set');
  const sets = parseSets(setTexts, model.parameterNames);
  const allowOutOfRange = parsed.values['allow-out-of-range'] === true;
  checkSetRanges(spec, setTexts, allowOutOfRange);
  return {
    spec,
    model,
    parameterPreset,
    parameters: presetParameters(spec, parameterPreset, sets),
    allowOutOfRange,
  };
}

/** The admissible values of an intensity option, from the model's input. */
export function intensityRule(model: CompiledModel, kind: 'resistance' | 'endurance'): NumberRule {
  const input = model.spec.inputs[model.inputNames[model.inputIndex[kind]]!]!;
  return {
    min: input.minIntensity,
    max: input.maxIntensity,
    expected: `${input.unit} in [${input.minIntensity}, ${input.maxIntensity}]`,
  };
}

/** `--gap`: a signed duration within ±`MAX_GAP` minutes. @throws UsageError */
export function gapOption(parsed: ParsedArgs): number | undefined {
  return durationOption(parsed, 'gap', {
    min: -MAX_GAP,
    max: MAX_GAP,
    expected: `minutes from -${MAX_GAP} to ${MAX_GAP}`,
  });
}

/** `--ee-intensity`, `--ee-duration`, `--re-intensity`, `--re-duration` as protocol settings. */
export function boutSettings(model: CompiledModel, parsed: ParsedArgs): ProtocolSettings {
  const positive = { above: 0, expected: 'minutes > 0' };
  return {
    eeIntensity: numberOption(parsed, 'ee-intensity', intensityRule(model, 'endurance')),
    eeDuration: durationOption(parsed, 'ee-duration', positive),
    reIntensity: numberOption(parsed, 're-intensity', intensityRule(model, 'resistance')),
    reDuration: durationOption(parsed, 're-duration', positive),
  };
}

/**
 * Build the protocol from `--preset` and the protocol settings.
 * @param extra settings a command adds (e.g. `afterResistance` from `readouts --at`)
 * @throws UsageError for an unknown preset, a bad number or a `--t-end` before the last bout ends
 */
export function resolveProtocol(
  choice: ModelChoice,
  parsed: ParsedArgs,
  extra: ProtocolSettings = {},
): Protocol {
  const presetId = stringOption(parsed, 'preset') ?? 'study';
  const presets = Object.keys(PROTOCOL_PRESETS);
  if (!Object.hasOwn(PROTOCOL_PRESETS, presetId)) {
    throw new UsageError(
      `invalid --preset: ${quote(presetId)} (${suggestion(presetId, presets)}protocol presets: ${presets.join(', ')})`,
    );
  }
  const settings: ProtocolSettings = {
    gap: gapOption(parsed),
    ...boutSettings(choice.model, parsed),
    ...extra,
  };
  const protocol = buildProtocol(choice.model, presetId, settings, choice.parameterPreset);
  const tEndText = stringOption(parsed, 't-end');
  if (tEndText === undefined) return protocol;
  const lastEnd = Math.max(
    protocol.tStart,
    ...protocol.groups.flatMap((g) => g.bouts.map((b) => b.start + b.duration)),
  );
  const tEnd = durationOption(parsed, 't-end', {
    above: lastEnd,
    expected: `minutes > ${lastEnd} (the end of the last bout)`,
  })!;
  return { ...protocol, tEnd };
}

/** Who made a file: this tool, its version and the command line. */
export function createdBy(context: RunContext | undefined): CreatedBy {
  return { tool: TOOL_NAME, version: packageVersion(), command: context?.command ?? 'eolab' };
}
