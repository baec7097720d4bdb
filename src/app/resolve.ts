/**
 * Resolve an `AppScenario` into the concrete inputs of `simulate`: the compiled model, the
 * protocol (preset groups, or the user's edited groups) and the parameter overrides. Shared by
 * the main thread (timeline, validation) and the worker (runs), so both see the same protocol.
 */
import type { ModelSpec } from '../model/spec.ts';
import type { Protocol } from '../protocol/protocol.ts';
import { buildProtocol, presetParameters } from '../simulate/scenario.ts';
import { modelSpec as bundledSpec } from './model-registry.ts';
import { lastBoutEnd } from './scenario-schema.ts';
import type { AppScenario } from './state.ts';

/** A scenario's run inputs (the worker compiles `spec`; the main thread never loads mathjs). */
export interface ResolvedScenario {
  readonly spec: ModelSpec;
  readonly protocol: Protocol;
  /** Parameter overrides (preset values merged with the user's). */
  readonly parameters: Record<string, number>;
}

/** The preset's protocol, ignoring any edited groups. */
export function presetProtocol(s: AppScenario): Protocol {
  // The anchor is not applied: callers compare the preset's groups, not its readout.
  return buildProtocol({ spec: bundledSpec(s.modelId) }, s.protocolPreset, s.settings, s.paramPreset);
}

/**
 * Model, protocol and parameters of a scenario. Edited groups replace the preset's groups; the
 * window is widened so every bout and the 48-h AUC window still fit.
 * @throws Error for an unknown model or preset id (decoding already guards against these)
 */
export function resolveScenario(s: AppScenario): ResolvedScenario {
  const spec = bundledSpec(s.modelId);
  const base = buildProtocol({ spec }, s.protocolPreset, s.settings, s.paramPreset);
  const parameters = spec.parameterPresets[s.paramPreset]
    ? presetParameters(spec, s.paramPreset, s.params)
    : { ...s.params };
  const withAnchor = (p: Protocol): Protocol =>
    s.settings.anchor && s.settings.anchor !== 'resistance-end'
      ? { ...p, readout: { ...p.readout, anchor: s.settings.anchor } }
      : p;
  if (!s.groups) return { spec, protocol: withAnchor(base), parameters };
  // Loops, not `Math.max(...list)`: a long list would overflow the stack.
  const lastEnd = lastBoutEnd(s.groups);
  let longest = 0;
  for (const w of base.readout.aucWindows) longest = Math.max(longest, w);
  const tEnd = Math.max(base.tEnd, Math.ceil((lastEnd + longest) / 60) * 60);
  return { spec, protocol: withAnchor({ ...base, tEnd, groups: s.groups }), parameters };
}
