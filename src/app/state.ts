/**
 * The app's scenario (model + parameter preset + protocol) and its codec to and from a URL query
 * string and a scenario file. Pure functions: no window, no location, no storage.
 *
 * Every field is decoded on its own: a malformed field yields one message naming the field and
 * the value, and falls back to its default without losing the other fields.
 */
import type { ModelSpec } from '../model/spec.ts';
import { PROTOCOL_PRESETS } from '../protocol/presets.ts';
import {
  type Bout,
  type Group,
  protocolIssues,
  READOUT_ANCHORS,
  type ReadoutAnchor,
} from '../protocol/protocol.ts';
import { modelSpec as getModel, hasModel, modelIds } from './model-registry.ts';

/** Protocol settings the control panel exposes. Minutes and fractions. */
export interface ScenarioSettings {
  /** Minutes between the end of the first bout and the start of the second (0–720). */
  gap: number;
  /** Endurance intensity, fraction of VO2max. */
  eeIntensity?: number;
  /** Endurance duration, minutes. */
  eeDuration?: number;
  /** Resistance load (1 = study protocol). */
  reIntensity?: number;
  /** Readout time, minutes after the anchor (default: the study's 180). URL key `at`. */
  afterResistance?: number;
  /** What the readout time is measured from (default: the end of RE). URL key `anchor`. */
  anchor?: ReadoutAnchor;
}

/** Everything needed to reproduce one run of the app. Shared with the explore panel. */
export interface AppScenario {
  /** Bundled model id, e.g. `concurrent-training`. */
  modelId: string;
  /** Parameter preset id of the model (`rat-study`, `human-apro2013`, …). */
  paramPreset: string;
  /** Parameter overrides on top of the preset. */
  params: Record<string, number>;
  /** Protocol preset id (`study`, `lift-then-run`, `run-morning-lift-night`). */
  protocolPreset: string;
  settings: ScenarioSettings;
  /** Set once the user edits bouts on the timeline; otherwise derived from the preset. */
  groups?: Group[];
  /** Ids of the groups drawn on the charts (all when absent). Control is always simulated. */
  shown?: string[];
  /**
   * Show the ensemble's uncertainty (bands, error bars, claim support). Absent: the view's
   * default — on in the normal view, off in presenter mode. URL key `unc` (`1` or `0`).
   */
  uncertainty?: boolean;
}

/** Whether uncertainty is shown: the scenario's choice, else on except in presenter mode. */
export function showsUncertainty(s: AppScenario, presenter: boolean): boolean {
  return s.uncertainty ?? !presenter;
}

/** One decoding problem: the field, the offending value and a readable message. */
export interface ScenarioFieldError {
  readonly field: string;
  readonly value: string;
  readonly message: string;
}

/** Result of decoding a scenario: always a usable scenario, plus what was wrong. */
export interface DecodedScenario {
  readonly scenario: AppScenario;
  readonly errors: readonly ScenarioFieldError[];
}

/** Limits of the settings, declared once (minutes / fractions). */
export const SETTING_LIMITS = Object.freeze({
  gap: { min: 0, max: 720, label: 'gap', unit: 'min' },
  eeIntensity: { min: 0.3, max: 1, label: 'EE intensity', unit: 'fraction of VO2max' },
  eeDuration: { min: 5, max: 180, label: 'EE duration', unit: 'min' },
  reIntensity: { min: 0.1, max: 2, label: 'RE load', unit: 'relative load' },
  afterResistance: { min: 0, max: 720, label: 'readout time', unit: 'min after RE' },
});

/** Id of the default parameter preset. */
export const DEFAULT_PARAM_PRESET = 'rat-study';

/** The study preset: what Reset returns to. A fresh object on every call. */
export function defaultScenario(): AppScenario {
  return {
    modelId: 'concurrent-training',
    paramPreset: DEFAULT_PARAM_PRESET,
    params: {},
    protocolPreset: 'study',
    settings: { gap: 0 },
  };
}

/** Deep copy of a scenario (groups and bouts included). */
export function cloneScenario(s: AppScenario): AppScenario {
  const out: AppScenario = {
    modelId: s.modelId,
    paramPreset: s.paramPreset,
    params: { ...s.params },
    protocolPreset: s.protocolPreset,
    settings: { ...s.settings },
  };
  if (s.groups) out.groups = s.groups.map((g) => ({ ...g, bouts: g.bouts.map((b) => ({ ...b })) }));
  if (s.shown) out.shown = [...s.shown];
  if (s.uncertainty !== undefined) out.uncertainty = s.uncertainty;
  return out;
}

/** Query keys. Parameters use `p.<name>`. */
const KEY = {
  model: 'model',
  preset: 'preset',
  protocol: 'protocol',
  gap: 'gap',
  eeIntensity: 'ee',
  eeDuration: 'eeDur',
  reIntensity: 're',
  afterResistance: 'at',
  group: 'g',
  shown: 'show',
  anchor: 'anchor',
  uncertainty: 'unc',
} as const;

const SETTING_KEYS = ['gap', 'eeIntensity', 'eeDuration', 'reIntensity', 'afterResistance'] as const;

function num(v: number): string {
  return String(Number(v.toPrecision(10)));
}

/** Compact text of one group: `id|R60/20/1,E80/60/0.7|label`. */
export function encodeGroup(g: Group): string {
  const bouts = g.bouts
    .map(
      (b) => `${b.kind === 'resistance' ? 'R' : 'E'}${num(b.start)}/${num(b.duration)}/${num(b.intensity)}`,
    )
    .join(',');
  return `${g.id}|${bouts}|${g.label}`;
}

/**
 * Parse one group from its compact text.
 * @throws Error with a message naming what is wrong
 */
export function decodeGroup(text: string): Group {
  const first = text.indexOf('|');
  const second = first < 0 ? -1 : text.indexOf('|', first + 1);
  if (first < 0 || second < 0) throw new Error('expected id|bouts|label');
  const id = text.slice(0, first);
  const boutText = text.slice(first + 1, second);
  const label = text.slice(second + 1) || id;
  const bouts: Bout[] = [];
  if (boutText !== '') {
    for (const part of boutText.split(',')) {
      const m = /^([RE])(-?[0-9.eE+-]+)\/([0-9.eE+-]+)\/([0-9.eE+-]+)$/.exec(part);
      if (!m) throw new Error(`bout "${part}" is not kind+start/duration/intensity (e.g. R60/20/1)`);
      const [start, duration, intensity] = [Number(m[2]), Number(m[3]), Number(m[4])];
      if (![start, duration, intensity].every(Number.isFinite))
        throw new Error(`bout "${part}" has a non-number`);
      bouts.push({ kind: m[1] === 'R' ? 'resistance' : 'endurance', start, duration, intensity });
    }
  }
  return { id, label, bouts };
}

/** Encode a scenario as URL query parameters; fields at their default are left out. */
export function encodeScenario(s: AppScenario): URLSearchParams {
  const q = new URLSearchParams();
  const d = defaultScenario();
  if (s.modelId !== d.modelId) q.set(KEY.model, s.modelId);
  if (s.paramPreset !== d.paramPreset) q.set(KEY.preset, s.paramPreset);
  if (s.protocolPreset !== d.protocolPreset) q.set(KEY.protocol, s.protocolPreset);
  q.set(KEY.gap, num(s.settings.gap));
  for (const k of SETTING_KEYS) {
    const v = s.settings[k];
    if (k !== 'gap' && v !== undefined) q.set(KEY[k], num(v));
  }
  for (const name of Object.keys(s.params).sort()) q.set(`p.${name}`, num(s.params[name]!));
  if (s.groups) for (const g of s.groups) q.append(KEY.group, encodeGroup(g));
  if (s.shown) q.set(KEY.shown, s.shown.join(','));
  if (s.settings.anchor !== undefined) q.set(KEY.anchor, s.settings.anchor);
  if (s.uncertainty !== undefined) q.set(KEY.uncertainty, s.uncertainty ? '1' : '0');
  return q;
}

/** Origin named in messages: `URL` or `file`. */
export type ScenarioOrigin = 'URL' | 'file';

function parseNumber(raw: string): number {
  const t = raw.trim();
  return t === '' ? Number.NaN : Number(t);
}

/**
 * Decode a scenario from URL query parameters (or a hash fragment without `#`). Unknown keys
 * are reported; each malformed field falls back to its default alone.
 */
export function decodeScenario(params: URLSearchParams | string): DecodedScenario {
  const q = typeof params === 'string' ? new URLSearchParams(params.replace(/^[?#]/, '')) : params;
  const raw: RawScenario = {
    settings: {},
    params: {},
  };
  const errors: ScenarioFieldError[] = [];
  const known = new Set<string>([...Object.values(KEY), 'presenter']);
  for (const [key, value] of q) {
    if (key.startsWith('p.')) raw.params[key.slice(2)] = value;
    else if (!known.has(key)) {
      errors.push({ field: key, value, message: `URL: unknown field "${key}" = "${value}" — ignored` });
    }
  }
  if (q.has(KEY.model)) raw.modelId = q.get(KEY.model)!;
  if (q.has(KEY.preset)) raw.paramPreset = q.get(KEY.preset)!;
  if (q.has(KEY.protocol)) raw.protocolPreset = q.get(KEY.protocol)!;
  for (const k of SETTING_KEYS) if (q.has(KEY[k])) raw.settings[k] = q.get(KEY[k])!;
  if (q.has(KEY.group)) raw.groups = q.getAll(KEY.group);
  if (q.has(KEY.shown))
    raw.shown = q
      .get(KEY.shown)!
      .split(',')
      .filter((x) => x !== '');
  if (q.has(KEY.anchor)) raw.settings.anchor = q.get(KEY.anchor)!;
  if (q.has(KEY.uncertainty)) {
    const u = q.get(KEY.uncertainty)!;
    raw.uncertainty = u === '1' ? true : u === '0' ? false : u;
  }
  const decoded = normalizeScenario(raw, 'URL');
  return { scenario: decoded.scenario, errors: [...errors, ...decoded.errors] };
}

/** Loosely typed scenario fields before checking (strings from a URL or values from a file). */
interface RawScenario {
  modelId?: unknown;
  paramPreset?: unknown;
  protocolPreset?: unknown;
  settings: Record<string, unknown>;
  params: Record<string, unknown>;
  /** Compact group strings (URL) or group objects (file). */
  groups?: unknown;
  shown?: unknown;
  uncertainty?: unknown;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseNumber(v);
  return Number.NaN;
}

/** Check every field of a raw scenario; each bad field falls back alone. */
function normalizeScenario(raw: RawScenario, origin: ScenarioOrigin): DecodedScenario {
  const s = defaultScenario();
  const errors: ScenarioFieldError[] = [];
  const fail = (field: string, value: unknown, problem: string, fallback: string) => {
    errors.push({
      field,
      value: show(value),
      message: `${origin}: ${field} "${show(value)}" ${problem} — ${fallback}`,
    });
  };

  if (raw.modelId !== undefined) {
    if (typeof raw.modelId === 'string' && hasModel(raw.modelId)) s.modelId = raw.modelId;
    else
      fail(
        'model',
        raw.modelId,
        `is not a bundled or opened model (${modelIds().join(', ')})`,
        `using ${s.modelId}`,
      );
  }
  const spec: ModelSpec = getModel(s.modelId);

  if (raw.paramPreset !== undefined) {
    const ids = Object.keys(spec.parameterPresets);
    if (typeof raw.paramPreset === 'string' && ids.includes(raw.paramPreset)) s.paramPreset = raw.paramPreset;
    else
      fail(
        'preset',
        raw.paramPreset,
        `is not a parameter preset (${ids.join(', ')})`,
        `using ${s.paramPreset}`,
      );
  }
  if (raw.protocolPreset !== undefined) {
    const ids = Object.keys(PROTOCOL_PRESETS);
    if (typeof raw.protocolPreset === 'string' && ids.includes(raw.protocolPreset)) {
      s.protocolPreset = raw.protocolPreset;
    } else
      fail(
        'protocol',
        raw.protocolPreset,
        `is not a protocol preset (${ids.join(', ')})`,
        `using ${s.protocolPreset}`,
      );
  }

  for (const k of SETTING_KEYS) {
    const v = raw.settings[k];
    if (v === undefined) continue;
    const field = k === 'gap' ? 'gap' : KEY[k];
    const lim = SETTING_LIMITS[k];
    const x = toNumber(v);
    const fallback = k === 'gap' ? `using ${s.settings.gap}` : 'using the default';
    if (!Number.isFinite(x)) fail(field, v, 'is not a number', fallback);
    else if (x < lim.min || x > lim.max)
      fail(field, v, `is outside [${lim.min}, ${lim.max}] ${lim.unit}`, fallback);
    else s.settings[k] = x;
  }

  for (const [name, v] of Object.entries(raw.params)) {
    const p = spec.parameters[name];
    const field = `p.${name}`;
    const x = toNumber(v);
    if (!p) fail(field, v, `is not a parameter of model ${spec.id}`, 'ignored');
    else if (!Number.isFinite(x)) fail(field, v, 'is not a number', `using the preset value`);
    else if (x < p.min || x > p.max)
      fail(field, v, `is outside [${p.min}, ${p.max}] ${p.unit}`, 'using the preset value');
    else s.params[name] = x;
  }

  if (raw.groups !== undefined) {
    const groups = decodeGroups(raw.groups, spec);
    if (typeof groups === 'string') fail('groups', raw.groups, groups, 'using the preset groups');
    else s.groups = groups;
  }

  const anchor = raw.settings.anchor;
  if (anchor !== undefined) {
    if (typeof anchor === 'string' && (READOUT_ANCHORS as readonly string[]).includes(anchor))
      s.settings.anchor = anchor as ReadoutAnchor;
    else
      fail(
        'anchor',
        anchor,
        `is not a readout anchor (${READOUT_ANCHORS.join(', ')})`,
        'using resistance-end',
      );
  }
  if (raw.uncertainty !== undefined) {
    if (typeof raw.uncertainty === 'boolean') s.uncertainty = raw.uncertainty;
    else fail('unc', raw.uncertainty, 'is not 1 or 0', "using the view's default");
  }

  if (raw.shown !== undefined) {
    if (Array.isArray(raw.shown) && raw.shown.every((x) => typeof x === 'string' && /^[a-z0-9-]+$/.test(x))) {
      s.shown = [...raw.shown] as string[];
    } else fail('show', raw.shown, 'is not a list of group ids', 'showing every group');
  }
  return { scenario: s, errors };
}

/** Groups from compact strings or objects, checked as a protocol; a message when invalid. */
function decodeGroups(value: unknown, spec: ModelSpec): Group[] | string {
  if (!Array.isArray(value) || value.length === 0) return 'is not a list of groups';
  const groups: Group[] = [];
  for (const item of value) {
    if (typeof item === 'string') {
      try {
        groups.push(decodeGroup(item));
      } catch (e) {
        return `is malformed: ${(e as Error).message}`;
      }
    } else {
      const g = groupFromObject(item);
      if (typeof g === 'string') return `is malformed: ${g}`;
      groups.push(g);
    }
  }
  if (!groups.some((g) => g.id === 'control' && g.bouts.length === 0))
    return 'has no "control" group without bouts';
  const limits = inputLimits(spec);
  const end = Math.max(76 * 60, ...groups.flatMap((g) => g.bouts.map((b) => b.start + b.duration + 2880)));
  const issues = protocolIssues(
    {
      tStart: 0,
      tEnd: end,
      controlGroup: 'control',
      groups,
      readout: { afterResistance: 180, aucWindows: [1440] },
    },
    limits,
  );
  if (issues.length > 0) return `is invalid: ${issues[0]!.message}`;
  return groups;
}

function groupFromObject(o: unknown): Group | string {
  if (typeof o !== 'object' || o === null) return 'a group must be an object';
  const g = o as Record<string, unknown>;
  if (typeof g.id !== 'string') return 'group id must be a string';
  if (!Array.isArray(g.bouts)) return `bouts of group "${g.id}" must be a list`;
  const bouts: Bout[] = [];
  for (const b of g.bouts as unknown[]) {
    const x = (b ?? {}) as Record<string, unknown>;
    if (x.kind !== 'resistance' && x.kind !== 'endurance')
      return `bout kind ${show(x.kind)} in group "${g.id}"`;
    const [start, duration, intensity] = [x.start, x.duration, x.intensity];
    if (![start, duration, intensity].every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return `bout times and intensity in group "${g.id}" must be numbers`;
    }
    bouts.push({
      kind: x.kind,
      start: start as number,
      duration: duration as number,
      intensity: intensity as number,
    });
  }
  return { id: g.id, label: typeof g.label === 'string' && g.label !== '' ? g.label : g.id, bouts };
}

/** Intensity limits of a model spec's inputs, by bout kind. */
export function inputLimits(spec: ModelSpec) {
  const lim = (kind: 'resistance' | 'endurance') => {
    const input = Object.values(spec.inputs).find((i) => i.kind === kind);
    return input
      ? { min: input.minIntensity, max: input.maxIntensity }
      : { min: 0, max: Number.POSITIVE_INFINITY };
  };
  return { resistance: lim('resistance'), endurance: lim('endurance') };
}

/** Format tag of scenario files. */
export const SCENARIO_FILE_FORMAT = 'exercise-order-lab-scenario';

/** A scenario as a downloadable JSON document. */
export function scenarioToJson(s: AppScenario): string {
  return `${JSON.stringify({ format: SCENARIO_FILE_FORMAT, version: 1, scenario: s }, null, 2)}\n`;
}

/**
 * Read a scenario file. Never throws: a file that is not JSON or not a scenario yields the
 * default scenario and one error; bad fields fall back one by one, as for URLs.
 */
export function scenarioFromJson(text: string): DecodedScenario {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fileError('file', text.slice(0, 40), `is not JSON (${(e as Error).message})`);
  }
  const o = (doc ?? {}) as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null || o.format !== SCENARIO_FILE_FORMAT) {
    return fileError('format', show(o.format), `is not "${SCENARIO_FILE_FORMAT}"`);
  }
  const sc = o.scenario as Record<string, unknown> | undefined;
  if (typeof sc !== 'object' || sc === null) return fileError('scenario', show(sc), 'is not an object');
  const settings = typeof sc.settings === 'object' && sc.settings !== null ? sc.settings : {};
  const params = typeof sc.params === 'object' && sc.params !== null ? sc.params : {};
  return normalizeScenario(
    {
      modelId: sc.modelId,
      paramPreset: sc.paramPreset,
      protocolPreset: sc.protocolPreset,
      settings: settings as Record<string, unknown>,
      params: params as Record<string, unknown>,
      groups: sc.groups,
      shown: sc.shown,
      uncertainty: sc.uncertainty,
    },
    'file',
  );
}

function fileError(field: string, value: string, problem: string): DecodedScenario {
  return {
    scenario: defaultScenario(),
    errors: [{ field, value, message: `file: ${field} "${value}" ${problem} — using the study preset` }],
  };
}
