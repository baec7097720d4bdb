import { describe, expect, it } from 'vitest';
import {
  type AppScenario,
  decodeGroup,
  decodeScenario,
  defaultScenario,
  encodeGroup,
  encodeScenario,
  scenarioFromJson,
  scenarioToJson,
} from '../../src/app/state.ts';

const edited: AppScenario = {
  modelId: 'concurrent-training',
  paramPreset: 'endurance-trained',
  params: { kR: 0.2, tauR: 45 },
  protocolPreset: 'study',
  settings: { gap: 90, eeIntensity: 0.8, eeDuration: 45, reIntensity: 1.2 },
  groups: [
    { id: 'control', label: 'Control', bouts: [] },
    {
      id: 'run-lift',
      label: 'Run 07:00, lift | 19:00',
      bouts: [
        { kind: 'endurance', start: 420, duration: 60, intensity: 0.7 },
        { kind: 'resistance', start: 1140, duration: 20, intensity: 1 },
      ],
    },
  ],
  shown: ['run-lift'],
};

describe('encodeScenario / decodeScenario', () => {
  it('round-trips the default scenario with no errors', () => {
    const { scenario, errors } = decodeScenario(encodeScenario(defaultScenario()));
    expect(errors).toEqual([]);
    expect(scenario).toEqual(defaultScenario());
  });

  it('round-trips every field of an edited scenario', () => {
    const text = encodeScenario(edited).toString();
    const { scenario, errors } = decodeScenario(`?${text}`);
    expect(errors).toEqual([]);
    expect(scenario).toEqual(edited);
  });

  it('decodes a hash fragment as well as a query', () => {
    const { scenario } = decodeScenario('#gap=120&ee=0.9');
    expect(scenario.settings).toEqual({ gap: 120, eeIntensity: 0.9 });
  });

  it('names the field and value of a non-number and falls back for that field only', () => {
    const { scenario, errors } = decodeScenario('gap=abc&ee=0.8&p.kR=0.3');
    expect(errors.map((e) => e.message)).toEqual(['URL: gap "abc" is not a number — using 0']);
    expect(scenario.settings.gap).toBe(0);
    expect(scenario.settings.eeIntensity).toBe(0.8);
    expect(scenario.params).toEqual({ kR: 0.3 });
  });

  it('rejects unknown presets, parameters and out-of-range values one by one', () => {
    const { scenario, errors } = decodeScenario(
      'preset=nope&protocol=zzz&p.kR=7&p.bogus=1&gap=9999&p.tauR=40',
    );
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(['preset', 'protocol', 'gap', 'p.kR', 'p.bogus']);
    expect(errors[0]!.message).toContain('"nope"');
    expect(errors[3]!.message).toMatch(/p\.kR "7" is outside \[0, 1\]/);
    expect(scenario.paramPreset).toBe('rat-study');
    expect(scenario.protocolPreset).toBe('study');
    expect(scenario.params).toEqual({ tauR: 40 });
  });

  it('reports unknown keys and keeps the rest', () => {
    const { scenario, errors } = decodeScenario('foo=bar&gap=60');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('URL: unknown field "foo" = "bar" — ignored');
    expect(scenario.settings.gap).toBe(60);
  });

  it('falls back to the preset groups when edited groups overlap or are malformed', () => {
    const overlap = decodeScenario('g=control||Control&g=x|R60/20/1,E70/60/0.7|X');
    expect(overlap.scenario.groups).toBeUndefined();
    expect(overlap.errors[0]!.field).toBe('groups');
    expect(overlap.errors[0]!.message).toMatch(/overlap/);
    const bad = decodeScenario('g=control||Control&g=x|Q60/20|X&gap=30');
    expect(bad.errors[0]!.message).toMatch(/^URL: groups .* is malformed: bout "Q60\/20"/);
    expect(bad.scenario.settings.gap).toBe(30);
  });

  it('requires a control group without bouts among edited groups', () => {
    const { errors } = decodeScenario('g=re|R60/20/1|RE');
    expect(errors[0]!.message).toMatch(/control/);
  });
});

describe('encodeGroup / decodeGroup', () => {
  it('keeps labels containing separators', () => {
    const g = edited.groups![1]!;
    expect(decodeGroup(encodeGroup(g))).toEqual(g);
  });
  it('throws a readable message for text without separators', () => {
    expect(() => decodeGroup('nonsense')).toThrow(/id\|bouts\|label/);
  });
});

describe('scenarioToJson / scenarioFromJson', () => {
  it('round-trips a scenario file', () => {
    const { scenario, errors } = scenarioFromJson(scenarioToJson(edited));
    expect(errors).toEqual([]);
    expect(scenario).toEqual(edited);
  });
  it('explains a file that is not JSON or not a scenario', () => {
    expect(scenarioFromJson('{oops').errors[0]!.message).toMatch(/^file: file ".*" is not JSON/);
    expect(scenarioFromJson('{"format":"x"}').errors[0]!.message).toBe(
      'file: format "x" is not "exercise-order-lab-scenario" — using the study preset',
    );
  });
  it('falls back per field for bad values in a file', () => {
    const doc = JSON.parse(scenarioToJson(edited));
    doc.scenario.settings.gap = 'soon';
    doc.scenario.params.kR = 5;
    const { scenario, errors } = scenarioFromJson(JSON.stringify(doc));
    expect(errors.map((e) => e.field)).toEqual(['gap', 'p.kR']);
    expect(scenario.settings.gap).toBe(0);
    expect(scenario.settings.eeIntensity).toBe(0.8);
    expect(scenario.params).toEqual({ tauR: 45 });
  });
});
