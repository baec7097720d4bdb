/**
 * Scenarios: model + parameter preset + protocol settings, resolved to the concrete inputs of
 * `simulate`. The app, the CLI and the notebooks all build runs through these helpers, so a
 * preset means the same thing everywhere.
 */
import type { ModelSpec } from '../model/spec.ts';
import { PROTOCOL_PRESETS, type ProtocolPresetId, type StudyOptions } from '../protocol/presets.ts';
import type { Protocol } from '../protocol/protocol.ts';

/** Protocol settings a user can change without editing bouts. All optional. */
export interface ProtocolSettings {
  readonly gap?: number;
  readonly reDuration?: number;
  readonly reIntensity?: number;
  readonly eeDuration?: number;
  readonly eeIntensity?: number;
  readonly afterResistance?: number;
}

/**
 * Anything that carries a model spec: a `CompiledModel`, or `{ spec }` where compiling is not
 * wanted (the app's main thread keeps mathjs out of its bundle this way).
 */
export interface HasSpec {
  readonly spec: ModelSpec;
}

function inputOfKind(spec: ModelSpec, kind: 'resistance' | 'endurance') {
  const input = Object.values(spec.inputs).find((i) => i.kind === kind);
  if (!input) throw new Error(`model "${spec.id}" has no ${kind} input`);
  return input;
}

/** The model's default intensity for each bout kind. */
export function defaultIntensities(model: HasSpec): { resistance: number; endurance: number } {
  return {
    resistance: inputOfKind(model.spec, 'resistance').defaultIntensity,
    endurance: inputOfKind(model.spec, 'endurance').defaultIntensity,
  };
}

/** Intensity limits of the model's inputs by bout kind, for protocol validation. */
export function intensityLimits(model: HasSpec) {
  const lim = (kind: 'resistance' | 'endurance') => {
    const input = inputOfKind(model.spec, kind);
    return { min: input.minIntensity, max: input.maxIntensity };
  };
  return { resistance: lim('resistance'), endurance: lim('endurance') };
}

/**
 * Parameter values of a preset merged with explicit overrides (overrides win).
 * @throws Error naming the preset and the presets available when the id is unknown
 */
export function presetParameters(
  spec: ModelSpec,
  presetId?: string,
  overrides: Readonly<Record<string, number>> = {},
): Record<string, number> {
  if (presetId === undefined) return { ...overrides };
  // Own keys only: `constructor` or `toString` must not resolve to Object.prototype members.
  const preset = Object.hasOwn(spec.parameterPresets, presetId) ? spec.parameterPresets[presetId] : undefined;
  if (!preset) {
    throw new Error(
      `unknown parameter preset: ${presetId} (presets of model "${spec.id}": ${Object.keys(spec.parameterPresets).join(', ')})`,
    );
  }
  return { ...preset.values, ...overrides };
}

/**
 * Build a protocol from a preset id and settings; intensities default to the model's, then to
 * the parameter preset's protocol hints, then to explicit settings.
 * @throws Error naming the preset id when it is unknown
 */
export function buildProtocol(
  model: HasSpec,
  presetId: string = 'study',
  settings: ProtocolSettings = {},
  parameterPreset?: string,
): Protocol {
  const entry = Object.hasOwn(PROTOCOL_PRESETS, presetId)
    ? (PROTOCOL_PRESETS as Record<string, (typeof PROTOCOL_PRESETS)[ProtocolPresetId]>)[presetId]
    : undefined;
  if (!entry) {
    throw new Error(
      `unknown protocol preset: ${presetId} (presets: ${Object.keys(PROTOCOL_PRESETS).join(', ')})`,
    );
  }
  const d = defaultIntensities(model);
  const presets = model.spec.parameterPresets;
  const hints =
    parameterPreset && Object.hasOwn(presets, parameterPreset)
      ? (presets[parameterPreset]!.protocol ?? {})
      : {};
  const merged: StudyOptions = {
    reIntensity: d.resistance,
    eeIntensity: d.endurance,
    ...stripUndefined(hints),
    ...stripUndefined(settings),
  };
  return entry.build(merged);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as Partial<T>;
}
