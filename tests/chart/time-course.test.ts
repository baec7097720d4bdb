// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgToString } from '../../src/chart/export.ts';
import { polylineSpan } from '../../src/chart/label-layout.ts';
import { GROUP_COLORS, GROUP_DASHES } from '../../src/chart/palette.ts';
import { plotAreaOf, timeCourseChart, timeCourseHeight } from '../../src/chart/time-course.ts';
import { all, fingerprint, study, studyGap } from './fixture.ts';
import { textBoxOf } from './text-boxes.ts';

const base = { result: study, series: 'mps', width: 640, height: 400 } as const;

describe('timeCourseChart', () => {
  it('draws one line per group with its colour, dash and legend label', () => {
    const svg = timeCourseChart({ ...base, document });
    const lines = all(svg, 'path.eol-line');
    expect(lines.map((l) => l.getAttribute('data-group'))).toEqual(study.groups.map((g) => g.id));
    for (const l of lines) {
      const id = l.getAttribute('data-group')!;
      expect(l.getAttribute('stroke')).toBe(GROUP_COLORS[id]);
      expect(l.getAttribute('stroke-dasharray')).toBe(GROUP_DASHES[id]);
      expect(Number(l.getAttribute('stroke-width'))).toBeGreaterThanOrEqual(2);
      expect(l.getAttribute('d')).toMatch(/^M[\d.,-]+(L[\d.,-]+)+$/);
    }
    const legendLabels = all(svg, '.eol-legend-group text').map((t) => t.textContent);
    expect(legendLabels).toEqual(study.groups.map((g) => g.label));
  });

  it('is an accessible image with a title and a description in words', () => {
    const svg = timeCourseChart({ ...base, title: 'MPS after exercise' });
    expect(svg.getAttribute('role')).toBe('img');
    const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(svg.querySelector(`title[id="${titleId}"]`)?.textContent).toBe('MPS after exercise');
    const desc = svg.querySelector(`desc[id="${descId}"]`)?.textContent ?? '';
    expect(desc).toContain('RE→EE');
    expect(desc).toContain('fold change against the control group');
    expect(svg.querySelector('text.eol-title')?.textContent).toBe('MPS after exercise');
  });

  it('shades every bout in its group lane, by kind', () => {
    const svg = timeCourseChart({ ...base });
    const bouts = study.groups.flatMap((g) => g.group.bouts);
    const kinds = (k: string) => bouts.filter((b) => b.kind === k).length;
    expect(all(svg, 'rect.eol-bout-resistance')).toHaveLength(kinds('resistance'));
    expect(all(svg, 'rect.eol-bout-endurance')).toHaveLength(kinds('endurance'));
    expect(kinds('resistance')).toBe(3);
    expect(kinds('endurance')).toBe(3);
    // Bouts sit in the lane of their own group.
    expect(all(svg, '.eol-lane[data-group="re-ee"] rect[class^="eol-bout-"]')).toHaveLength(2);
    expect(all(svg, '.eol-lane[data-group="control"] rect[class^="eol-bout-"]')).toHaveLength(0);
    expect(all(svg, '.eol-legend text').map((t) => t.textContent)).toEqual(
      expect.arrayContaining(['RE bout', 'EE bout']),
    );
  });

  it('marks each group readout; a shared readout also gets a labelled rule', () => {
    const differ = timeCourseChart({ ...base });
    expect(all(differ, '.eol-readout-marker')).toHaveLength(study.groups.length);
    // EE→RE reads out 1 h later than the others, so there is no shared rule.
    expect(differ.querySelector('.eol-readout-rule')).toBeNull();
    const shared = timeCourseChart({ ...base, groups: ['re', 're-ee'] });
    expect(all(shared, '.eol-readout-marker')).toHaveLength(2);
    expect(shared.querySelector('.eol-readout-rule text')?.textContent).toBe('readout (3:00 h after RE)');
  });

  it('divides by the control group unless told not to', () => {
    const fold = timeCourseChart({ ...base, groups: ['control'] });
    const raw = timeCourseChart({ ...base, groups: ['control'], foldVsControl: false });
    // Fold: the control line is flat at 1, drawn exactly on the reference line.
    const refY = fold.querySelector('line.eol-reference')!.getAttribute('y1');
    const ys = fold
      .querySelector('path.eol-line')!
      .getAttribute('d')!
      .split(/[ML]/)
      .filter(Boolean)
      .map((p) => p.split(',')[1]);
    expect(new Set(ys)).toEqual(new Set([refY]));
    expect(raw.querySelector('line.eol-reference')).toBeNull();
    expect(raw.querySelector('.eol-axis-y .eol-axis-label')?.textContent).toBe('mps');
  });

  it('draws the pinned run, the cursor with a value per group, highlight and stale state', () => {
    const svg = timeCourseChart({
      ...base,
      pinned: studyGap,
      cursorTime: 260,
      highlightGroup: 're-ee',
      stale: true,
    });
    expect(all(svg, 'path.eol-pinned')).toHaveLength(study.groups.length);
    expect(all(svg, '.eol-legend text').map((t) => t.textContent)).toContain('pinned');
    const labels = all(svg, '.eol-cursor .eol-cursor-label');
    expect(labels).toHaveLength(study.groups.length);
    const re = labels.find((l) => l.getAttribute('data-group') === 're')!.textContent!;
    const reValue = Number(re.replace('RE only ', ''));
    // At the readout time, RE only is about 2-fold (science brief T3: 1.5–2.5).
    expect(reValue).toBeGreaterThan(1.5);
    expect(reValue).toBeLessThan(2.5);
    const hl = svg.querySelector('path.eol-line.eol-highlight')!;
    expect(hl.getAttribute('data-group')).toBe('re-ee');
    expect(svg.querySelector('.eol-lines')!.lastElementChild).toBe(hl);
    expect(svg.querySelector('path.eol-line[data-group="re"]')!.getAttribute('opacity')).toBe('0.3');
    expect(svg.classList.contains('stale')).toBe(true);
    expect(svg.querySelector('.eol-stale-label')?.textContent).toBe('out of date');
  });

  it('scales text with the width and keeps it at least 12 px', () => {
    const small = timeCourseChart({ ...base, width: 400 });
    const big = timeCourseChart({ ...base, width: 1280, height: 720 });
    expect(Number(small.getAttribute('font-size'))).toBe(12);
    expect(Number(timeCourseChart(base).getAttribute('font-size'))).toBeGreaterThanOrEqual(12);
    expect(Number(big.getAttribute('font-size'))).toBeGreaterThan(20);
    for (const t of all(small, 'text')) {
      const fs = t.getAttribute('font-size');
      if (fs !== null) expect(Number(fs)).toBeGreaterThanOrEqual(12);
    }
  });

  it('does not mutate its inputs', () => {
    const before = fingerprint(study);
    const pinnedBefore = fingerprint(studyGap);
    const groups = ['re', 're-ee'];
    timeCourseChart({ ...base, groups, pinned: studyGap, cursorTime: 300 });
    expect(fingerprint(study)).toBe(before);
    expect(fingerprint(studyGap)).toBe(pinnedBefore);
    expect(groups).toEqual(['re', 're-ee']);
  });

  it('rejects unknown series and groups and impossible sizes with a clear message', () => {
    expect(() => timeCourseChart({ ...base, series: 'nope' })).toThrow(/unknown series: nope .*mps/);
    expect(() => timeCourseChart({ ...base, groups: ['xx'] })).toThrow(/unknown group: xx/);
    expect(() => timeCourseChart({ ...base, width: -1 })).toThrow(/invalid width: -1/);
    expect(() => timeCourseChart({ ...base, height: 120 })).toThrow(/invalid height: 120/);
  });

  it('matches the SVG snapshot', () => {
    const svg = timeCourseChart({ ...base, pinned: studyGap, cursorTime: 300, title: 'MPS' });
    expect(svgToString(svg)).toMatchSnapshot();
  });
});

describe('plotAreaOf', () => {
  it('publishes the plot box and both scales, matching what was drawn', () => {
    const svg = timeCourseChart({ ...base, cursorTime: 300, timeRange: [0, 1440] });
    const area = plotAreaOf(svg)!;
    expect(area.t0).toBe(0);
    expect(area.t1).toBe(1440);
    expect(area.right).toBeGreaterThan(area.left);
    expect(area.bottom).toBeGreaterThan(area.top);
    // The cursor rule sits at x(300), and the reference line at y(1).
    expect(Number(svg.querySelector('.eol-cursor line')!.getAttribute('x1'))).toBeCloseTo(area.x(300), 6);
    expect(Number(svg.querySelector('line.eol-reference')!.getAttribute('y1'))).toBeCloseTo(area.y(1), 3);
    // The mappings invert each other.
    expect(area.t(area.x(777))).toBeCloseTo(777, 9);
    expect(area.v(area.y(1.4))).toBeCloseTo(1.4, 9);
    // Every point of every line is inside the box.
    for (const p of all(svg, 'path.eol-line')) {
      for (const [, x, y] of p.getAttribute('d')!.matchAll(/([\d.]+),([\d.]+)/g)) {
        expect(Number(x)).toBeGreaterThanOrEqual(area.left - 1e-6);
        expect(Number(x)).toBeLessThanOrEqual(area.right + 1e-6);
        expect(Number(y)).toBeGreaterThanOrEqual(area.top - 1e-6);
        expect(Number(y)).toBeLessThanOrEqual(area.bottom + 1e-6);
      }
    }
  });

  it('is undefined for a chart that is not a time course', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    expect(plotAreaOf(svg as SVGSVGElement)).toBeUndefined();
  });

  it('gives the plot the height asked for through timeCourseHeight', () => {
    const o = { ...base, height: 1, title: 'MPS', cursorTime: 300 };
    const height = timeCourseHeight(o, 200);
    const area = plotAreaOf(timeCourseChart({ ...o, height }))!;
    expect(area.bottom - area.top).toBeCloseTo(200, 0);
  });

  it('keeps the direct labels at the cursor off the lines (a label that cannot be gets a halo) and off each other', () => {
    let onLine = 0;
    let count = 0;
    const shown = ['re', 'ee', 're-ee', 'ee-re'];
    const cases = [60, 90, 200, 300, 600, 1000, 1400].flatMap((cursorTime) => [
      // As in the app: the exercised groups, a 230-px plot, with and without a pinned run.
      { cursorTime, groups: shown, minPlotHeight: 230, height: 1, timeRange: [0, 1440] as const },
      {
        cursorTime,
        groups: shown,
        minPlotHeight: 230,
        height: 1,
        timeRange: [0, 1440] as const,
        pinned: studyGap,
      },
    ]);
    for (const c of cases) {
      const { cursorTime } = c;
      const o = { ...base, ...c };
      const svg = timeCourseChart({ ...o, height: timeCourseHeight(o, 230) });
      const drawn = all(svg, '.eol-cursor-label');
      const labels = drawn.map((d) => ({ ...textBoxOf(d)[0]!, halo: d.getAttribute('stroke') !== null }));
      expect(labels).toHaveLength(shown.length);
      const lines = all(svg, 'path.eol-line, path.eol-pinned').map((p) =>
        [...p.getAttribute('d')!.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map(
          (m) => [Number(m[1]), Number(m[2])] as const,
        ),
      );
      for (const b of labels) {
        if (cursorTime > 90) count++;
        const { halo } = b;
        const hits = lines.some((l) => {
          const span = polylineSpan(l, b.x0, b.x1);
          return span !== undefined && span[1] >= b.y0 && span[0] <= b.y1;
        });
        if (hits) {
          // Up to 1:30 h every line still sits near 1 and crosses the others: no room is expected.
          if (cursorTime > 90) onLine++;
          expect(halo, `"${b.text}" at ${cursorTime} min sits on a line without a halo`).toBe(true);
        }
      }
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i]!;
          const c = labels[j]!;
          expect(
            Math.min(a.y1, c.y1) - Math.max(a.y0, c.y0) <= 0.5 ||
              Math.min(a.x1, c.x1) - Math.max(a.x0, c.x0) <= 0.5,
          ).toBe(true);
        }
      }
    }
    // After the bouts, nearly every label finds room clear of up to eight lines.
    expect(onLine / count).toBeLessThan(0.1);
  });
});
