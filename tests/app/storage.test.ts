import { describe, expect, it, vi } from 'vitest';
import { defaultScenario } from '../../src/app/state.ts';
import {
  createPersister,
  loadInitialScenario,
  persistScenario,
  STORAGE_KEY,
  shareUrl,
} from '../../src/app/storage.ts';
import { memoryStorage } from './memory-storage.ts';

describe('loadInitialScenario', () => {
  it('prefers the URL query, then the hash, over saved state', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'gap=300' });
    expect(loadInitialScenario({ search: '?gap=60', hash: '' }, storage).scenario.settings.gap).toBe(60);
    const fromHash = loadInitialScenario({ search: '', hash: '#gap=90&presenter=1' }, storage);
    expect(fromHash.source).toBe('url');
    expect(fromHash.scenario.settings.gap).toBe(90);
    expect(fromHash.presenter).toBe(true);
  });

  it('uses saved state when the URL holds only presenter=1, and labels its errors as saved state', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'gap=300&ee=lots' });
    const r = loadInitialScenario({ search: '?presenter=1', hash: '' }, storage);
    expect(r.source).toBe('saved');
    expect(r.presenter).toBe(true);
    expect(r.scenario.settings.gap).toBe(300);
    expect(r.errors.map((e) => e.message)).toEqual([
      'Saved state: ee "lots" is not a number — using the default',
    ]);
  });

  it('falls back to the study preset with no URL and no storage (or storage that throws)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {},
    };
    const r = loadInitialScenario({ search: '', hash: '' }, throwing);
    expect(r.source).toBe('default');
    expect(r.scenario).toEqual(defaultScenario());
  });
});

describe('persistScenario / shareUrl', () => {
  it('writes the query to the address bar and to storage, and returns the share link', () => {
    const storage = memoryStorage();
    const calls: string[] = [];
    const loc = { origin: 'https://lab.example', pathname: '/app/' };
    const s = { ...defaultScenario(), settings: { gap: 120 } };
    const link = persistScenario(
      s,
      true,
      { replaceState: (_d, _t, url) => void calls.push(String(url)) },
      loc,
      storage,
    );
    expect(calls).toEqual(['/app/?gap=120&presenter=1']);
    expect(storage.data.get(STORAGE_KEY)).toBe('gap=120');
    expect(link).toBe('https://lab.example/app/?gap=120&presenter=1');
    expect(shareUrl(s, false, loc)).toBe('https://lab.example/app/?gap=120');
  });
});

describe('createPersister', () => {
  const loc = { origin: 'http://x', pathname: '/app/' };
  const withGap = (gap: number) => {
    const s = defaultScenario();
    return { ...s, settings: { ...s.settings, gap } };
  };

  it('returns the share link at once but writes history and storage once per burst, with the last state', () => {
    vi.useFakeTimers();
    try {
      const urls: string[] = [];
      const storage = memoryStorage();
      const p = createPersister(
        { replaceState: (_d, _t, url) => void urls.push(String(url)) },
        loc,
        storage,
        250,
      );
      const links = [60, 120, 180].map((g) => p.persist(withGap(g), false));
      expect(links[2]).toBe(shareUrl(withGap(180), false, loc));
      expect(urls).toEqual([]);
      vi.advanceTimersByTime(250);
      expect(urls).toHaveLength(1);
      expect(urls[0]).toContain('gap=180');
      expect(storage.data.get(STORAGE_KEY)).toContain('gap=180');
    } finally {
      vi.useRealTimers();
    }
  });

  it('flush writes a pending state immediately (the page is going away) and nothing twice', () => {
    vi.useFakeTimers();
    try {
      const urls: string[] = [];
      const p = createPersister(
        { replaceState: (_d, _t, url) => void urls.push(String(url)) },
        loc,
        undefined,
        250,
      );
      p.persist(withGap(90), false);
      p.flush();
      expect(urls).toHaveLength(1);
      vi.advanceTimersByTime(1000);
      p.flush();
      expect(urls).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
