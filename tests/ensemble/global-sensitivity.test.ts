/**
 * Global sensitivity of the order effect over the prior: the committed Sobol file belongs to the
 * current model and its first design rows regenerate bit for bit; the indices are sane (first ≤
 * total up to sampling error, sums near or below 1 for an additive-ish output).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SOBOL_FILES } from '../../models/ensembles.ts';
import { getModel } from '../../models/index.ts';
import { modelDigest } from '../../src/analysis/ensemble-file.ts';
import { GLOBAL_OUTPUTS, globalSensitivityRows } from '../../src/analysis/global-sensitivity.ts';
import { priorDigest } from '../../src/analysis/priors.ts';
import { parseSobolFile, type SobolFile, sobolFromFile } from '../../src/analysis/sobol-file.ts';
import { compileModel } from '../../src/model/compile.ts';

const spec = getModel();
const model = compileModel(spec);
let file: SobolFile;

beforeAll(async () => {
  file = parseSobolFile(
    await SOBOL_FILES['concurrent-training']!(),
    'models/concurrent-training.sobol.json',
    model,
  );
});

describe('the committed Sobol file', () => {
  it('belongs to the current model and priors and covers both outputs', () => {
    expect(file.modelDigest).toBe(modelDigest(spec));
    expect(file.priorDigest).toBe(priorDigest(spec));
    expect(file.outputs.map((o) => o.id)).toEqual(GLOBAL_OUTPUTS.map((o) => o.id));
    expect(file.rows).toHaveLength(file.n);
    expect(sobolFromFile(file, { bootstrap: 0 }).rows).toBeGreaterThan(0.95 * file.n);
  });

  it('design rows regenerate bit for bit (the first three and the last)', () => {
    const w = (file.parameters.length + 2) * file.outputs.length;
    for (const [start, end] of [
      [0, 3],
      [file.n - 1, file.n],
    ] as const) {
      const rows = globalSensitivityRows(model, { seed: file.seed, start, end });
      const fresh = Array.from(rows.values, (v) => (Number.isFinite(v) ? v : null));
      expect(fresh).toEqual(file.rows.slice(start, end).flat());
      expect(fresh).toHaveLength((end - start) * w);
    }
  });

  it('first-order indices do not exceed total ones beyond sampling error; the order effect varies over the prior', () => {
    const r = sobolFromFile(file, { bootstrap: 100 });
    r.outputs.forEach((o, k) => {
      expect(o.variance, file.outputs[k]!.id).toBeGreaterThan(0);
      o.first.forEach((s, i) => {
        expect(s - o.totalCi[i]![1], `${file.outputs[k]!.id} ${file.parameters[i]}`).toBeLessThan(0.1);
      });
    });
  });
});
