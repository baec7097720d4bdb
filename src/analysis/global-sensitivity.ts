/**
 * Global sensitivity of the order effect over the prior: Sobol first-order and total indices
 * (`sobol.ts`) of (1) the order effect at the readout, MPS in RE→EE over EE→RE 3 h after RE,
 * and (2) the same ratio of the 24-h MPS AUCs, with every free parameter drawn from its prior.
 * Complements the local ±x% tornado (`sensitivity.ts`): it explores the whole prior box, so
 * interactions and non-linear effects count.
 */
import type { CompiledModel } from '../model/compile.ts';
import { studyProtocol } from '../protocol/presets.ts';
import { SimulationError } from '../simulate/errors.ts';
import { defaultIntensities } from '../simulate/scenario.ts';
import { simulate } from '../simulate/simulate.ts';
import { abcLayout, parametersAt } from './abc.ts';
import { aucFold, foldVsControl } from './readouts.ts';
import { type SobolResult, type SobolRows, sobolIndices, sobolRows } from './sobol.ts';

/** The outputs analysed, in order. */
export const GLOBAL_OUTPUTS = Object.freeze([
  { id: 'order-3h', label: 'Order effect at 3 h (MPS, RE→EE / EE→RE)' },
  { id: 'order-auc24', label: 'Order effect in 24-h MPS AUC (RE→EE / EE→RE)' },
] as const);

/** The outputs at prior quantiles `u` (NaN when the solver fails). */
export function orderEffectOutputs(model: CompiledModel): (u: Float64Array) => number[] {
  const layout = abcLayout(model);
  const d = defaultIntensities(model);
  const base = studyProtocol({ reIntensity: d.resistance, eeIntensity: d.endurance });
  const protocol = {
    ...base,
    groups: base.groups.filter((g) => ['control', 're-ee', 'ee-re'].includes(g.id)),
  };
  return (u) => {
    try {
      const r = simulate(model, protocol, {
        dt: 60,
        parameters: { ...layout.fixed, ...parametersAt(layout, u) },
      });
      return [
        foldVsControl(r, 're-ee', 'mps') / foldVsControl(r, 'ee-re', 'mps'),
        aucFold(r, 're-ee', 'mps', 1440) / aucFold(r, 'ee-re', 'mps', 1440),
      ];
    } catch (e) {
      if (e instanceof SimulationError) return [Number.NaN, Number.NaN];
      throw e;
    }
  };
}

/** Options of `globalSensitivityRows`. */
export interface GlobalSensitivityRowOptions {
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Rows `start`..`end − 1` of the Saltelli design over the model's prior (one worker's chunk). */
export function globalSensitivityRows(model: CompiledModel, options: GlobalSensitivityRowOptions): SobolRows {
  const d = abcLayout(model).names.length;
  return sobolRows(orderEffectOutputs(model), { ...options, d });
}

/** Sobol indices of the order effect, by parameter. */
export interface GlobalSensitivityResult {
  readonly seed: number;
  /** Base sample size N (rows); the runs are N · (d + 2). */
  readonly n: number;
  readonly parameters: readonly string[];
  readonly sobol: SobolResult;
  readonly outputs: typeof GLOBAL_OUTPUTS;
}

/** Options of `globalSensitivity`. */
export interface GlobalSensitivityOptions {
  readonly seed: number;
  /** Base sample size N (default 512). */
  readonly n?: number;
  /** Bootstrap resamples (default 200). */
  readonly bootstrap?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Combine row blocks (from any workers) into the result. */
export function globalSensitivityFromRows(
  model: CompiledModel,
  seed: number,
  blocks: readonly SobolRows[],
  bootstrap = 200,
): GlobalSensitivityResult {
  const sobol = sobolIndices(blocks, { bootstrap, seed });
  return { seed, n: sobol.rowsGiven, parameters: abcLayout(model).names, sobol, outputs: GLOBAL_OUTPUTS };
}

/** Sobol indices of the order effect at 3 h and in 24-h AUC over the prior, in this thread. */
export function globalSensitivity(
  model: CompiledModel,
  options: GlobalSensitivityOptions,
): GlobalSensitivityResult {
  const n = options.n ?? 512;
  const rows = globalSensitivityRows(model, {
    seed: options.seed,
    start: 0,
    end: n,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return globalSensitivityFromRows(model, options.seed, [rows], options.bootstrap ?? 200);
}
