/**
 * The long computations of the CLI (and of the generating scripts and benches, which share
 * them), as plain-data tasks a worker thread can run: blocks of sampler draws and prior-predictive
 * draws of the ensemble (`ensemble-run.ts`), rows of the Saltelli design of the global
 * sensitivity analysis (`global-sensitivity.ts`), ensemble members run over a protocol
 * (`simulate-ensemble.ts`) and target checks of parameter sets. Every task is a pure function of
 * its fields, so results do not depend on which worker ran it.
 */
import { abcLayout } from '../analysis/abc.ts';
import { type EnsembleTask, runEnsembleTask } from '../analysis/ensemble-run.ts';
import { globalSensitivityRows } from '../analysis/global-sensitivity.ts';
import { runEnsembleMembers } from '../analysis/simulate-ensemble.ts';
import { evaluateTargets } from '../analysis/targets.ts';
import type { OrderEffectOptions } from '../analysis/time-since-run.ts';
import { type CompiledModel, compileModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import { studyProtocol } from '../protocol/presets.ts';
import type { Protocol } from '../protocol/protocol.ts';
import { defaultIntensities } from '../simulate/scenario.ts';

/** A task for a worker thread. */
export type CliTask =
  | { readonly kind: 'ensemble'; readonly spec: ModelSpec; readonly task: EnsembleTask }
  | {
      readonly kind: 'sobol';
      readonly spec: ModelSpec;
      readonly seed: number;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'members';
      readonly spec: ModelSpec;
      readonly members: readonly Readonly<Record<string, number>>[];
      readonly start: number;
      readonly end: number;
      /** Output step of the bands, minutes (not used for readouts only). */
      readonly dt?: number;
      /** The protocol (default: the study design at the model's default intensities). */
      readonly protocol?: Protocol;
      /** Applied on top of every member. */
      readonly overrides?: Readonly<Record<string, number>>;
      /** Series given bands (default: the observables; `[]` for readouts only). */
      readonly series?: readonly string[];
      readonly orderEffect?: OrderEffectOptions | false;
    }
  | {
      readonly kind: 'targets';
      readonly spec: ModelSpec;
      /** Parameter sets to check with `evaluateTargets`; the reply lists the failing targets of each. */
      readonly members: readonly Readonly<Record<string, number>>[];
    };

const compiled = new Map<string, CompiledModel>();

/** The compiled model of a spec, compiled once per thread. */
function modelFor(spec: ModelSpec): CompiledModel {
  const key = JSON.stringify(spec);
  let m = compiled.get(key);
  if (!m) {
    m = compileModel(spec);
    compiled.set(key, m);
  }
  return m;
}

/** Progress within a task: units done so far (draws, rows, members), and an optional note. */
export type TaskProgress = (done: number, note?: string) => void;

/**
 * Compute a task. Progress units: draws (ensemble), model runs (Sobol: d + 2 per row), members,
 * or parameter sets (targets).
 */
export function handleCliTask(t: CliTask, onProgress: TaskProgress = () => {}): unknown {
  const model = modelFor(t.spec);
  switch (t.kind) {
    case 'members': {
      const d = defaultIntensities(model);
      const protocol = t.protocol ?? studyProtocol({ reIntensity: d.resistance, eeIntensity: d.endurance });
      return runEnsembleMembers(model, protocol, {
        members: t.members,
        start: t.start,
        end: t.end,
        ...(t.dt !== undefined ? { dt: t.dt } : {}),
        ...(t.overrides ? { overrides: t.overrides } : {}),
        ...(t.series ? { series: t.series } : {}),
        ...(t.orderEffect !== undefined ? { orderEffect: t.orderEffect } : {}),
        onProgress: (done) => onProgress(done),
      });
    }
    case 'targets':
      return t.members.map((parameters, i) => {
        const failed = evaluateTargets(model, { parameters })
          .filter((r) => !r.pass)
          .map((r) => r.id);
        onProgress(i + 1);
        return failed;
      });
    case 'ensemble':
      return runEnsembleTask(model, t.task, (done, accepted) =>
        onProgress(done, accepted === undefined ? undefined : `${accepted} kept in this block`),
      );
    case 'sobol': {
      const runsPerRow = abcLayout(model).names.length + 2;
      return globalSensitivityRows(model, {
        seed: t.seed,
        start: t.start,
        end: t.end,
        onProgress: (done) => onProgress(done * runsPerRow),
      });
    }
  }
}
