// @vitest-environment jsdom
/**
 * The Sobol bar chart: rows sorted by total index, a first-order and a total bar per parameter
 * measured from 0 on the axis, interval whiskers where given, the one-sentence summary computed
 * from the numbers, clear errors, and an SVG snapshot.
 */
import { describe, expect, it } from 'vitest';
import { svgToString } from '../../src/chart/export.ts';
import { sobolChart, sobolHeight, sobolSummary, sortSobolRows } from '../../src/chart/sobol-bars.ts';

const rows = [
  { parameter: 'tauR', label: 'brake decay time', first: 0.12, total: 0.2, firstCi: [0.08, 0.16] as const },
  { parameter: 'nI', label: 'inhibition steepness', first: 0.41, total: 0.58, totalCi: [0.5, 0.66] as const },
  { parameter: 'kC', label: 'synthesis rate', first: -0.01, total: 0.02 },
];
const base = { rows, outputLabel: 'Order effect at 3 h', width: 640, height: 320 };

const all = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector));
const num = (el: Element, name: string) => Number(el.getAttribute(name));

describe('sobolChart', () => {
  it('sorts rows by the total index and draws a total and a first-order bar for each', () => {
    const svg = sobolChart(base);
    expect(all(svg, '.eol-row-label').map((t) => t.getAttribute('data-parameter'))).toEqual([
      'nI',
      'tauR',
      'kC',
    ]);
    const bars = all(svg, 'rect.eol-bar');
    expect(bars.map((b) => `${b.getAttribute('data-parameter')}:${b.getAttribute('data-index')}`)).toEqual([
      'nI:total',
      'nI:first',
      'tauR:total',
      'tauR:first',
      'kC:total',
      'kC:first',
    ]);
    expect(bars.map((b) => Number(b.getAttribute('data-value')))).toEqual([
      0.58, 0.41, 0.2, 0.12, 0.02, -0.01,
    ]);
    expect(all(svg, '.eol-legend text').map((t) => t.textContent)).toEqual([
      'first order (alone)',
      'total (with interactions)',
      '95 % interval',
    ]);
  });

  it('measures bars from 0: widths proportional to the index, a negative estimate to the left', () => {
    const svg = sobolChart(base);
    const zero = num(svg.querySelector('line.eol-reference')!, 'x1');
    const bar = (p: string, k: string) =>
      svg.querySelector(`rect[data-parameter="${p}"][data-index="${k}"]`)!;
    const nI = bar('nI', 'total');
    const tauR = bar('tauR', 'first');
    expect(num(nI, 'x')).toBeCloseTo(zero, 6);
    // Width ∝ value: 0.58 / 0.12, within rounding of 1e-9 relative.
    expect(num(nI, 'width') / num(tauR, 'width')).toBeCloseTo(0.58 / 0.12, 9);
    const neg = bar('kC', 'first');
    expect(num(neg, 'x') + num(neg, 'width')).toBeCloseTo(zero, 6);
    // Whiskers only where an interval is given.
    expect(
      all(svg, 'path.eol-interval').map(
        (p) => `${p.getAttribute('data-parameter')}:${p.getAttribute('data-index')}`,
      ),
    ).toEqual(['nI:total', 'tauR:first']);
  });

  it('says in its description what the numbers say, and names every value', () => {
    const desc = sobolChart(base).querySelector('desc')!.textContent!;
    expect(desc).toContain(sobolSummary(rows, 'Order effect at 3 h'));
    expect(desc).toContain('inhibition steepness: first-order 0.41, total 0.58 (95 % interval 0.5 to 0.66).');
  });

  it('throws for no rows and for a height too small for its rows', () => {
    expect(() => sobolChart({ ...base, rows: [] })).toThrow(/no rows to draw \(Sobol chart/);
    expect(() => sobolChart({ ...base, height: 80 })).toThrow(/invalid height: 80 \(Sobol chart with 3 rows/);
    expect(() => sobolChart({ ...base, height: sobolHeight({ rows: 3, width: 640 }) })).not.toThrow();
  });

  it('does not mutate its rows', () => {
    const before = JSON.stringify(rows);
    sobolChart(base);
    sortSobolRows(rows);
    expect(JSON.stringify(rows)).toBe(before);
  });

  it('matches the SVG snapshot', () => {
    expect(svgToString(sobolChart({ ...base, title: 'Global sensitivity' }))).toMatchSnapshot();
  });
});

describe('sobolSummary', () => {
  it('names the top parameter and the share of first-order effects, from the numbers', () => {
    // Sum of positive first-order indices: 0.41 + 0.12 = 0.53 → 53 %, the rest 47 %.
    expect(sobolSummary(rows, 'Order effect at 3 h')).toBe(
      'Order effect at 3 h: inhibition steepness matters most, explaining 41 % of the variance alone and 58 % with its interactions; next comes brake decay time (total 20 %). First-order effects together explain 53 %; the other 47 % comes from parameters acting together.',
    );
    expect(() => sobolSummary([], 'x')).toThrow(/no rows to summarise/);
  });
});
