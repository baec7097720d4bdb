/**
 * The last full fuzz run, as docs/reliability.md reports it: the committed record
 * (docs/fuzz-record.json, written by `npm run fuzz -- --record …`) covers every target with at
 * least the 100,000 cases issue 13 asks for and lists no bug, and the page's table is exactly what
 * `npm run docs:reliability` renders from it (so its numbers come from the run, not from typing).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type FuzzRunRecord, fuzzRecordMarkdown, withFuzzRecord } from '../../scripts/fuzz-record.ts';
import { TARGETS } from '../../scripts/fuzz-targets.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const run = JSON.parse(read('docs/fuzz-record.json')) as FuzzRunRecord;

describe('the recorded full fuzz run', () => {
  it('ran every target with at least 100,000 cases, each case in exactly one outcome class', () => {
    expect(run.targets.map((t) => t.name).sort()).toEqual(TARGETS.map((t) => t.name).sort());
    for (const t of run.targets) {
      expect(t.cases, t.name).toBeGreaterThanOrEqual(100_000);
      const classified = Object.values(t.classes).reduce((a, b) => a + b, 0);
      expect(classified, `${t.name}: cases in outcome classes`).toBe(t.cases);
    }
  });

  it('found no bug of any class', () => {
    for (const t of run.targets) expect(t.bugs, t.name).toEqual({});
  });

  it('is what docs/reliability.md shows (`npm run docs:reliability` regenerates it)', () => {
    const doc = read('docs/reliability.md');
    expect(doc, 'docs/reliability.md is stale: run `npm run docs:reliability`').toBe(
      withFuzzRecord(doc, run),
    );
    expect(doc).toContain(fuzzRecordMarkdown(run));
  });
});

describe('withFuzzRecord', () => {
  it('replaces only the text between the markers and refuses a page without them', () => {
    const page = read('docs/reliability.md');
    const edited = page.replace(fuzzRecordMarkdown(run), 'hand-edited table');
    expect(withFuzzRecord(edited, run)).toBe(withFuzzRecord(page, run));
    expect(() => withFuzzRecord('no markers here', run)).toThrow(/markers/);
  });
});
