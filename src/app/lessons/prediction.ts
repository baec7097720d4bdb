/**
 * The prediction part of a step: a multiple-choice question or a sketch, the Reveal button, and
 * after the reveal the feedback (was the prediction right, what the model shows, the
 * explanation). One kind of help at a time: the explanation appears only after the reveal.
 */
import { foldVsControl } from '../../analysis/readouts.ts';
import type { SimulationResult } from '../../simulate/simulate.ts';
import { h, replace } from '../dom.ts';
import { formatFold } from './format.ts';
import type { SketchLayer } from './sketch.ts';
import type { ResolvedPrediction, ResolvedStep } from './steps.ts';
import { paragraphs } from './text.ts';

/** Options of `renderPrediction`. */
export interface PredictionOptions {
  readonly step: ResolvedStep;
  readonly predict: ResolvedPrediction;
  /** The answer picked earlier (remembered progress). */
  readonly picked: string | undefined;
  readonly revealed: boolean;
  readonly onPick: (id: string) => void;
  readonly onReveal: () => void;
  /** The sketch layer of a sketch step (mounted by the player). */
  readonly sketch: SketchLayer | undefined;
}

/** The question block of a prediction (before and after the reveal). */
export function renderPrediction(o: PredictionOptions): HTMLElement {
  const p = o.predict;
  const reveal = h(
    'button',
    { type: 'button', class: 'lesson-reveal primary', 'data-lesson': 'reveal', hidden: o.revealed },
    'Reveal the model',
  );
  reveal.addEventListener('click', () => o.onReveal());
  if (p.kind === 'choice') {
    const name = `lesson-choice-${o.step.index}`;
    const radios = p.choices.map((c) => {
      const id = `${name}-${c.id}`;
      const input = h('input', {
        type: 'radio',
        name,
        id,
        value: c.id,
        checked: o.picked === c.id,
        disabled: o.revealed,
      });
      input.addEventListener('change', () => o.onPick(c.id));
      const marks = o.revealed && c.correct ? h('span', { class: 'lesson-correct' }, ' ✓ the model') : null;
      return h('div', { class: 'lesson-choice' }, input, h('label', { for: id }, c.text), marks);
    });
    return h(
      'fieldset',
      { class: 'lesson-predict' },
      h('legend', {}, h('span', { class: 'lesson-tag' }, 'Predict'), ' ', p.question),
      ...radios,
      reveal,
    );
  }
  const clear = h('button', { type: 'button', class: 'small', hidden: o.revealed }, 'Clear sketch');
  clear.addEventListener('click', () => o.sketch?.clear());
  const draw = h(
    'button',
    { type: 'button', class: 'small', hidden: o.revealed, 'data-lesson': 'draw-keys' },
    'Draw with the keyboard',
  );
  draw.addEventListener('click', () => o.sketch?.focus());
  return h(
    'div',
    { class: 'lesson-predict', role: 'group', 'aria-label': 'Your prediction' },
    h('p', { class: 'lesson-question' }, h('span', { class: 'lesson-tag' }, 'Sketch'), ' ', p.question),
    h(
      'p',
      { class: 'hint' },
      `Draw on the MPS chart, where the ${p.groupLabel} curve is hidden. Then reveal the model’s curve.`,
    ),
    h('div', { class: 'button-row' }, draw, clear, reveal),
  );
}

/** Words for a sketch's score: how close, over how much of the curve. */
export function sketchVerdict(
  layer: SketchLayer | undefined,
  result: SimulationResult | undefined,
  group: string,
): string {
  const sketch = layer?.sketch();
  if (!sketch || sketch.drawn === 0 || !result || !result.groups.some((g) => g.id === group)) {
    return 'You did not sketch this time: compare the model’s curve with what you expected.';
  }
  const s = sketch.score((t) => foldVsControl(result, group, 'mps', t));
  const pct = Math.round(s.close * 100);
  const share = Math.round((s.drawn / s.total) * 100);
  const tol = formatFold(s.tolerance);
  const verdict = pct >= 80 ? 'Very close.' : pct >= 50 ? 'Partly right.' : 'Quite different from the model.';
  const more = share < 50 ? ' Draw more of the curve next time for a fairer score.' : '';
  return `${verdict} Score ${pct} / 100: ${pct}% of your sketch lies within ${tol} of the model’s curve (you drew ${share}% of the time span).${more}`;
}

/** The feedback shown after the reveal. */
export function renderFeedback(
  o: PredictionOptions & { readonly result: SimulationResult | undefined },
  el: HTMLElement,
): void {
  const p = o.predict;
  let verdict: string;
  let extra: string | undefined;
  if (p.kind === 'choice') {
    const picked = p.choices.find((c) => c.id === o.picked);
    const right = p.choices.filter((c) => c.correct).map((c) => `“${c.text}”`);
    if (!picked) verdict = `The model’s answer: ${right.join(' or ')}.`;
    else if (picked.correct) verdict = 'Your prediction matches the model.';
    else verdict = `The model disagrees with your prediction: its answer is ${right.join(' or ')}.`;
    extra = picked?.feedback;
  } else {
    verdict = sketchVerdict(o.sketch, o.result, p.group);
  }
  replace(
    el,
    h('p', { class: 'lesson-verdict' }, h('strong', {}, verdict)),
    extra ? h('p', {}, extra) : null,
    ...paragraphs(o.step.explain),
  );
}
