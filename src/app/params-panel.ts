/**
 * The parameter panel, generated from the model file's parameter metadata: label, unit, range,
 * linear or log slider, a typed number, a one-line meaning and a reset per parameter, plus the
 * parameter-preset select with the preset's description.
 */
import type { ModelSpec } from '../model/spec.ts';
import { h, uniqueId } from './dom.ts';
import { checkTyped, formatValue, fromPosition, SLIDER_STEPS, toPosition } from './slider-scale.ts';

/** Callbacks of the parameter panel. */
export interface ParamsPanelOptions {
  readonly spec: ModelSpec;
  /** A parameter was set (a number) or reset (`undefined`). */
  readonly onParam: (name: string, value: number | undefined) => void;
}

/** What the app can do with a mounted panel. */
export interface ParamsPanel {
  /** Show these effective values; `overridden` names differ from the preset. */
  update(values: Readonly<Record<string, number>>, preset: string, overridden: ReadonlySet<string>): void;
  /** Highlight the parameter blamed for a solver failure (or none). */
  highlight(name: string | undefined, message?: string): void;
}

interface Row {
  readonly root: HTMLElement;
  readonly slider: HTMLInputElement;
  readonly text: HTMLInputElement;
  readonly message: HTMLElement;
  readonly reset: HTMLButtonElement;
}

/** Build the parameter-preset select (with description) for the scenario panel. */
export function presetSelect(spec: ModelSpec, onPreset: (id: string) => void) {
  const id = uniqueId('param-preset');
  const descId = `${id}-desc`;
  const select = h(
    'select',
    { id, 'aria-describedby': descId, onchange: () => onPreset(select.value) },
    ...Object.entries(spec.parameterPresets).map(([pid, p]) => h('option', { value: pid }, p.label)),
  );
  const desc = h('p', { id: descId, class: 'hint' });
  const root = h('div', { class: 'field' }, h('label', { for: id }, 'Parameter preset'), select, desc);
  return {
    root,
    update(preset: string) {
      select.value = preset;
      desc.textContent = spec.parameterPresets[preset]?.description ?? '';
    },
  };
}

/** Mount the parameter sliders into `container`. */
export function mountParamsPanel(container: HTMLElement, options: ParamsPanelOptions): ParamsPanel {
  const { spec, onParam } = options;
  const rows = new Map<string, Row>();
  const list = h('div', { class: 'param-list' });
  for (const [name, p] of Object.entries(spec.parameters)) {
    const base = `param-${name}`;
    const msgId = `${base}-msg`;
    const descId = `${base}-desc`;
    const slider = h('input', {
      type: 'range',
      id: `${base}-slider`,
      min: 0,
      max: SLIDER_STEPS,
      step: 1,
      'aria-label': `${p.label} (${p.unit})${p.scale === 'log' ? ', log scale' : ''}`,
      'aria-describedby': descId,
      'data-param': name,
    });
    const text = h('input', {
      type: 'text',
      inputmode: 'decimal',
      id: base,
      class: 'num',
      'aria-describedby': `${descId} ${msgId}`,
      'data-param': name,
      size: 7,
    });
    const message = h('p', { id: msgId, class: 'field-error', role: 'status' });
    const reset = h('button', { type: 'button', class: 'small', 'aria-label': `Reset ${p.label}` }, 'Reset');
    slider.addEventListener('input', () => {
      const v = fromPosition(p, Number(slider.value));
      text.value = formatValue(v);
      message.textContent = '';
      onParam(name, v);
    });
    text.addEventListener('change', () => {
      const r = checkTyped(`${p.label} (${name})`, text.value, p, p.unit);
      if (typeof r === 'string') {
        message.textContent = r;
        text.setAttribute('aria-invalid', 'true');
        return;
      }
      message.textContent = '';
      text.removeAttribute('aria-invalid');
      onParam(name, r);
    });
    reset.addEventListener('click', () => {
      message.textContent = '';
      text.removeAttribute('aria-invalid');
      onParam(name, undefined);
    });
    const root = h(
      'div',
      { class: 'param', 'data-param': name },
      h(
        'div',
        { class: 'param-head' },
        h('label', { for: base }, `${p.label} `, h('span', { class: 'unit' }, `(${p.unit})`)),
        text,
        reset,
      ),
      slider,
      h(
        'div',
        { class: 'param-range', 'aria-hidden': 'true' },
        h('span', {}, formatValue(p.min)),
        h('span', {}, p.scale === 'log' ? 'log scale' : ''),
        h('span', {}, formatValue(p.max)),
      ),
      h('p', { id: descId, class: 'hint' }, p.description),
      message,
    );
    rows.set(name, { root, slider, text, message, reset });
    list.append(root);
  }
  container.append(list);

  return {
    update(values, _preset, overridden) {
      for (const [name, row] of rows) {
        const p = spec.parameters[name]!;
        const v = values[name] ?? p.value;
        const pos = String(toPosition(p, v));
        if (row.slider.value !== pos) row.slider.value = pos;
        row.slider.setAttribute('aria-valuetext', `${formatValue(v)} ${p.unit}`);
        if (document.activeElement !== row.text) row.text.value = formatValue(v);
        row.root.classList.toggle('changed', overridden.has(name));
        row.reset.disabled = !overridden.has(name);
      }
    },
    highlight(name, message) {
      for (const [n, row] of rows) {
        const on = n === name;
        const was = row.root.classList.contains('blamed');
        row.root.classList.toggle('blamed', on);
        if (on && message) row.message.textContent = message;
        else if (!on && was) row.message.textContent = '';
      }
      if (name) rows.get(name)?.root.closest('details')?.setAttribute('open', '');
    },
  };
}
