/**
 * The models the app can run: the bundled ones (`models/bundled.ts`, plain data) and the one the
 * user opened from a file (SBML or the project's JSON format), registered at run time after it
 * was checked. The URL codec, the resolver and the panels look models up here, so an opened model
 * is one more id in the model switcher. No validation code is loaded here (the worker validates).
 */
import { BUNDLED_SPECS, DEFAULT_MODEL_ID } from '../../models/bundled.ts';
import type { ModelSpec } from '../model/spec.ts';

const opened = new Map<string, ModelSpec>();

/** Make an opened (already validated) model available under its id; replaces one with that id. */
export function registerOpenedModel(spec: ModelSpec): void {
  if (BUNDLED_SPECS.has(spec.id))
    throw new Error(`model id "${spec.id}" is a bundled model's id: rename the opened model`);
  opened.clear();
  opened.set(spec.id, spec);
}

/** Forget the opened model. */
export function forgetOpenedModel(): void {
  opened.clear();
}

/** The opened model, if any. */
export function openedModel(): ModelSpec | undefined {
  return [...opened.values()][0];
}

/** Whether `id` names a model the app can run. */
export function hasModel(id: string): boolean {
  return BUNDLED_SPECS.has(id) || opened.has(id);
}

/** Whether `id` is the opened (not bundled) model. */
export function isOpenedModel(id: string): boolean {
  return opened.has(id);
}

/** Every model id, bundled first (the default first), then the opened one. */
export function modelIds(): string[] {
  return [...BUNDLED_SPECS.keys(), ...opened.keys()];
}

/** A model's spec. @throws Error naming the id and the ids available */
export function modelSpec(id: string = DEFAULT_MODEL_ID): ModelSpec {
  const spec = BUNDLED_SPECS.get(id) ?? opened.get(id);
  if (!spec) throw new Error(`unknown model: ${id} (models: ${modelIds().join(', ')})`);
  return spec;
}
