/**
 * The committed ensemble of plausible models (`models/concurrent-training.ensemble.json`):
 * it belongs to the current model and priors, records how it was drawn, regenerates bit for bit
 * from its seed (its first members, from a fresh run of the first chain), every member meets
 * T1–T9 and lies inside the prior, and the sampler is deterministic however it is chunked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENSEMBLE_FILES } from '../../models/ensembles.ts';
import { getModel } from '../../models/index.ts';
import { runTasks } from '../../scripts/pool.ts';
import { abcLayout, rejectionBlock, rejectionSample, sampleEnsemble } from '../../src/analysis/abc.ts';
import {
  type EnsembleFile,
  ensembleMembers,
  modelDigest,
  parseEnsembleFile,
} from '../../src/analysis/ensemble-file.ts';
import {
  assembleEnsemble,
  type EnsembleTaskResult,
  priorTasks,
  runEnsembleTask,
  samplerDone,
  samplerTask,
} from '../../src/analysis/ensemble-run.ts';
import { priorDigest } from '../../src/analysis/priors.ts';
import { evaluateTargets } from '../../src/analysis/targets.ts';
import { compileModel } from '../../src/model/compile.ts';
import { DEFAULT_SOLVE_OPTIONS } from '../../src/solve/index.ts';

const spec = getModel();
const model = compileModel(spec);
let file: EnsembleFile;

beforeAll(async () => {
  file = parseEnsembleFile(
    await ENSEMBLE_FILES['concurrent-training']!(),
    'models/concurrent-training.ensemble.json',
    model,
  );
});

describe('the committed ensemble file', () => {
  it('belongs to the current model, priors and solver, and records how it was drawn', () => {
    expect(file.modelId).toBe(spec.id);
    expect(file.modelVersion).toBe(spec.version);
    expect(file.modelDigest).toBe(modelDigest(spec));
    expect(file.priorDigest).toBe(priorDigest(spec));
    expect(file.solver).toEqual({
      relativeTolerance: DEFAULT_SOLVE_OPTIONS.relativeTolerance,
      absoluteTolerance: DEFAULT_SOLVE_OPTIONS.absoluteTolerance,
    });
    expect(file.sampler.seed).toBe(1);
    expect(file.sampler.n).toBe(1000);
    expect(file.members.length).toBeGreaterThanOrEqual(1000);
    expect(file.sampler.method).toBe('rejection-abc');
    expect(file.acceptance.rate).toBe(file.acceptance.accepted / file.acceptance.draws);
    expect(file.parameters).toEqual(abcLayout(model).names);
    console.log(
      `ensemble: ${file.members.length} members; rejection-ABC acceptance ${(100 * file.acceptance.rate).toFixed(2)}% (${file.acceptance.accepted}/${file.acceptance.draws})`,
    );
  });

  it('its first members regenerate bit for bit from the seed (a fresh run of the first draws)', {
    timeout: 300_000,
  }, () => {
    const k = 3;
    const last = file.drawIndex[k - 1]!;
    const fresh = rejectionBlock(model, { seed: file.sampler.seed, start: 0, end: last + 1 });
    expect(fresh.accepted.map((a) => a.index)).toEqual(file.drawIndex.slice(0, k));
    expect(fresh.accepted.map((a) => a.values)).toEqual(file.members.slice(0, k));
  });

  it('members are in draw order, and the drawn indices between them were all rejected', {
    timeout: 300_000,
  }, () => {
    for (let i = 1; i < file.drawIndex.length; i++)
      expect(file.drawIndex[i]!).toBeGreaterThan(file.drawIndex[i - 1]!);
    // Spot check: the draws between the first two members fail the targets.
    const between = rejectionBlock(model, {
      seed: 1,
      start: file.drawIndex[0]! + 1,
      end: file.drawIndex[1]!,
    });
    expect(between.accepted).toEqual([]);
  });

  it('every member lies inside its prior’s support', () => {
    const { priors } = abcLayout(model);
    for (const row of file.members)
      priors.forEach((p, j) => {
        expect(row[j]!).toBeGreaterThanOrEqual(p.min);
        expect(row[j]!).toBeLessThanOrEqual(p.max);
      });
  });

  it('every member meets T1–T9 (evaluateTargets with the defaults; two worker threads)', {
    timeout: 900_000,
  }, async () => {
    const members = ensembleMembers(file);
    const chunk = 50;
    const tasks = Array.from({ length: Math.ceil(members.length / chunk) }, (_, i) => ({
      kind: 'targets' as const,
      spec,
      members: members.slice(i * chunk, (i + 1) * chunk),
    }));
    const failed = (await runTasks<string[][]>(tasks, 2, () => {})).flat();
    expect(failed).toHaveLength(members.length);
    const failing = failed.flatMap((ids, i) => (ids.length > 0 ? [`member ${i}: ${ids.join(', ')}`] : []));
    expect(failing).toEqual([]);
    // The same check in this thread, on a few members, so the workers cannot pass by doing nothing.
    for (const i of [0, 499, members.length - 1])
      expect(evaluateTargets(model, { parameters: members[i]! }).every((r) => r.pass)).toBe(true);
  });

  it('checks marked “by construction” hold on every prior-predictive draw; calibrated ones do not', () => {
    const pp = file.priorPredictive;
    expect(pp.n).toBe(1000);
    for (const t of pp.targets)
      for (const c of t.checks) if (c.basis === 'construction') expect(c.pass, `${t.id} ${c.label}`).toBe(1);
    expect(Math.min(...pp.targets.map((t) => t.pass))).toBeLessThan(0.5);
  });
});

describe('the sampler', () => {
  it('is deterministic: blocks computed in any order and split give the same members', {
    timeout: 300_000,
  }, () => {
    // Seed 1 keeps draws 3 and 589 (the committed file's first members).
    const parts = [
      rejectionBlock(model, { seed: 1, start: 300, end: 600 }),
      rejectionBlock(model, { seed: 1, start: 0, end: 300 }),
    ];
    const sample = rejectionSample(parts, 2);
    expect(sample.members.map((m) => m.index)).toEqual([3, 589]);
    expect(sample.draws).toBe(600);
    const serial = sampleEnsemble(model, { seed: 1, n: 2, blockSize: 200, maxDraws: 10_000 });
    expect(serial.sample.members).toEqual(sample.members);
    const rejected = Object.values(sample.rejectedBy).reduce((t, v) => t + v!, 0);
    expect(rejected + sample.solverFailures + sample.accepted).toBe(600);
  });

  it('assembles a file from task results in any order, and names what is missing', {
    timeout: 300_000,
  }, () => {
    const request = { seed: 1, n: 2, priorDraws: 3, settings: { blockSize: 400 } };
    const results: EnsembleTaskResult[] = [];
    for (let b = 0; !samplerDone(request, results); b++)
      results.push(runEnsembleTask(model, samplerTask(request, b)!));
    for (const t of priorTasks(request)) results.push(runEnsembleTask(model, t));
    const provenance = { command: 'test', solver: DEFAULT_SOLVE_OPTIONS };
    const a = assembleEnsemble(model, request, results, provenance);
    const b = assembleEnsemble(model, request, [...results].reverse(), provenance);
    expect(b).toEqual(a);
    expect(a.members).toHaveLength(2);
    expect(a.acceptance.draws).toBe(800);
    expect(a.drawIndex).toEqual([3, 589]);
    expect(() =>
      assembleEnsemble(
        model,
        request,
        results.filter((r) => r.kind === 'prior'),
        provenance,
      ),
    ).toThrow(/fewer than 2 accepted/);
    expect(() =>
      assembleEnsemble(
        model,
        request,
        results.filter((r) => r.kind === 'block'),
        provenance,
      ),
    ).toThrow(/expected 3 prior-predictive draws/);
    expect(() => parseEnsembleFile({ ...a, members: [[1, 2]] }, 'test', model)).toThrow(
      /members\.0: 2 values/,
    );
  });
});
