/**
 * The equations panel: the model's own equations (`model.equations()`), rendered with KaTeX,
 * with a toggle that substitutes the current parameter values.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import type { CompiledModel } from '../model/compile.ts';
import { h, replace } from './dom.ts';

/** A mounted equations panel. */
export interface EquationsPanel {
  /** Show the model's equations with these parameter values (used when "show values" is on). */
  update(model: CompiledModel, values: Readonly<Record<string, number>>): void;
}

/** Mount the equations panel into `container`. */
export function mountEquationsPanel(container: HTMLElement): EquationsPanel {
  const toggle = h('input', { type: 'checkbox', id: 'eq-values' });
  const list = h('div', { class: 'equations' });
  container.append(
    h('p', {}, toggle, h('label', { for: 'eq-values' }, ' Show parameter values in the equations')),
    h(
      'p',
      { class: 'hint' },
      'Rendered from the model file itself — the same expressions the solver runs. Time in minutes.',
    ),
    list,
  );
  let last: { model: CompiledModel; values: Readonly<Record<string, number>> } | undefined;
  const draw = () => {
    if (!last) return;
    const { model, values } = last;
    const full = Object.fromEntries(
      model.parameterNames.map((n) => [n, values[n] ?? model.spec.parameters[n]!.value]),
    );
    const eqs = model.equations(toggle.checked ? full : undefined);
    replace(
      list,
      ...eqs.map((e) => {
        const el = h('div', { class: 'equation', 'data-path': e.path });
        katex.render(`${e.lhs} = ${e.rhs}`, el, {
          displayMode: true,
          throwOnError: false,
          output: 'htmlAndMathml',
        });
        return el;
      }),
    );
  };
  let drawnModel: CompiledModel | undefined;
  let dirty = false;
  const visible = () => container.closest('details')?.open ?? true;
  const refresh = () => {
    if (!dirty || !visible()) return;
    dirty = false;
    drawnModel = last?.model;
    draw();
  };
  toggle.addEventListener('change', () => {
    dirty = true;
    refresh();
  });
  container.closest('details')?.addEventListener('toggle', refresh);
  return {
    update(model, values) {
      last = { model, values };
      // Symbols only change with the model; values only matter when shown.
      if (toggle.checked || model !== drawnModel) dirty = true;
      refresh();
    },
  };
}
