/**
 * "Predict first" (teaching principle 7): before looking, the student picks which order they
 * expect to lower MPS at 3 h; the answer is revealed only after they commit and a run exists.
 */
import type { SimulationResult } from '../simulate/simulate.ts';
import { changeVsRe, percent } from './claims.ts';
import { h, replace } from './dom.ts';

/** The choices offered. */
export const PREDICTIONS = Object.freeze([
  { id: 're-ee', label: 'RE then EE' },
  { id: 'ee-re', label: 'EE then RE' },
  { id: 'neither', label: 'Neither' },
]);

/** A mounted prompt. */
export interface PredictPrompt {
  /** Give the prompt the latest result (the answer is computed from it). */
  update(result: SimulationResult): void;
}

/** What the model says, in words, for the current result. */
export function answerText(result: SimulationResult, guess: string): string {
  const ids = new Set(result.groups.map((g) => g.id));
  if (!ids.has('re') || !ids.has('re-ee') || !ids.has('ee-re')) {
    return 'This protocol has no RE only / RE→EE / EE→RE groups to compare — choose the rat study design.';
  }
  if (!result.observableNames.includes('mps')) return 'This model has no MPS observable to compare.';
  const a = changeVsRe(result, 're-ee');
  const b = changeVsRe(result, 'ee-re');
  const lowers = (c: number) => c < -0.1;
  const truth =
    lowers(a) && !lowers(b) ? 're-ee' : lowers(b) && !lowers(a) ? 'ee-re' : lowers(a) ? 'both' : 'neither';
  const verdict =
    truth === guess ? 'Your prediction matches the model.' : 'The model disagrees with your prediction.';
  return `${verdict} Here RE→EE is ${percent(a)} and EE→RE ${percent(b)} vs RE only at 3 h. The rat study found the same direction (RE→EE lower); human studies mostly did not — see the evidence panel.`;
}

/** Mount the prompt into `container` (a `<details>` body). */
export function mountPredictPrompt(container: HTMLElement): PredictPrompt {
  let result: SimulationResult | undefined;
  let guess: string | undefined;
  const answer = h('p', { class: 'answer', 'aria-live': 'polite', id: 'predict-answer' });
  const radios = PREDICTIONS.map((p) => {
    const r = h('input', { type: 'radio', name: 'predict', id: `predict-${p.id}`, value: p.id });
    r.addEventListener('change', () => {
      guess = p.id;
      reveal.disabled = false;
    });
    return h('label', { class: 'check', for: `predict-${p.id}` }, r, ` ${p.label}`);
  });
  const reveal = h('button', { type: 'button', class: 'small', disabled: true }, 'Reveal');
  const show = () => {
    if (result && guess) replace(answer, answerText(result, guess));
  };
  let revealed = false;
  reveal.addEventListener('click', () => {
    revealed = true;
    show();
  });
  container.append(
    h(
      'fieldset',
      { class: 'predict-choices' },
      h('legend', { class: 'sr-only' }, 'Your prediction'),
      ...radios,
      reveal,
    ),
    answer,
  );
  return {
    update(r) {
      result = r;
      if (revealed) show();
    },
  };
}
