import { describe, expect, it } from 'vitest';
import { GROUP_COLORS, groupColor, groupDash, groupPalette, styleOf } from '../../src/chart/palette.ts';

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

describe('groupPalette', () => {
  it('keeps the study colours and gives other groups colours no study group present uses', () => {
    const p = groupPalette(['control', 're', 'run-lift', 'custom-1']);
    expect(p.get('re')).toEqual({ color: GROUP_COLORS.re, dash: 'none' });
    const used = new Set([GROUP_COLORS.control, GROUP_COLORS.re]);
    expect(used.has(p.get('run-lift')!.color)).toBe(false);
    expect(p.get('run-lift')!.color).not.toBe(p.get('custom-1')!.color);
    expect(p.get('run-lift')!.dash).not.toBe('none');
  });

  it('gives a group the same style however many other groups are shown, as long as the protocol is the same', () => {
    const all = ['control', 're', 'ee', 're-ee', 'ee-re', 'custom-1', 'custom-2'];
    const a = groupPalette(all);
    expect(styleOf(a, 'custom-2', 0)).toEqual(a.get('custom-2'));
    // Charts get the palette of the whole protocol, so hiding groups changes nothing.
    expect(groupPalette(all).get('custom-2')).toEqual(a.get('custom-2'));
    expect(new Set(all.map((id) => a.get(id)!.color)).size).toBe(all.length);
  });

  it('falls back to the index rule for an id the palette does not know', () => {
    expect(styleOf(undefined, 'x', 1)).toEqual({ color: groupColor('x', 1), dash: groupDash('x', 1) });
  });
});
