import { describe, expect, it } from 'vitest';
import { GROUP_COLORS, groupColor, groupDash } from '../../src/chart/palette.ts';

describe('groupColor / groupDash', () => {
  it('gives every study group a distinct colour and a distinct dash pattern', () => {
    const ids = ['control', 're', 'ee', 're-ee', 'ee-re'];
    expect(new Set(ids.map((id, i) => groupColor(id, i))).size).toBe(5);
    expect(new Set(ids.map((id, i) => groupDash(id, i))).size).toBe(5);
    expect(groupColor('re', 99)).toBe(GROUP_COLORS.re);
  });

  it('falls back by index for other ids, wrapping around', () => {
    expect(groupColor('morning-run', 0)).not.toBe(groupColor('morning-run', 1));
    expect(groupColor('x', 0)).toBe(groupColor('x', 8));
    expect(groupColor('x', -1)).toBe(groupColor('x', 7));
    expect(groupDash('x', 0)).toBe(groupDash('x', 6));
  });
});
