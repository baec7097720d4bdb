import { describe, expect, it } from 'vitest';
import { lines, run } from './helpers.ts';

/** [argv, text the one stderr line must contain] — every bad-argument case the CLI checks. */
const CASES: ReadonlyArray<readonly [string[], string]> = [
  [['simulate', '--gap', 'abc'], 'eolab simulate: invalid --gap: "abc" (expected minutes ≥ 0)'],
  [['simulate', '--gap=-5'], 'invalid --gap: "-5"'],
  [['simulate', '--gap', '0x10'], 'invalid --gap: "0x10"'],
  [['simulate', '--gap', ''], 'invalid --gap: ""'],
  [['simulate', '--gap'], 'missing value for --gap'],
  [
    ['simulate', '--ee-intensity', '1.5'],
    'invalid --ee-intensity: "1.5" (expected fraction of VO2max in [0, 1])',
  ],
  [['simulate', '--re-intensity', 'heavy'], 'invalid --re-intensity: "heavy"'],
  [['simulate', '--ee-duration', '0'], 'invalid --ee-duration: "0" (expected minutes > 0)'],
  [['simulate', '--re-duration', 'NaN'], 'invalid --re-duration: "NaN"'],
  [
    ['simulate', '--t-end', '100'],
    'invalid --t-end: "100" (expected minutes > 140 (the end of the last bout))',
  ],
  [['simulate', '--t-end', 'Infinity'], 'invalid --t-end: "Infinity"'],
  [['simulate', '--dt', '0'], 'invalid --dt: "0" (expected minutes > 0)'],
  [['simulate', '--dt', '-1e-3'], 'missing value for --dt'],
  [['simulate', '--format', 'xml'], 'invalid --format: "xml" (expected csv or json)'],
  [['simulate', '--set', 'foo'], 'invalid --set: "foo" (expected NAME=VALUE'],
  [['simulate', '--set', '=3'], 'invalid --set: "=3"'],
  [['simulate', '--set', 'foo=1'], 'invalid --set: unknown parameter "foo" (parameters: kP, '],
  [['simulate', '--set', 'kR=abc'], 'invalid --set kR: "abc" (expected a finite number)'],
  [['simulate', '--set', 'kR='], 'invalid --set kR: ""'],
  [
    ['simulate', '--model', 'no-such-model'],
    'invalid --model: "no-such-model" (bundled models: concurrent-training',
  ],
  [
    ['simulate', '--param-preset', 'nope'],
    'invalid --param-preset: "nope" (presets of model "concurrent-training": ',
  ],
  [['simulate', '--preset', 'marathon'], 'invalid --preset: "marathon" (protocol presets: study, '],
  [['simulate', '--frob'], 'unknown option --frob (options: '],
  [['simulate', 'extra'], 'unexpected argument "extra"'],
  [['readouts', '--at', 'soon'], 'eolab readouts: invalid --at: "soon"'],
  [['readouts', '--format', 'csv'], 'invalid --format: "csv" (expected table or json)'],
  [['readouts', '--gap', '-'], 'invalid --gap: "-"'],
  [['params', '--format', 'yaml'], 'eolab params: invalid --format: "yaml" (expected table or json)'],
  [['params', '--set', 'kR=1'], 'unknown option --set'],
  [['targets', '--set', 'nope=1'], 'eolab targets: invalid --set: unknown parameter "nope"'],
  [['targets', '--format', 'csv'], 'invalid --format: "csv"'],
  [['models', 'extra'], 'eolab models: unexpected argument "extra"'],
  [['export', '--model', 'nope'], 'eolab export: invalid --model: "nope"'],
  [['validate'], 'eolab validate: missing FILE'],
  [['validate', 'a.json', 'b.json'], 'unexpected argument "b.json"'],
  [['schema', '--format', 'json'], 'eolab schema: unknown option --format'],
];

describe('bad arguments', () => {
  it.each(CASES)('%j → exit 2, one line on stderr naming the value', async (argv, text) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(text);
    expect(r.stderr).toMatch(/^eolab( [a-z]+)?: /);
  });
});
