/**
 * The pure side of the app's new state and uncertainty: the URL fields `anchor` and `unc`, the
 * view default (on, off in presenter mode), the fold transform of ensemble batches, the support
 * sentence of a claim, the ensemble job (its numbers equal `simulateEnsemble` on folded members),
 * and the stored opened model's shape check.
 */
import { describe, expect, it } from 'vitest';
import ensembleJson from '../../models/concurrent-training.ensemble.json' with { type: 'json' };
import { getModel } from '../../models/index.ts';
import { ensembleMembers, parseEnsembleFile } from '../../src/analysis/ensemble-file.ts';
import {
  combineEnsemble,
  type MemberBatch,
  runEnsembleMembers,
} from '../../src/analysis/simulate-ensemble.ts';
import { supportPercent, supportText } from '../../src/app/claims.ts';
import { forgetOpenedModel, hasModel } from '../../src/app/model-registry.ts';
import { loadStoredModel, OPENED_MODEL_FORMAT, OPENED_MODEL_KEY } from '../../src/app/opened-model.ts';
import { decodeScenario, defaultScenario, encodeScenario, showsUncertainty } from '../../src/app/state.ts';
import { foldBatch, runEnsembleJob } from '../../src/app/uncertainty-job.ts';
import { uncertaintyStatus } from '../../src/app/uncertainty-view.ts';
import { compileModel } from '../../src/model/compile.ts';
import { buildProtocol } from '../../src/simulate/scenario.ts';

describe('state: readout anchor and the uncertainty toggle', () => {
  it('round-trips anchor= and unc= through the URL and reports bad values by field', () => {
    const s = {
      ...defaultScenario(),
      uncertainty: false,
      settings: { gap: 0, anchor: 'workout-end' as const },
    };
    const q = encodeScenario(s);
    expect(q.get('anchor')).toBe('workout-end');
    expect(q.get('unc')).toBe('0');
    expect(decodeScenario(q).scenario).toEqual(s);
    const bad = decodeScenario('anchor=lunch&unc=maybe');
    expect(bad.errors.map((e) => e.field)).toEqual(['anchor', 'unc']);
    expect(bad.scenario.settings.anchor).toBeUndefined();
    expect(bad.scenario.uncertainty).toBeUndefined();
  });

  it('shows uncertainty by default except in presenter mode, unless chosen', () => {
    expect(showsUncertainty(defaultScenario(), false)).toBe(true);
    expect(showsUncertainty(defaultScenario(), true)).toBe(false);
    expect(showsUncertainty({ ...defaultScenario(), uncertainty: true }, true)).toBe(true);
    expect(showsUncertainty({ ...defaultScenario(), uncertainty: false }, false)).toBe(false);
  });
});

describe('claim support in words', () => {
  it('never rounds a split verdict to 0% or 100%', () => {
    expect(supportPercent(1)).toBe('100%');
    expect(supportPercent(0.996)).toBe('more than 99%');
    expect(supportPercent(0.004)).toBe('less than 1%');
    expect(supportPercent(0.5)).toBe('50%');
  });
  it('states support, median and 90% range from the numbers', () => {
    const text = supportText({
      id: 'after',
      text: 'EE after RE lowers MPS at 3 h',
      tested: 10,
      support: 1,
      effectKind: 'change',
      effectLabel: 'x',
      effect: { q05: -0.35, q25: -0.3, median: -0.23, q75: -0.2, q95: -0.16 },
    });
    expect(text).toBe('in 100% of plausible models; median −23%, 90% range −35…−16%');
  });
  it('says nothing can be tested when no member could test it', () => {
    expect(
      supportText({ id: 'x', text: '', tested: 0, support: Number.NaN, effectKind: 'fold', effectLabel: '' }),
    ).toBe('not testable on this protocol');
  });
});

describe('the ensemble job', () => {
  const model = compileModel(getModel());
  const protocol = buildProtocol(model, 'study', { gap: 0 });

  it('folds every member by its own control (exactly 1 in the control group)', () => {
    const members = ensembleMembers(parseEnsembleFile(ensembleJson, 'test', model)).slice(0, 2);
    const raw = runEnsembleMembers(model, protocol, { members, dt: 60 });
    const folded: MemberBatch = foldBatch(raw, 'control');
    const nt = raw.time.length;
    const ns = raw.series.length;
    const ng = raw.groups.length;
    const gc = raw.groups.findIndex((g) => g.id === 'control');
    const gi = raw.groups.findIndex((g) => g.id === 're');
    for (let j = 0; j < nt; j += 7) {
      const at = (g: number) => ((1 * ng + g) * ns + 0) * nt + j;
      expect(folded.values[at(gc)]).toBe(1);
      expect(folded.values[at(gi)]).toBe(raw.values[at(gi)]! / raw.values[at(gc)]!);
    }
    expect(() => foldBatch(raw, 'nope')).toThrow(/no control group "nope"/);
  });

  it('equals combineEnsemble over the same folded members, reports progress and stops when superseded', async () => {
    const progress: number[] = [];
    const result = await runEnsembleJob({
      model,
      protocol,
      parameters: {},
      file: ensembleJson,
      members: 12,
      onProgress: (d) => progress.push(d),
    });
    expect(progress).toEqual([10, 12]);
    const members = ensembleMembers(parseEnsembleFile(ensembleJson, 'test', model)).slice(0, 12);
    const direct = combineEnsemble([
      foldBatch(runEnsembleMembers(model, protocol, { members, dt: 15 }), 'control'),
    ]);
    expect(result!.claims).toEqual(direct.claims);
    expect(result!.readouts['fold:re-ee:mps']).toEqual(direct.readouts['fold:re-ee:mps']);
    const stopped = await runEnsembleJob({
      model,
      protocol,
      parameters: {},
      file: ensembleJson,
      members: 12,
      keepGoing: async () => false,
    });
    expect(stopped).toBeUndefined();
  }, 120_000);

  it('puts the state in words beside the charts', () => {
    expect(uncertaintyStatus(false, { status: 'off' }).text).toBe('');
    expect(uncertaintyStatus(true, { status: 'pending', key: 'k', done: 3, total: 120 }).text).toContain(
      '3 of 120',
    );
    expect(uncertaintyStatus(true, { status: 'error', key: 'k', message: 'no ensemble' })).toMatchObject({
      kind: 'error',
    });
  });
});

describe('the stored opened model', () => {
  const store = (text: string | null) => ({ getItem: () => text, setItem: () => {} });
  it('registers a well-shaped entry and refuses a malformed one in words', () => {
    const spec = { ...JSON.parse(JSON.stringify(getModel())), id: 'my-stored' };
    const ok = loadStoredModel(store(JSON.stringify({ format: OPENED_MODEL_FORMAT, spec })));
    expect(ok.status).toBe('found');
    // Found, not registered: the app registers it only after the full check in the worker.
    expect(hasModel('my-stored')).toBe(false);
    forgetOpenedModel();
    const bad = loadStoredModel(
      store(JSON.stringify({ format: OPENED_MODEL_FORMAT, spec: { id: 'x', name: 'X' } })),
    );
    expect(bad).toEqual({
      status: 'refused',
      message: expect.stringContaining('field "parameters" is missing'),
    });
    expect(loadStoredModel(store('{')).status).toBe('refused');
    expect(loadStoredModel(store(null)).status).toBe('none');
    expect(OPENED_MODEL_KEY).toBe('exercise-order-lab:opened-model');
  });
});
