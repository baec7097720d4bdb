// @vitest-environment jsdom
/**
 * The uncertainty marks: bands on the time course, error bars on the fold and AUC bars, and the
 * order-effect chart (line, bands, readout rule). Values are checked through the data attributes
 * and path geometry; text layout through the estimated text boxes at several widths.
 */
import { describe, expect, it } from 'vitest';
import { aucBarsChart } from '../../src/chart/auc-bars.ts';
import { foldBarsChart } from '../../src/chart/fold-bars.ts';
import { orderEffectChart } from '../../src/chart/order-effect.ts';
import { plotAreaOf, timeCourseChart } from '../../src/chart/time-course.ts';
import { all, fingerprint, rows, study } from './fixture.ts';
import { textProblems } from './text-boxes.ts';

const time = Float64Array.from({ length: 20 }, (_, i) => i * 60);
const around = (v: number, d: number) => Float64Array.from(time, () => v + d);
const bands = {
  time,
  groups: { 're-ee': { q05: around(0.5, 0), q25: around(0.8, 0), q75: around(1.4, 0), q95: around(3.5, 0) } },
};

describe('time-course bands', () => {
  it('draws a 90% and a 50% band under the lines of the groups that have them, and widens the y axis to hold them', () => {
    const svg = timeCourseChart({
      result: study,
      series: 'mps',
      groups: ['re', 're-ee'],
      width: 640,
      height: 360,
      document,
      bands,
    });
    const drawn = all(svg, 'path.eol-band');
    expect(drawn.map((b) => `${b.getAttribute('data-group')}:${b.getAttribute('data-level')}`)).toEqual([
      're-ee:90',
      're-ee:50',
    ]);
    const area = plotAreaOf(svg)!;
    // 3.5 is far above any MPS fold of the run (≈2): the domain must reach it.
    expect(area.v1).toBeGreaterThanOrEqual(3.5);
    expect(area.v0).toBeLessThanOrEqual(0.5);
    // Bands come before the lines, so the lines stay on top.
    const order = all(svg, 'path').map((p) => p.getAttribute('class'));
    expect(order.indexOf('eol-band')).toBeLessThan(order.indexOf('eol-line'));
    expect(svg.querySelector('desc')!.textContent).toContain('middle 50%');
  });

  it('draws no band without the option', () => {
    const svg = timeCourseChart({ result: study, series: 'mps', width: 640, height: 360, document });
    expect(all(svg, 'path.eol-band')).toHaveLength(0);
  });
});

const spread = { q05: 1.1, q25: 1.5, q75: 2.2, q95: 2.9 };

describe('error bars', () => {
  it('fold bars: one error bar per group given, the axis reaching its 95th percentile, labels clear of it', () => {
    for (const width of [300, 420, 640]) {
      const svg = foldBarsChart({
        rows,
        observable: 'mps',
        width,
        height: 360,
        document,
        errorBars: { 're-ee': spread },
      });
      const bars = all(svg, '.eol-error-bar');
      expect(bars).toHaveLength(1);
      expect(bars[0]!.getAttribute('data-group')).toBe('re-ee');
      expect(Number(bars[0]!.getAttribute('data-q95'))).toBe(2.9);
      expect(textProblems(svg)).toEqual([]);
    }
  });

  it('AUC bars: error bars keyed group:window', () => {
    const svg = aucBarsChart({ rows, width: 640, height: 360, document, errorBars: { 're:1440': spread } });
    const bars = all(svg, '.eol-error-bar');
    expect(bars.map((b) => `${b.getAttribute('data-group')}:${b.getAttribute('data-window')}`)).toEqual([
      're:1440',
    ]);
    expect(textProblems(svg)).toEqual([]);
  });
});

describe('orderEffectChart', () => {
  const offsets = Array.from({ length: 97 }, (_, i) => i * 15);
  const ratio = Float64Array.from(offsets, (t) => 1 - 0.25 * Math.exp(-(((t - 180) / 60) ** 2)));
  const band = {
    q05: ratio.map((v) => v - 0.1),
    q25: ratio.map((v) => v - 0.04),
    median: ratio,
    q75: ratio.map((v) => v + 0.04),
    q95: ratio.map((v) => v + 0.1),
  };
  const base = { offsets, ratio, anchorWords: 'after the end of RE', width: 640, height: 360, document };

  it('draws the line, the two bands, the reference at 1 and the readout rule with the value there', () => {
    const before = fingerprint([offsets, ratio, band]);
    const svg = orderEffectChart({ ...base, band, readoutAt: 180 });
    expect(fingerprint([offsets, ratio, band])).toBe(before);
    expect(all(svg, 'path.eol-band').map((b) => b.getAttribute('data-level'))).toEqual(['90', '50']);
    expect(all(svg, 'path.eol-line')).toHaveLength(1);
    const marker = svg.querySelector('.eol-marker')!;
    expect(Number(marker.getAttribute('data-value'))).toBeCloseTo(0.75, 12);
    expect(marker.textContent).toBe('readout 3:00 h: 0.75');
    expect(svg.querySelector('desc')!.textContent).toContain('The lowest ratio is 0.75 at 3:00 h');
  });

  it('keeps its text apart and inside at phone to projector widths, in presenter style too', () => {
    for (const width of [320, 390, 640, 1200])
      for (const style of [{}, { fontSize: 22, minFontSize: 18, lineWidth: 4 }]) {
        const svg = orderEffectChart({ ...base, band, readoutAt: 180, width, ...style });
        expect(textProblems(svg), `${width} px`).toEqual([]);
      }
  });

  it('rejects a ratio or band that does not match the offsets', () => {
    expect(() => orderEffectChart({ ...base, ratio: [1, 2] })).toThrow(
      /invalid ratio: 2 entries .*expected 97/,
    );
    expect(() => orderEffectChart({ ...base, band: { ...band, q05: [1] } })).toThrow(/invalid band.q05/);
  });
});
