/**
 * A lesson step with its placeholders filled from the step's run: plain data (it crosses the
 * lesson worker's boundary), ready for the lesson panel and the printed worksheet.
 */
import { foldVsControl } from '../../analysis/readouts.ts';
import type { AppScenario } from '../state.ts';
import { type LessonComputer, PlaceholderValueError } from './compute.ts';
import { formatValue } from './format.ts';
import { fillPlaceholders, parseKey, placeholderSpec } from './placeholders.ts';
import type { Lesson, LessonStep } from './schema.ts';

/** A choice with its filled text. */
export interface ResolvedChoice {
  readonly id: string;
  readonly text: string;
  readonly correct: boolean;
  readonly feedback: string | undefined;
}

/** A prediction with its filled text (a sketch carries the model's curve for the answer key). */
export type ResolvedPrediction =
  | {
      readonly kind: 'choice';
      readonly question: string;
      readonly choices: readonly ResolvedChoice[];
      readonly hide: readonly string[] | undefined;
    }
  | {
      readonly kind: 'sketch';
      readonly question: string;
      readonly group: string;
      readonly groupLabel: string;
      readonly from: number;
      readonly to: number;
      readonly hide: readonly string[] | undefined;
      /** The model's curve: minutes from the start and fold vs control, every 15 min. */
      readonly curve: { readonly t: readonly number[]; readonly v: readonly number[] };
    };

/** A step check as evaluated. */
export interface CheckResult {
  readonly value: string;
  readonly raw: number;
  readonly pass: boolean;
  readonly why: string;
}

/** A step with every placeholder filled. */
export interface ResolvedStep {
  readonly index: number;
  readonly title: string;
  readonly text: readonly string[];
  readonly explain: readonly string[];
  readonly teacher: readonly string[];
  readonly predict: ResolvedPrediction | undefined;
  readonly scenario: AppScenario;
  readonly checks: readonly CheckResult[];
}

/** Spacing of the sketch's answer-key curve, minutes. */
const CURVE_STEP = 15;

/**
 * Fill every placeholder of step `index` from its run.
 * @throws PlaceholderValueError when a value cannot be computed; the simulator's errors
 */
export function resolveStep(lesson: Lesson, index: number, computer: LessonComputer): ResolvedStep {
  const step: LessonStep = lesson.steps[index]!;
  const scenario = lesson.scenarios[index]!;
  const fill = (t: string) =>
    fillPlaceholders(t, (ref) => {
      const spec = placeholderSpec(ref.name);
      if (!spec) throw new PlaceholderValueError(ref.key, 'unknown placeholder');
      const v = computer.value(ref, scenario);
      const unit =
        spec.kind === 'parameter' ? computer.model(scenario.modelId).spec.parameters[ref.args[0]!]?.unit : '';
      return formatValue(spec.kind, v, unit);
    });
  const p = step.predict;
  let predict: ResolvedPrediction | undefined;
  if (p?.kind === 'choice') {
    predict = {
      kind: 'choice',
      question: fill(p.question),
      choices: p.choices.map((c) => ({
        id: c.id,
        text: fill(c.text),
        correct: c.correct === true,
        feedback: c.feedback === undefined ? undefined : fill(c.feedback),
      })),
      hide: p.hide,
    };
  } else if (p?.kind === 'sketch') {
    const { result } = computer.run(scenario);
    const t: number[] = [];
    const v: number[] = [];
    for (let m = p.from * 60; m <= p.to * 60 + 1e-9; m += CURVE_STEP) {
      t.push(m);
      v.push(foldVsControl(result, p.group, 'mps', m));
    }
    predict = {
      kind: 'sketch',
      question: fill(p.question),
      group: p.group,
      groupLabel: result.groups.find((g) => g.id === p.group)?.label ?? p.group,
      from: p.from,
      to: p.to,
      hide: p.hide,
      curve: { t, v },
    };
  }
  const checks = (step.checks ?? []).map((c) => {
    const raw = computer.value(parseKey(c.value), scenario);
    const pass = (c.min === undefined || raw >= c.min) && (c.max === undefined || raw <= c.max);
    return { value: c.value, raw, pass, why: c.why };
  });
  return {
    index,
    title: fill(step.title),
    text: step.text.map(fill),
    explain: (step.explain ?? []).map(fill),
    teacher: step.teacher.map(fill),
    predict,
    scenario,
    checks,
  };
}

/** The step's texts with every placeholder shown as "…" (while the numbers are computed). */
export function pendingStep(lesson: Lesson, index: number): ResolvedStep {
  const step = lesson.steps[index]!;
  const dots = (t: string) => fillPlaceholders(t, () => '…');
  const p = step.predict;
  return {
    index,
    title: dots(step.title),
    text: step.text.map(dots),
    explain: (step.explain ?? []).map(dots),
    teacher: step.teacher.map(dots),
    predict:
      p?.kind === 'choice'
        ? {
            kind: 'choice',
            question: dots(p.question),
            choices: p.choices.map((c) => ({
              id: c.id,
              text: dots(c.text),
              correct: c.correct === true,
              feedback: c.feedback === undefined ? undefined : dots(c.feedback),
            })),
            hide: p.hide,
          }
        : p?.kind === 'sketch'
          ? {
              kind: 'sketch',
              question: dots(p.question),
              group: p.group,
              groupLabel: p.group,
              from: p.from,
              to: p.to,
              hide: p.hide,
              curve: { t: [], v: [] },
            }
          : undefined,
    scenario: lesson.scenarios[index]!,
    checks: [],
  };
}
