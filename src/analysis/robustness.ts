/**
 * Robustness of the calibration: change one parameter at a time by ±x% and record whether the
 * order effect survives (MPS at 3 h: RE→EE below EE→RE) and which targets fail. Used by the
 * robustness test and by `docs/model.md`.
 */
import type { CompiledModel } from '../model/compile.ts';
import { studyProtocol } from '../protocol/presets.ts';
import { defaultIntensities } from '../simulate/scenario.ts';
import { simulate } from '../simulate/simulate.ts';
import { foldVsControl } from './readouts.ts';
import { evaluateTargets } from './targets.ts';

/** One perturbation of one parameter. */
export interface Perturbation {
  readonly parameter: string;
  /** Relative change applied, e.g. -0.2 or +0.2. */
  readonly change: number;
  readonly value: number;
  /** MPS at 3 h, RE→EE over EE→RE (< 1 means the order effect survives). */
  readonly orderRatio: number;
  /** Ids of the targets that fail under this change (only when `withTargets`). */
  readonly failedTargets: readonly string[];
}

/** Options of `perturbParameters`. */
export interface RobustnessOptions {
  /** Relative change (default 0.2 = ±20%). */
  readonly fraction?: number;
  /** Also evaluate T1–T9 for each change (slower: ~0.3 s per change). */
  readonly withTargets?: boolean;
  /** Base parameter overrides. */
  readonly parameters?: Readonly<Record<string, number>>;
}

/**
 * Perturb every parameter whose value is not zero by ±fraction (zero-valued parameters, such
 * as `trained` = 0, have no relative change and are skipped).
 */
export function perturbParameters(model: CompiledModel, options: RobustnessOptions = {}): Perturbation[] {
  const fraction = options.fraction ?? 0.2;
  const base = options.parameters ?? {};
  const intens = defaultIntensities(model);
  const protocol = studyProtocol({ reIntensity: intens.resistance, eeIntensity: intens.endurance });
  const out: Perturbation[] = [];
  for (const name of model.parameterNames) {
    const v0 = base[name] ?? model.spec.parameters[name]!.value;
    if (v0 === 0) continue;
    for (const change of [-fraction, fraction]) {
      const parameters = { ...base, [name]: v0 * (1 + change) };
      const r = simulate(model, protocol, { parameters, dt: 60 });
      const orderRatio = foldVsControl(r, 're-ee', 'mps') / foldVsControl(r, 'ee-re', 'mps');
      const failedTargets = options.withTargets
        ? evaluateTargets(model, { parameters })
            .filter((t) => !t.pass)
            .map((t) => t.id)
        : [];
      out.push({ parameter: name, change, value: parameters[name]!, orderRatio, failedTargets });
    }
  }
  return out;
}
