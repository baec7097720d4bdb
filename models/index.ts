/**
 * The bundled models, validated at load. Model files are data (JSON); `bundled.ts` lists them.
 * Add a model: drop `<id>.json` here (check it with `eolab validate`) and add it to
 * `BUNDLED_MODEL_FILES` in `bundled.ts`.
 */
import type { ModelSpec } from '../src/model/spec.ts';
import { parseModel } from '../src/model/validate.ts';
import { BUNDLED_MODEL_FILES, DEFAULT_MODEL_ID } from './bundled.ts';

export { DEFAULT_MODEL_ID };

/** Bundled model specs by id, in display order; the first is the default. */
export const MODELS: ReadonlyMap<string, ModelSpec> = new Map(
  BUNDLED_MODEL_FILES.map((raw) => {
    const spec = parseModel(raw, `bundled model ${(raw as { id?: string }).id ?? '?'}`);
    return [spec.id, spec] as const;
  }),
);

/** Look up a bundled model. @throws Error naming the id and the ids available */
export function getModel(id: string = DEFAULT_MODEL_ID): ModelSpec {
  const spec = MODELS.get(id);
  if (!spec) throw new Error(`unknown model: ${id} (models: ${[...MODELS.keys()].join(', ')})`);
  return spec;
}
