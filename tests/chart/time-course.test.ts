// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgToString } from '../../src/chart/export.ts';
import { GROUP_COLORS, GROUP_DASHES } from '../../src/chart/palette.ts';
import { timeCourseChart } from '../../src/chart/time-course.ts';
import { all, fingerprint, study, studyGap } from './fixture.ts';

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
      expect.arrayContaining(['resistance bout', 'endurance bout']),
    );
  });

  it('marks each group readout; a shared readout also gets a labelled rule', () => {
    const differ = timeCourseChart({ ...base });
    expect(all(differ, '.eol-readout-marker')).toHaveLength(study.groups.length);
    // EE→RE reads out 1 h later than the others, so there is no shared rule.
    expect(differ.querySelector('.eol-readout-rule')).toBeNull();
    const shared = timeCourseChart({ ...base, groups: ['re', 're-ee'] });
    expect(all(shared, '.eol-readout-marker')).toHaveLength(2);
    expect(shared.querySelector('.eol-readout-rule text')?.textContent).toBe('readout (3 h after RE)');
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
