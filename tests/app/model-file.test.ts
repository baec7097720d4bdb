/**
 * Model files in the app (the model-file worker's pure side): SBML export of the scenario, reading
 * an opened file, the input mapping, one line per problem, the stored model's check, and that an
 * opened model runs through the app's own worker with the readouts the library gives.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { readoutTable } from '../../src/analysis/readouts.ts';
import {
  checkStoredModel,
  exportScenarioSbml,
  inspectModelFile,
  openModelFile,
} from '../../src/app/model-file.ts';
import { handleModelFile } from '../../src/app/model-file.worker.ts';
import { forgetOpenedModel } from '../../src/app/model-registry.ts';
import { defaultScenario } from '../../src/app/state.ts';
import { handleRequest } from '../../src/app/worker.ts';

const TWO_SIGNAL = readFileSync(resolve(import.meta.dirname, '../../docs/examples/two-signal.xml'), 'utf8');

function runReadouts(
  scenario: ReturnType<typeof defaultScenario>,
  spec?: Parameters<typeof handleRequest>[0]['spec'],
) {
  const r = handleRequest({ id: 1, type: 'run', scenario, ...(spec ? { spec } : {}) });
  if (!r.ok || r.type !== 'run') throw new Error(r.ok ? 'not a run' : r.error.message);
  return readoutTable(r.result);
}

describe('SBML export from the app', () => {
  it('names the file after the model and writes SBML L3V2 with the current parameters', () => {
    const s = { ...defaultScenario(), params: { kR: 0.5 } };
    const file = exportScenarioSbml(s);
    expect(file.name).toBe('concurrent-training.xml');
    expect(file.xml).toContain('level="3" version="2"');
    expect(file.xml).toMatch(/<parameter [^>]*id="kR"[^>]*value="0.5"/);
  });

  it('round-trips: the exported file, reopened with its own input mapping, gives the same readouts (1e-6 relative)', () => {
    const file = exportScenarioSbml(defaultScenario());
    const seen = inspectModelFile(file.name, file.xml);
    expect(seen.kind).toBe('sbml');
    if (seen.kind !== 'sbml') return;
    expect(seen.suggested.resistance).toBeDefined();
    expect(seen.suggested.endurance).toBeDefined();
    const opened = openModelFile(file.name, file.xml, seen.suggested);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    // A reopened bundled model gets an id of its own, so it never shadows the bundled one.
    expect(opened.spec.id).toBe('concurrent-training-opened');
    const mine = runReadouts({ ...defaultScenario(), modelId: opened.spec.id }, opened.spec);
    const bundled = runReadouts(defaultScenario());
    for (const [k, row] of bundled.entries())
      for (const [obs, v] of Object.entries(row.fold)) expect(mine[k]!.fold[obs]).toBeCloseTo(v, 6);
    forgetOpenedModel();
  }, 120_000);
});

describe('opening a model file', () => {
  it('lists an SBML file’s parameters for the mapping, and runs it with RE and EE mapped or with none', () => {
    const seen = inspectModelFile('two-signal.xml', TWO_SIGNAL);
    expect(seen.kind === 'sbml' && seen.parameters).toEqual(
      expect.arrayContaining(['stimRE', 'stimEE', 'kb']),
    );
    const mapped = openModelFile('two-signal.xml', TWO_SIGNAL, { resistance: 'stimRE', endurance: 'stimEE' });
    const none = openModelFile('two-signal.xml', TWO_SIGNAL, {});
    expect(mapped.ok && none.ok).toBe(true);
  });

  it('refuses events with one line naming the id, never a partial model', () => {
    const withEvent = TWO_SIGNAL.replace(
      '</model>',
      '<listOfEvents><event id="kick" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true"><math xmlns="http://www.w3.org/1998/Math/MathML"><apply><gt/><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">t</csymbol><cn>10</cn></apply></math></trigger></event></listOfEvents></model>',
    );
    const opened = openModelFile('event.xml', withEvent, {});
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problems.some((p) => p.includes('kick'))).toBe(true);
  });

  it('validates the project’s JSON format, one line per bad field naming it', () => {
    const raw = JSON.parse(JSON.stringify(getModel()));
    raw.id = 'my-model';
    raw.parameters.kR.value = 'abc';
    const seen = inspectModelFile('my-model.json', JSON.stringify(raw));
    expect(seen.kind === 'error' && seen.problems).toEqual([expect.stringContaining('parameters.kR.value')]);
    // An expression outside the whitelist is refused, naming where it is; nothing is executed.
    const code = JSON.parse(JSON.stringify(getModel()));
    code.id = 'my-model';
    code.observables.mps.expression = 'constructor("alert(1)")()';
    const refused = inspectModelFile('code.json', JSON.stringify(code));
    expect(refused.kind === 'error' && refused.problems.join('\n')).toMatch(/observables\.mps/);
    expect(inspectModelFile('x.json', '{ not json').kind).toBe('error');
  });

  it('checks a stored model in full and says why it refuses one', () => {
    expect(checkStoredModel({ id: 'x' }).ok).toBe(false);
    const good = JSON.parse(JSON.stringify(getModel()));
    good.id = 'stored-model';
    expect(checkStoredModel(good).ok).toBe(true);
    expect(handleModelFile({ id: 3, type: 'check', raw: { id: 'x' } })).toMatchObject({
      id: 3,
      ok: true,
      value: { ok: false },
    });
  });
});
