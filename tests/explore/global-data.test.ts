/**
 * The data behind the Explore panel's global-sensitivity view: the committed Sobol file reduced
 * to the indices `sobolFromFile` computes, with labels from the model; a missing, corrupt or
 * mismatched file is an error that names the file.
 */
import { describe, expect, it } from 'vitest';
import { SOBOL_FILES } from '../../models/ensembles.ts';
import { parseSobolFile, sobolFromFile } from '../../src/analysis/sobol-file.ts';
import { loadGlobalSensitivity } from '../../src/app/explore/sobol-data.ts';
import { compileModel, getModel } from '../../src/index.ts';

const ID = 'concurrent-training';

describe('loadGlobalSensitivity', () => {
  it('gives the indices of every output and parameter, equal to sobolFromFile', async () => {
    const data = await loadGlobalSensitivity(ID);
    const spec = getModel(ID);
    const file = parseSobolFile(await SOBOL_FILES[ID]!(), 'test', compileModel(spec));
    const direct = sobolFromFile(file);
    expect(data.outputs.map((o) => o.id)).toEqual(file.outputs.map((o) => o.id));
    expect(data.n).toBe(file.n);
    expect(data.runs).toBe(file.n * (file.parameters.length + 2));
    data.outputs.forEach((o, k) => {
      expect(o.rows.map((r) => r.parameter)).toEqual(file.parameters);
      expect(o.rows.map((r) => r.first)).toEqual(Array.from(direct.outputs[k]!.first));
      expect(o.rows.map((r) => r.total)).toEqual(Array.from(direct.outputs[k]!.total));
      expect(o.rows[0]!.label).toBe(`${spec.parameters[file.parameters[0]!]!.label} (${file.parameters[0]})`);
    });
  }, 60_000);

  it('names the file and the problem when it cannot be used', async () => {
    await expect(loadGlobalSensitivity(ID, { [ID]: async () => ({ format: 'nope' }) })).rejects.toThrow(
      /invalid Sobol file \(models\/concurrent-training\.sobol\.json\): format/,
    );
    await expect(
      loadGlobalSensitivity(ID, { [ID]: () => Promise.reject(new Error('network down')) }),
    ).rejects.toThrow(/network down/);
    await expect(loadGlobalSensitivity(ID, {})).rejects.toThrow(
      /no global-sensitivity data for model "concurrent-training"/,
    );
  });
});
