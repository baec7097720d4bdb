// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgToString } from '../../src/chart/export.ts';
import { tornadoChart } from '../../src/chart/tornado.ts';
import { all, fingerprint } from './fixture.ts';

const rows = [
  { parameter: 'kA', label: 'anabolic gain', low: 0.72, high: 0.78 },
  { parameter: 'kR', label: 'brake decay', low: 0.7, high: 0.8 },
  { parameter: 'kE', label: 'EE drive', low: 0.9, high: 0.6 },
];
const base = { rows, baseline: 0.75, xLabel: 'MPS RE→EE / RE only', percent: 20, width: 640, height: 360 };

describe('tornadoChart', () => {
  it('sorts rows by the larger effect and draws a low and a high bar each', () => {
    const svg = tornadoChart({ ...base, document });
    expect(all(svg, '.eol-row-label').map((t) => t.getAttribute('data-parameter'))).toEqual([
      'kE',
      'kR',
      'kA',
    ]);
    const bars = all(svg, 'rect.eol-bar');
    expect(bars).toHaveLength(6);
    expect(bars.map((b) => b.getAttribute('data-direction'))).toEqual([
      'low',
      'high',
      'low',
      'high',
      'low',
      'high',
    ]);
    expect(all(svg, '.eol-legend text').map((t) => t.textContent)).toEqual([
      '−20 %',
      '+20 %',
      'baseline 0.75',
    ]);
  });

  it('centres the bars on the baseline', () => {
    const svg = tornadoChart(base);
    const x0 = Number(svg.querySelector('line.eol-reference')!.getAttribute('x1'));
    const bar = (p: string, dir: string) =>
      svg.querySelector(`rect[data-parameter="${p}"][data-direction="${dir}"]`)!;
    const left = (el: Element) => Number(el.getAttribute('x'));
    const right = (el: Element) => left(el) + Number(el.getAttribute('width'));
    // kE: raising it lowers the readout (bar ends at the baseline), lowering it raises it (starts there).
    expect(right(bar('kE', 'high'))).toBeCloseTo(x0, 1);
    expect(left(bar('kE', 'low'))).toBeCloseTo(x0, 1);
  });

  it('does not mutate its inputs', () => {
    const before = fingerprint(rows);
    tornadoChart(base);
    expect(fingerprint(rows)).toBe(before);
  });

  it('matches the SVG snapshot', () => {
    expect(svgToString(tornadoChart(base))).toMatchSnapshot();
  });
});

describe('tornadoChart with many rows', () => {
  it('fits 15 rows in 28 px each at a wide size, keeping text at least 12 px', () => {
    const many = Array.from({ length: 15 }, (_, k) => ({
      parameter: `p${k}`,
      label: `parameter ${k}`,
      low: 0.75 - k / 100,
      high: 0.75 + k / 200,
    }));
    const svg = tornadoChart({
      ...base,
      rows: many,
      width: 1000,
      height: 28 * 15 + 90,
      title: 'Sensitivity',
    });
    expect(all(svg, 'rect.eol-bar')).toHaveLength(30); // p0's zero effects are still drawn, 1 px wide
    for (const t of all(svg, 'text[font-size]'))
      expect(Number(t.getAttribute('font-size'))).toBeGreaterThanOrEqual(12);
  });
});
