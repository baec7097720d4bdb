/**
 * The scenario controls at the top of the control panel: protocol preset, parameter preset,
 * which groups are shown (the order comparison), the gap between bouts and the endurance bout's
 * intensity and duration, and the readout time after RE. Presenter mode keeps only the groups, the
 * gap, the EE intensity and the readout time.
 */
import { formatClockH } from '../chart/format.ts';
import type { ModelSpec } from '../model/spec.ts';
import { PROTOCOL_PRESETS } from '../protocol/presets.ts';
import { type Protocol, READOUT_ANCHORS, type ReadoutAnchor } from '../protocol/protocol.ts';
import { h, replace } from './dom.ts';
import { modelIds, modelSpec } from './model-registry.ts';
import { presetSelect } from './params-panel.ts';
import { type AppScenario, SETTING_LIMITS } from './state.ts';

/** Changes the scenario panel reports. */
export interface ScenarioPanelOptions {
  readonly spec: ModelSpec;
  readonly onProtocolPreset: (id: string) => void;
  readonly onParamPreset: (id: string) => void;
  readonly onShown: (ids: string[]) => void;
  /** A setting changed; `gap` rebuilds the preset's groups. */
  readonly onSetting: (key: 'gap' | 'eeIntensity' | 'eeDuration' | 'afterResistance', value: number) => void;
  /** A model was chosen in the model switcher. */
  readonly onModel: (id: string) => void;
  /** The readout anchor was chosen. */
  readonly onAnchor: (anchor: ReadoutAnchor) => void;
}

/** The readout anchors in words (the select's options and the readout slider's label). */
export const ANCHOR_WORDS: Readonly<Record<ReadoutAnchor, { option: string; slider: string }>> = {
  'resistance-end': { option: 'after the end of RE (the study)', slider: 'Readout time after RE' },
  'workout-end': { option: 'after the end of the whole workout', slider: 'Readout time after the workout' },
  clock: { option: 'at a clock time (same in every group)', slider: 'Readout at clock time' },
};

/** A mounted scenario panel. */
export interface ScenarioPanel {
  update(s: AppScenario, protocol: Protocol, effective: { eeIntensity: number; eeDuration: number }): void;
  /** The model changed: rebuild the model list and the parameter presets. */
  setModel(spec: ModelSpec): void;
}

function slider(
  id: string,
  label: string,
  range: { min: number; max: number; step: number },
  format: (v: number) => string,
  onInput: (v: number) => void,
  extraClass = '',
) {
  const input = h('input', { type: 'range', id, min: range.min, max: range.max, step: range.step });
  const out = h('output', { for: id, id: `${id}-value` });
  input.addEventListener('input', () => {
    out.textContent = format(Number(input.value));
    onInput(Number(input.value));
  });
  const root = h(
    'div',
    { class: `field slider-field ${extraClass}` },
    h('div', { class: 'field-head' }, h('label', { for: id }, label), out),
    input,
  );
  return {
    root,
    set(v: number) {
      if (document.activeElement !== input) input.value = String(v);
      out.textContent = format(v);
      input.setAttribute('aria-valuetext', format(v));
    },
  };
}

/** Mount the scenario controls into `container`. */
export function mountScenarioPanel(container: HTMLElement, o: ScenarioPanelOptions): ScenarioPanel {
  const protoSelect = h(
    'select',
    { id: 'protocol-preset', onchange: () => o.onProtocolPreset(protoSelect.value) },
    ...Object.entries(PROTOCOL_PRESETS).map(([id, p]) => h('option', { value: id }, p.label)),
  );
  const modelSelect = h('select', { id: 'model-select', onchange: () => o.onModel(modelSelect.value) });
  const modelDesc = h('p', { class: 'hint', id: 'model-desc' });
  modelSelect.setAttribute('aria-describedby', 'model-desc');
  const fillModels = (current: ModelSpec) => {
    replace(modelSelect, ...modelIds().map((id) => h('option', { value: id }, modelSpec(id).name)));
    modelSelect.value = current.id;
    modelDesc.textContent = current.description.split('. ')[0] ?? '';
  };
  fillModels(o.spec);
  const modelField = h(
    'div',
    { class: 'field' },
    h('label', { for: 'model-select' }, 'Model'),
    modelSelect,
    modelDesc,
  );
  let params = presetSelect(o.spec, o.onParamPreset);
  const anchorSelect = h(
    'select',
    { id: 'readout-anchor', onchange: () => o.onAnchor(anchorSelect.value as ReadoutAnchor) },
    ...READOUT_ANCHORS.map((a) => h('option', { value: a }, ANCHOR_WORDS[a].option)),
  );
  const anchorField = h(
    'div',
    // Not kept in presenter mode: the projector's strip of controls stays one row high.
    { class: 'field' },
    h('label', { for: 'readout-anchor' }, 'Readout measured'),
    anchorSelect,
  );
  const groupsBox = h('fieldset', { class: 'groups-shown presenter-keep', id: 'groups-shown' });
  const gl = SETTING_LIMITS;
  const gap = slider(
    'gap',
    'Gap between bouts',
    { min: gl.gap.min, max: gl.gap.max, step: 15 },
    formatClockH,
    (v) => o.onSetting('gap', v),
    'presenter-keep',
  );
  const eeI = slider(
    'ee-intensity',
    'EE intensity (% VO2max)',
    { min: gl.eeIntensity.min, max: gl.eeIntensity.max, step: 0.05 },
    (v) => `${Math.round(v * 100)}%`,
    (v) => o.onSetting('eeIntensity', v),
    'presenter-keep',
  );
  showIntensityBand(eeI.root, undefined);
  const eeD = slider(
    'ee-duration',
    'EE duration',
    { min: gl.eeDuration.min, max: gl.eeDuration.max, step: 5 },
    formatClockH,
    (v) => o.onSetting('eeDuration', v),
  );
  const at = slider(
    'readout-at',
    'Readout time after RE',
    { min: gl.afterResistance.min, max: gl.afterResistance.max, step: 15 },
    formatClockH,
    (v) => o.onSetting('afterResistance', v),
    'presenter-keep',
  );
  container.append(
    modelField,
    h('div', { class: 'field' }, h('label', { for: 'protocol-preset' }, 'Protocol'), protoSelect),
    params.root,
    groupsBox,
    gap.root,
    eeI.root,
    eeD.root,
    anchorField,
    at.root,
  );
  const atLabel = at.root.querySelector('label')!;
  let shownKey = '';
  return {
    setModel(spec) {
      fillModels(spec);
      const next = presetSelect(spec, o.onParamPreset);
      params.root.replaceWith(next.root);
      params = next;
    },
    update(s, protocol, effective) {
      protoSelect.value = s.protocolPreset;
      const anchor = s.settings.anchor ?? 'resistance-end';
      anchorSelect.value = anchor;
      atLabel.textContent = ANCHOR_WORDS[anchor].slider;
      params.update(s.paramPreset);
      gap.set(s.settings.gap);
      eeI.set(effective.eeIntensity);
      eeD.set(effective.eeDuration);
      at.set(protocol.readout.afterResistance);
      const groups = protocol.groups.filter((g) => g.id !== protocol.controlGroup);
      const shown = new Set(s.shown ?? groups.map((g) => g.id));
      const key = groups.map((g) => `${g.id}:${g.label}`).join('|');
      if (key === shownKey) {
        for (const cb of groupsBox.querySelectorAll<HTMLInputElement>('input'))
          cb.checked = shown.has(cb.value);
        return;
      }
      shownKey = key;
      const boxes = groups.map((g) => {
        const cb = h('input', {
          type: 'checkbox',
          id: `show-${g.id}`,
          value: g.id,
          checked: shown.has(g.id),
        });
        cb.addEventListener('change', () => {
          const ids = [...groupsBox.querySelectorAll<HTMLInputElement>('input:checked')].map((x) => x.value);
          o.onShown(ids);
        });
        return h('label', { class: 'check', for: `show-${g.id}` }, cb, ` ${g.label}`);
      });
      replace(groupsBox, h('legend', {}, 'Groups to compare (control is the reference)'), ...boxes);
    },
  };
}

/**
 * Mark the study intensities where T1–T9 hold on the EE intensity slider: a strip under the
 * slider spanning each interval, with the interval in words (numbers from the scan). `undefined`
 * removes it (e.g. while it is being computed, or when the scan failed).
 */
export function showIntensityBand(
  field: HTMLElement,
  band: { readonly intervals: readonly { readonly from: number; readonly to: number }[] } | undefined,
  limits: { readonly min: number; readonly max: number } = SETTING_LIMITS.eeIntensity,
): void {
  const span = limits.max - limits.min;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const strip = h('div', { class: 'intensity-band-strip', 'aria-hidden': 'true' });
  for (const iv of band?.intervals ?? []) {
    const from = Math.max(limits.min, iv.from);
    const to = Math.min(limits.max, iv.to);
    if (!(to >= from)) continue;
    const seg = h('span', { class: 'intensity-band-segment' });
    seg.style.left = `${((from - limits.min) / span) * 100}%`;
    seg.style.width = `${Math.max(0.5, ((to - from) / span) * 100)}%`;
    strip.append(seg);
  }
  const words = !band
    ? 'Finding the study intensities where T1–T9 hold…'
    : band.intervals.length === 0
      ? 'T1–T9 hold at no study intensity with these parameters.'
      : `T1–T9 hold for a study run at ${band.intervals.map((iv) => `${pct(iv.from)}–${pct(iv.to)}`).join(' and ')} VO2max.`;
  const text = h('p', { class: 'hint', ...(band ? { id: 'intensity-band-text' } : {}) }, words);
  const box = field.querySelector('.intensity-band');
  const next = h('div', { class: 'intensity-band', id: 'intensity-band' }, strip, text);
  if (box) box.replaceWith(next);
  else field.append(next);
}
