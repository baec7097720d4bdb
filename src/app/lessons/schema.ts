/**
 * The lesson file format: a zod schema (the TypeScript type, the shape check and, through
 * `z.toJSONSchema`, the published `lessons/lesson.schema.json`) plus the rules a schema cannot
 * state: each step's scenario decodes exactly as a URL would (`state.ts`) and makes a valid
 * protocol, every group named exists, every placeholder is known and computable. Errors name the
 * file, the step and the field. Pure: no DOM, no solver.
 */
import { z } from 'zod';
import { bundledSpec } from '../../../models/bundled.ts';
import { checkProtocol, type Protocol, ProtocolError } from '../../protocol/protocol.ts';
import { intensityLimits } from '../../simulate/scenario.ts';
import { resolveScenario } from '../resolve.ts';
import { type AppScenario, decodeScenario, defaultScenario } from '../state.ts';
import {
  findPlaceholders,
  type PlaceholderScope,
  PlaceholderSyntaxError,
  parseKey,
  placeholderProblem,
} from './placeholders.ts';

const text = z.string().trim().min(1, 'must not be empty');
const paragraphs = z.array(text).min(1, 'needs at least one paragraph');
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by -');

/** Parts of the page a step can point at. */
export const CHART_IDS = Object.freeze([
  'timeline',
  'mps',
  'fold',
  'anabolic',
  'regulator',
  'auc',
  'evidence',
] as const);

/** What a step shows first: charts to look at, groups to emphasise, the time window (hours). */
export const focusSchema = z
  .object({
    charts: z
      .array(z.enum(CHART_IDS))
      .min(1)
      .optional()
      .describe('the charts to look at; the others are dimmed'),
    groups: z.array(slug).min(1).optional().describe('groups drawn at full strength; the others are faded'),
    window: z
      .union([z.literal(12), z.literal(24), z.literal(48)])
      .optional()
      .describe('hours shown on the time-course charts'),
  })
  .strict();

const choiceSchema = z
  .object({
    id: slug,
    text,
    correct: z.boolean().optional().describe('true for the answer(s) the model supports'),
    feedback: text.optional().describe('shown after the reveal when this choice was picked'),
  })
  .strict();

const hideSchema = z
  .array(slug)
  .optional()
  .describe(
    'groups whose curves and bars stay hidden until the reveal (default: all for a choice, the sketched group for a sketch; [] hides nothing, for a question the charts cannot answer)',
  );

/** A multiple-choice prediction. */
export const choicePredictionSchema = z
  .object({
    kind: z.literal('choice'),
    question: text,
    choices: z.array(choiceSchema).min(2).max(5),
    hide: hideSchema,
  })
  .strict();

/** "Sketch the curve": draw the expected MPS time course of one group, then compare. */
export const sketchPredictionSchema = z
  .object({
    kind: z.literal('sketch'),
    question: text,
    group: slug.describe('the group whose MPS (fold vs control) the student sketches'),
    from: z.number().min(0).describe('start of the sketch, hours from the start of the run'),
    to: z.number().positive().describe('end of the sketch, hours from the start of the run'),
    hide: hideSchema,
  })
  .strict();

/** A computed value the step relies on, with the range it must stay in (tested). */
export const checkSchema = z
  .object({
    value: z.string().min(1).describe('a placeholder without braces, e.g. "change:re-ee"'),
    min: z.number().optional(),
    max: z.number().optional(),
    why: text.describe('what the step would get wrong if the check failed'),
  })
  .strict();

/** One step of a lesson. */
export const stepSchema = z
  .object({
    title: text,
    scenario: z
      .string()
      .optional()
      .describe('the scenario as a URL query (as in a share link); omitted: the previous step’s'),
    focus: focusSchema.optional(),
    text: paragraphs,
    predict: z.discriminatedUnion('kind', [choicePredictionSchema, sketchPredictionSchema]).optional(),
    explain: paragraphs.optional().describe('shown after the reveal'),
    teacher: paragraphs.describe('teacher notes: shown in the lesson behind a toggle and in the answer key'),
    checks: z.array(checkSchema).optional(),
  })
  .strict();

/** A lesson file. */
export const lessonSchema = z
  .object({
    $schema: z.string().optional(),
    id: slug.describe('equals the file name without .json; used in links: ?lesson=<id>&step=<n>'),
    title: text,
    summary: text.describe('one sentence for the lesson picker'),
    audience: text,
    minutes: z.number().int().positive().describe('planned class time'),
    steps: z.array(stepSchema).min(4, 'needs 4 to 8 steps').max(8, 'needs 4 to 8 steps'),
  })
  .strict();

/** A lesson file as written. */
export type LessonFile = z.infer<typeof lessonSchema>;
/** One step as written. */
export type LessonStep = z.infer<typeof stepSchema>;
/** A step's prediction. */
export type Prediction = NonNullable<LessonStep['predict']>;

/** A checked lesson: the file, where it came from and each step's decoded scenario. */
export interface Lesson extends LessonFile {
  readonly file: string;
  /** The scenario of each step (a step without one inherits the previous step's). */
  readonly scenarios: readonly AppScenario[];
}

/** A lesson file that breaks a rule: which file, which step (from 1) and which field. */
export class LessonError extends Error {
  constructor(
    readonly file: string,
    readonly step: number | undefined,
    readonly field: string,
    readonly problem: string,
    stepTitle?: string,
  ) {
    const where = step === undefined ? '' : `step ${step}${stepTitle ? ` ("${stepTitle}")` : ''}, `;
    super(`${file}: ${where}${field}: ${problem}`);
    this.name = 'LessonError';
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(file)';
}

/** The JSON Schema for lesson files, generated from `lessonSchema`. */
export function lessonJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(lessonSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://exercise-order-lab.local/lesson.schema.json',
    title: 'Exercise Order Lab lesson',
    description:
      'A lesson for Exercise Order Lab (docs/teaching.md). Shape only: scenarios, group names and placeholders are checked when the lesson loads and by the tests.',
  };
}

/** Placeholder scope of a step's protocol. */
export function scopeOf(protocol: Protocol, scenario: AppScenario): PlaceholderScope {
  const spec = bundledSpec(scenario.modelId);
  const has = (kind: string) =>
    protocol.groups.filter((g) => g.bouts.some((b) => b.kind === kind)).map((g) => g.id);
  return {
    groups: protocol.groups.map((g) => g.id),
    withRe: has('resistance'),
    withEe: has('endurance'),
    control: protocol.controlGroup,
    series: Object.keys(spec.observables),
    parameters: Object.keys(spec.parameters),
  };
}

/** Every text field of a step with its field name, for placeholder checks. */
export function stepTexts(step: LessonStep): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [{ field: 'title', text: step.title }];
  const add = (name: string, list: readonly string[] | undefined) => {
    for (const [i, t] of (list ?? []).entries()) out.push({ field: `${name}[${i}]`, text: t });
  };
  add('text', step.text);
  add('explain', step.explain);
  add('teacher', step.teacher);
  if (step.predict) {
    out.push({ field: 'predict.question', text: step.predict.question });
    if (step.predict.kind === 'choice')
      step.predict.choices.forEach((c, i) => {
        out.push({ field: `predict.choices[${i}].text`, text: c.text });
        if (c.feedback) out.push({ field: `predict.choices[${i}].feedback`, text: c.feedback });
      });
  }
  return out;
}

/**
 * Check a lesson file's content (already parsed JSON) named `file` (e.g. `lessons/the-study.json`).
 * @throws LessonError naming the file, the step and the field of the first problem
 */
export function parseLesson(raw: unknown, file: string): Lesson {
  const parsed = lessonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [head, index, ...rest] = issue.path;
    if (head === 'steps' && typeof index === 'number') {
      const title = (raw as { steps?: { title?: unknown }[] }).steps?.[index]?.title;
      throw new LessonError(
        file,
        index + 1,
        pathText(rest),
        issue.message,
        typeof title === 'string' ? title : undefined,
      );
    }
    throw new LessonError(file, undefined, pathText(issue.path), issue.message);
  }
  const lesson = parsed.data;
  const stem = file.replace(/^.*\//, '').replace(/\.json$/, '');
  if (lesson.id !== stem)
    throw new LessonError(file, undefined, 'id', `"${lesson.id}" must equal the file name "${stem}"`);
  const scenarios: AppScenario[] = [];
  lesson.steps.forEach((step, i) => {
    const fail = (field: string, problem: string): never => {
      throw new LessonError(file, i + 1, field, problem, step.title);
    };
    let scenario = scenarios[i - 1] ?? defaultScenario();
    if (step.scenario !== undefined) {
      const q = new URLSearchParams(step.scenario.replace(/^\?/, ''));
      for (const k of ['presenter', 'lesson', 'step', 'print'])
        if (q.has(k)) fail('scenario', `"${k}" is not part of a scenario`);
      const decoded = decodeScenario(q);
      if (decoded.errors.length > 0)
        fail('scenario', decoded.errors.map((e) => e.message.replace(/^URL: /, '')).join('; '));
      scenario = decoded.scenario;
    }
    scenarios.push(scenario);
    const { protocol } = resolveScenario(scenario);
    try {
      checkProtocol(protocol, intensityLimits(resolveScenario(scenario)));
    } catch (e) {
      fail(
        'scenario',
        e instanceof ProtocolError ? e.issues.map((x) => x.message).join('; ') : (e as Error).message,
      );
    }
    checkStep(step, protocol, scenario, fail);
  });
  return { ...lesson, file, scenarios };
}

function checkStep(
  step: LessonStep,
  protocol: Protocol,
  scenario: AppScenario,
  fail: (field: string, problem: string) => never,
): void {
  const ids = protocol.groups.map((g) => g.id);
  const known = (field: string, list: readonly string[] | undefined) =>
    list?.forEach((g, k) => {
      if (!ids.includes(g))
        fail(`${field}[${k}]`, `"${g}" is not a group of this step's protocol (${ids.join(', ')})`);
    });
  known('focus.groups', step.focus?.groups);
  const p = step.predict;
  if (step.explain && !p) fail('explain', 'is shown after a reveal, so the step needs a "predict"');
  if (p) {
    known('predict.hide', p.hide);
    if (p.kind === 'choice') {
      const seen = new Set<string>();
      p.choices.forEach((c, k) => {
        if (seen.has(c.id)) fail(`predict.choices[${k}].id`, `"${c.id}" is used twice`);
        seen.add(c.id);
      });
      if (!p.choices.some((c) => c.correct)) fail('predict.choices', 'no choice is marked "correct": true');
    } else {
      if (!ids.includes(p.group) || p.group === protocol.controlGroup)
        fail(
          'predict.group',
          `"${p.group}" is not a non-control group of this step's protocol (${ids.join(', ')})`,
        );
      if (!(p.to > p.from)) fail('predict.to', `${p.to} h must be after "from" (${p.from} h)`);
      if (p.to * 60 > protocol.tEnd)
        fail('predict.to', `${p.to} h is after the end of the run (${protocol.tEnd / 60} h)`);
    }
  }
  const scope = scopeOf(protocol, scenario);
  for (const { field, text: t } of stepTexts(step)) {
    try {
      for (const ref of findPlaceholders(t)) {
        const problem = placeholderProblem(ref, scope);
        if (problem) fail(field, problem);
      }
    } catch (e) {
      if (e instanceof PlaceholderSyntaxError) fail(field, e.message);
      throw e;
    }
  }
  step.checks?.forEach((c, k) => {
    if (c.min === undefined && c.max === undefined) fail(`checks[${k}]`, 'needs "min" or "max"');
    let problem: string | undefined;
    try {
      problem = placeholderProblem(parseKey(c.value), scope);
    } catch (e) {
      problem = (e as Error).message;
    }
    if (problem) fail(`checks[${k}].value`, problem);
  });
}
