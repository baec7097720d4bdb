import { describe, expect, it } from 'vitest';
import { TICK_STEPS, tickStep } from '../../src/app/timeline.ts';

describe('tickStep (timeline hour labels)', () => {
  it('labels every 30 min on a wide track and sparser on a narrow one', () => {
    // 7 h over 900 px: 64 px per 30 min, room for a 30-px label.
    expect(tickStep(420, 900, 30)).toBe(30);
    // The same 7 h on a phone track of 340 px: 24 px per 30 min is too little.
    expect(tickStep(420, 340, 30)).toBe(60);
    expect(tickStep(420, 120, 30)).toBe(180);
  });
  it('never returns a step whose labels would touch, and falls back to whole days past the largest step', () => {
    for (const width of [100, 200, 390, 800, 1600]) {
      const step = tickStep(76 * 60, width, 34, 8);
      const gap = (step * width) / (76 * 60);
      if (step !== TICK_STEPS[TICK_STEPS.length - 1]) expect(gap).toBeGreaterThanOrEqual(42);
    }
    // Past the largest step, whole days that keep the labels apart (bounded by the width).
    const wide = tickStep(76 * 60, 10, 34);
    expect(wide % 1440).toBe(0);
    expect((wide * 10) / (76 * 60)).toBeGreaterThanOrEqual(42);
  });
});
