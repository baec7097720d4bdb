/**
 * The scenario controls at the top of the control panel: protocol preset, parameter preset,
 * which groups are shown (the order comparison), the gap between bouts and the endurance bout's
 * intensity and duration, and the readout time after RE. Presenter mode keeps only the groups, the
 * gap, the EE intensity and the readout time.
 */
import { formatClockH } from '../chart/format.ts';
import type { ModelSpec } from '../model/spec.ts';
import { PROTOCOL_PRESETS } from '../protocol/presets.ts';
import type { Protocol } from '../protocol/protocol.ts';
import { h, replace } from './dom.ts';
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
}

/** A mounted scenario panel. */
export interface ScenarioPanel {
  update(s: AppScenario, protocol: Protocol, effective: { eeIntensity: number; eeDuration: number }): void;
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
  const params = presetSelect(o.spec, o.onParamPreset);
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
    h('div', { class: 'field' }, h('label', { for: 'protocol-preset' }, 'Protocol'), protoSelect),
    params.root,
    groupsBox,
    gap.root,
    eeI.root,
    eeD.root,
    at.root,
  );
  let shownKey = '';
  return {
    update(s, protocol, effective) {
      protoSelect.value = s.protocolPreset;
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
