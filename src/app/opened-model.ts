/**
 * The model opened from a file survives a reload: it is stored in localStorage (the validated
 * spec as JSON) and, on the next visit, checked again by the model-file worker before it is
 * registered; a stored model that fails is forgotten and the page says so. Every
 * storage access is guarded (storage may be disabled or full).
 */
import type { ModelSpec } from '../model/spec.ts';
import { forgetOpenedModel } from './model-registry.ts';
import type { StorageLike } from './storage.ts';

/** localStorage key of the opened model. */
export const OPENED_MODEL_KEY = 'exercise-order-lab:opened-model';
/** Format tag of the stored entry. */
export const OPENED_MODEL_FORMAT = 'eolab-opened-model/1';

/** Store the opened model (false when storage refused it). */
export function storeOpenedModel(storage: StorageLike | undefined, spec: ModelSpec): boolean {
  try {
    storage?.setItem(OPENED_MODEL_KEY, JSON.stringify({ format: OPENED_MODEL_FORMAT, spec }));
    return storage !== undefined;
  } catch {
    return false;
  }
}

/** Forget the stored model. */
export function clearOpenedModel(storage: StorageLike | undefined): void {
  try {
    (storage as (StorageLike & { removeItem?: (k: string) => void }) | undefined)?.removeItem?.(
      OPENED_MODEL_KEY,
    );
  } catch {
    // Nothing to forget when storage is blocked.
  }
  forgetOpenedModel();
}

/** What was found in storage. */
export type StoredModel =
  | { readonly status: 'none' }
  | { readonly status: 'found'; readonly spec: ModelSpec }
  | { readonly status: 'refused'; readonly message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Read the stored model if its shape is plausible (id, name, parameters, inputs, presets, states,
 * observables). It is not registered here: the app registers it only after the full check
 * (`checkStoredModel`, in the model-file worker) passes. A malformed entry is refused in words.
 */
export function loadStoredModel(storage: StorageLike | undefined): StoredModel {
  let text: string | null = null;
  try {
    text = storage?.getItem(OPENED_MODEL_KEY) ?? null;
  } catch {
    return { status: 'none' };
  }
  if (text === null) return { status: 'none' };
  const refuse = (why: string): StoredModel => ({
    status: 'refused',
    message: `The model stored from your last visit was not loaded: ${why}.`,
  });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return refuse('it is not valid JSON');
  }
  if (!isRecord(doc) || doc.format !== OPENED_MODEL_FORMAT)
    return refuse(`format is not "${OPENED_MODEL_FORMAT}"`);
  const spec = doc.spec;
  if (!isRecord(spec) || typeof spec.id !== 'string' || typeof spec.name !== 'string')
    return refuse('it has no id or name');
  for (const field of ['parameters', 'inputs', 'parameterPresets', 'states', 'observables'])
    if (!isRecord(spec[field])) return refuse(`field "${field}" is missing or not an object`);
  return { status: 'found', spec: spec as unknown as ModelSpec };
}
