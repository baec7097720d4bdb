/** docs/model.md is generated from the model; this fails when the committed page is stale. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { modelDoc } from '../../src/analysis/model-doc.ts';
import { compileModel } from '../../src/model/compile.ts';

describe('docs/model.md', () => {
  it('matches what `npm run docs:model` generates from the current model', () => {
    const committed = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');
    const fresh = modelDoc(compileModel(getModel()));
    expect(committed, 'docs/model.md is stale: run `npm run docs:model`').toBe(fresh);
  });

  it('shows every parameter with its source and every target', () => {
    const doc = modelDoc(compileModel(getModel()));
    for (const [name, p] of Object.entries(getModel().parameters)) {
      expect(doc).toContain(`| ${name} | ${p.label} |`);
    }
    for (const id of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'H1', 'K1', 'E1'])
      expect(doc).toContain(`| ${id} |`);
    expect(doc).toContain('\\frac{dM}{dt}');
  });
});
