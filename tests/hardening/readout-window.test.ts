/**
 * Found by the protocol fuzz target: a readout after the end of the simulated window made
 * `readoutTable` throw an untyped Error; simulate warns about it, and the fold is now NaN
 * ("—" in tables, empty in CSV), as for an AUC window past the end.
 */
import { expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, readoutTable, simulate } from '../../src/index.ts';

it('a readout after the simulated window is a NaN fold with a warning, not an exception', () => {
  const model = compileModel(getModel());
  const study = buildProtocol(model, 'study');
  const protocol = { ...study, readout: { ...study.readout, afterResistance: study.tEnd + 100 } };
  const result = simulate(model, protocol, { dt: 60 });
  expect(result.warnings.some((w) => /after the simulated window/.test(w))).toBe(true);
  const rows = readoutTable(result);
  expect(rows).toHaveLength(study.groups.length);
  for (const row of rows) for (const v of Object.values(row.fold)) expect(v).toBeNaN();
});
