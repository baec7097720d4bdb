/**
 * Computing lesson placeholders from the run each step sets up. A step's run is exactly the app's
 * run of that scenario (`resolveScenario` → `compileModel` → `simulate`), so a number in a lesson
 * is the number the charts show. Scans (the intensity band, the gap that clears interference) run
 * extra, trimmed study runs. Pure and deterministic: runs in the lesson worker and in the tests.
 */
import { getModel } from '../../../models/index.ts';
import { aucFold, foldVsControl, peak } from '../../analysis/readouts.ts';
import { STUDY_THRESHOLDS } from '../../analysis/target-list.ts';
import { type CompiledModel, compileModel } from '../../model/compile.ts';
import { type Group, groupAnchors, type Protocol } from '../../protocol/protocol.ts';
import { buildProtocol, type ProtocolSettings } from '../../simulate/scenario.ts';
import { type SimulationResult, simulate } from '../../simulate/simulate.ts';
import { type ResolvedScenario, resolveScenario } from '../resolve.ts';
import { type AppScenario, encodeScenario } from '../state.ts';
import { type PlaceholderRef, placeholderSpec, SCAN_GRIDS } from './placeholders.ts';

export { SCAN_GRIDS };

/** A placeholder that cannot be computed for its step. */
export class PlaceholderValueError extends Error {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`{{${key}}} cannot be computed for this step: ${problem}`);
    this.name = 'PlaceholderValueError';
  }
}

/** One step's run, as the app would show it. */
export interface StepRun {
  readonly scenario: AppScenario;
  readonly resolved: ResolvedScenario;
  readonly model: CompiledModel;
  readonly result: SimulationResult;
}

const STUDY_GROUPS = ['control', 're', 're-ee', 'ee-re'];

/**
 * Computes placeholders, keeping runs and scans per scenario so a lesson whose steps share a
 * scenario runs it once.
 */
export class LessonComputer {
  private readonly models = new Map<string, CompiledModel>();
  private readonly runs = new Map<string, StepRun>();
  private readonly scans = new Map<string, number>();

  /** The compiled model of a bundled id (compiled once). */
  model(id: string): CompiledModel {
    let m = this.models.get(id);
    if (!m) {
      m = compileModel(getModel(id));
      this.models.set(id, m);
    }
    return m;
  }

  /** The app's run of `scenario`. @throws the simulator's errors */
  run(scenario: AppScenario): StepRun {
    const key = encodeScenario(scenario).toString();
    let r = this.runs.get(key);
    if (!r) {
      const resolved = resolveScenario(scenario);
      const model = this.model(scenario.modelId);
      const result = simulate(model, resolved.protocol, { parameters: resolved.parameters });
      r = { scenario, resolved, model, result };
      this.runs.set(key, r);
    }
    return r;
  }

  /**
   * The raw value of a placeholder in the step set up by `scenario` (fractions for percentages,
   * minutes for times). @throws PlaceholderValueError when it is unknown or not finite
   */
  value(ref: PlaceholderRef, scenario: AppScenario): number {
    const spec = placeholderSpec(ref.name);
    if (!spec) throw new PlaceholderValueError(ref.key, 'unknown placeholder');
    const v = this.compute(ref, scenario);
    if (!Number.isFinite(v)) throw new PlaceholderValueError(ref.key, `the value is ${v}`);
    return v;
  }

  private compute(ref: PlaceholderRef, scenario: AppScenario): number {
    const a = ref.args;
    const step = this.run(scenario);
    const r = step.result;
    const fold = (g: string, series = 'mps', t?: number) => foldVsControl(r, g, series, t);
    const auc = (g: string, w: number) => aucFold(r, g, 'mps', w);
    switch (ref.name) {
      case 'mps':
      case 'anabolic':
      case 'regulator':
        return fold(a[0]!, ref.name);
      case 'change':
        return fold(a[0]!) / fold('re') - 1;
      case 'ratio':
        return fold(a[0]!) / fold(a[1]!);
      case 'diff':
        return Math.abs(1 - fold(a[0]!) / fold(a[1]!));
      case 'auc24':
        return auc(a[0]!, 1440);
      case 'auc48':
        return auc(a[0]!, 2880);
      case 'aucChange24':
        return auc(a[0]!, 1440) / auc('re', 1440) - 1;
      case 'aucDiff24':
        return Math.abs(1 - auc(a[0]!, 1440) / auc(a[1]!, 1440));
      case 'readout':
        return r.protocol.readout.afterResistance;
      case 'sinceRun':
        return r.groups.find((g) => g.id === a[0])!.readoutTime - boutEnd(r, a[0]!, 'endurance');
      case 'hours':
        return Number(a[0]);
      case 'afterRe':
        return fold(a[1]!, a[0]!, boutEnd(r, a[1]!, 'resistance') + Number(a[2]));
      case 'afterEe':
        return fold(a[1]!, a[0]!, boutEnd(r, a[1]!, 'endurance') + Number(a[2]));
      case 'ratioAfterRe': {
        const m = Number(a[3]);
        return (
          fold(a[1]!, a[0]!, boutEnd(r, a[1]!, 'resistance') + m) /
          fold(a[2]!, a[0]!, boutEnd(r, a[2]!, 'resistance') + m)
        );
      }
      case 'peak':
        return peakOf(r, a[1]!, a[0]!).value / r.basal[a[0]!]!;
      case 'peakAfterRe':
        return peakOf(r, a[1]!, a[0]!).time - boutEnd(r, a[1]!, 'resistance');
      case 'orderStart':
      case 'orderEnd':
      case 'orderMax':
      case 'orderMaxAt': {
        const o = orderScan(r);
        const v = { orderStart: o.start, orderEnd: o.end, orderMax: o.max, orderMaxAt: o.maxAt }[ref.name];
        if (v === undefined)
          throw new PlaceholderValueError(
            ref.key,
            'RE→EE never falls below EE→RE by more than the tolerance',
          );
        return v;
      }
      case 'tolerance':
        return STUDY_THRESHOLDS.unchangedTolerance;
      case 'bandLow':
      case 'bandHigh':
        return this.scan(`${ref.name}|${encodeScenario(scenario)}`, () => {
          const band = intensityBand(step);
          if (!band) throw new PlaceholderValueError(ref.key, "the study's findings hold at no EE intensity");
          this.scans.set(`bandLow|${encodeScenario(scenario)}`, band.low);
          this.scans.set(`bandHigh|${encodeScenario(scenario)}`, band.high);
          return ref.name === 'bandLow' ? band.low : band.high;
        });
      case 'dip':
        return dipScan(r, a[0]!).dip;
      case 'dipAt':
        return dipScan(r, a[0]!).at;
      case 'gapClear':
        return this.scan(`gapClear:${a[0]}|${encodeScenario(scenario)}`, () => {
          const g = clearingGap(step, a[0] as 're-ee' | 'ee-re');
          if (g === undefined)
            throw new PlaceholderValueError(
              ref.key,
              `no gap up to ${SCAN_GRIDS.gap.max} min clears the interference`,
            );
          return g;
        });
      case 'intensity':
        return scenario.settings.eeIntensity ?? firstBout(r.protocol, 'endurance').intensity;
      case 'gap':
        return scenario.settings.gap;
      case 'eeDuration':
        return firstBout(r.protocol, 'endurance').duration;
      case 'reDuration':
        return firstBout(r.protocol, 'resistance').duration;
      case 'param':
        return step.resolved.parameters[a[0]!] ?? step.model.spec.parameters[a[0]!]!.value;
      default:
        throw new PlaceholderValueError(ref.key, 'unknown placeholder');
    }
  }

  private scan(key: string, compute: () => number): number {
    const hit = this.scans.get(key);
    if (hit !== undefined) return hit;
    const v = compute();
    this.scans.set(key, v);
    return v;
  }
}

function groupOf(r: SimulationResult, id: string): Group {
  const g = r.groups.find((x) => x.id === id);
  if (!g) throw new Error(`unknown group ${id}`);
  return g.group;
}

function firstBout(p: Protocol, kind: 'resistance' | 'endurance') {
  const b = p.groups.flatMap((g) => g.bouts).find((x) => x.kind === kind);
  if (!b) throw new Error(`the protocol has no ${kind} bout`);
  return b;
}

/** End of the group's first bout of `kind`, minutes. */
function boutEnd(r: SimulationResult, groupId: string, kind: 'resistance' | 'endurance'): number {
  const b = groupOf(r, groupId)
    .bouts.filter((x) => x.kind === kind)
    .sort((x, y) => x.start - y.start)[0];
  if (!b) throw new Error(`group ${groupId} has no ${kind} bout`);
  return b.start + b.duration;
}

/** The peak of a series in a group from the start of its first bout. */
function peakOf(r: SimulationResult, groupId: string, series: string) {
  const from = Math.min(...groupOf(r, groupId).bouts.map((b) => b.start));
  return peak(r, groupId, series, { from: Number.isFinite(from) ? from : r.protocol.tStart });
}

/** The order effect over time since RE: where RE→EE is "lowered" against EE→RE, and its maximum. */
export function orderScan(r: SimulationResult): {
  start?: number;
  end?: number;
  max: number;
  maxAt: number;
} {
  const tol = STUDY_THRESHOLDS.unchangedTolerance;
  const endA = boutEnd(r, 're-ee', 'resistance');
  const endB = boutEnd(r, 'ee-re', 'resistance');
  const out: { start?: number; end?: number; max: number; maxAt: number } = { max: 0, maxAt: 0 };
  const { step, max } = SCAN_GRIDS.order;
  for (let m = 0; m <= max; m += step) {
    if (endA + m > r.protocol.tEnd || endB + m > r.protocol.tEnd) break;
    const ratio = foldVsControl(r, 're-ee', 'mps', endA + m) / foldVsControl(r, 'ee-re', 'mps', endB + m);
    if (ratio < 1 - tol) {
      out.start ??= m;
      out.end = m;
    }
    if (Math.abs(1 - ratio) > out.max) {
      out.max = Math.abs(1 - ratio);
      out.maxAt = m;
    }
  }
  return out;
}

/**
 * A study run trimmed to what a check needs: control, RE only and both orders, up to the last
 * readout (and the end of the 24-h AUC window with `auc`), output only at the ends (readouts and
 * AUC edges are exact solver stops, so the values equal those of the full run).
 */
function trimmedStudyRun(base: StepRun, settings: ProtocolSettings, auc: boolean): SimulationResult {
  const full = buildProtocol(base.model, 'study', settings, base.scenario.paramPreset);
  const groups0 = full.groups.filter((g) => STUDY_GROUPS.includes(g.id));
  const anchors = groups0.map((g) => groupAnchors(full, g));
  const needed = Math.max(
    ...anchors.map((x) => (auc ? Math.max(x.readoutTime, x.aucStart + 1440) : x.readoutTime)),
  );
  const groups = groups0.map((g) => ({ ...g, bouts: g.bouts.filter((b) => b.start < needed) }));
  const lastEnd = Math.max(needed, ...groups.flatMap((g) => g.bouts.map((b) => b.start + b.duration)));
  const protocol: Protocol = {
    ...full,
    groups,
    tEnd: lastEnd,
    readout: { ...full.readout, aucWindows: auc ? [1440] : [] },
  };
  return simulate(base.model, protocol, {
    parameters: base.resolved.parameters,
    dt: protocol.tEnd - protocol.tStart,
  });
}

/** The step's study settings (its gap, durations, loads and readout), for the scans. */
function studySettings(s: AppScenario): ProtocolSettings {
  return { ...s.settings };
}

/** Whether the study's three findings (T6, T7, T8) hold on a run. */
export function studyFindingsHold(r: SimulationResult): boolean {
  const t = STUDY_THRESHOLDS;
  const re = foldVsControl(r, 're', 'mps');
  const after = foldVsControl(r, 're-ee', 'mps') / re;
  const before = foldVsControl(r, 'ee-re', 'mps') / re;
  const reg = (g: string) => foldVsControl(r, g, 'regulator');
  return (
    after >= t.afterRatio[0] &&
    after <= t.afterRatio[1] &&
    reg('re-ee') >= t.regulatorRaised &&
    Math.abs(before - 1) <= t.unchangedTolerance &&
    reg('re') <= t.regulatorNotRaised &&
    reg('ee-re') <= t.regulatorNotRaised
  );
}

/** Lowest and highest EE intensity (on the scan grid) at which the study's findings hold. */
export function intensityBand(base: StepRun): { low: number; high: number } | undefined {
  const { min, max, step } = SCAN_GRIDS.intensity;
  let low: number | undefined;
  let high: number | undefined;
  const n = Math.round((max - min) / step);
  for (let i = 0; i <= n; i++) {
    const x = Number((min + i * step).toFixed(10));
    const r = trimmedStudyRun(base, { ...studySettings(base.scenario), eeIntensity: x }, false);
    if (studyFindingsHold(r)) {
      low ??= x;
      high = x;
    }
  }
  return low === undefined || high === undefined ? undefined : { low, high };
}

/**
 * The largest momentary drop of a group's MPS below RE only, comparing each at the same time
 * after its own RE bout (so EE→RE, whose RE comes later, is compared fairly), up to 24 h.
 */
export function dipScan(r: SimulationResult, groupId: string): { dip: number; at: number } {
  const endG = boutEnd(r, groupId, 'resistance');
  const endRe = boutEnd(r, 're', 'resistance');
  const { step, max } = SCAN_GRIDS.dip;
  let dip = 0;
  let at = 0;
  for (let m = 0; m <= max; m += step) {
    if (endG + m > r.protocol.tEnd || endRe + m > r.protocol.tEnd) break;
    const d = 1 - foldVsControl(r, groupId, 'mps', endG + m) / foldVsControl(r, 're', 'mps', endRe + m);
    if (d > dip) {
      dip = d;
      at = m;
    }
  }
  return { dip, at };
}

/**
 * Shortest gap on the scan grid from which on (up to 12 h) the group's dip below RE only stays
 * within the "unchanged" tolerance. Runs control, RE only and the group, 24 h past its RE.
 */
export function clearingGap(base: StepRun, groupId: 're-ee' | 'ee-re'): number | undefined {
  const tol = STUDY_THRESHOLDS.unchangedTolerance;
  const { step, max } = SCAN_GRIDS.gap;
  let clear: number | undefined;
  for (let gap = max; gap >= 0; gap -= step) {
    const full = buildProtocol(
      base.model,
      'study',
      { ...studySettings(base.scenario), gap },
      base.scenario.paramPreset,
    );
    const groups = full.groups.filter((g) => ['control', 're', groupId].includes(g.id));
    const reEnd = Math.max(
      ...groups.flatMap((g) =>
        g.bouts.filter((b) => b.kind === 'resistance').map((b) => b.start + b.duration),
      ),
    );
    const lastEnd = Math.max(...groups.flatMap((g) => g.bouts.map((b) => b.start + b.duration)));
    const protocol: Protocol = {
      ...full,
      groups,
      tEnd: Math.max(lastEnd, reEnd + SCAN_GRIDS.dip.max),
      readout: { ...full.readout, aucWindows: [] },
    };
    const r = simulate(base.model, protocol, { parameters: base.resolved.parameters });
    if (dipScan(r, groupId).dip > tol) break;
    clear = gap;
  }
  return clear;
}
