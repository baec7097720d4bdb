/**
 * The SBML Test Suite as the yardstick: every case goes through importSbml → simulate → compare,
 * with the suite's own tolerance rule (|simulated − expected| ≤ absolute + relative·|expected|,
 * tolerances from each case's settings file). A case passes, or it is listed with its reason in
 * `known-failures.tsv`; a listed case that passes is a stale entry and fails the test too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CaseOutcome, caseIds, runCase, suiteRoot } from './suite-runner.ts';

const knownFailures = new Map(
  readFileSync(new URL('./known-failures.tsv', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [id, reason] = l.split('\t');
      return [id!.trim(), reason?.trim() ?? ''] as const;
    }),
);

describe('SBML Test Suite (semantic cases)', () => {
  const root = suiteRoot();
  const ids = caseIds(root);
  const outcomes = new Map<string, CaseOutcome>();

  it('has the 158 cases of the shipped sample', () => {
    expect(ids.length).toBe(158);
    for (const id of knownFailures.keys()) expect(ids, `known-failures.tsv lists ${id}`).toContain(id);
    for (const reason of knownFailures.values()) expect(reason.length).toBeGreaterThan(10);
  });

  it.each(ids)('case %s: import → simulate → compare within the case tolerances', (id) => {
    const outcome = runCase(id, root);
    outcomes.set(id, outcome);
    if (knownFailures.has(id)) {
      expect(outcome.pass, `case ${id} passes now: remove it from known-failures.tsv`).toBe(false);
    } else {
      expect(
        outcome.pass,
        `case ${id}: ${outcome.detail} (error ${outcome.worst.toPrecision(3)}× the tolerance)`,
      ).toBe(true);
    }
  });

  it('prints the pass count', () => {
    const passed = [...outcomes.values()].filter((o) => o.pass).length;
    const worst = Math.max(...[...outcomes.values()].filter((o) => o.pass).map((o) => o.worst));
    console.log(
      `SBML Test Suite: ${passed}/${ids.length} cases pass; ${knownFailures.size} listed as known failures; largest error among passing cases ${worst.toPrecision(2)}× its tolerance`,
    );
    expect(outcomes.size).toBe(ids.length);
    expect(passed).toBe(ids.length - knownFailures.size);
  });
});
