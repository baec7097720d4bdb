/** The one CSV writer: header first, RFC 4180 quoting, inert text, numbers untouched. */
import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { formatCsv, inertText } from '../../src/data/csv.ts';

describe('inertText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
    ['RE→EE', 'RE→EE'],
  ])('%j → %j', (input, expected) => {
    expect(inertText(input)).toBe(expected);
  });

  it('turns line breaks into spaces before checking the first character', () => {
    expect(inertText('x\n=1+1')).toBe('x =1+1');
    expect(inertText('\r\n=cmd')).toBe(' =cmd');
    expect(inertText('a\r\nb\rc')).toBe('a b c');
  });
});

describe('formatCsv', () => {
  it('writes the header first, one line per row, and numbers as numbers', () => {
    const text = formatCsv(
      ['group', 'time_min', 'mps'],
      [
        ['re', 0, 1],
        ['re', 5, -0.5],
      ],
    );
    expect(text).toBe('group,time_min,mps\nre,0,1\nre,5,-0.5\n');
  });

  it('quotes commas and quotes so a parser gets the original text back', () => {
    const text = formatCsv(['label'], [['a, "b"']]);
    expect(csvParseRows(text.trimEnd())).toEqual([['label'], ['a, "b"']]);
  });

  it('keeps every row on one line and the same width, whatever the text holds', () => {
    const text = formatCsv(['name', 'v'], [["x\n=1+1,=cmd|' /C calc'!A0,y", 1]]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const rows = csvParseRows(text.trimEnd());
    expect(rows.every((r) => r.length === 2)).toBe(true);
    expect(rows[1]![0]!.startsWith('=')).toBe(false);
  });

  it('leaves non-finite numbers and missing values empty', () => {
    expect(formatCsv(['a', 'b', 'c'], [[Number.NaN, null, Number.POSITIVE_INFINITY]])).toBe('a,b,c\n,,\n');
  });

  it('refuses a row of the wrong width, naming it', () => {
    expect(() => formatCsv(['a', 'b'], [[1, 2], [3]])).toThrow('invalid CSV row 2: 1 cells for 2 columns');
  });
});
