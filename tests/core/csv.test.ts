/**
 * The one CSV writer (header first, RFC 4180 quoting, inert text, numbers untouched), the tidy
 * tables built on it, and the provenance that travels beside them.
 */
import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { formatCsv, inertText } from '../../src/data/csv.ts';
import {
  envelope,
  formatJson,
  provenance,
  sidecar,
  sidecarPath,
  TOOL_NAME,
} from '../../src/data/provenance.ts';
import { flattenRow, roundValue, tableToCsv } from '../../src/data/table.ts';
import { formatMinutes } from '../../src/data/units.ts';
import { getModel } from '../../src/index.ts';

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

describe('tidy tables (src/data/table.ts)', () => {
  it('roundValue keeps 10 significant digits, turns NaN and ±Infinity into null and -0 into 0', () => {
    expect(roundValue(1.23456789012345)).toBe(1.23456789);
    expect(roundValue(-0.000123456789012)).toBe(-0.000123456789);
    expect(roundValue(Number.NaN)).toBeNull();
    expect(roundValue(Number.NEGATIVE_INFINITY)).toBeNull();
    expect(Object.is(roundValue(-1e-300 * 1e-300), 0)).toBe(true);
  });

  it('flattenRow names nested keys with a dot, as pandas.json_normalize does', () => {
    expect(flattenRow({ group: 're', fold: { mps: 2, regulator: 1 }, aucFold: { '1440': null } })).toEqual({
      group: 're',
      'fold.mps': 2,
      'fold.regulator': 1,
      'aucFold.1440': null,
    });
  });

  it('tableToCsv writes the columns in order, missing values empty, and refuses an unknown key', () => {
    const columns = [
      { name: 'group', description: 'g' },
      { name: 'fold.mps', unit: 'fold', description: 'm' },
    ];
    expect(
      tableToCsv({
        columns,
        rows: [
          { group: 're', fold: { mps: 1.5 } },
          { group: 'x', fold: {} },
        ],
      }),
    ).toBe('group,fold.mps\nre,1.5\nx,\n');
    expect(() => tableToCsv({ columns, rows: [{ group: 're', extra: 1 }] })).toThrow(
      'invalid table row 1: "extra" is not a column',
    );
  });
});

describe('provenance (src/data/provenance.ts)', () => {
  const spec = getModel();
  const createdBy = { tool: TOOL_NAME, version: '9.9.9', command: 'eolab simulate' };

  it('records the model, every parameter (defaults filled in), the protocol and extra fields in order', () => {
    const p = provenance({ spec, parameters: { kR: 0.3 }, createdBy, extra: { dt: 5 } });
    expect(Object.keys(p)).toEqual([
      'model',
      'parameters',
      'parameterPreset',
      'protocol',
      'dt',
      'warnings',
      'createdBy',
    ]);
    expect(p.model).toEqual({ id: spec.id, name: spec.name, version: spec.version });
    expect(Object.keys(p.parameters)).toEqual(Object.keys(spec.parameters));
    expect(p.parameters.kR).toBe(0.3);
    expect(p.parameters.tauR).toBe(spec.parameters.tauR!.value);
    expect(() => provenance({ spec, createdBy, extra: { data: 1 } })).toThrow(
      'invalid provenance field: "data" is reserved',
    );
  });

  it('envelope puts columns and data last; sidecar names the CSV file', () => {
    const table = { columns: [{ name: 'a', description: 'x' }], rows: [{ a: 1 }, { a: 2 }] };
    const prov = provenance({ spec, createdBy });
    expect(Object.keys(envelope(prov, table)).slice(-2)).toEqual(['columns', 'data']);
    expect(sidecar(prov, table, '/tmp/out/run.csv').data).toBe('run.csv');
  });

  it.each([
    ['run.csv', 'run.meta.json'],
    ['out/run.csv', 'out/run.meta.json'],
    ['out.d/run', 'out.d/run.meta.json'],
    ['.hidden', '.hidden.meta.json'],
    ['C:\\data\\map.tsv', 'C:\\data\\map.meta.json'],
  ])('sidecarPath(%j) = %j', (csv, meta) => {
    expect(sidecarPath(csv)).toBe(meta);
  });

  it('formatJson indents the envelope and keeps each data row on one line, and parses back', () => {
    const value = {
      model: { id: 'm' },
      columns: [],
      data: [
        { a: 1, b: null },
        { a: 2, b: 'x' },
      ],
    };
    const text = formatJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('\n    {"a":1,"b":null},\n    {"a":2,"b":"x"}\n  ]\n}\n');
    expect(formatJson({ data: [] })).toBe('{\n  "data": []\n}\n');
  });
});

describe('formatMinutes', () => {
  it.each([
    [1440, '24 h'],
    [90, '1 h 30 min'],
    [45, '45 min'],
    [-30, '-30 min'],
    [2880, '48 h'],
    [0.5, '0.5 min'],
  ])('%d → %j', (m, text) => {
    expect(formatMinutes(m)).toBe(text);
  });
});
