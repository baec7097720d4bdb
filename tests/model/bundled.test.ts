/** The unvalidated view of the bundled models (used by the app's main thread) holds the same data as the validated one. */
import { describe, expect, it } from 'vitest';
import { BUNDLED_SPECS, bundledSpec } from '../../models/bundled.ts';
import { MODELS } from '../../models/index.ts';

describe('models/bundled.ts', () => {
  it('lists the same models, in the same order, as models/index.ts', () => {
    expect([...BUNDLED_SPECS.keys()]).toEqual([...MODELS.keys()]);
  });
  it.each([...MODELS.keys()])('model %s: raw file equals the validated spec', (id) => {
    // Validation fills defaults only for missing optional sections; bundled files spell them out.
    expect(JSON.parse(JSON.stringify(bundledSpec(id)))).toEqual(JSON.parse(JSON.stringify(MODELS.get(id))));
  });
  it('names the ids available for an unknown id', () => {
    expect(() => bundledSpec('nope')).toThrow(
      /unknown model: nope \(models: concurrent-training, concurrent-training-re-regulator, .*concurrent-training-rat-regulator\)/,
    );
  });
});
