// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgToPngBlob, svgToString } from '../../src/chart/export.ts';
import { foldBarsChart } from '../../src/chart/fold-bars.ts';
import { timeCourseChart } from '../../src/chart/time-course.ts';
import { rows, study } from './fixture.ts';

describe('svgToString', () => {
  it('produces a standalone SVG document that parses as XML in the SVG namespace', () => {
    const svg = timeCourseChart({ result: study, series: 'mps', width: 640, height: 400, title: 'A & <B>' });
    const text = svgToString(svg);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = parsed.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(parsed.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'path').length).toBeGreaterThan(5);
    expect(root.querySelector('title')?.textContent).toBe('A & <B>');
    // Styling is inline: lines carry their own stroke, so no stylesheet is needed.
    expect(root.querySelector('.eol-line')?.getAttribute('stroke')).toMatch(/^#/);
    // A white background is added to the file but not to the chart on screen.
    expect(root.querySelector('.eol-export-background')?.getAttribute('fill')).toBe('#FFFFFF');
    expect(svg.querySelector('.eol-export-background')).toBeNull();
  });

  it('rounds every coordinate to at most 2 decimals', () => {
    const text = svgToString(foldBarsChart({ rows, observable: 'mps', width: 613, height: 397 }));
    const geometry = [...text.matchAll(/ (?:d|x|y|x1|x2|y1|y2|width|height|transform)="([^"]*)"/g)].map(
      (m) => m[1]!,
    );
    expect(geometry.length).toBeGreaterThan(20);
    for (const g of geometry) expect(g).not.toMatch(/\d\.\d{3}/);
  });

  it('can leave the background transparent', () => {
    const text = svgToString(foldBarsChart({ rows, observable: 'mps', width: 640, height: 400 }), {
      background: null,
    });
    expect(text).not.toContain('eol-export-background');
  });
});

describe('svgToPngBlob', () => {
  it('rejects an invalid scale before touching the browser APIs', async () => {
    const svg = foldBarsChart({ rows, observable: 'mps', width: 640, height: 400 });
    await expect(svgToPngBlob(svg, 0)).rejects.toThrow(/invalid scale: 0/);
    await expect(svgToPngBlob(svg, Number.NaN)).rejects.toThrow(/invalid scale: NaN/);
  });
});

describe('svgToString rounding', () => {
  it('rounds every coordinate to 2 decimals in the export and leaves the chart on screen untouched', () => {
    const svg = timeCourseChart({ result: study, series: 'mps', width: 641, height: 401 });
    const onScreen = Array.from(svg.querySelectorAll('path.eol-line'), (p) => p.getAttribute('d')!);
    // A 641-px-wide plot puts points at non-round pixel positions.
    expect(onScreen.some((d) => /\.\d{3}/.test(d))).toBe(true);
    const parsed = new DOMParser().parseFromString(svgToString(svg), 'image/svg+xml');
    const exported = Array.from(parsed.querySelectorAll('path.eol-line'), (p) => p.getAttribute('d')!);
    expect(exported).toHaveLength(onScreen.length);
    for (const d of exported) expect(d).not.toMatch(/\.\d{3}/);
    // The export rounds a copy: the chart itself keeps full precision.
    expect(Array.from(svg.querySelectorAll('path.eol-line'), (p) => p.getAttribute('d')!)).toEqual(onScreen);
  });
});
