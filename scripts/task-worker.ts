/**
 * The tasks of the generating scripts, run in a worker thread (or in-process by `pool.ts`):
 * blocks of sampler draws and prior-predictive draws (`ensemble-run.ts`), Saltelli rows of the global
 * sensitivity analysis (`global-sensitivity.ts`), and target checks of parameter sets (the
 * ensemble test). Every task is a pure function of the model spec and its settings.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { type EnsembleTask, runEnsembleTask } from '../src/analysis/ensemble-run.ts';
import { globalSensitivityRows } from '../src/analysis/global-sensitivity.ts';
import { runEnsembleMembers } from '../src/analysis/simulate-ensemble.ts';
import { evaluateTargets } from '../src/analysis/targets.ts';
import { studyProtocol } from '../src/protocol/presets.ts';
import { defaultIntensities } from '../src/simulate/scenario.ts';
import { type CompiledModel, compileModel } from '../src/model/compile.ts';
import type { ModelSpec } from '../src/model/spec.ts';

/** A task of the scripts. */
export type ScriptTask =
  | { readonly kind: 'ensemble'; readonly spec: ModelSpec; readonly task: EnsembleTask }
  | { readonly kind: 'sobol'; readonly spec: ModelSpec; readonly seed: number; readonly start: number; readonly end: number }
  | {
      readonly kind: 'members';
      readonly spec: ModelSpec;
      readonly members: readonly Readonly<Record<string, number>>[];
      readonly start: number;
      readonly end: number;
      readonly dt: number;
    }
  | {
      readonly kind: 'targets';
      readonly spec: ModelSpec;
      /** Parameter sets to check with `evaluateTargets`; the reply lists the failing targets of each. */
      readonly members: readonly Readonly<Record<string, number>>[];
    };

const compiled = new Map<string, CompiledModel>();
function modelFor(spec: ModelSpec): CompiledModel {
  const key = JSON.stringify(spec);
  let m = compiled.get(key);
  if (!m) {
    m = compileModel(spec);
    compiled.set(key, m);
  }
  return m;
}

/** Compute a task; `onProgress` gets units done within it, and an optional note. */
export function handleTask(t: ScriptTask, onProgress: (done: number, note?: string) => void): unknown {
  const model = modelFor(t.spec);
  if (t.kind === 'members') {
    const d = defaultIntensities(model);
    return runEnsembleMembers(model, studyProtocol({ reIntensity: d.resistance, eeIntensity: d.endurance }), {
      members: t.members,
      start: t.start,
      end: t.end,
      dt: t.dt,
      onProgress: (done) => onProgress(done),
    });
  }
  if (t.kind === 'targets')
    return t.members.map((parameters, i) => {
      const failed = evaluateTargets(model, { parameters })
        .filter((r) => !r.pass)
        .map((r) => r.id);
      onProgress(i + 1);
      return failed;
    });
  if (t.kind === 'ensemble')
    return runEnsembleTask(model, t.task, (done, accepted) =>
      onProgress(done, accepted === undefined ? undefined : `${accepted} kept in this block`),
    );
  return globalSensitivityRows(model, {
    seed: t.seed,
    start: t.start,
    end: t.end,
    onProgress: (done) => onProgress(done * 15),
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (msg: { id: number; task: ScriptTask }) => {
    try {
      let last = 0;
      const result = handleTask(msg.task, (done, note) => {
        port.postMessage({ id: msg.id, units: done - last, note });
        last = done;
      });
      port.postMessage({ id: msg.id, result });
    } catch (e) {
      port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}
