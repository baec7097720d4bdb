/**
 * The small pure pieces behind lessons and offline use: the lesson link in the URL, remembered
 * progress (storage may throw), the sketch model and its score, and the retrying lazy loader.
 */
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { retryingLoader, reviveFailedStylesheets } from '../../src/app/lazy.ts';
import { ownsArrows } from '../../src/app/lessons/player.ts';
import { Sketch } from '../../src/app/lessons/sketch-model.ts';
import { defaultScenario } from '../../src/app/state.ts';
import {
  createPersister,
  LESSON_PROGRESS_PREFIX,
  lessonLink,
  loadInitialScenario,
  loadLessonProgress,
  saveLessonProgress,
} from '../../src/app/storage.ts';
import { memoryStorage } from './memory-storage.ts';

const throwing = {
  getItem: () => {
    throw new Error('denied');
  },
  setItem: () => {
    throw new Error('quota');
  },
};

describe('lesson links', () => {
  it('read ?lesson=…&step=… (steps from 1) and keep them out of the scenario', () => {
    expect(lessonLink(new URLSearchParams('lesson=the-gap&step=3'))).toEqual({
      id: 'the-gap',
      step: 2,
      print: undefined,
    });
    expect(lessonLink(new URLSearchParams('lesson=x&step=0&print=key'))).toEqual({
      id: 'x',
      step: undefined,
      print: 'key',
    });
    expect(lessonLink(new URLSearchParams('gap=0'))).toBeUndefined();
    const r = loadInitialScenario({ search: '?lesson=the-gap&step=2&gap=90', hash: '' }, memoryStorage());
    expect(r.errors).toEqual([]);
    expect(r.lesson).toEqual({ id: 'the-gap', step: 1, print: undefined });
    expect(r.scenario.settings.gap).toBe(90);
    expect(loadInitialScenario({ search: '?lesson=the-gap', hash: '' }, memoryStorage()).source).toBe(
      'default',
    );
  });

  it('the persister writes lesson and step before the scenario, and drops them on {}', () => {
    const urls: string[] = [];
    const p = createPersister(
      { replaceState: (_s, _t, url) => void urls.push(String(url)) },
      { origin: 'https://x', pathname: '/' },
      undefined,
      0,
    );
    p.persist(defaultScenario(), false);
    p.flush();
    p.setExtra({ lesson: 'the-gap', step: '2' });
    p.setExtra({});
    expect(urls).toEqual(['/?gap=0', '/?lesson=the-gap&step=2&gap=0', '/?gap=0']);
  });
});

describe('lesson progress', () => {
  it('round-trips, ignores damaged records and never throws when storage does', () => {
    const s = memoryStorage();
    const p = { step: 3, revealed: [1, 2], answers: { '1': 're-ee' }, finished: false };
    saveLessonProgress(s, 'the-study', p);
    expect(loadLessonProgress(s, 'the-study')).toEqual(p);
    s.data.set(`${LESSON_PROGRESS_PREFIX}broken`, '{"step":-1}');
    s.data.set(`${LESSON_PROGRESS_PREFIX}junk`, 'not json');
    expect(loadLessonProgress(s, 'broken')).toBeUndefined();
    expect(loadLessonProgress(s, 'junk')).toBeUndefined();
    expect(() => saveLessonProgress(throwing, 'x', p)).not.toThrow();
    expect(loadLessonProgress(throwing, 'x')).toBeUndefined();
    expect(loadLessonProgress(undefined, 'x')).toBeUndefined();
  });
});

describe('Sketch', () => {
  it('fills every grid point a fast stroke passes, clamped to the chart range', () => {
    const s = new Sketch(0, 120, [0.5, 2.5], 15);
    expect(s.times).toEqual([0, 15, 30, 45, 60, 75, 90, 105, 120]);
    s.stroke(0, 1, 120, 3);
    expect(s.drawn).toBe(9);
    expect(s.valueAt(4)).toBeCloseTo(2, 12);
    expect(s.valueAt(8)).toBe(2.5);
  });

  it('is drawn point by point with the keyboard: → carries the value, ↑ raises it', () => {
    const s = new Sketch(0, 60, [0, 3], 15);
    s.nudge(0.25); // from the control level 1
    s.move(2, true);
    s.nudge(0.5);
    expect(s.points().map(([, v]) => v)).toEqual([1.25, 1.25, 1.75, undefined, undefined]);
    s.jump('last');
    s.clear(false);
    s.clear(true);
    expect(s.drawn).toBe(0);
  });

  it('scores the share of drawn points close to the model', () => {
    const s = new Sketch(0, 60, [0, 2], 15);
    s.stroke(0, 1, 60, 1);
    const sc = s.score((t) => (t < 30 ? 1 : 1.5));
    expect(sc).toMatchObject({ drawn: 5, total: 5, tolerance: 0.2 });
    expect(sc.close).toBeCloseTo(2 / 5, 12);
    expect(sc.meanError).toBeCloseTo((3 * 0.5) / 5, 12);
  });
});

describe('step keys', () => {
  it('leave ←/→ to text fields, sliders, radios and bouts', () => {
    document.body.innerHTML =
      '<input id="t"><input id="r" type="range"><div role="slider" id="s"></div><button id="b">x</button><button class="bout" id="bo"></button>';
    const $ = (id: string) => document.getElementById(id);
    expect(ownsArrows($('t'))).toBe(true);
    expect(ownsArrows($('r'))).toBe(true);
    expect(ownsArrows($('s'))).toBe(true);
    expect(ownsArrows($('bo'))).toBe(true);
    expect(ownsArrows($('b'))).toBe(false);
    expect(ownsArrows(document.body)).toBe(false);
  });
});

describe('retryingLoader', () => {
  it('shares one attempt, keeps a success and forgets a failure', async () => {
    let calls = 0;
    let fail = true;
    const load = retryingLoader(async () => {
      calls += 1;
      if (fail) throw new Error('offline');
      return calls;
    });
    const [a, b] = await Promise.allSettled([load(), load()]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect(calls).toBe(1);
    fail = false;
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
    expect(calls).toBe(2);
  });

  it('replaces stylesheet links that failed to load, so the browser fetches them again', () => {
    document.head.innerHTML = '<link rel="stylesheet" href="a.css"><link rel="stylesheet" href="b.css">';
    const before = [...document.querySelectorAll('link')];
    expect(reviveFailedStylesheets()).toBe(2); // jsdom loads no stylesheets: both count as failed
    const after = [...document.querySelectorAll('link')];
    expect(after.map((l) => l.getAttribute('href'))).toEqual(['a.css', 'b.css']);
    expect(after[0]).not.toBe(before[0]);
  });
});
