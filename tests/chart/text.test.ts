// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { CHART_DEFAULTS } from '../../src/chart/frame.ts';
import {
  defaultTextMeasure,
  fixedTextMeasure,
  lineBox,
  shorten,
  TEXT_METRICS,
  wrapText,
} from '../../src/chart/text.ts';

const measure = fixedTextMeasure;

describe('fixedTextMeasure (DejaVu Sans widths)', () => {
  it('uses the measured advance widths: a digit is 0.637 em, a space 0.318 em', () => {
    expect(measure('0', 100)).toBeCloseTo(63.7, 6);
    expect(measure(' ', 100)).toBeCloseTo(31.8, 6);
    expect(measure('10', 14)).toBeCloseTo(2 * 0.637 * 14, 6);
  });

  it('is proportional to the font size and wider in bold and for wide letters', () => {
    expect(measure('fold vs control', 28)).toBeCloseTo(2 * measure('fold vs control', 14), 9);
    expect(measure('MMMM', 14)).toBeGreaterThan(measure('iiii', 14));
    expect(measure('RE only', 14, 'bold')).toBeGreaterThan(measure('RE only', 14));
  });

  it('knows the arrows, minus and subscripts the charts use, and treats unknown characters as wide', () => {
    expect(measure('→', 10)).toBeCloseTo(8.38, 6);
    expect(measure('−', 10)).toBeCloseTo(8.38, 6);
    expect(measure('漢', 10)).toBe(10 * TEXT_METRICS.wideWidth);
    expect(measure('ʬ', 10)).toBe(10 * TEXT_METRICS.fallbackWidth);
  });

  it('gives a line box of ascent + descent', () => {
    expect(lineBox(20)).toBeCloseTo(20 * (TEXT_METRICS.ascent + TEXT_METRICS.descent), 9);
  });
});

describe('defaultTextMeasure', () => {
  it('falls back to the fixed table under jsdom (no canvas) without logging an error', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const m = defaultTextMeasure(document, CHART_DEFAULTS.fontFamily);
    expect(m('fold vs control', 14)).toBe(measure('fold vs control', 14));
    expect(defaultTextMeasure(document, CHART_DEFAULTS.fontFamily)).toBe(m);
    expect(error).not.toHaveBeenCalled();
    error.mockRestore();
  });
});

describe('wrapText / shorten', () => {
  const o = { measure, fontSize: 14, maxWidth: 120 };
  const text = 'Gap (h:mm; negative: EE before RE, positive: EE after RE)';

  it('breaks at spaces into lines no wider than the limit, losing no word', () => {
    const lines = wrapText(text, o);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(measure(l, 14)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe(text);
  });

  it('keeps a text that fits on one line as it is', () => {
    expect(wrapText('fold vs control', o)).toEqual(['fold vs control']);
  });

  it('cuts at maxLines and marks the cut with …', () => {
    const lines = wrapText(text, { ...o, maxLines: 2 });
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(measure(lines[1]!, 14)).toBeLessThanOrEqual(120);
  });

  it('shortens a single word that is too long, keeping a prefix', () => {
    const s = shorten('Supercalifragilisticexpialidocious', { measure, fontSize: 14, maxWidth: 80 });
    expect(s.endsWith('…')).toBe(true);
    expect('Supercalifragilisticexpialidocious'.startsWith(s.slice(0, -1))).toBe(true);
    expect(measure(s, 14)).toBeLessThanOrEqual(80);
    expect(measure(`${'Supercalifragilisticexpialidocious'.slice(0, s.length)}…`, 14)).toBeGreaterThan(80);
  });
});
