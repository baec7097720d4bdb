/**
 * Exercise protocols: named groups of bouts on one time axis (minutes), validated once at the
 * boundary and then compiled to piecewise-constant input segments.
 */

/** The two kinds of exercise the models know. */
export type BoutKind = 'resistance' | 'endurance';

/** One bout of exercise. Times in minutes from the start of the simulated window. */
export interface Bout {
  readonly kind: BoutKind;
  readonly start: number;
  readonly duration: number;
  /** Resistance: relative load (1 = study protocol). Endurance: fraction of VO2max. */
  readonly intensity: number;
}

/** A group of the experiment: one exercise schedule. */
export interface Group {
  /** Short machine name (`re-ee`); used in CSV and URLs. */
  readonly id: string;
  /** Human label (`RE→EE`). */
  readonly label: string;
  readonly bouts: readonly Bout[];
}

/**
 * What a readout time is measured from: the end of the group's first resistance bout (the
 * paper's "3 h after RE", the default), the end of the group's whole workout (its last bout),
 * or the protocol's clock (minutes from `tStart`, the same time in every group).
 */
export type ReadoutAnchor = 'resistance-end' | 'workout-end' | 'clock';

/** The readout anchors, in display order; the first is the default. */
export const READOUT_ANCHORS: readonly ReadoutAnchor[] = Object.freeze([
  'resistance-end',
  'workout-end',
  'clock',
]);

/** When readouts are taken and over which windows cumulative MPS is summed. */
export interface ReadoutSpec {
  /**
   * Minutes after the anchor (the paper: 180 after the end of RE). With the `clock` anchor,
   * the readout's clock time itself (minutes from `tStart`).
   */
  readonly afterResistance: number;
  /** What `afterResistance` is measured from (default `resistance-end`). */
  readonly anchor?: ReadoutAnchor;
  /** AUC windows, minutes from the start of the group's first resistance bout (24 h, 48 h). */
  readonly aucWindows: readonly number[];
}

/** A whole experiment: groups on one simulated window. */
export interface Protocol {
  /** Simulated window, minutes. */
  readonly tStart: number;
  readonly tEnd: number;
  /** Id of the no-exercise group that fold changes divide by. */
  readonly controlGroup: string;
  readonly groups: readonly Group[];
  readonly readout: ReadoutSpec;
}

/** A protocol problem with the path of the offending field. */
export interface ProtocolIssue {
  /** e.g. `groups.3.bouts.1.duration` */
  readonly path: string;
  readonly message: string;
}

/** Thrown for an invalid protocol; carries every issue. */
export class ProtocolError extends Error {
  readonly issues: readonly ProtocolIssue[];
  constructor(issues: readonly ProtocolIssue[]) {
    super(`invalid protocol: ${issues.map((i) => `${i.message} (${i.path})`).join('; ')}`);
    this.name = 'ProtocolError';
    this.issues = issues;
  }
}

/** Limits on intensity by kind, taken from the model's inputs. */
export type IntensityLimits = Readonly<Record<BoutKind, { readonly min: number; readonly max: number }>>;

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Bounds on a protocol, checked before any work: a simulated window of at most 30 days, at
 * most 100 groups of at most 200 bouts each, and times within ±10⁷ minutes (19 years) of 0, so
 * no protocol (from a link, a file or a script) can ask for unbounded work or memory. The study
 * design uses 76 h, 5 groups and 2 bouts per group.
 */
export const PROTOCOL_LIMITS = Object.freeze({
  /** Longest simulated window, minutes (30 days). */
  maxSpan: 30 * 24 * 60,
  /** Most groups. */
  maxGroups: 100,
  /** Most bouts in one group. */
  maxBouts: 200,
  /** Largest |time| anywhere, minutes. */
  maxTime: 1e7,
  /** Longest group id or label, characters. */
  maxText: 200,
});

/**
 * Check a protocol and return every problem: non-positive durations, overlapping bouts, bouts
 * outside the window, bad ids, intensities outside the model's range.
 * Messages read like `invalid duration: -5 (bout 2 of group "RE→EE")`.
 */
export function protocolIssues(protocol: Protocol, limits?: IntensityLimits): ProtocolIssue[] {
  const issues: ProtocolIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const { tStart, tEnd } = protocol;
  const L = PROTOCOL_LIMITS;
  if (!Number.isFinite(tStart) || Math.abs(tStart) > L.maxTime)
    add('tStart', `invalid start time: ${tStart} (a finite number of minutes within ±${L.maxTime})`);
  if (!Number.isFinite(tEnd) || !(tEnd > tStart))
    add('tEnd', `invalid end time: ${tEnd} (must be > start ${tStart})`);
  else if (tEnd - tStart > L.maxSpan)
    add('tEnd', `simulated window too long: ${tEnd - tStart} min (at most ${L.maxSpan} min, 30 days)`);
  if (!Array.isArray(protocol.groups as unknown)) {
    add('groups', 'must be a list of groups');
    return issues;
  }
  if (protocol.groups.length === 0) add('groups', 'a protocol needs at least one group');
  if (protocol.groups.length > L.maxGroups) {
    add('groups', `too many groups: ${protocol.groups.length} (at most ${L.maxGroups})`);
    return issues;
  }
  const ids = new Set<string>();
  protocol.groups.forEach((g, gi) => {
    const gp = `groups.${gi}`;
    if (!Array.isArray(g.bouts as unknown)) {
      add(`${gp}.bouts`, 'must be a list of bouts');
      return;
    }
    if (g.bouts.length > L.maxBouts) {
      add(
        `${gp}.bouts`,
        `too many bouts: ${g.bouts.length} in group ${JSON.stringify(String(g.id).slice(0, 40))} (at most ${L.maxBouts})`,
      );
      return;
    }
    if (typeof g.id !== 'string' || g.id.length > L.maxText)
      add(`${gp}.id`, `invalid group id (a string of at most ${L.maxText} characters)`);
    else if (typeof g.label !== 'string' || g.label.length > L.maxText)
      add(`${gp}.label`, `invalid group label (a string of at most ${L.maxText} characters)`);
    else if (!ID_PATTERN.test(g.id))
      add(`${gp}.id`, `invalid group id: ${JSON.stringify(g.id)} (lower-case letters, digits, -)`);
    if (ids.has(g.id)) add(`${gp}.id`, `duplicate group id: "${g.id}"`);
    ids.add(g.id);
    const where = (bi: number) => `bout ${bi + 1} of group "${g.label || g.id}"`;
    g.bouts.forEach((b, bi) => {
      const bp = `${gp}.bouts.${bi}`;
      if (b.kind !== 'resistance' && b.kind !== 'endurance')
        add(`${bp}.kind`, `invalid kind: ${JSON.stringify(b.kind)} (${where(bi)})`);
      if (!Number.isFinite(b.start)) add(`${bp}.start`, `invalid start: ${b.start} (${where(bi)})`);
      if (!Number.isFinite(b.duration) || b.duration <= 0)
        add(`${bp}.duration`, `invalid duration: ${b.duration} (${where(bi)})`);
      if (!Number.isFinite(b.intensity) || b.intensity < 0)
        add(`${bp}.intensity`, `invalid intensity: ${b.intensity} (${where(bi)})`);
      else if (limits && (b.kind === 'resistance' || b.kind === 'endurance')) {
        const { min, max } = limits[b.kind];
        if (b.intensity < min || b.intensity > max) {
          add(`${bp}.intensity`, `intensity ${b.intensity} outside [${min}, ${max}] (${where(bi)})`);
        }
      }
      if (Number.isFinite(b.start) && Number.isFinite(b.duration) && b.duration > 0) {
        if (b.start < tStart || b.start + b.duration > tEnd) {
          add(
            `${bp}.start`,
            `bout outside the simulated window [${tStart}, ${tEnd}] min: ${b.start}–${b.start + b.duration} (${where(bi)})`,
          );
        }
      }
    });
    const sorted = g.bouts
      .map((b, bi) => ({ b, bi }))
      .filter(({ b }) => Number.isFinite(b.start) && b.duration > 0)
      .sort((x, y) => x.b.start - y.b.start);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (cur.b.start < prev.b.start + prev.b.duration) {
        add(
          `${gp}.bouts.${cur.bi}.start`,
          `bouts ${prev.bi + 1} and ${cur.bi + 1} overlap (group "${g.label || g.id}")`,
        );
      }
    }
  });
  if (!ids.has(protocol.controlGroup))
    add('controlGroup', `control group "${protocol.controlGroup}" is not one of the groups`);
  else {
    const control = protocol.groups.find((g) => g.id === protocol.controlGroup)!;
    if (control.bouts.length > 0)
      add('controlGroup', `control group "${protocol.controlGroup}" must have no bouts`);
  }
  const r = protocol.readout;
  if (!Number.isFinite(r.afterResistance) || r.afterResistance < 0) {
    add('readout.afterResistance', `invalid readout time: ${r.afterResistance}`);
  }
  if (r.anchor !== undefined && !READOUT_ANCHORS.includes(r.anchor)) {
    add(
      'readout.anchor',
      `invalid readout anchor: ${JSON.stringify(r.anchor)} (one of ${READOUT_ANCHORS.join(', ')})`,
    );
  }
  if (!Array.isArray(r.aucWindows as unknown) || r.aucWindows.length > 10) {
    add('readout.aucWindows', 'must be a list of at most 10 windows');
    return issues;
  }
  r.aucWindows.forEach((w, i) => {
    if (!Number.isFinite(w) || w <= 0) add(`readout.aucWindows.${i}`, `invalid AUC window: ${w}`);
  });
  return issues;
}

/** Validate and freeze; throws `ProtocolError` listing every issue. */
export function checkProtocol(protocol: Protocol, limits?: IntensityLimits): Protocol {
  const issues = protocolIssues(protocol, limits);
  if (issues.length > 0) throw new ProtocolError(issues);
  return protocol;
}

/** The anchor times of a group: where its readout is taken and where its AUC windows start. */
export interface GroupAnchors {
  /** Start of the group's first resistance bout (else its first bout, else the protocol's reference). */
  readonly aucStart: number;
  /** Readout time: the anchor (`anchorTime`) + `afterResistance`. */
  readonly readoutTime: number;
}

/**
 * The reference anchor for groups with no resistance bout: the first resistance bout of any
 * group, else the first bout of any group, else `tStart`.
 */
function referenceBout(protocol: Protocol): { start: number; end: number } {
  const all = protocol.groups.flatMap((g) => g.bouts);
  const re = all.filter((b) => b.kind === 'resistance').sort((a, b) => a.start - b.start)[0];
  const any = [...all].sort((a, b) => a.start - b.start)[0];
  const ref = re ?? any;
  return ref
    ? { start: ref.start, end: ref.start + ref.duration }
    : { start: protocol.tStart, end: protocol.tStart };
}

/**
 * Readout and AUC anchors for one group. Groups without resistance exercise (control, EE only)
 * use the protocol's first resistance bout, so "3 h after RE" means the same clock time as in
 * the RE groups; the fold vs control is always taken at the same clock time in both groups.
 */
export function groupAnchors(protocol: Protocol, group: Group): GroupAnchors {
  const re = group.bouts.filter((b) => b.kind === 'resistance').sort((a, b) => a.start - b.start)[0];
  const ref = re ? { start: re.start, end: re.start + re.duration } : referenceBout(protocol);
  const anchor = anchorTime(protocol, group, protocol.readout.anchor ?? 'resistance-end');
  return { aucStart: ref.start, readoutTime: anchor + protocol.readout.afterResistance };
}

/**
 * The time a readout anchor stands for in one group (minutes):
 * - `resistance-end`: the end of the group's first resistance bout; a group without one (control,
 *   EE only) uses the protocol's first resistance bout, so "3 h after RE" is one clock time;
 * - `workout-end`: the end of the group's last bout; a group without bouts (control) uses the
 *   latest bout end of any group;
 * - `clock`: `tStart` (the offset is then the clock time).
 */
export function anchorTime(protocol: Protocol, group: Group, anchor: ReadoutAnchor): number {
  switch (anchor) {
    case 'clock':
      return protocol.tStart;
    case 'workout-end': {
      const ends = (g: Group) => g.bouts.map((b) => b.start + b.duration);
      const own = ends(group);
      const all = protocol.groups.flatMap(ends);
      if (own.length > 0) return Math.max(...own);
      return all.length > 0 ? Math.max(...all) : protocol.tStart;
    }
    default: {
      const re = group.bouts.filter((b) => b.kind === 'resistance').sort((a, b) => a.start - b.start)[0];
      return re ? re.start + re.duration : referenceBout(protocol).end;
    }
  }
}

/** A stretch of time with constant inputs. */
export interface Segment {
  readonly t0: number;
  readonly t1: number;
  /** Input intensity by kind during the segment (0 = rest). */
  readonly resistance: number;
  readonly endurance: number;
}

/**
 * Split a group's schedule into constant-input segments covering [tStart, tEnd]. Every bout
 * boundary and every extra time in `breaks` (readouts, AUC window edges) starts a new segment,
 * so a solver restarted per segment can never step across an input switch.
 */
export function toSegments(protocol: Protocol, group: Group, breaks: readonly number[] = []): Segment[] {
  const { tStart, tEnd } = protocol;
  const times = new Set<number>([tStart, tEnd]);
  for (const b of group.bouts) {
    times.add(b.start);
    times.add(b.start + b.duration);
  }
  for (const t of breaks) if (t > tStart && t < tEnd) times.add(t);
  const sorted = [...times].filter((t) => t >= tStart && t <= tEnd).sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const t0 = sorted[i]!;
    const t1 = sorted[i + 1]!;
    if (!(t1 > t0)) continue;
    const mid = 0.5 * (t0 + t1);
    let resistance = 0;
    let endurance = 0;
    for (const b of group.bouts) {
      if (mid > b.start && mid < b.start + b.duration) {
        if (b.kind === 'resistance') resistance = b.intensity;
        else endurance = b.intensity;
      }
    }
    segments.push({ t0, t1, resistance, endurance });
  }
  return segments;
}
