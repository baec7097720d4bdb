/**
 * The calibration targets T1–T9 of the science brief (§3), declared once and evaluated on any
 * model and parameter set. The tests, `eolab targets`, the app's evidence panel, the notebooks
 * and `docs/model.md` all read this table.
 *
 * Scenario: the study design (`studyProtocol`) at the model's default intensities, bouts back
 * to back, readouts 3 h after the end of RE, every value a fold change against control at the
 * same clock time.
 */
import type { CompiledModel } from '../model/compile.ts';
import { STUDY_DESIGN, studyProtocol } from '../protocol/presets.ts';
import { defaultIntensities } from '../simulate/scenario.ts';
import { type SimulateOptions, type SimulationResult, simulate } from '../simulate/simulate.ts';
import { aucFold, foldVsControl, peak, valueAt } from './readouts.ts';
import { STUDY_THRESHOLDS, TARGETS, type TargetId } from './target-list.ts';

/** One measured quantity of a target, with its admissible range. */
export interface TargetCheck {
  readonly label: string;
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly pass: boolean;
}

/** A target as evaluated on one parameter set. */
export interface TargetResult {
  readonly id: string;
  readonly claim: string;
  readonly checks: readonly TargetCheck[];
  /** Measured values in words, e.g. `MPS ratio 0.75`. */
  readonly measured: string;
  /** Admissible ranges in words. */
  readonly range: string;
  readonly pass: boolean;
}

/** Options of `evaluateTargets`. */
export interface TargetOptions {
  /** Parameter overrides. */
  readonly parameters?: Readonly<Record<string, number>>;
  /** Output grid step for the runs (minutes, default 1). */
  readonly dt?: number;
}

export { TARGETS, type TargetId } from './target-list.ts';

function check(label: string, value: number, min?: number, max?: number): TargetCheck {
  const pass =
    Number.isFinite(value) && (min === undefined || value >= min) && (max === undefined || value <= max);
  return { label, value, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), pass };
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}

function rangeText(c: TargetCheck): string {
  if (c.min !== undefined && c.max !== undefined) return `${fmt(c.min)}–${fmt(c.max)}`;
  if (c.min !== undefined) return `≥ ${fmt(c.min)}`;
  if (c.max !== undefined) return `≤ ${fmt(c.max)}`;
  return 'any';
}

function result(id: TargetId, checks: TargetCheck[]): TargetResult {
  return summarise(id, TARGETS.find((t) => t.id === id)!.claim, checks);
}

/** A target result with its checks summarised in words. */
function summarise(id: string, claim: string, checks: TargetCheck[]): TargetResult {
  return {
    id,
    claim,
    checks,
    measured: checks.map((c) => `${c.label} ${fmt(c.value)}`).join('; '),
    range: checks.map((c) => `${c.label} ${rangeText(c)}`).join('; '),
    pass: checks.every((c) => c.pass),
  };
}

/** Evaluate T1–T9 for `model` with optional parameter overrides. */
export function evaluateTargets(model: CompiledModel, options: TargetOptions = {}): TargetResult[] {
  const intens = defaultIntensities(model);
  const sim: SimulateOptions = {
    dt: options.dt ?? 1,
    ...(options.parameters ? { parameters: options.parameters } : {}),
  };
  const study = (gap = 0, eeIntensity = intens.endurance): SimulationResult =>
    simulate(model, studyProtocol({ reIntensity: intens.resistance, eeIntensity, gap }), sim);
  const base = study();
  const d = STUDY_DESIGN;
  const t0 = d.firstBoutAt;
  const reEnd = t0 + d.reDuration;
  const eeEnd = t0 + d.eeDuration;
  const results: TargetResult[] = [];

  // T1: the control run of a 72-h window started from the file's initial values.
  {
    const control = simulate(
      model,
      { ...base.protocol, tEnd: 72 * 60, groups: [{ id: 'control', label: 'Control', bouts: [] }] },
      { ...sim, initial: 'spec' },
    );
    let drift = 0;
    const g = control.groups[0]!;
    control.stateNames.forEach((name) => {
      const y0 = model.spec.states[name]!.initial;
      for (const v of g.series[name]!) drift = Math.max(drift, Math.abs(v - y0) / Math.abs(y0));
      for (const e of g.events)
        drift = Math.max(drift, Math.abs(e.values[control.seriesNames.indexOf(name)]! - y0) / Math.abs(y0));
    });
    results.push(result('T1', [check('max relative drift', drift, undefined, 1e-9)]));
  }

  // T2: anabolic signal after RE only.
  {
    const pk = peak(base, 're', 'anabolic', { from: reEnd });
    const rise = pk.value - 1;
    const frac = (t: number) => (valueAt(base, 're', 'anabolic', t) - 1) / rise;
    results.push(
      result('T2', [
        check('peak, h after RE', (pk.time - reEnd) / 60, 0.5, 3),
        check('share of peak rise at 6 h', frac(reEnd + 360), 0.3),
        check('share at 24 h', frac(reEnd + 1440), undefined, 0.3 - 1e-12),
      ]),
    );
  }

  // T3: MPS after RE only.
  {
    const during = peak(base, 're', 'mps', { from: t0, to: reEnd }).value / base.basal.mps!;
    const at = (h: number) => foldVsControl(base, 're', 'mps', reEnd + h * 60);
    results.push(
      result('T3', [
        check('max during bout', during, undefined, 1.0 + 1e-12),
        check('3 h', at(3), 1.5, 2.5),
        check('24 h', at(24), 1.2),
        check('72 h', base.protocol.tEnd >= reEnd + 72 * 60 ? at(72) : Number.NaN, undefined, 1.15),
      ]),
    );
  }

  // T4: EE only.
  {
    const mpsMax = peak(base, 'ee', 'mps').value / base.basal.mps!;
    results.push(
      result('T4', [
        check('regulator at end of run', foldVsControl(base, 'ee', 'regulator', eeEnd), 2, 4),
        check('regulator 3 h after', foldVsControl(base, 'ee', 'regulator', eeEnd + 180), undefined, 1.2),
        check('max MPS', mpsMax, undefined, 1.05),
      ]),
    );
  }

  // T5: regulator peak against EE intensity (0.3–1.0 VO2max).
  {
    const levels = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    const peaks = levels.map((x) => peak(study(0, x), 'ee', 'regulator').value / base.basal.regulator!);
    let worstDrop = 0;
    for (let i = 1; i < peaks.length; i++) worstDrop = Math.max(worstDrop, peaks[i - 1]! - peaks[i]!);
    results.push(
      result('T5', [
        check('largest decrease between steps', worstDrop, undefined, 1e-9),
        check('peak at 0.5 VO2max', peaks[levels.indexOf(0.5)]!, undefined, 1.2),
        check('peak at 1.0 over 0.5', peaks[peaks.length - 1]! - peaks[levels.indexOf(0.5)]!, 1e-6),
      ]),
    );
  }

  const mps3 = (r: SimulationResult, g: string) => foldVsControl(r, g, 'mps');
  const reOnly = mps3(base, 're');
  results.push(
    result('T6', [
      check('MPS ratio', mps3(base, 're-ee') / reOnly, ...STUDY_THRESHOLDS.afterRatio),
      check('regulator', foldVsControl(base, 're-ee', 'regulator'), STUDY_THRESHOLDS.regulatorRaised),
    ]),
  );
  const tol = STUDY_THRESHOLDS.unchangedTolerance;
  results.push(result('T7', [check('MPS ratio', mps3(base, 'ee-re') / reOnly, 1 - tol, 1 + tol)]));
  results.push(
    result('T8', [
      check(
        'regulator RE only',
        foldVsControl(base, 're', 'regulator'),
        undefined,
        STUDY_THRESHOLDS.regulatorNotRaised,
      ),
      check(
        'regulator EE→RE',
        foldVsControl(base, 'ee-re', 'regulator'),
        undefined,
        STUDY_THRESHOLDS.regulatorNotRaised,
      ),
    ]),
  );

  // T9: gaps of 6, 9 and 12 h in both orders; report the worst deviation.
  {
    let worstMps = 1;
    let worstAuc = 1;
    const further = (a: number, b: number) => (Math.abs(b - 1) > Math.abs(a - 1) ? b : a);
    for (const gap of [360, 540, 720]) {
      const r = study(gap);
      const re = mps3(r, 're');
      const reAuc = aucFold(r, 're', 'mps', 1440);
      for (const g of ['re-ee', 'ee-re']) {
        worstMps = further(worstMps, mps3(r, g) / re);
        worstAuc = further(worstAuc, aucFold(r, g, 'mps', 1440) / reAuc);
      }
    }
    results.push(
      result('T9', [
        check('worst MPS ratio', worstMps, 0.95, 1.05),
        check('worst 24-h AUC ratio', worstAuc, 0.95, 1.05),
      ]),
    );
  }
  return results;
}

/** Checks of the parameter presets (science brief §3, optional human preset; product brief §5). */
export const PRESET_TARGETS = Object.freeze([
  {
    id: 'H1',
    preset: 'human-apro2013',
    claim:
      'Human preset (Apró 2013): 30 min cycling 15 min after RE leaves the anabolic signal at 1–3 h within 10% of RE only',
  },
  {
    id: 'K1',
    preset: 'regulator-knockout',
    claim: 'Regulator knocked out: MPS at 3 h is the same in RE only, RE→EE and EE→RE (order cannot matter)',
  },
  {
    id: 'E1',
    preset: 'endurance-trained',
    claim: 'Endurance-trained: RE→EE still below RE only, but by less than in the untrained rat',
  },
] as const);

/**
 * Evaluate the preset checks H1, K1, E1. Each uses its preset's parameters and protocol hints
 * (gap, EE duration and intensity) from the model file.
 */
export function evaluatePresetTargets(model: CompiledModel): TargetResult[] {
  const intens = defaultIntensities(model);
  const run = (presetId: string) => {
    const preset = model.spec.parameterPresets[presetId];
    if (!preset) throw new Error(`model "${model.spec.id}" has no parameter preset "${presetId}"`);
    const hints = preset.protocol ?? {};
    const protocol = studyProtocol({
      reIntensity: hints.reIntensity ?? intens.resistance,
      eeIntensity: hints.eeIntensity ?? intens.endurance,
      ...(hints.gap !== undefined ? { gap: hints.gap } : {}),
      ...(hints.eeDuration !== undefined ? { eeDuration: hints.eeDuration } : {}),
      ...(hints.reDuration !== undefined ? { reDuration: hints.reDuration } : {}),
    });
    return simulate(model, protocol, { dt: 1, parameters: preset.values });
  };
  const make = (id: string, checks: TargetCheck[]): TargetResult =>
    summarise(id, PRESET_TARGETS.find((t) => t.id === id)!.claim, checks);

  const out: TargetResult[] = [];
  {
    const r = run('human-apro2013');
    const re = groupEnd(r, 're');
    out.push(
      make(
        'H1',
        [1, 2, 3].map((h) =>
          check(
            `anabolic ratio at ${h} h`,
            valueAt(r, 're-ee', 'anabolic', re + h * 60) / valueAt(r, 're', 'anabolic', re + h * 60),
            0.9,
            1.1,
          ),
        ),
      ),
    );
  }
  {
    const r = run('regulator-knockout');
    const re = foldVsControl(r, 're', 'mps');
    out.push(
      make('K1', [
        check('RE→EE / RE only', foldVsControl(r, 're-ee', 'mps') / re, 1 - 1e-9, 1 + 1e-9),
        check('EE→RE / RE only', foldVsControl(r, 'ee-re', 'mps') / re, 1 - 1e-9, 1 + 1e-9),
      ]),
    );
  }
  {
    const trained = run('endurance-trained');
    const rat = run('rat-study');
    const ratio = (r: SimulationResult) => foldVsControl(r, 're-ee', 'mps') / foldVsControl(r, 're', 'mps');
    out.push(make('E1', [check('trained RE→EE / RE only', ratio(trained), ratio(rat) + 1e-6, 1 - 1e-6)]));
  }
  return out;
}

/** End of the first resistance bout of a group, minutes. */
function groupEnd(r: SimulationResult, groupId: string): number {
  const g = r.groups.find((x) => x.id === groupId);
  const b = g?.group.bouts.find((x) => x.kind === 'resistance');
  if (!b) throw new Error(`group ${groupId} has no resistance bout`);
  return b.start + b.duration;
}
