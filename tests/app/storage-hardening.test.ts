/**
 * Issue 13, app half: nothing the user built is lost. Storage that throws (blocked, full, a
 * throwing getter) is guarded and reported once; a share link opens beside the saved scenario and
 * keeps it in the earlier scenarios; a long scenario goes into the fragment; a scenario that fails
 * validation is never saved; the timeline's axis never holds more labels than its width allows.
 */
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/app/state.ts';
import {
  addressFor,
  earlierScenarios,
  guardedStorage,
  HISTORY_KEY,
  HISTORY_LENGTH,
  keepEarlierScenario,
  loadInitialScenario,
  MAX_QUERY_LENGTH,
  persistScenario,
  STORAGE_KEY,
  shareUrl,
} from '../../src/app/storage.ts';
import { maxTicks, tickStep } from '../../src/app/timeline.ts';
import { memoryStorage } from './memory-storage.ts';

const loc = { origin: 'https://lab.example', pathname: '/app/' };
const hist = () => {
  const calls: string[] = [];
  return {
    calls,
    replaceState: (_: unknown, __: string, url?: string | URL | null) => void calls.push(String(url)),
  };
};

describe('guardedStorage', () => {
  it('turns a SecurityError on every call into null / a dropped write, reported once', () => {
    const problems: string[] = [];
    const blocked = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const s = guardedStorage(blocked, (p) => problems.push(p));
    expect(s.getItem('a')).toBeNull();
    s.setItem('a', 'b');
    expect(s.getItem('a')).toBeNull();
    expect(problems).toEqual(['blocked']);
  });

  it('reports storage that could not be reached at all as blocked', () => {
    const problems: string[] = [];
    const s = guardedStorage(undefined, (p) => problems.push(p));
    expect(s.getItem(STORAGE_KEY)).toBeNull();
    s.setItem(STORAGE_KEY, 'gap=1');
    expect(problems).toEqual(['blocked']);
  });

  it('reports a full quota once and keeps the URL as the scenario', () => {
    const problems: string[] = [];
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const s = guardedStorage(full, (p) => problems.push(p));
    const h = hist();
    persistScenario({ ...defaultScenario(), settings: { gap: 90 } }, false, h, loc, s);
    persistScenario({ ...defaultScenario(), settings: { gap: 120 } }, false, h, loc, s);
    expect(problems).toEqual(['full']);
    expect(h.calls.at(-1)).toBe('/app/?gap=120');
  });
});

describe('share links open beside the saved scenario', () => {
  it('keeps the saved scenario in the earlier scenarios and offers it back', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'gap=300' });
    const r = loadInitialScenario({ search: '?gap=30', hash: '' }, storage);
    expect(r.scenario.settings.gap).toBe(30);
    expect(r.saved?.query).toBe('gap=300');
    expect(earlierScenarios(storage).map((e) => e.query)).toEqual(['gap=300']);
    // Saving the link's scenario afterwards still leaves the earlier one recoverable.
    persistScenario(r.scenario, false, hist(), loc, storage);
    expect(storage.data.get(STORAGE_KEY)).toBe('gap=30');
    expect(earlierScenarios(storage)[0]!.query).toBe('gap=300');
  });

  it('offers nothing when the link is the saved scenario (a reload)', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'gap=300' });
    expect(loadInitialScenario({ search: '?gap=300', hash: '' }, storage).saved).toBeUndefined();
    expect(storage.data.has(HISTORY_KEY)).toBe(false);
  });

  it('keeps at most HISTORY_LENGTH earlier scenarios, newest first, once each', () => {
    const storage = memoryStorage();
    for (let i = 0; i < HISTORY_LENGTH + 3; i++) keepEarlierScenario(storage, `gap=${i}`, i);
    keepEarlierScenario(storage, 'gap=7', 99);
    const list = earlierScenarios(storage);
    expect(list).toHaveLength(HISTORY_LENGTH);
    expect(list[0]).toEqual({ query: 'gap=7', keptAt: 99 });
    expect(new Set(list.map((x) => x.query)).size).toBe(HISTORY_LENGTH);
    expect(earlierScenarios(memoryStorage({ [HISTORY_KEY]: '{broken' }))).toEqual([]);
  });
});

describe('long scenarios and invalid ones', () => {
  it('writes a query longer than MAX_QUERY_LENGTH into the fragment, and reads it back', () => {
    const long = `gap=0&${'x'.repeat(MAX_QUERY_LENGTH)}`;
    expect(addressFor('/app/', long)).toBe(`/app/#${long}`);
    expect(addressFor('/app/', 'gap=0')).toBe('/app/?gap=0');
    const groups = [
      { id: 'control', label: 'Control', bouts: [] },
      ...Array.from({ length: 19 }, (_, i) => ({
        id: `c${i}`,
        label: `Group ${i}`,
        bouts: Array.from({ length: 20 }, (_, k) => ({
          kind: 'resistance' as const,
          start: 60 + k * 300,
          duration: 20,
          intensity: 1,
        })),
      })),
    ];
    const s = { ...defaultScenario(), groups };
    const link = shareUrl(s, false, loc);
    expect(link).toMatch(/^https:\/\/lab\.example\/app\/#/);
    const back = loadInitialScenario({ search: '', hash: new URL(link).hash }, undefined);
    expect(back.errors).toEqual([]);
    expect(back.scenario.groups).toHaveLength(20);
  });

  it('never saves a scenario whose encoding fails validation', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'gap=300' });
    const bad = { ...defaultScenario(), params: { constructor: 1 } };
    persistScenario(bad, false, hist(), loc, storage);
    expect(storage.data.get(STORAGE_KEY)).toBe('gap=300');
  });
});

describe('timeline axis labels', () => {
  it('never asks for more labels than the width holds, whatever the span', () => {
    for (const span of [360, 4560, 10_080, 1e6, 1e9, 1e15]) {
      for (const width of [200, 800, 1600]) {
        const step = tickStep(span, width, 40, 8);
        expect(span / step, `${span} min over ${width} px`).toBeLessThanOrEqual(width / 48 + 1);
      }
    }
    expect(maxTicks(800)).toBe(51);
  });
});
