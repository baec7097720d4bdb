// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { dataTable } from '../../src/chart/table.ts';
import { fingerprint, rows as readouts } from './fixture.ts';

describe('dataTable', () => {
  it('builds a captioned table with column and row headers and 3-significant-digit numbers', () => {
    const rows = readouts.map((r) => [r.label, r.fold.mps!, r.aucFold['1440']!]);
    const before = fingerprint(rows);
    const table = dataTable({
      caption: 'MPS readouts',
      columns: ['group', 'MPS fold', '24-h AUC'],
      rows,
      document,
    });
    expect(table.tagName).toBe('TABLE');
    expect(table.caption?.textContent).toBe('MPS readouts');
    expect(
      Array.from(table.querySelectorAll('thead th')).map((th) => [th.textContent, th.getAttribute('scope')]),
    ).toEqual([
      ['group', 'col'],
      ['MPS fold', 'col'],
      ['24-h AUC', 'col'],
    ]);
    const body = Array.from(table.tBodies[0]!.rows);
    expect(body).toHaveLength(readouts.length);
    const re = body[1]!;
    expect(re.cells[0]!.tagName).toBe('TH');
    expect(re.cells[0]!.getAttribute('scope')).toBe('row');
    expect(re.cells[1]!.textContent).toBe(Number(readouts[1]!.fold.mps!.toPrecision(3)).toString());
    expect(re.cells[1]!.textContent).toMatch(/^\d\.\d\d$/);
    expect(fingerprint(rows)).toBe(before);
  });

  it('formats edge numbers and names a short row', () => {
    const table = dataTable({
      caption: 'c',
      columns: ['a', 'b', 'c', 'd'],
      rows: [['x', 4560, 0.000123456, Number.NaN]],
    });
    expect(Array.from(table.tBodies[0]!.rows[0]!.cells).map((c) => c.textContent)).toEqual([
      'x',
      '4560',
      '0.000123',
      'n/a',
    ]);
    expect(() => dataTable({ caption: 'c', columns: ['a', 'b'], rows: [['x']] })).toThrow(
      /invalid row 1: 1 cells .*expected 2/,
    );
  });
});
