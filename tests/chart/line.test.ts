// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgToString } from '../../src/chart/export.ts';
import { lineChart } from '../../src/chart/line.ts';
import { GROUP_COLORS } from '../../src/chart/palette.ts';
import { all, fingerprint } from './fixture.ts';

const x = [0, 60, 120, 240, 360];
const series = [
  { id: 're-ee', label: 'RE→EE', values: [0.75, 0.8, 0.9, 0.98, 1] },
  { id: 'ee-re', label: 'EE→RE', values: [0.97, 0.98, 1, 1, 1] },
];
const base = { x, series, xLabel: 'gap (min)', yLabel: 'MPS / RE only', width: 640, height: 360 };

describe('lineChart', () => {
  it('draws one line per series with the legend and the marker', () => {
    const svg = lineChart({ ...base, document, markerX: 120 });
    const lines = all(svg, 'path.eol-line');
    expect(lines.map((l) => l.getAttribute('data-series'))).toEqual(['re-ee', 'ee-re']);
    expect(lines[0]!.getAttribute('stroke')).toBe(GROUP_COLORS['re-ee']);
    expect(lines[0]!.getAttribute('d')!.match(/[ML]/g)).toHaveLength(x.length);
    expect(all(svg, '.eol-legend text').map((t) => t.textContent)).toEqual(['RE→EE', 'EE→RE']);
    expect(svg.querySelector('.eol-cursor text')?.textContent).toBe('current 120');
    expect(svg.querySelector('.eol-axis-x .eol-axis-label')?.textContent).toBe('gap (min)');
  });

  it('does not mutate its inputs and rejects mismatched lengths', () => {
    const before = fingerprint([x, series]);
    lineChart(base);
    expect(fingerprint([x, series])).toBe(before);
    expect(() => lineChart({ ...base, series: [{ id: 'a', label: 'A', values: [1] }] })).toThrow(
      /invalid values: 1 entries in series "a" .*expected 5/,
    );
  });

  it('matches the SVG snapshot', () => {
    expect(svgToString(lineChart({ ...base, markerX: 60 }))).toMatchSnapshot();
  });
});

describe('lineChart size errors', () => {
  it('says how tall the chart needs to be, and that height works', () => {
    const message = (() => {
      try {
        lineChart({ ...base, height: 60 });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    const need = Number(/needs at least (\d+) px/.exec(message)?.[1]);
    expect(need).toBeGreaterThan(60);
    expect(() => lineChart({ ...base, height: need })).not.toThrow();
  });
});
