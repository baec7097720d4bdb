// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { aucBarsChart } from '../../src/chart/auc-bars.ts';
import { svgToString } from '../../src/chart/export.ts';
import { all, fingerprint, rows, rowsGap } from './fixture.ts';

const base = { rows, width: 640, height: 400 } as const;

describe('aucBarsChart', () => {
  it('draws a 24-h and a 48-h bar per exercised group with value labels', () => {
    const svg = aucBarsChart({ ...base, document });
    const bars = all(svg, 'rect.eol-bar');
    expect(bars).toHaveLength(4 * 2);
    expect(bars.map((b) => `${b.getAttribute('data-group')}/${b.getAttribute('data-window')}`)).toEqual([
      're/1440',
      're/2880',
      'ee/1440',
      'ee/2880',
      're-ee/1440',
      're-ee/2880',
      'ee-re/1440',
      'ee-re/2880',
    ]);
    for (const b of bars) {
      const row = rows.find((r) => r.group === b.getAttribute('data-group'))!;
      // data-value keeps 6 significant digits: tolerance 5e-6.
      expect(Number(b.getAttribute('data-value'))).toBeCloseTo(
        row.aucFold[b.getAttribute('data-window')!]!,
        5,
      );
    }
    expect(all(svg, 'text.eol-bar-label').map((t) => t.textContent)).toEqual(
      bars.map((b) => Number(b.getAttribute('data-value')).toFixed(2)),
    );
    expect(all(svg, '.eol-legend text').map((t) => t.textContent)).toEqual([
      'AUC 0–24:00 h',
      'AUC 0–48:00 h',
      'control = 1',
    ]);
    expect(svg.querySelector('line.eol-reference')).not.toBeNull();
    expect(svg.querySelector('desc')!.textContent).toMatch(/RE only 1\.\d\d and 1\.\d\d/);
  });

  it('draws pinned outlines and the stale state', () => {
    const svg = aucBarsChart({ ...base, pinnedRows: rowsGap, stale: true });
    expect(all(svg, 'rect.eol-pinned')).toHaveLength(8);
    expect(svg.classList.contains('stale')).toBe(true);
    expect(svg.querySelector('.eol-stale-label')?.textContent).toBe('out of date');
  });

  it('labels a window that left the simulation n/a instead of drawing a bar', () => {
    const cut = rows.map((r) => ({ ...r, aucFold: { ...r.aucFold, '2880': Number.NaN } }));
    const svg = aucBarsChart({ ...base, rows: cut });
    expect(all(svg, 'rect.eol-bar')).toHaveLength(4);
    expect(all(svg, 'text.eol-bar-label[data-window="2880"]').map((t) => t.textContent)).toEqual([
      'n/a',
      'n/a',
      'n/a',
      'n/a',
    ]);
  });

  it('does not mutate its inputs', () => {
    const before = fingerprint([rows, rowsGap]);
    aucBarsChart({ ...base, pinnedRows: rowsGap });
    expect(fingerprint([rows, rowsGap])).toBe(before);
  });

  it('matches the SVG snapshot', () => {
    expect(
      svgToString(aucBarsChart({ ...base, pinnedRows: rowsGap, title: 'Cumulative MPS' })),
    ).toMatchSnapshot();
  });
});
