/**
 * The rival variants: each file is exactly its declaration in `models/variants.ts` applied to the
 * default model (with the values its calibration chose), validates, has priors and cites
 * evidence the model file lists; and each meets the discriminating target it is built on.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { CALIBRATION_NOTE, VARIANTS, variantSpec } from '../../models/variants.ts';
import { evaluateDiscriminatingTargets } from '../../src/analysis/discriminating.ts';
import { priorIssues } from '../../src/analysis/priors.ts';
import { evaluateTargets } from '../../src/analysis/targets.ts';
import { compileModel } from '../../src/model/compile.ts';

const base = getModel();

describe.each(VARIANTS.map((v) => [v.id, v] as const))('variant %s', (id, v) => {
  const spec = getModel(id);
  it('is the default model plus its declared change (values chosen by its calibration)', () => {
    const calibrated = Object.fromEntries(
      Object.entries(spec.parameters)
        .filter(([, p]) => p.source.startsWith(CALIBRATION_NOTE))
        .map(([name, p]) => [name, p.value]),
    );
    for (const name of Object.keys(calibrated)) expect(v.calibrate?.parameters).toContain(name);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(
      JSON.parse(JSON.stringify({ $schema: './model.schema.json', ...variantSpec(base, v, calibrated) })),
    );
  });
  it('has a prior for every parameter and cites references the model file lists', () => {
    expect(priorIssues(spec)).toEqual([]);
    const ids = spec.references.map((r) => r.id);
    for (const e of v.evidence) expect(ids).toContain(e);
  });
});

describe('what each variant shows', () => {
  const score = (id: string) => {
    const m = compileModel(getModel(id));
    const all = [...evaluateTargets(m), ...evaluateDiscriminatingTargets(m)];
    return (t: string) => all.find((r) => r.id === t)!.pass;
  };
  it('(a) RE raising the regulator: meets D1 and, re-calibrated, T1–T9', { timeout: 300_000 }, () => {
    const s = score('concurrent-training-re-regulator');
    expect(s('D1')).toBe(true);
    for (const t of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']) expect(s(t), t).toBe(true);
  });
  it('(b) MPS depressed during the run meets D5; (c) load saturation meets D6', { timeout: 300_000 }, () => {
    expect(score('concurrent-training-run-depression')('D5')).toBe(true);
    expect(score('concurrent-training-load-saturation')('D6')).toBe(true);
  });
  it('(c) leaves the study itself unchanged: T1–T9 measure exactly as in the default model', {
    timeout: 300_000,
  }, () => {
    const c = evaluateTargets(compileModel(getModel('concurrent-training-load-saturation')));
    expect(c).toEqual(evaluateTargets(compileModel(base)));
  });
  it('(d) the rat-sized regulator meets D2 but cannot meet T4 (2–4-fold after 60 min)', {
    timeout: 300_000,
  }, () => {
    const s = score('concurrent-training-rat-regulator');
    expect(s('D2')).toBe(true);
    expect(s('T4')).toBe(false);
  });
});
