/**
 * The public API table of docs/architecture.md names what `src/index.ts` exports: every name in
 * backticks there is a value the package exports, or a type some exported module declares. The
 * uncertainty pieces users need (issue 11) are exported as values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';
import { ROOT } from './readme.ts';

/** The backticked identifiers of the table under "## The public API". */
function tableNames(): string[] {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const start = doc.indexOf('## The public API');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  const table = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| group'));
  const names = table.flatMap((l) => [...l.matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1]!));
  return [...new Set(names)];
}

/** Every TypeScript source under src/ and models/, for type declarations. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
}

describe('the public API', () => {
  it('exports every name the architecture doc’s table lists (values at run time, types as declared)', () => {
    const names = tableNames();
    expect(names.length).toBeGreaterThan(100);
    const text = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'models'))].join('\n');
    const missing = names.filter(
      (n) => !(n in api) && !new RegExp(`export (type|interface|class|enum) ${n}\\b`).test(text),
    );
    expect(missing).toEqual([]);
  });

  it('exports the uncertainty pieces as values: PRNG, priors, ABC, ensemble file and run, claims, anchors, Sobol', () => {
    for (const name of [
      'createRandom',
      'modelPriors',
      'sampleEnsemble',
      'rejectionBlock',
      'parseEnsembleFile',
      'ensembleMembers',
      'assembleEnsemble',
      'runEnsembleTask',
      'simulateEnsemble',
      'combineEnsemble',
      'STUDY_CLAIMS',
      'orderEffectOverTime',
      'anchorTime',
      'READOUT_ANCHORS',
      'readoutTimeOf',
      'evaluateDiscriminatingTargets',
      'posteriorMarginals',
      'sobolIndices',
      'globalSensitivity',
      'parseSobolFile',
      'sobolFromFile',
      'ENSEMBLE_FILES',
      'SOBOL_FILES',
    ])
      expect(typeof (api as Record<string, unknown>)[name], name).not.toBe('undefined');
    expect(api.READOUT_ANCHORS).toEqual(['resistance-end', 'workout-end', 'clock']);
  });
});
