/**
 * The SBML Test Suite as the yardstick: every case goes through importSbml → simulate → compare,
 * with the suite's own tolerance rule (|simulated − expected| ≤ absolute + relative·|expected|,
 * tolerances from each case's settings file). A case passes, or it is listed with its reason in
 * `known-failures.tsv`; a listed case that passes is a stale entry and fails the test too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STUDY_DESIGN } from '../../src/protocol/presets.ts';
import { AVOGADRO } from '../../src/sbml/mathml.ts';
import { STIFF_TOLERANCE_FLOOR } from '../../src/solve/rosenbrock.ts';
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

  it('docs/sbml.md states the measured pass count, the cases that needed the stiff method and the constants used', () => {
    const doc = readFileSync(new URL('../../docs/sbml.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const passed = [...outcomes.values()].filter((o) => o.pass).length;
    expect(doc).toContain(`**${passed} of ${ids.length} cases pass**`);
    const stiff = [...outcomes.values()].filter((o) => o.stiffMethod).map((o) => o.id);
    const stated =
      /The test-suite cases that go through it are ([\d, ]+) \(/.exec(doc)?.[1]?.split(/,\s*/) ?? [];
    expect(stated).toEqual(stiff);
    expect(doc).toContain(`relative tolerance of ${STIFF_TOLERANCE_FLOOR.relative}`);
    expect(doc).toContain(`the number ${AVOGADRO.toExponential()}`);
    // The study's simulated window and its 5-min output grid, for COPASI and Tellurium users.
    expect(doc).toContain(`Time Course from 0 to ${STUDY_DESIGN.tEnd} minutes`);
    expect(doc).toContain(`r.simulate(0, ${STUDY_DESIGN.tEnd}, ${STUDY_DESIGN.tEnd / 5 + 1})`);
  });
});
