/**
 * Run a protocol over every member of an ensemble and summarise the spread: quantile bands
 * (median, 50% and 90%) of every time course and readout, of the order effect against readout
 * time, and the support of each claim (the fraction of plausible models in which it holds).
 *
 * Split for worker pools: `runEnsembleMembers` runs an index range of members and returns plain
 * arrays (structured-cloneable); `combineEnsemble` merges batches from any workers, in any
 * order, into the summary. `simulateEnsemble` does both in one thread.
 */
import type { CompiledModel } from '../model/compile.ts';
import type { Protocol } from '../protocol/protocol.ts';
import { SimulationError } from '../simulate/errors.ts';
import { type SimulateOptions, type SimulationResult, simulate } from '../simulate/simulate.ts';
import { aucFold, foldVsControl } from './readouts.ts';
import { quantilesOf } from './stats.ts';
import { canTestClaim, STUDY_CLAIMS } from './study-claims.ts';
import { sweepDt } from './sweep-axes.ts';
import { type OrderEffectOptions, orderEffectOverTime } from './time-since-run.ts';

/** Options of `runEnsembleMembers` and `simulateEnsemble`. */
export interface EnsembleRunOptions {
  /** Parameter sets, each a full or partial set of overrides (see `ensembleMembers`). */
  readonly members: readonly Readonly<Record<string, number>>[];
  /** Applied on top of every member (e.g. a preset's values). */
  readonly overrides?: Readonly<Record<string, number>>;
  /** First member (inclusive) and last (exclusive) of this batch; default all. */
  readonly start?: number;
  readonly end?: number;
  /**
   * Output grid step of the bands, minutes (default 15). Readouts are exact whatever the step;
   * with no `series` and no order effect there is no output grid and `dt` is not used.
   */
  readonly dt?: number;
  /** Series given bands (default: the model's observables). */
  readonly series?: readonly string[];
  /** Order effect against readout time (default on when RE→EE and EE→RE are both run). */
  readonly orderEffect?: OrderEffectOptions | false;
  readonly solver?: SimulateOptions['solver'];
  readonly onProgress?: (done: number, total: number) => void;
}

/** Defaults of the ensemble runs, declared once. */
export const DEFAULT_ENSEMBLE_RUN = Object.freeze({ dt: 15 });

/** The raw values of a batch of members (plain arrays, cloneable to and from workers). */
export interface MemberBatch {
  readonly start: number;
  readonly count: number;
  readonly time: Float64Array;
  readonly groups: readonly { readonly id: string; readonly label: string }[];
  readonly series: readonly string[];
  /** Values as [member][group][series][time], flattened; NaN rows for failed members. */
  readonly values: Float64Array;
  /** Per scalar readout, one value per member (NaN when failed or not applicable). */
  readonly scalars: Readonly<Record<string, Float64Array>>;
  /** Order effect per member and offset, flattened [member][offset]; absent when not computed. */
  readonly orderEffect?: {
    readonly anchor: string;
    readonly offsets: readonly number[];
    readonly ratio: Float64Array;
  };
  readonly failures: readonly { readonly member: number; readonly message: string }[];
}

/** Run members `start`..`end − 1` of the ensemble on `protocol`. */
export function runEnsembleMembers(
  model: CompiledModel,
  protocol: Protocol,
  options: EnsembleRunOptions,
): MemberBatch {
  const start = options.start ?? 0;
  const end = Math.min(options.end ?? options.members.length, options.members.length);
  const count = Math.max(0, end - start);
  const series = options.series ?? model.observableNames;
  const groups = protocol.groups.map((g) => ({ id: g.id, label: g.label }));
  const has = (id: string) => groups.some((g) => g.id === id);
  const wantOrder = options.orderEffect !== false && has('re-ee') && has('ee-re');
  // With no series and no order effect nothing reads the output grid: the readouts are exact
  // solver stops, so the members run without one (no dense output), as sweeps do.
  const dt = series.length === 0 && !wantOrder ? sweepDt(protocol) : (options.dt ?? DEFAULT_ENSEMBLE_RUN.dt);
  const scalars: Record<string, Float64Array> = {};
  const scalar = (key: string) => {
    let a = scalars[key];
    if (!a) {
      a = new Float64Array(count).fill(Number.NaN);
      scalars[key] = a;
    }
    return a;
  };
  let time: Float64Array = new Float64Array(0);
  let values: Float64Array = new Float64Array(0);
  let order: MemberBatch['orderEffect'];
  const failures: { member: number; message: string }[] = [];
  for (let k = 0; k < count; k++) {
    const m = start + k;
    let r: SimulationResult;
    try {
      r = simulate(model, protocol, {
        dt,
        parameters: { ...options.members[m], ...options.overrides },
        ...(options.solver ? { solver: options.solver } : {}),
      });
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
      failures.push({ member: m, message: e.message });
      options.onProgress?.(k + 1, count);
      continue;
    }
    if (values.length === 0) {
      time = r.time;
      values = new Float64Array(count * groups.length * series.length * time.length).fill(Number.NaN);
    }
    const nt = time.length;
    r.groups.forEach((g, gi) => {
      series.forEach((s, si) => {
        values.set(g.series[s]!, ((k * groups.length + gi) * series.length + si) * nt);
      });
    });
    for (const [key, v] of Object.entries(memberScalars(r))) scalar(key)[k] = v;
    if (wantOrder) {
      const curve = orderEffectOverTime(r, options.orderEffect || {});
      if (!order)
        order = {
          anchor: curve.anchor,
          offsets: curve.offsets,
          ratio: new Float64Array(count * curve.offsets.length).fill(Number.NaN),
        };
      order.ratio.set(curve.ratio, k * curve.offsets.length);
      scalar('order:auc24')[k] = curve.auc24Ratio;
    }
    options.onProgress?.(k + 1, count);
  }
  return {
    start,
    count,
    time,
    groups,
    series,
    values,
    scalars,
    ...(order ? { orderEffect: order } : {}),
    failures,
  };
}

/**
 * The scalar readouts of one member's run: fold vs control of every observable at each group's
 * readout (`fold:<group>:<observable>`), MPS AUC folds (`auc:<group>:<window>`), and each
 * testable claim's effect and verdict (`effect:<claim>`, `holds:<claim>` as 1 or 0).
 */
export function memberScalars(r: SimulationResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of r.groups) {
    if (g.id === r.protocol.controlGroup) continue;
    for (const name of r.observableNames) out[`fold:${g.id}:${name}`] = foldVsControl(r, g.id, name);
    if (r.observableNames.includes('mps'))
      for (const w of r.protocol.readout.aucWindows) out[`auc:${g.id}:${w}`] = aucFold(r, g.id, 'mps', w);
  }
  for (const c of STUDY_CLAIMS) {
    if (!canTestClaim(c, r)) continue;
    out[`effect:${c.id}`] = c.effect(r);
    out[`holds:${c.id}`] = c.holds(r) ? 1 : 0;
  }
  return out;
}

/** Quantiles of a sample: the median, and the 50% and 90% central bands. */
export interface Band {
  readonly q05: number;
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  readonly q95: number;
}

/** A band per time point (or per readout offset). */
export interface SeriesBand {
  readonly q05: Float64Array;
  readonly q25: Float64Array;
  readonly median: Float64Array;
  readonly q75: Float64Array;
  readonly q95: Float64Array;
}

/** Support of one claim across the ensemble. */
export interface ClaimSupport {
  readonly id: string;
  readonly text: string;
  /** Members in which the claim could be tested (the protocol has its groups and the run succeeded). */
  readonly tested: number;
  /** Fraction of those in which it holds (NaN when none). */
  readonly support: number;
  readonly effectKind: 'change' | 'fold';
  readonly effectLabel: string;
  /** Spread of the effect over the tested members (absent when none). */
  readonly effect?: Band;
}

/** The ensemble summary. */
export interface EnsembleResult {
  readonly members: number;
  /** Members whose run succeeded; every band is over these. */
  readonly succeeded: number;
  readonly failures: readonly { readonly member: number; readonly message: string }[];
  readonly time: Float64Array;
  readonly groups: readonly {
    readonly id: string;
    readonly label: string;
    readonly series: Readonly<Record<string, SeriesBand>>;
  }[];
  /** Bands of every scalar readout: `fold:<group>:<observable>`, `auc:<group>:<window>`, `effect:<claim>`, `order:auc24`. */
  readonly readouts: Readonly<Record<string, Band>>;
  readonly orderEffect?: {
    readonly anchor: string;
    readonly offsets: readonly number[];
    readonly ratio: SeriesBand;
  };
  readonly claims: readonly ClaimSupport[];
}

/** The band of one sample, ignoring NaN entries; undefined when nothing is left. */
export function bandOf(values: ArrayLike<number>): Band | undefined {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) kept.push(values[i]!);
  if (kept.length === 0) return undefined;
  const [q05, q25, median, q75, q95] = quantilesOf(kept, [0.05, 0.25, 0.5, 0.75, 0.95]) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { q05, q25, median, q75, q95 };
}

function seriesBand(rows: readonly Float64Array[], width: number): SeriesBand {
  const out = {
    q05: new Float64Array(width),
    q25: new Float64Array(width),
    median: new Float64Array(width),
    q75: new Float64Array(width),
    q95: new Float64Array(width),
  };
  const column = new Float64Array(rows.length);
  for (let j = 0; j < width; j++) {
    rows.forEach((r, i) => {
      column[i] = r[j]!;
    });
    const b = bandOf(column) ?? { q05: NaN, q25: NaN, median: NaN, q75: NaN, q95: NaN };
    out.q05[j] = b.q05;
    out.q25[j] = b.q25;
    out.median[j] = b.median;
    out.q75[j] = b.q75;
    out.q95[j] = b.q95;
  }
  return out;
}

/**
 * Merge member batches (from any workers, in any order) into bands and claim support.
 * @throws Error when batches overlap or disagree on the time grid, groups or series
 */
export function combineEnsemble(batches: readonly MemberBatch[]): EnsembleResult {
  const sorted = [...batches].sort((a, b) => a.start - b.start);
  const first = sorted.find((b) => b.values.length > 0) ?? sorted[0];
  if (!first) throw new Error('no member batches to combine');
  let next = sorted[0]!.start;
  for (const b of sorted) {
    if (b.start !== next) throw new Error(`member batches overlap or leave a gap at member ${next}`);
    next = b.start + b.count;
    if (
      b.values.length > 0 &&
      (b.time.length !== first.time.length || b.series.join() !== first.series.join())
    )
      throw new Error(`member batch from ${b.start} has a different time grid or series`);
  }
  const members = sorted.reduce((s, b) => s + b.count, 0);
  const failures = sorted.flatMap((b) => b.failures);
  const nt = first.time.length;
  const ns = first.series.length;
  const ng = first.groups.length;
  const rowsOf = (gi: number, si: number): Float64Array[] =>
    sorted.flatMap((b) =>
      b.values.length === 0
        ? []
        : Array.from({ length: b.count }, (_, k) =>
            b.values.subarray(((k * ng + gi) * ns + si) * nt, ((k * ng + gi) * ns + si + 1) * nt),
          ),
    );
  const groups = first.groups.map((g, gi) => {
    const series: Record<string, SeriesBand> = {};
    first.series.forEach((s, si) => {
      series[s] = seriesBand(rowsOf(gi, si), nt);
    });
    return { ...g, series };
  });
  const keys = [...new Set(sorted.flatMap((b) => Object.keys(b.scalars)))];
  const column = (key: string) => {
    const out = new Float64Array(members).fill(Number.NaN);
    let at = 0;
    for (const b of sorted) {
      const a = b.scalars[key];
      if (a) out.set(a, at);
      at += b.count;
    }
    return out;
  };
  const readouts: Record<string, Band> = {};
  for (const key of keys) {
    if (key.startsWith('holds:')) continue;
    const band = bandOf(column(key));
    if (band) readouts[key] = band;
  }
  const claims = claimSupport((id) => column(id), readouts);
  const withOrder = sorted.filter((b) => b.orderEffect);
  let orderEffect: EnsembleResult['orderEffect'];
  if (withOrder.length > 0) {
    const o = withOrder[0]!.orderEffect!;
    const w = o.offsets.length;
    const rows = withOrder.flatMap((b) =>
      Array.from({ length: b.count }, (_, k) => b.orderEffect!.ratio.subarray(k * w, (k + 1) * w)),
    );
    orderEffect = { anchor: o.anchor, offsets: o.offsets, ratio: seriesBand(rows, w) };
  }
  return {
    members,
    succeeded: members - failures.length,
    failures,
    time: first.time,
    groups,
    readouts,
    ...(orderEffect ? { orderEffect } : {}),
    claims,
  };
}

/** Support of each claim from the members' `holds:` and `effect:` columns. */
function claimSupport(
  column: (key: string) => Float64Array,
  readouts: Readonly<Record<string, Band>>,
): ClaimSupport[] {
  return STUDY_CLAIMS.map((c): ClaimSupport => {
    const holds = [...column(`holds:${c.id}`)].filter((v) => !Number.isNaN(v));
    const effect = readouts[`effect:${c.id}`];
    return {
      id: c.id,
      text: c.text,
      tested: holds.length,
      support: holds.length > 0 ? holds.reduce((s, v) => s + v, 0) / holds.length : Number.NaN,
      effectKind: c.effectKind,
      effectLabel: c.effectLabel,
      ...(effect ? { effect } : {}),
    };
  });
}

/** Run every member in this thread and summarise (see `runEnsembleMembers`, `combineEnsemble`). */
export function simulateEnsemble(
  model: CompiledModel,
  protocol: Protocol,
  options: EnsembleRunOptions,
): EnsembleResult {
  return combineEnsemble([runEnsembleMembers(model, protocol, options)]);
}
