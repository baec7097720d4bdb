/**
 * The bundled models, validated at load. Model files are data (JSON); this file only lists them.
 * Add a model: drop `<id>.json` here (checked by `eolab validate`) and add it to `BUNDLED`.
 */

import type { ModelSpec } from '../src/model/spec.ts';
import { parseModel } from '../src/model/validate.ts';
import concurrentTraining from './concurrent-training.json' with { type: 'json' };

const BUNDLED: readonly unknown[] = [concurrentTraining];

/** Bundled model specs by id, in display order; the first is the default. */
export const MODELS: ReadonlyMap<string, ModelSpec> = new Map(
  BUNDLED.map((raw) => {
    const spec = parseModel(raw, `bundled model ${(raw as { id?: string }).id ?? '?'}`);
    return [spec.id, spec] as const;
  }),
);

/** Id of the default model. */
export const DEFAULT_MODEL_ID = 'concurrent-training';

/** Look up a bundled model. @throws Error naming the id and the ids available */
export function getModel(id: string = DEFAULT_MODEL_ID): ModelSpec {
  const spec = MODELS.get(id);
  if (!spec) throw new Error(`unknown model: ${id} (models: ${[...MODELS.keys()].join(', ')})`);
  return spec;
}
