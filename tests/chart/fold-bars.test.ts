// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgToString } from '../../src/chart/export.ts';
import { foldBarsChart } from '../../src/chart/fold-bars.ts';
import { GROUP_COLORS } from '../../src/chart/palette.ts';
import { all, fingerprint, rows, rowsGap } from './fixture.ts';

const base = { rows, observable: 'mps', width: 640, height: 400 } as const;

describe('foldBarsChart', () => {
  it('draws one bar per exercised group with 2-decimal value labels and a reference at 1', () => {
    const svg = foldBarsChart({ ...base, document });
    const bars = all(svg, 'rect.eol-bar');
    expect(bars.map((b) => b.getAttribute('data-group'))).toEqual(['re', 'ee', 're-ee', 'ee-re']);
    for (const b of bars) {
      const id = b.getAttribute('data-group')!;
      expect(b.getAttribute('fill')).toBe(GROUP_COLORS[id]);
      // data-value keeps 6 significant digits: tolerance 5e-6.
      expect(Number(b.getAttribute('data-value'))).toBeCloseTo(
        rows.find((r) => r.group === id)!.fold.mps!,
        5,
      );
    }
    const labels = all(svg, 'text.eol-bar-label').map((t) => t.textContent);
    expect(labels).toEqual(bars.map((b) => Number(b.getAttribute('data-value')).toFixed(2)));
    expect(labels.every((l) => /^\d+\.\d\d$/.test(l!))).toBe(true);
    expect(all(svg, 'text.eol-group-label').map((t) => t.textContent)).toEqual([
      'RE only',
      'EE only',
      'RE→EE',
      'EE→RE',
    ]);
    expect(svg.querySelector('line.eol-reference')).not.toBeNull();
  });

  it('puts taller bars higher: RE only above RE→EE (the paper figure)', () => {
    const svg = foldBarsChart(base);
    const top = (g: string) =>
      Number(svg.querySelector(`rect.eol-bar[data-group="${g}"]`)!.getAttribute('y'));
    const refY = Number(svg.querySelector('line.eol-reference')!.getAttribute('y1'));
    expect(top('re')).toBeLessThan(top('re-ee'));
    // EE only sits at fold 1 (tolerance 0.5 px after rounding to 2 decimals).
    expect(Math.abs(top('ee') - refY)).toBeLessThan(0.5);
  });

  it('shows the paper direction and the pinned run', () => {
    const svg = foldBarsChart({
      ...base,
      expected: { 're-ee': 'down', 'ee-re': 'same' },
      pinnedRows: rowsGap,
      title: 'MPS at 3 h',
    });
    const marks = all(svg, '.eol-expected');
    expect(marks.map((m) => m.getAttribute('data-direction'))).toEqual(['down', 'same']);
    expect(all(svg, '.eol-expected-note').map((t) => t.textContent)).toEqual(['paper: ↓', 'paper: =']);
    expect(svg.querySelector('desc')!.textContent).toContain('RE→EE lower than RE only');
    expect(all(svg, 'rect.eol-pinned')).toHaveLength(4);
    expect(svg.querySelector('title')!.textContent).toBe('MPS at 3 h');
  });

  it('does not mutate its inputs', () => {
    const before = fingerprint(rows);
    const expected = { 're-ee': 'down' } as const;
    foldBarsChart({ ...base, expected, pinnedRows: rowsGap });
    expect(fingerprint(rows)).toBe(before);
    expect(expected).toEqual({ 're-ee': 'down' });
  });

  it('names an unknown observable', () => {
    expect(() => foldBarsChart({ ...base, observable: 'nope' })).toThrow(
      /unknown observable: nope .*anabolic, regulator, mps/,
    );
  });

  it('matches the SVG snapshot', () => {
    const svg = foldBarsChart({
      ...base,
      expected: { 're-ee': 'down', 'ee-re': 'same' },
      pinnedRows: rowsGap,
    });
    expect(svgToString(svg)).toMatchSnapshot();
  });
});
