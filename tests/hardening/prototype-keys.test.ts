/**
 * Issue 13, item 4 (library and CLI): names that are Object.prototype members are looked up as
 * own keys only, and the error names the key and the known ones.
 */
import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, presetParameters, simulate } from '../../src/index.ts';
import { ParameterError } from '../../src/model/parameters.ts';
import { lines, run } from '../cli/helpers.ts';

const NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

describe('prototype-named keys are never taken as real ones', () => {
  for (const name of ['constructor', '__proto__', 'toString']) {
    it(`eolab readouts --param-preset ${name} fails with one line naming it and the known presets`, async () => {
      const r = await run('readouts', '--param-preset', name);
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toContain(JSON.stringify(name));
      for (const id of Object.keys(getModel().parameterPresets)) expect(r.stderr).toContain(id);
    });
  }

  it('a scenario with {"params":{"constructor":1}} is refused with a ParameterError naming the key', () => {
    const model = compileModel(getModel());
    const protocol = buildProtocol(model, 'study');
    const scenario = JSON.parse('{"params":{"constructor":1}}') as { params: Record<string, number> };
    let err: unknown;
    try {
      simulate(model, protocol, { parameters: scenario.params });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParameterError);
    expect((err as ParameterError).parameter).toBe('constructor');
    expect((err as Error).message).toContain('kR');
  });

  for (const name of NAMES) {
    it(`library lookups by name: preset ${JSON.stringify(name)}, protocol preset, --set`, async () => {
      const spec = getModel();
      expect(() => presetParameters(spec, name)).toThrow(/unknown parameter preset/);
      expect(() => buildProtocol(compileModel(spec), name)).toThrow(/unknown protocol preset/);
      const set = await run('readouts', '--set', `${name}=1`);
      expect(set.code).toBe(2);
      expect(set.stderr).toMatch(/unknown parameter/);
      const preset = await run('readouts', '--preset', name);
      expect(preset.code).toBe(2);
    });
  }
});
