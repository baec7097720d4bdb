/**
 * The fuzz smoke tests (`npm test`): each target of scripts/fuzz-targets.ts for a short, seeded
 * run that repeats identically. Any bug (untyped exception, code run from data, prototype
 * pollution, non-physical result, malformed CSV, data loss, hang) fails the test with the shrunk
 * input. The full run is `npm run fuzz`.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { runCase } from '../../scripts/fuzz-invariants.ts';
import { TARGETS } from '../../scripts/fuzz-targets.ts';

/** Seed of every smoke run. */
export const SMOKE_SEED = 20261201;

/** Cases per target in the smoke runs (simulating targets are the slow ones). */
export const SMOKE_RUNS: Readonly<Record<string, number>> = Object.freeze({
  model: 150,
  expression: 400,
  cli: 80,
  parameters: 60,
  protocol: 120,
  'url-state': 400,
});

/** Declare the smoke test of one target. */
export function smokeTest(name: string): void {
  const target = TARGETS.find((t) => t.name === name);
  const runs = SMOKE_RUNS[name] ?? 100;
  it(`${name}: ${runs} seeded cases break no invariant`, async () => {
    expect(target, `fuzz target ${name}`).toBeDefined();
    const outcomes = new Set<string>();
    const details = await fc.check(
      fc.asyncProperty(target!.arbitrary, async (input) => {
        const r = await runCase(target!, input);
        outcomes.add(r.outcome);
        if (r.bug) throw r.bug;
      }),
      { seed: SMOKE_SEED, numRuns: runs },
    );
    // On failure: the bug and the shrunk input (shortened: a link may hold 1,200 groups).
    const input = details.counterexample ? JSON.stringify(details.counterexample[0]) : '';
    const bug = details.errorInstance instanceof Error ? details.errorInstance.message : '';
    expect(details.failed, `${bug}\ninput (${input.length} characters): ${input.slice(0, 600)}`).toBe(false);
    // The generator reaches more than one kind of outcome (it is not stuck on one class).
    expect(outcomes.size).toBeGreaterThan(1);
  }, 900_000);
}
