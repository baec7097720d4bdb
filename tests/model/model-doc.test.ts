/**
 * docs/model.md is generated from the model, its ensemble and Sobol files and the variant model
 * files; this fails when the committed page is stale — including each variant's target table.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelDocInputs } from '../../models/doc-inputs.ts';
import { getModel } from '../../models/index.ts';
import { VARIANTS } from '../../models/variants.ts';
import { modelDoc } from '../../src/analysis/model-doc.ts';
import { compileModel } from '../../src/model/compile.ts';

let doc = '';
beforeAll(async () => {
  const model = compileModel(getModel());
  doc = modelDoc(model, await modelDocInputs(model));
}, 600_000);

describe('docs/model.md', () => {
  it('matches what `npm run docs:model` generates from the current model and data files', () => {
    const committed = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');
    expect(committed, 'docs/model.md is stale: run `npm run docs:model`').toBe(doc);
  });

  it('shows every parameter with its source and prior, every target, every variant', () => {
    for (const [name, p] of Object.entries(getModel().parameters)) {
      expect(doc).toContain(`| ${name} | ${p.label} |`);
      expect(doc).toContain(p.prior!.reason.split('(')[0]!.trim().slice(0, 40));
    }
    for (const id of [
      'T1',
      'T2',
      'T3',
      'T4',
      'T5',
      'T6',
      'T7',
      'T8',
      'T9',
      'D1',
      'D2',
      'D5',
      'D6',
      'H1',
      'K1',
      'E1',
    ])
      expect(doc).toContain(`| ${id} |`);
    for (const v of VARIANTS) expect(doc).toContain(`\`${v.id}\``);
    expect(doc).toContain('\\frac{dM}{dt}');
    expect(doc).toContain('In this model, order acts through time since the run');
  });
});
