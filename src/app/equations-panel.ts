/**
 * The equations panel: the model's own equations (`CompiledModel.equations()`), rendered with
 * KaTeX, with a toggle that substitutes the current parameter values.
 *
 * KaTeX and the expression compiler (mathjs) are loaded only when the panel is first opened, so
 * the page's first load stays small; the equations still come from the same parsed expressions
 * the solver runs. A failed load (offline) says so in plain words and is retried the next time
 * the panel is opened, or with its "Try again" button.
 */
import type { ModelSpec } from '../model/spec.ts';
import { h, replace } from './dom.ts';
import { retryingLoader, showLoadFailure } from './lazy.ts';

/** A mounted equations panel. */
export interface EquationsPanel {
  /** Show the model's equations with these parameter values (used when "show values" is on). */
  update(spec: ModelSpec, values: Readonly<Record<string, number>>): void;
}

interface Renderer {
  readonly render: (tex: string, el: HTMLElement) => void;
  readonly equations: (
    spec: ModelSpec,
    values?: Readonly<Record<string, number>>,
  ) => { path: string; lhs: string; rhs: string }[];
}

/** Load KaTeX, its stylesheet and the compiler on first use (a failure is retried next time). */
const loadRenderer = retryingLoader(
  (): Promise<Renderer> =>
    Promise.all([
      import('katex'),
      import('katex/dist/katex.min.css'),
      import('../model/compile.ts'),
      import('../model/validate.ts'),
    ]).then(([katex, , compile, validate]) => {
      // Validate and compile each spec once: with "show values" on, every slider step redraws,
      // and parseModel returns a new object each time (which would defeat compileModel's cache).
      const compiled = new WeakMap<ModelSpec, ReturnType<typeof compile.compileModel>>();
      const modelFor = (spec: ModelSpec) => {
        let m = compiled.get(spec);
        if (!m) {
          m = compile.compileModel(validate.parseModel(spec, `model ${spec.id}`));
          compiled.set(spec, m);
        }
        return m;
      };
      return {
        render: (tex, el) =>
          katex.default.render(tex, el, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' }),
        equations: (spec, values) => modelFor(spec).equations(values),
      };
    }),
);

/** Mount the equations panel into `container`. */
export function mountEquationsPanel(container: HTMLElement): EquationsPanel {
  const toggle = h('input', { type: 'checkbox', id: 'eq-values' });
  const list = h('div', { class: 'equations', 'aria-busy': 'false' });
  container.append(
    h('p', {}, toggle, h('label', { for: 'eq-values' }, ' Show parameter values in the equations')),
    h(
      'p',
      { class: 'hint' },
      'Rendered from the model file itself — the same expressions the solver runs. Time in minutes.',
    ),
    list,
  );
  let last: { spec: ModelSpec; values: Readonly<Record<string, number>> } | undefined;
  let drawn = 0;
  const draw = async () => {
    if (!last) return;
    const { spec, values } = last;
    const ticket = ++drawn;
    list.setAttribute('aria-busy', 'true');
    let renderer: Renderer;
    try {
      renderer = await loadRenderer();
    } catch (err) {
      if (ticket === drawn) {
        // Draw again on the next open (or "Try again"): the loader forgets the failure.
        dirty = true;
        list.setAttribute('aria-busy', 'false');
        showLoadFailure(list, 'the equations', err, () => {
          dirty = true;
          refresh();
        });
      }
      return;
    }
    try {
      if (ticket !== drawn) return;
      const full = Object.fromEntries(
        Object.entries(spec.parameters).map(([n, p]) => [n, values[n] ?? p.value]),
      );
      const eqs = renderer.equations(spec, toggle.checked ? full : undefined);
      replace(
        list,
        ...eqs.map((e) => {
          const el = h('div', { class: 'equation', 'data-path': e.path });
          renderer.render(`${e.lhs} = ${e.rhs}`, el);
          return el;
        }),
      );
    } catch (err) {
      replace(list, h('p', { role: 'alert' }, `Could not render the equations: ${(err as Error).message}`));
    } finally {
      if (ticket === drawn) list.setAttribute('aria-busy', 'false');
    }
  };
  let drawnSpec: ModelSpec | undefined;
  let dirty = false;
  const visible = () => container.closest('details')?.open ?? true;
  const refresh = () => {
    if (!dirty || !visible()) return;
    dirty = false;
    drawnSpec = last?.spec;
    void draw();
  };
  toggle.addEventListener('change', () => {
    dirty = true;
    refresh();
  });
  container.closest('details')?.addEventListener('toggle', refresh);
  return {
    update(spec, values) {
      last = { spec, values };
      // Symbols only change with the model; values only matter when shown.
      if (toggle.checked || spec !== drawnSpec) dirty = true;
      refresh();
    },
  };
}
