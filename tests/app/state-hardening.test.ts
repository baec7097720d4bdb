/**
 * Issue 13, app half: links, saved copies and scenario files are decoded into prototype-free
 * records and checked field by field with bounded schemas. Each case is a reproduction from the
 * fuzz campaign (prototype-named keys, unchecked `show` ids, a bout at 1e9 min, 140,000 bouts).
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/app/resolve.ts';
import {
  decodeScenario,
  defaultScenario,
  encodeScenario,
  SCENARIO_BOUNDS,
  scenarioFromJson,
  scenarioToJson,
} from '../../src/app/state.ts';

const PROTO_KEYS = [
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  '__proto__',
];

describe('decodeScenario: prototype-named keys', () => {
  for (const key of PROTO_KEYS) {
    it(`?p.${key}=1 names no parameter: an error naming it, and a scenario that resolves`, () => {
      const { scenario, errors } = decodeScenario(`p.${key}=1&gap=60`);
      expect(Object.keys(scenario.params)).toEqual([]);
      expect(scenario.settings.gap).toBe(60);
      expect(errors.map((e) => e.message)).toEqual([
        `URL: p.${key} "1" is not a parameter of model concurrent-training — ignored`,
      ]);
      expect(() => resolveScenario(scenario)).not.toThrow();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('ignores prototype-named keys in a scenario file ({"params": {"constructor": 1}})', () => {
    const text = scenarioToJson(defaultScenario()).replace(
      '"params": {}',
      '"params": {"constructor": 1, "__proto__": {"x": 1}, "kR": 0.02}',
    );
    const { scenario, errors } = scenarioFromJson(text);
    expect(Object.keys(scenario.params)).toEqual(['kR']);
    expect(errors.map((e) => e.field).sort()).toEqual(['p.__proto__', 'p.constructor']);
    expect(errors.every((e) => e.origin === 'file')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps other prototype-named fields out: ?toString=1 and ?constructor=x are unknown fields', () => {
    const { scenario, errors } = decodeScenario('toString=1&constructor=x&__proto__=y');
    expect(encodeScenario(scenario).toString()).toBe(encodeScenario(defaultScenario()).toString());
    expect(errors.map((e) => e.field)).toEqual(['toString', 'constructor', '__proto__']);
  });
});

describe('decodeScenario: shown ids are checked against the groups', () => {
  it('?show=zzz names no group: every group is shown, and the message names the value', () => {
    const { scenario, errors } = decodeScenario('show=zzz');
    expect(scenario.shown).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('show');
    expect(errors[0]!.message).toMatch(
      /^URL: show "zzz" names no group of this protocol \(control, re, ee, re-ee, ee-re\)/,
    );
  });

  it('keeps the known ids of a mixed list', () => {
    const { scenario, errors } = decodeScenario('show=re,zzz,ee-re');
    expect(scenario.shown).toEqual(['re', 'ee-re']);
    expect(errors.map((e) => e.value)).toEqual(['zzz']);
  });
});

describe('decodeScenario: bounds on time span, bouts and groups', () => {
  it('refuses a bout at 1e9 min, naming the group and bout, and keeps the other fields', () => {
    const { scenario, errors } = decodeScenario('g=control%7C%7CControl&g=re%7CR1e9%2F20%2F1%7Cx&gap=30');
    expect(scenario.groups).toBeUndefined();
    expect(scenario.settings.gap).toBe(30);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('bout 1 of group 2: start must be ≤ 10080 min (7 days)');
  });

  it('refuses 140,000 bouts without overflowing the stack', () => {
    const bouts = Array.from({ length: 140_000 }, (_, i) => `R${i}/1/1`).join(',');
    const text = `g=${encodeURIComponent('control||C')}&g=${encodeURIComponent(`re|${bouts}|x`)}`;
    const { scenario, errors } = decodeScenario(text.slice(0, SCENARIO_BOUNDS.queryLength));
    expect(scenario.groups).toBeUndefined();
    expect(errors[0]!.field).toBe('groups');
    const whole = decodeScenario(text);
    expect(whole.scenario).toEqual(defaultScenario());
    expect(whole.errors[0]!.message).toMatch(/more than 100000/);
  });

  it('refuses more than the bounded number of groups, labels with line breaks and long labels', () => {
    const many = Array.from(
      { length: SCENARIO_BOUNDS.groups + 1 },
      (_, i) => `g=${i === 0 ? 'control' : `g${i}`}%7C%7Cx`,
    ).join('&');
    expect(decodeScenario(many).errors[0]!.message).toMatch(/more than 20 groups/);
    const crlf = decodeScenario(`g=control%7C%7CC&g=re%7CR60%2F20%2F1%7Ca%0D%0Ab`);
    expect(crlf.errors[0]!.message).toMatch(/label must not hold line breaks/);
    const long = decodeScenario(`g=control%7C%7CC&g=re%7CR60%2F20%2F1%7C${'x'.repeat(61)}`);
    expect(long.errors[0]!.message).toMatch(/label must be at most 60 characters/);
  });

  it('bounds the number of messages', () => {
    const text = Array.from({ length: 100 }, (_, i) => `junk${i}=1`).join('&');
    const { errors } = decodeScenario(text);
    expect(errors).toHaveLength(SCENARIO_BOUNDS.messages + 1);
    expect(errors.at(-1)!.message).toBe('URL: 88 more problems — ignored');
  });

  it('names where a bad value came from: a link, the saved copy or a file', () => {
    expect(decodeScenario('gap=abc').errors[0]!.origin).toBe('URL');
    expect(decodeScenario('gap=abc', 'Saved state').errors[0]!.message).toBe(
      'Saved state: gap "abc" is not a number — using 0',
    );
  });

  it('still decodes every valid edited protocol the timeline writes', () => {
    const q =
      'g=control%7C%7CControl&g=re%7CR60%2F20%2F1%7CRE+only&g=custom-1%7CE600%2F60%2F0.7%2CR2000%2F20%2F1%7CCustom+1';
    const { scenario, errors } = decodeScenario(q);
    expect(errors).toEqual([]);
    expect(scenario.groups!.map((g) => g.bouts.length)).toEqual([0, 1, 2]);
    expect(resolveScenario(scenario).protocol.tEnd).toBeGreaterThanOrEqual(2020 + 2880);
  });
});
