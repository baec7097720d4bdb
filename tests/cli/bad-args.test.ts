import { describe, expect, it } from 'vitest';
import { lines, run } from './helpers.ts';

const DT_RANGE =
  'expected minutes from 0.0456 to 4560, the simulated window (at most 100000 samples per group)';

/** [argv, text the one stderr line must contain] — every bad-argument case the CLI checks. */
const CASES: ReadonlyArray<readonly [string[], string]> = [
  [
    ['simulate', '--gap', 'abc'],
    'eolab simulate: invalid --gap: "abc" (expected minutes from -1440 to 1440; write 90, 90m, 1.5h or 1:30)',
  ],
  [['simulate', '--gap', '25h'], 'invalid --gap: "25h"'],
  [['simulate', '--gap', '-1441'], 'invalid --gap: "-1441"'],
  [['simulate', '--gap', '0x10'], 'invalid --gap: "0x10"'],
  [['simulate', '--gap', '1:75'], 'invalid --gap: "1:75"'],
  [['simulate', '--gap', ''], 'invalid --gap: ""'],
  [['simulate', '--gap'], 'missing value for --gap'],
  [
    ['simulate', '--ee-intensity', '1.5'],
    'invalid --ee-intensity: "1.5" (expected fraction of VO2max in [0, 1])',
  ],
  [['simulate', '--re-intensity', 'heavy'], 'invalid --re-intensity: "heavy"'],
  [['simulate', '--ee-duration', '0'], 'invalid --ee-duration: "0" (expected minutes > 0'],
  [['simulate', '--ee-duration', '-1h'], 'invalid --ee-duration: "-1h" (expected minutes > 0'],
  [['simulate', '--re-duration', 'NaN'], 'invalid --re-duration: "NaN"'],
  [
    ['simulate', '--t-end', '100'],
    'invalid --t-end: "100" (expected minutes > 140 (the end of the last bout)',
  ],
  [['simulate', '--t-end', 'Infinity'], 'invalid --t-end: "Infinity"'],
  // A bad output step is a usage error (exit 2), whatever makes it bad.
  [['simulate', '--dt', '0'], `invalid --dt: "0" (${DT_RANGE}`],
  [['simulate', '--dt', '-1e-3'], `invalid --dt: "-1e-3" (${DT_RANGE}`],
  [['simulate', '--dt', '1e-9'], `invalid --dt: "1e-9" (${DT_RANGE}`],
  [['simulate', '--dt', '4561'], `invalid --dt: "4561" (${DT_RANGE}`],
  [['simulate', '--dt', 'fast'], 'invalid --dt: "fast"'],
  [['simulate', '--format', 'xml'], 'invalid --format: "xml" (expected csv or json)'],
  [['simulate', '--format', 'jsn'], 'invalid --format: "jsn" (did you mean "json"? expected csv or json)'],
  [['simulate', '--format', 'json', '--meta', 'm.json'], 'invalid --meta: only CSV output has a sidecar'],
  [['simulate', '--set', 'foo'], 'invalid --set: "foo" (expected NAME=VALUE'],
  [['simulate', '--set', '=3'], 'invalid --set: "=3"'],
  [['simulate', '--set', 'foo=1'], 'invalid --set: unknown parameter "foo" (parameters: kP, '],
  [
    ['simulate', '--set', 'tauRR=1'],
    'invalid --set: unknown parameter "tauRR" (did you mean "tauR"? parameters: ',
  ],
  [['simulate', '--set', 'kR=abc'], 'invalid --set kR: "abc" (expected a finite number)'],
  [['simulate', '--set', 'kR='], 'invalid --set kR: ""'],
  [
    ['simulate', '--model', 'no-such-model'],
    'invalid --model: "no-such-model" (bundled models: concurrent-training',
  ],
  [
    ['simulate', '--model', 'concurent-training'],
    'invalid --model: "concurent-training" (did you mean "concurrent-training"? bundled models: ',
  ],
  [
    ['simulate', '--param-preset', 'nope'],
    'invalid --param-preset: "nope" (presets of model "concurrent-training": ',
  ],
  [
    ['simulate', '--param-preset', 'rat-studdy'],
    'invalid --param-preset: "rat-studdy" (did you mean "rat-study"?',
  ],
  [['simulate', '--preset', 'marathon'], 'invalid --preset: "marathon" (protocol presets: study, '],
  [
    ['simulate', '--preset', 'studdy'],
    'invalid --preset: "studdy" (did you mean "study"? protocol presets: ',
  ],
  [['simulate', '--frob'], 'unknown option --frob (options: '],
  [['simulate', '--ee-intesity', '0.5'], 'unknown option --ee-intesity (did you mean --ee-intensity?)'],
  [['simulate', '--gap-min=5'], 'unknown option --gap-min (did you mean --gap?)'],
  [['simulate', 'extra'], 'unexpected argument "extra"'],
  [['readouts', '--at', 'soon'], 'eolab readouts: invalid --at: "soon"'],
  [
    ['readouts', '--format', 'csvv'],
    'invalid --format: "csvv" (did you mean "csv"? expected table, csv or json)',
  ],
  [['readouts', '--gap', '-'], 'invalid --gap: "-"'],
  [['params', '--format', 'yaml'], 'eolab params: invalid --format: "yaml" (expected table, csv or json)'],
  [['params', '--gap', '5'], 'unknown option --gap'],
  [['targets', '--set', 'nope=1'], 'eolab targets: invalid --set: unknown parameter "nope"'],
  [['targets', '--format', 'xml'], 'invalid --format: "xml"'],
  [
    ['sensitivity', '--readout', 'order-efect'],
    'invalid --readout: "order-efect" (did you mean "order-effect"?',
  ],
  [['sensitivity', '--gap', '2d'], 'invalid --gap: "2d"'],
  [['sweep', '--x', 'gapp:0:1:2'], 'invalid --x: unknown axis "gapp" (did you mean "gap"?'],
  [['sweep', '--jobs', '0'], 'invalid --jobs: "0"'],
  [['sweep', '--jobs', '1.5'], 'invalid --jobs: "1.5"'],
  [['sweep', '--format', 'table'], 'invalid --format: "table" (expected csv or json)'],
  [['models', 'extra'], 'eolab models: unexpected argument "extra"'],
  [['models', '--format', 'table'], 'eolab models: invalid --format: "table" (expected text, csv or json)'],
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
