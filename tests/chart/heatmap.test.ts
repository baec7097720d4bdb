// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgToString } from '../../src/chart/export.ts';
import { heatmapChart } from '../../src/chart/heatmap.ts';
import { all, fingerprint } from './fixture.ts';

const x = [0, 60, 120, 240];
const y = [0.5, 0.7, 0.9];
// values[j * x.length + i]: below 1 at short gaps and high intensity, above 1 in one corner.
const values = Float64Array.from([0.9, 0.95, 1, 1, 0.8, 0.9, 0.97, 1.02, 0.7, 0.85, 0.95, 1.1]);
const base = {
  x,
  y,
  values,
  xLabel: 'gap (min)',
  yLabel: 'EE intensity',
  colorLabel: 'MPS RE→EE / RE only',
  width: 640,
  height: 400,
};

function rgb(fill: string): [number, number, number] {
  const m = fill.match(/rgb\((\d+), ?(\d+), ?(\d+)\)/);
  if (!m) throw new Error(`not an rgb colour: ${fill}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

describe('heatmapChart', () => {
  it('draws x × y cells with data-i, data-j and data-value', () => {
    const svg = heatmapChart({ ...base, document });
    const cells = all(svg, 'rect.eol-cell');
    expect(cells).toHaveLength(x.length * y.length);
    for (const c of cells) {
      const i = Number(c.getAttribute('data-i'));
      const j = Number(c.getAttribute('data-j'));
      expect(Number(c.getAttribute('data-value'))).toBeCloseTo(values[j * x.length + i]!, 6);
    }
    // Row j = 0 is drawn at the bottom.
    const yOf = (i: number, j: number) =>
      Number(svg.querySelector(`rect[data-i="${i}"][data-j="${j}"]`)!.getAttribute('y'));
    expect(yOf(0, 0)).toBeGreaterThan(yOf(0, 2));
  });

  it('colours below 1 red, above 1 blue and exactly 1 near white', () => {
    const svg = heatmapChart(base);
    const fill = (i: number, j: number) =>
      rgb(svg.querySelector(`rect[data-i="${i}"][data-j="${j}"]`)!.getAttribute('fill')!);
    const [r0, , b0] = fill(0, 2); // 0.7
    expect(r0).toBeGreaterThan(b0 + 60);
    const [r1, , b1] = fill(3, 2); // 1.1
    expect(b1).toBeGreaterThan(r1 + 40);
    const [r2, g2, b2] = fill(2, 0); // 1.0
    expect(Math.min(r2, g2, b2)).toBeGreaterThan(230);
    expect(all(svg, '.eol-color-legend rect').length).toBeGreaterThan(10);
    expect(all(svg, '.eol-color-legend text').map((t) => t.textContent)).toEqual([
      '0.7',
      '1',
      '1.3',
      'MPS RE→EE / RE only',
    ]);
  });

  it('draws pending cells grey and hatched, and the highlight', () => {
    const pending = Array.from(values, (_, k) => k >= 8);
    const svg = heatmapChart({ ...base, pending, highlight: { i: 1, j: 2 } });
    expect(all(svg, 'rect.eol-cell')).toHaveLength(12);
    const waiting = all(svg, 'rect.eol-cell.eol-pending');
    expect(waiting).toHaveLength(4);
    expect(waiting.every((c) => c.getAttribute('data-j') === '2' && !c.hasAttribute('data-value'))).toBe(
      true,
    );
    expect(all(svg, '.eol-pending-hatch')).toHaveLength(4);
    const hl = svg.querySelector('rect.eol-highlight')!;
    expect([hl.getAttribute('data-i'), hl.getAttribute('data-j')]).toEqual(['1', '2']);
    expect(svg.querySelector('desc')!.textContent).toContain('4 of 12 cells are not computed yet');
  });

  it('does not mutate its inputs and rejects a wrong number of values', () => {
    const before = fingerprint([x, y, values]);
    heatmapChart({ ...base, domain: [0.5, 1.5] });
    expect(fingerprint([x, y, values])).toBe(before);
    expect(() => heatmapChart({ ...base, values: [1, 2, 3] })).toThrow(/invalid values: 3 entries .*12/);
  });

  it('matches the SVG snapshot', () => {
    expect(svgToString(heatmapChart({ ...base, highlight: { i: 0, j: 0 } }))).toMatchSnapshot();
  });
});

describe('heatmapChart axis ticks', () => {
  it('labels a 61-cell gap axis from −12 to 12 h at round values, in order, inside the plot', () => {
    const gx = Array.from({ length: 61 }, (_, i) => -12 + i * 0.4);
    const gy = [0.5, 0.75, 1];
    const svg = heatmapChart({
      ...base,
      x: gx,
      y: gy,
      values: new Float64Array(gx.length * gy.length).fill(1),
      document,
    });
    const labels = all(svg, '.eol-axis-x text:not(.eol-axis-label)');
    const vals = labels.map((t) => Number(t.textContent!.replace('−', '-')));
    expect(vals.length).toBeGreaterThanOrEqual(3);
    for (const v of vals) expect(Number.isInteger(v), `tick ${v} is a round value`).toBe(true);
    const xs = labels.map((t) => Number(t.getAttribute('x')));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // 0 h sits midway between the first and last cell centres.
    const zero = labels.find((t) => Number(t.textContent!.replace('−', '-')) === 0)!;
    const cells = all(svg, 'rect.eol-cell[data-j="0"]');
    const centre = (c: Element) => Number(c.getAttribute('x')) + Number(c.getAttribute('width')) / 2;
    expect(Number(zero.getAttribute('x'))).toBeCloseTo(
      (centre(cells[0]!) + centre(cells[cells.length - 1]!)) / 2,
      1,
    );
  });
});
