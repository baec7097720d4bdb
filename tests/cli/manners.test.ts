/** CLI manners, unit by unit: durations with units, suggestions, tables that fit, warnings once. */
import { describe, expect, it } from 'vitest';
import { durationMinutes, parseCommandArgs } from '../../src/cli/args.ts';
import { formatTable, wrapText } from '../../src/cli/format.ts';
import { WarningLog } from '../../src/cli/output.ts';
import { closest } from '../../src/cli/suggest.ts';
import { lines, run } from './helpers.ts';

describe('durations', () => {
  it.each([
    ['90', 90],
    ['90m', 90],
    ['90min', 90],
    ['1.5h', 90],
    ['1:30', 90],
    ['-30', -30],
    ['-1:30', -90],
    ['-1.5h', -90],
    ['+2h', 120],
    ['.5h', 30],
    ['0', 0],
  ])('%j is %d minutes', (text, minutes) => {
    expect(durationMinutes(text)).toBe(minutes);
  });

  it.each(['', 'h', '1:5', '1:60', '1h30', '2d', '1e3', '0x10', '--5', 'NaN'])(
    '%j is not a duration',
    (text) => {
      expect(durationMinutes(text)).toBeNaN();
    },
  );

  it('a negative value after an option is its value, not an option (--gap -30)', () => {
    const parsed = parseCommandArgs(['--gap', '-30', '--dt', '-1:30'], {
      gap: { type: 'string' },
      dt: { type: 'string' },
    });
    expect(parsed.values).toMatchObject({ gap: '-30', dt: '-1:30' });
  });

  it('the same run for 90, 90m, 1.5h and 1:30', async () => {
    const outs = await Promise.all(
      ['90', '90m', '1.5h', '1:30'].map((g) => run('readouts', '--gap', g, '--format', 'csv')),
    );
    for (const o of outs) expect(o.stdout).toBe(outs[0]!.stdout);
  });
});

describe('did you mean', () => {
  it.each([
    ['simlate', 'simulate'],
    ['SIMULATE', 'simulate'],
    ['sens', 'sensitivity'],
    ['--ee-intesity', '--ee-intensity'],
    ['--gap-min', '--gap'],
    ['tauRR', 'tauR'],
  ])('%j → %j', (typo, meant) => {
    expect(
      closest(typo, ['simulate', 'sensitivity', 'sweep', '--ee-intensity', '--gap', 'tauR', 'tauP']),
    ).toBe(meant);
  });

  it('guesses nothing when nothing is close', () => {
    expect(closest('frobnicate', ['simulate', 'sweep'])).toBeUndefined();
    expect(closest('x', ['simulate'])).toBeUndefined();
  });
});

describe('tables that fit 100 columns', () => {
  it('wrapText breaks at spaces, and inside a word only when it is longer than the width', () => {
    expect(wrapText('the quick brown fox', 9)).toEqual(['the quick', 'brown fox']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('formatTable wraps the wrapping columns, keeps the others whole, and separates wrapped rows', () => {
    const rows = [
      { id: 'T1', text: 'word '.repeat(40).trim() },
      { id: 'T2', text: 'short' },
    ];
    const text = formatTable(
      rows,
      [
        { header: 'id', value: (r) => r.id },
        { header: 'text', value: (r) => r.text, wrap: true },
      ],
      { width: 40 },
    );
    const out = lines(text);
    for (const l of out) expect(l.length).toBeLessThanOrEqual(40);
    expect(out[0]).toBe('id  text');
    expect(out.filter((l) => l.startsWith('T'))).toHaveLength(2);
    expect(out).toContain('');
  });

  it.each([
    ['targets'],
    ['params'],
    ['readouts'],
    ['sensitivity', '--percent', '10'],
    ['--help'],
    ['sweep', '--help'],
  ])('eolab %s fits 100 columns', async (...argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(0);
    for (const l of lines(r.stdout)) expect([...l].length, l).toBeLessThanOrEqual(100);
  });
});

describe('warnings', () => {
  it('prints a repeated warning once with a count, and similar ones (one per group) as one line', () => {
    const log = new WarningLog();
    log.add(['same thing', 'same thing', 'same thing']);
    log.add(['the window of group "A" ends early', 'the window of group "B" ends early', 'other']);
    expect(log.lines()).toEqual([
      'eolab: warning (×3): same thing',
      'eolab: warning (×2): the window of group "A", "B" ends early',
      'eolab: warning: other',
    ]);
  });
});
