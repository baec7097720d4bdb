/**
 * The bundled model files as plain data, with no validation code attached. The browser's main
 * thread reads specs from here (labels, units, ranges, presets) so that zod and mathjs load only
 * in the simulation worker; `models/index.ts` validates the same files for everything else, and
 * `tests/model/bundled.test.ts` checks that both views hold identical data.
 */
import type { ModelSpec } from '../src/model/spec.ts';
import concurrentTraining from './concurrent-training.json' with { type: 'json' };
import loadSaturation from './concurrent-training-load-saturation.json' with { type: 'json' };
import ratRegulator from './concurrent-training-rat-regulator.json' with { type: 'json' };
import reRegulator from './concurrent-training-re-regulator.json' with { type: 'json' };
import runDepression from './concurrent-training-run-depression.json' with { type: 'json' };

/**
 * The raw model files, in display order; the first is the default. The others are the rival
 * variants (a)–(d) of `variants.ts`, generated from the default by `scripts/write-variants.ts`.
 */
export const BUNDLED_MODEL_FILES: readonly unknown[] = [
  concurrentTraining,
  reRegulator,
  runDepression,
  loadSaturation,
  ratRegulator,
];

/** Id of the default model. */
export const DEFAULT_MODEL_ID = 'concurrent-training';

/**
 * Bundled specs by id, unvalidated. Use `getModel` from `models/index.ts` unless you must avoid
 * loading the validator; these files are validated by the test suite.
 */
export const BUNDLED_SPECS: ReadonlyMap<string, ModelSpec> = new Map(
  BUNDLED_MODEL_FILES.map((raw) => [(raw as ModelSpec).id, raw as ModelSpec] as const),
);

/** Look up a bundled spec without validating it. @throws Error naming the id and the ids available */
export function bundledSpec(id: string = DEFAULT_MODEL_ID): ModelSpec {
  const spec = BUNDLED_SPECS.get(id);
  if (!spec) throw new Error(`unknown model: ${id} (models: ${[...BUNDLED_SPECS.keys()].join(', ')})`);
  return spec;
}
