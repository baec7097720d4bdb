import { describe, expect, it } from 'vitest';
import { formatClock, formatClockH, formatFixed2, formatFixed3, formatSig } from '../../src/chart/format.ts';

describe('formatClock (h:mm, the one time format on screen)', () => {
  it('writes minutes as hours and two-digit minutes, past 24 h too', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(260)).toBe('4:20');
    expect(formatClock(5)).toBe('0:05');
    expect(formatClock(3120)).toBe('52:00');
  });
  it('rounds to the minute (never "0:60") and writes negative times with a minus sign', () => {
    expect(formatClock(59.6)).toBe('1:00');
    expect(formatClock(-90)).toBe('−1:30');
    expect(formatClock(-0.2)).toBe('0:00');
  });
  it('says n/a for a value that is not a number, and adds the unit when asked', () => {
    expect(formatClock(Number.NaN)).toBe('n/a');
    expect(formatClockH(80)).toBe('1:20 h');
  });
});

describe('number formats', () => {
  it('formatSig: significant digits without trailing zeros', () => {
    expect(formatSig(1.9637)).toBe('1.96');
    expect(formatSig(2)).toBe('2');
    expect(formatSig(-0.0001, 1)).toBe('-0.0001');
    expect(formatSig(Number.POSITIVE_INFINITY)).toBe('n/a');
  });
  it('formatFixed2 / formatFixed3: fixed decimals, never a negative zero', () => {
    expect(formatFixed2(1.005)).toBe('1.00');
    expect(formatFixed2(-0.001)).toBe('0.00');
    expect(formatFixed2(-0.5)).toBe('-0.50');
    expect(formatFixed3(-0.0004)).toBe('0.000');
    expect(formatFixed3(0.12345)).toBe('0.123');
  });
});
