/**
 * Background jobs (target checks, ensemble bands, the intensity band) wait while foreground work
 * (the live map) runs, start when it ends, can be cancelled while waiting, and never wait longer
 * than `MAX_FOREGROUND_WAIT_MS`; `backgroundJobs` runs each after a quiet delay, again after the
 * foreground ends, and a newer schedule replaces an older one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backgroundJobs,
  foregroundBusy,
  MAX_FOREGROUND_WAIT_MS,
  setForeground,
  whenForegroundIdle,
} from '../../src/app/foreground.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  setForeground('a', false);
  setForeground('b', false);
  vi.useRealTimers();
});

describe('whenForegroundIdle', () => {
  it('runs a job at once when nothing runs in the foreground', () => {
    const job = vi.fn();
    whenForegroundIdle(job);
    expect(job).toHaveBeenCalledTimes(1);
  });

  it('holds a job while foreground work runs and starts it once all of it has ended', () => {
    const job = vi.fn();
    setForeground('a', true);
    setForeground('b', true);
    expect(foregroundBusy()).toBe(true);
    whenForegroundIdle(job);
    setForeground('a', false);
    expect(job).not.toHaveBeenCalled();
    setForeground('b', false);
    expect(job).toHaveBeenCalledTimes(1);
    // Ending it again, or the time limit passing, does not run it twice.
    setForeground('b', false);
    vi.advanceTimersByTime(MAX_FOREGROUND_WAIT_MS * 2);
    expect(job).toHaveBeenCalledTimes(1);
  });

  it('never runs a cancelled job', () => {
    const job = vi.fn();
    setForeground('a', true);
    const cancel = whenForegroundIdle(job);
    cancel();
    setForeground('a', false);
    vi.advanceTimersByTime(MAX_FOREGROUND_WAIT_MS * 2);
    expect(job).not.toHaveBeenCalled();
  });

  it('runs a job after the longest wait if the foreground never ends (a mark left by mistake)', () => {
    const job = vi.fn();
    setForeground('a', true);
    whenForegroundIdle(job);
    vi.advanceTimersByTime(MAX_FOREGROUND_WAIT_MS - 1);
    expect(job).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(job).toHaveBeenCalledTimes(1);
    setForeground('a', false);
    expect(job).toHaveBeenCalledTimes(1);
  });
});

describe('backgroundJobs', () => {
  it('runs a job after its delay; a newer schedule under the same name replaces it; stop cancels', () => {
    const jobs = backgroundJobs();
    const first = vi.fn();
    const second = vi.fn();
    jobs.schedule('x', 500, first);
    vi.advanceTimersByTime(400);
    jobs.schedule('x', 500, second);
    vi.advanceTimersByTime(499);
    expect(first).not.toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    const third = vi.fn();
    jobs.schedule('x', 500, third);
    jobs.stop('x');
    vi.advanceTimersByTime(1000);
    expect(third).not.toHaveBeenCalled();
  });

  it('waits for the foreground to end and then for another quiet delay', () => {
    const jobs = backgroundJobs();
    const job = vi.fn();
    setForeground('a', true);
    jobs.schedule('x', 500, job);
    vi.advanceTimersByTime(2000);
    expect(job).not.toHaveBeenCalled();
    setForeground('a', false);
    vi.advanceTimersByTime(499);
    expect(job).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(job).toHaveBeenCalledTimes(1);
  });

  it('a job waiting for the foreground can be stopped', () => {
    const jobs = backgroundJobs();
    const job = vi.fn();
    setForeground('a', true);
    jobs.schedule('x', 500, job);
    vi.advanceTimersByTime(600);
    jobs.stop('x');
    setForeground('a', false);
    vi.advanceTimersByTime(MAX_FOREGROUND_WAIT_MS * 4);
    expect(job).not.toHaveBeenCalled();
  });
});
