/**
 * The app's scenario (model + parameter preset + protocol) and its codec to and from a URL query
 * string and a scenario file. Pure functions: no window, no location, no storage.
 *
 * Every field is decoded on its own: a malformed field yields one message naming the field and
 * the value, and falls back to its default without losing the other fields.
 */
import type { ModelSpec } from '../model/spec.ts';
import { PROTOCOL_PRESETS } from '../protocol/presets.ts';
import { type Group, protocolIssues, READOUT_ANCHORS, type ReadoutAnchor } from '../protocol/protocol.ts';
import { buildProtocol } from '../simulate/scenario.ts';
import { modelSpec as getModel, hasModel, modelIds } from './model-registry.ts';
import {
  bareRecord,
  checkGroupShapes,
  lastBoutEnd,
  ownEntries,
  parseGroupText,
  SCENARIO_BOUNDS,
  SETTING_KEYS,
  SETTING_LIMITS,
  settingSchema,
  shownSchema,
} from './scenario-schema.ts';

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
  /** Where the value came from: a link (`URL`), the browser's saved copy or a scenario file. */
  readonly origin?: ScenarioOrigin;
  readonly message: string;
}

/** Result of decoding a scenario: always a usable scenario, plus what was wrong. */
export interface DecodedScenario {
  readonly scenario: AppScenario;
  readonly errors: readonly ScenarioFieldError[];
}

export { SCENARIO_BOUNDS, SETTING_LIMITS } from './scenario-schema.ts';

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
 * Parse one group from its compact text (bounds and shape checked: no more bouts than
 * `SCENARIO_BOUNDS.boutsPerGroup`, a plain label).
 * @throws Error with a message naming what is wrong
 */
export function decodeGroup(text: string): Group {
  const g = checkGroupShapes([parseGroupText(text)]);
  if (typeof g === 'string') throw new Error(g);
  return g[0]!;
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

/** Origin named in messages: `URL` (a link), `Saved state` (the browser's saved copy) or `file`. */
export type ScenarioOrigin = 'URL' | 'Saved state' | 'file';

function parseNumber(raw: string): number {
  const t = raw.trim();
  return t === '' ? Number.NaN : Number(t);
}

/**
 * Decode a scenario from URL query parameters (or a hash fragment without `#`). Unknown keys
 * are reported; each malformed field falls back to its default alone. Never throws; a text
 * longer than `SCENARIO_BOUNDS.queryLength` is refused whole.
 * @param origin where the text came from, for messages (default: a link, `URL`)
 */
export function decodeScenario(
  params: URLSearchParams | string,
  origin: ScenarioOrigin = 'URL',
): DecodedScenario {
  if (typeof params === 'string' && params.length > SCENARIO_BOUNDS.queryLength) {
    return {
      scenario: defaultScenario(),
      errors: [
        {
          field: 'address',
          value: `${params.slice(0, 40)}…`,
          origin,
          message: `${origin}: the scenario text is ${params.length} characters, more than ${SCENARIO_BOUNDS.queryLength} — using the study preset`,
        },
      ],
    };
  }
  const q = typeof params === 'string' ? new URLSearchParams(params.replace(/^[?#]/, '')) : params;
  const raw: RawScenario = { settings: bareRecord(), params: bareRecord() };
  const errors: ScenarioFieldError[] = [];
  const known = new Set<string>([...Object.values(KEY), 'presenter']);
  const groupTexts: string[] = [];
  let fields = 0;
  for (const [key, value] of q) {
    if (++fields > SCENARIO_BOUNDS.queryFields) {
      errors.push(
        fieldError(origin, key, value, `is past the first ${SCENARIO_BOUNDS.queryFields} fields`, 'ignored'),
      );
      break;
    }
    if (key.startsWith('p.')) raw.params[key.slice(2)] = value;
    else if (key === KEY.group) groupTexts.push(value);
    else if (!known.has(key)) {
      errors.push({
        field: key,
        value,
        origin,
        message: `${origin}: unknown field "${clip(key)}" = "${clip(value)}" — ignored`,
      });
    }
  }
  if (q.has(KEY.model)) raw.modelId = q.get(KEY.model)!;
  if (q.has(KEY.preset)) raw.paramPreset = q.get(KEY.preset)!;
  if (q.has(KEY.protocol)) raw.protocolPreset = q.get(KEY.protocol)!;
  for (const k of SETTING_KEYS) if (q.has(KEY[k])) raw.settings[k] = q.get(KEY[k])!;
  if (groupTexts.length > 0) raw.groups = groupTexts;
  if (q.has(KEY.shown))
    raw.shown = q
      .get(KEY.shown)!
      .split(',', SCENARIO_BOUNDS.groups + 1)
      .filter((x) => x !== '');
  if (q.has(KEY.anchor)) raw.settings.anchor = q.get(KEY.anchor)!;
  if (q.has(KEY.uncertainty)) {
    const u = q.get(KEY.uncertainty)!;
    raw.uncertainty = u === '1' ? true : u === '0' ? false : u;
  }
  const decoded = normalizeScenario(raw, origin);
  return { scenario: decoded.scenario, errors: boundMessages([...errors, ...decoded.errors], origin) };
}

/** Keep the first few messages and count the rest, so a fuzzed link cannot flood the page. */
function boundMessages(errors: ScenarioFieldError[], origin: ScenarioOrigin): ScenarioFieldError[] {
  const n = SCENARIO_BOUNDS.messages;
  if (errors.length <= n) return errors;
  const rest = errors.length - n;
  return [
    ...errors.slice(0, n),
    { field: '…', value: String(rest), origin, message: `${origin}: ${rest} more problems — ignored` },
  ];
}

/** Loosely typed scenario fields before checking (strings from a URL or values from a file). */
interface RawScenario {
  modelId?: unknown;
  paramPreset?: unknown;
  protocolPreset?: unknown;
  /** Prototype-free records: only own keys are ever found. */
  settings: Record<string, unknown>;
  params: Record<string, unknown>;
  /** Compact group strings (URL) or group objects (file). */
  groups?: unknown;
  shown?: unknown;
  uncertainty?: unknown;
}

/** At most 80 characters of a value, for messages. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function show(v: unknown): string {
  if (typeof v === 'string') return clip(v);
  try {
    return clip(JSON.stringify(v) ?? String(v));
  } catch {
    return clip(String(v));
  }
}

function fieldError(
  origin: ScenarioOrigin,
  field: string,
  value: unknown,
  problem: string,
  fallback: string,
): ScenarioFieldError {
  const v = show(value);
  return { field, value: v, origin, message: `${origin}: ${clip(field)} "${v}" ${problem} — ${fallback}` };
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
    errors.push(fieldError(origin, field, value, problem, fallback));
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
    if (!Object.hasOwn(raw.settings, k)) continue;
    const v = raw.settings[k];
    const field = k === 'gap' ? 'gap' : KEY[k];
    const lim = SETTING_LIMITS[k];
    const x = toNumber(v);
    const fallback = k === 'gap' ? `using ${s.settings.gap}` : 'using the default';
    const checked = settingSchema(k).safeParse(x);
    if (checked.success) s.settings[k] = checked.data;
    else if (!Number.isFinite(x)) fail(field, v, 'is not a number', fallback);
    else fail(field, v, `is outside [${lim.min}, ${lim.max}] ${lim.unit}`, fallback);
  }

  for (const [name, v] of Object.entries(raw.params)) {
    const field = `p.${name}`;
    // Only the model's own parameters: `constructor`, `toString`, `__proto__` are not parameters.
    const p = Object.hasOwn(spec.parameters, name) ? spec.parameters[name] : undefined;
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
    const shown = shownSchema.safeParse(raw.shown);
    if (!shown.success) fail('show', raw.shown, 'is not a list of group ids', 'showing every group');
    else {
      const ids = new Set((s.groups ?? presetGroups(s)).map((g) => g.id));
      const unknown = shown.data.filter((id) => !ids.has(id));
      if (unknown.length > 0)
        fail(
          'show',
          unknown.join(','),
          `names no group of this protocol (${[...ids].join(', ')})`,
          'left out',
        );
      const kept = shown.data.filter((id) => ids.has(id));
      // Only unknown ids: show every group rather than none.
      if (kept.length > 0 || shown.data.length === 0) s.shown = kept;
    }
  }
  return { scenario: s, errors };
}

/** The groups of a scenario's protocol preset (no edited groups). */
function presetGroups(s: AppScenario): readonly Group[] {
  try {
    return buildProtocol({ spec: getModel(s.modelId) }, s.protocolPreset, s.settings, s.paramPreset).groups;
  } catch {
    return [];
  }
}

/** Groups from compact strings or objects, checked as a protocol; a message when invalid. */
function decodeGroups(value: unknown, spec: ModelSpec): Group[] | string {
  if (!Array.isArray(value) || value.length === 0) return 'is not a list of groups';
  if (value.length > SCENARIO_BOUNDS.groups) return `holds more than ${SCENARIO_BOUNDS.groups} groups`;
  const items: unknown[] = [];
  for (const item of value) {
    if (typeof item !== 'string') {
      items.push(item);
      continue;
    }
    try {
      items.push(parseGroupText(item));
    } catch (e) {
      return `is malformed: ${(e as Error).message}`;
    }
  }
  const groups = checkGroupShapes(items);
  if (typeof groups === 'string') return groups;
  if (!groups.some((g) => g.id === 'control' && g.bouts.length === 0))
    return 'has no "control" group without bouts';
  const limits = inputLimits(spec);
  const end = Math.max(76 * 60, lastBoutEnd(groups) + 2880);
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
  if (text.length > SCENARIO_BOUNDS.queryLength * 10) {
    return fileError(
      'file',
      `${text.length} characters`,
      `is larger than ${SCENARIO_BOUNDS.queryLength * 10} characters`,
    );
  }
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
  // Copied into prototype-free records: own keys only (`constructor`, `__proto__` name nothing).
  const settings = bareRecord<unknown>();
  for (const [k, v] of ownEntries(sc.settings)) settings[k] = v;
  const params = bareRecord<unknown>();
  for (const [k, v] of ownEntries(sc.params)) params[k] = v;
  const decoded = normalizeScenario(
    {
      modelId: sc.modelId,
      paramPreset: sc.paramPreset,
      protocolPreset: sc.protocolPreset,
      settings,
      params,
      groups: sc.groups,
      shown: sc.shown,
      uncertainty: sc.uncertainty,
    },
    'file',
  );
  return { scenario: decoded.scenario, errors: boundMessages([...decoded.errors], 'file') };
}

function fileError(field: string, value: string, problem: string): DecodedScenario {
  return {
    scenario: defaultScenario(),
    errors: [
      {
        field,
        value,
        origin: 'file',
        message: `file: ${field} "${value}" ${problem} — using the study preset`,
      },
    ],
  };
}
