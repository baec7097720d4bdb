/**
 * Everything `modelDoc` reads besides the default model, loaded and checked: its ensemble and
 * Sobol files (against the model) and the rival variants (from their model files, with their
 * declarations in `variants.ts`). Used by `scripts/write-model-doc.ts` and the docs test.
 */

import { parseEnsembleFile } from '../src/analysis/ensemble-file.ts';
import type { ModelDocInputs } from '../src/analysis/model-doc.ts';
import { parseSobolFile } from '../src/analysis/sobol-file.ts';
import { type CompiledModel, compileModel } from '../src/model/compile.ts';
import { ENSEMBLE_FILES, SOBOL_FILES } from './ensembles.ts';
import { getModel } from './index.ts';
import { VARIANTS } from './variants.ts';

/** The inputs of `modelDoc` for `model` (the default model). @throws when a file is missing or stale */
export async function modelDocInputs(model: CompiledModel): Promise<ModelDocInputs> {
  const id = model.spec.id;
  const ensembleLoader = ENSEMBLE_FILES[id];
  const sobolLoader = SOBOL_FILES[id];
  if (!ensembleLoader || !sobolLoader) throw new Error(`model "${id}" has no ensemble or Sobol file`);
  return {
    ensemble: parseEnsembleFile(await ensembleLoader(), `models/${id}.ensemble.json`, model),
    sobol: parseSobolFile(await sobolLoader(), `models/${id}.sobol.json`, model),
    variants: VARIANTS.map((v) => ({
      model: compileModel(getModel(v.id)),
      letter: v.letter,
      change: v.change,
      evidence: v.evidence,
    })),
  };
}
