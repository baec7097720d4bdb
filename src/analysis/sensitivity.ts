/**
 * Local sensitivity of the study's readouts to each model parameter: the change when one
 * parameter moves ±x% (tornado chart), normalised sensitivity coefficients
 * S = d ln(readout) / d ln(p) by central differences, and 1-D scans of one parameter.
 *
 * Every readout comes from one run of the study design (`buildProtocol(model, 'study', …)`), so
 * a sensitivity analysis costs 1 + 4 runs per parameter (±x% and ±h for the coefficient).
 *
 * Parameters whose value is 0 (e.g. `trained`, or `kR` when knocked out): ±x% of zero is no
 * change, and d ln R / d ln p is undefined at p = 0. For them the tornado uses an absolute step
 * of x% of the documented range (max − min), clipped to the range (so `trained = 0` only moves
 * up), and the coefficient is reported as NaN (`null` in JSON) with a note. Nonzero parameters
 * are moved by ±x% even when that leaves the documented range (those probe runs allow it; the
 * simulator warns, and a non-physical probe still fails).
 */
import type { CompiledModel } from '../model/compile.ts';
import { checkProtocol, groupAnchors, type Protocol } from '../protocol/protocol.ts';
import { buildProtocol, intensityLimits, type ProtocolSettings } from '../simulate/scenario.ts';
import { type SimulationResult, simulate } from '../simulate/simulate.ts';
import type { SolveOptions } from '../solve/segment.ts';
import { aucFold, foldVsControl } from './readouts.ts';
import { axisValues, sweepDt } from './sweep.ts';

/** The groups of the study whose readouts are reported. */
const GROUPS = Object.freeze([
  { id: 're', label: 'RE only' },
  { id: 'ee', label: 'EE only' },
  { id: 're-ee', label: 'RE→EE' },
  { id: 'ee-re', label: 'EE→RE' },
] as const);

/** A scalar readout of one study run. */
export interface ReadoutDefinition {
  readonly id: string;
  readonly label: string;
  /** Compute it from a run of the study design. */
  readonly compute: (result: SimulationResult) => number;
}

/**
 * The readouts, declared once: MPS 3 h after RE in each group (fold vs control), the order
 * effect MPS(RE→EE)/MPS(EE→RE) at 3 h, and the 24-h MPS AUC of each group (fold vs control).
 */
export const READOUTS: readonly ReadoutDefinition[] = Object.freeze([
  ...GROUPS.map((g) => ({
    id: `mps3h-${g.id}`,
    label: `MPS at 3 h, ${g.label} (fold of control)`,
    compute: (r: SimulationResult) => foldVsControl(r, g.id, 'mps'),
  })),
  {
    id: 'order-effect',
    label: 'Order effect: MPS at 3 h, RE→EE / EE→RE',
    compute: (r: SimulationResult) => foldVsControl(r, 're-ee', 'mps') / foldVsControl(r, 'ee-re', 'mps'),
  },
  ...GROUPS.map((g) => ({
    id: `auc24-${g.id}`,
    label: `24-h MPS AUC, ${g.label} (fold of control)`,
    compute: (r: SimulationResult) => aucFold(r, g.id, 'mps', 1440),
  })),
]);

/** Ids of the readouts. */
export const READOUT_IDS: readonly string[] = Object.freeze(READOUTS.map((r) => r.id));

/** Look up a readout. @throws Error naming the id and the ids available */
export function readoutById(id: string): ReadoutDefinition {
  const r = READOUTS.find((x) => x.id === id);
  if (!r) throw new Error(`unknown readout: ${id} (readouts: ${READOUT_IDS.join(', ')})`);
  return r;
}

/** The scenario every sensitivity run shares. */
export interface SensitivityBase {
  /** Parameter overrides (the point around which sensitivities are taken). */
  readonly parameters?: Readonly<Record<string, number>>;
  /** Study protocol settings (gap, intensities, durations). */
  readonly settings?: ProtocolSettings;
  /** Parameter preset whose protocol hints apply. */
  readonly parameterPreset?: string;
  readonly solver?: Partial<SolveOptions>;
  /**
   * Accept parameter values outside their documented range (default false; see
   * `RunOptions.allowOutOfRange`). The ±x% steps of `sensitivityAnalysis` always may leave the
   * range around an in-range point: they are probes, not scenarios, and a non-physical probe
   * still fails.
   */
  readonly allowOutOfRange?: boolean;
}

/** Every readout of one run, by id. */
export type ReadoutValues = Record<string, number>;

/**
 * All readouts of the study design at one parameter set. The run stops where the last readout
 * needs it (the 24-h AUC windows), not at the end of the 76-h window; shared prefixes of the five
 * groups are integrated once.
 * @throws ProtocolError for impossible settings; SimulationError when the solver fails
 */
export function studyReadouts(model: CompiledModel, base: SensitivityBase): ReadoutValues {
  const full = checkProtocol(
    buildProtocol(model, 'study', base.settings ?? {}, base.parameterPreset),
    intensityLimits(model),
  );
  const protocol = readoutWindow(full);
  const result = simulate(model, protocol, {
    parameters: base.parameters ?? {},
    // Readouts are exact solver stops: no output grid, so no dense output is needed.
    dt: sweepDt(protocol),
    solver: base.solver,
    allowOutOfRange: base.allowOutOfRange ?? false,
  });
  const out: ReadoutValues = {};
  for (const r of READOUTS) out[r.id] = r.compute(result);
  return out;
}

/** The AUC window the readouts use (24 h from the start of RE), minutes. */
const READOUT_AUC_WINDOW = 1440;

/**
 * The study protocol cut to what `READOUTS` need: up to the last group's readout or the end of
 * its 24-h AUC window (the 48-h window is not a readout here), bouts clipped to that window.
 * Inputs up to the cut are unchanged, so every readout is the same as in the full 76-h run (to
 * solver tolerance), at about half the work.
 */
function readoutWindow(full: Protocol): Protocol {
  let end = full.tStart;
  for (const g of full.groups) {
    const a = groupAnchors(full, g);
    end = Math.max(end, a.readoutTime, a.aucStart + READOUT_AUC_WINDOW);
  }
  const tEnd = Math.min(full.tEnd, end);
  return {
    ...full,
    tEnd,
    groups: full.groups.map((g) => ({
      ...g,
      bouts: g.bouts
        .filter((b) => b.start < tEnd)
        .map((b) => (b.start + b.duration > tEnd ? { ...b, duration: tEnd - b.start } : b)),
    })),
    readout: { ...full.readout, aucWindows: [READOUT_AUC_WINDOW] },
  };
}

/** Options of `sensitivityAnalysis`; defaults in `DEFAULT_SENSITIVITY`. */
export interface SensitivityOptions extends SensitivityBase {
  /** Tornado step, percent of the parameter's value (default 20). */
  readonly percent?: number;
  /** Relative step of the central difference for the coefficients (default 0.01). */
  readonly relativeStep?: number;
  /** Parameters to analyse (default: all, in file order). */
  readonly only?: readonly string[];
}

/** Defaults of `sensitivityAnalysis`, declared once. */
export const DEFAULT_SENSITIVITY = Object.freeze({ percent: 20, relativeStep: 0.01 });

/** One parameter's row. */
export interface SensitivityRow {
  readonly parameter: string;
  readonly label: string;
  /** The parameter's value at the base point. */
  readonly value: number;
  /** The values used for the tornado (the low one may equal `value` when clipped at 0). */
  readonly lowValue: number;
  readonly highValue: number;
  /** Every readout at `lowValue` and at `highValue`. */
  readonly low: ReadoutValues;
  readonly high: ReadoutValues;
  /** d ln(readout) / d ln(p) by central differences; NaN when p = 0. */
  readonly coefficient: ReadoutValues;
  /** Why the row differs from the plain ±x% rule, if it does. */
  readonly note?: string;
}

/** The outcome of a sensitivity analysis. */
export interface SensitivityResult {
  readonly percent: number;
  readonly relativeStep: number;
  /** Every readout at the base point. */
  readonly baseline: ReadoutValues;
  readonly rows: readonly SensitivityRow[];
}

/**
 * For each parameter: every readout at ±`percent`% (tornado) and the normalised coefficients.
 * @throws Error for a bad percent or step or an unknown parameter; SimulationError when a run
 *   fails (the message names the parameter and the value tried)
 */
export function sensitivityAnalysis(
  model: CompiledModel,
  options: SensitivityOptions = {},
): SensitivityResult {
  const percent = options.percent ?? DEFAULT_SENSITIVITY.percent;
  const h = options.relativeStep ?? DEFAULT_SENSITIVITY.relativeStep;
  if (!(percent > 0 && percent < 100)) throw new Error(`invalid percent: ${percent} (must be in (0, 100))`);
  if (!(h > 0 && h < 0.5)) throw new Error(`invalid relative step: ${h} (must be in (0, 0.5))`);
  const names = options.only ?? model.parameterNames;
  const p0 = model.parameterVector(options.parameters);
  const baseParams: Record<string, number> = {};
  model.parameterNames.forEach((n, i) => {
    baseParams[n] = p0[i]!;
  });
  const at = (name: string, value: number): ReadoutValues => {
    try {
      return studyReadouts(model, {
        ...options,
        parameters: { ...baseParams, [name]: value },
        allowOutOfRange: true,
      });
    } catch (err) {
      if (err instanceof Error) err.message = `${err.message} (sensitivity run with ${name} = ${value})`;
      throw err;
    }
  };
  const baseline = studyReadouts(model, { ...options, parameters: baseParams });
  const rows: SensitivityRow[] = names.map((name) => {
    const spec = Object.hasOwn(model.spec.parameters, name) ? model.spec.parameters[name] : undefined;
    if (!spec) throw new Error(`unknown parameter: ${name} (parameters: ${model.parameterNames.join(', ')})`);
    const value = baseParams[name]!;
    const coefficient: ReadoutValues = {};
    if (value === 0) {
      const step = (percent / 100) * (spec.max - spec.min);
      const lowValue = Math.max(spec.min, -step);
      const highValue = Math.min(spec.max, step);
      for (const id of READOUT_IDS) coefficient[id] = Number.NaN;
      return {
        parameter: name,
        label: spec.label,
        value,
        lowValue,
        highValue,
        low: lowValue === value ? { ...baseline } : at(name, lowValue),
        high: highValue === value ? { ...baseline } : at(name, highValue),
        coefficient,
        note: `value is 0: stepped by ${percent}% of its range (${spec.min}–${spec.max}), clipped to it; no log-sensitivity at 0`,
      };
    }
    const lowValue = value * (1 - percent / 100);
    const highValue = value * (1 + percent / 100);
    const low = at(name, lowValue);
    const high = at(name, highValue);
    const minus = at(name, value * (1 - h));
    const plus = at(name, value * (1 + h));
    const dlnp = Math.log1p(h) - Math.log1p(-h);
    for (const id of READOUT_IDS) coefficient[id] = (Math.log(plus[id]!) - Math.log(minus[id]!)) / dlnp;
    return { parameter: name, label: spec.label, value, lowValue, highValue, low, high, coefficient };
  });
  return { percent, relativeStep: h, baseline, rows };
}

/** Options of `parameterScan`. */
export interface ScanOptions extends SensitivityBase {
  readonly parameter: string;
  /** Number of points (default 41). */
  readonly count?: number;
  /** Range (default: the parameter's documented range). */
  readonly min?: number;
  readonly max?: number;
  /** Spacing (default: the parameter's `scale`; `log` needs a positive range). */
  readonly scale?: 'linear' | 'log';
}

/** A failed point of a scan. */
export interface ScanFailure {
  readonly value: number;
  readonly message: string;
}

/** A 1-D scan: the parameter values and every readout at each (NaN where a run failed). */
export interface ScanResult {
  readonly parameter: string;
  readonly label: string;
  readonly unit: string;
  readonly scale: 'linear' | 'log';
  readonly values: readonly number[];
  readonly readouts: Readonly<Record<string, readonly number[]>>;
  /** Points where the solver failed (their readouts are NaN, never silently dropped). */
  readonly failures: readonly ScanFailure[];
}

/**
 * Scan one parameter over its range (log or linear spacing per the model's `scale`) and
 * compute every readout at each value.
 * @throws Error for an unknown parameter or a bad range
 */
export function parameterScan(model: CompiledModel, options: ScanOptions): ScanResult {
  const spec = Object.hasOwn(model.spec.parameters, options.parameter)
    ? model.spec.parameters[options.parameter]
    : undefined;
  if (!spec) {
    throw new Error(
      `unknown parameter: ${options.parameter} (parameters: ${model.parameterNames.join(', ')})`,
    );
  }
  const min = options.min ?? spec.min;
  const max = options.max ?? spec.max;
  const scale = options.scale ?? (spec.scale === 'log' && min > 0 ? 'log' : 'linear');
  const values = axisValues(min, max, options.count ?? 41, scale);
  const readouts: Record<string, number[]> = {};
  for (const id of READOUT_IDS) readouts[id] = [];
  const failures: ScanFailure[] = [];
  for (const v of values) {
    let r: ReadoutValues | undefined;
    try {
      r = studyReadouts(model, {
        ...options,
        parameters: { ...(options.parameters ?? {}), [options.parameter]: v },
      });
    } catch (err) {
      failures.push({ value: v, message: err instanceof Error ? err.message : String(err) });
    }
    for (const id of READOUT_IDS) readouts[id]!.push(r ? r[id]! : Number.NaN);
  }
  return {
    parameter: options.parameter,
    label: spec.label,
    unit: spec.unit,
    scale,
    values,
    readouts,
    failures,
  };
}
