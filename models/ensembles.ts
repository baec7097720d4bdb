/**
 * The ensembles of plausible models (`<model>.ensemble.json`, written by
 * `scripts/write-ensemble.ts`) and the global-sensitivity results (`<model>.sobol.json`, written
 * by `scripts/write-sobol.ts`), loaded on demand: they are large data, kept out of the bundle
 * that lists the models (`bundled.ts`). Each loader returns the parsed JSON, unvalidated; check
 * it with `parseEnsembleFile` / `parseSobolFile` against its model.
 */

/** Ensemble files by model id. */
export const ENSEMBLE_FILES: Readonly<Record<string, () => Promise<unknown>>> = Object.freeze({
  'concurrent-training': () =>
    import('./concurrent-training.ensemble.json', { with: { type: 'json' } }).then((m) => m.default),
});

/** Global-sensitivity files by model id. */
export const SOBOL_FILES: Readonly<Record<string, () => Promise<unknown>>> = Object.freeze({
  'concurrent-training': () =>
    import('./concurrent-training.sobol.json', { with: { type: 'json' } }).then((m) => m.default),
});
