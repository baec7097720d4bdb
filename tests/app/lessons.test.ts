/**
 * Lessons as data: the lesson file format (a bad file names its file, step and field), the
 * placeholders (an unknown one fails), and every shipped lesson — it validates, every
 * placeholder resolves from the model, every check holds, and no number is typed into its text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LessonComputer, PlaceholderValueError } from '../../src/app/lessons/compute.ts';
import {
  findPlaceholders,
  PLACEHOLDERS,
  PlaceholderSyntaxError,
  parseKey,
  placeholderTable,
} from '../../src/app/lessons/placeholders.ts';
import { allLessons, brokenLessons } from '../../src/app/lessons/registry.ts';
import { LessonError, lessonJsonSchema, parseLesson, stepTexts } from '../../src/app/lessons/schema.ts';
import { resolveStep } from '../../src/app/lessons/steps.ts';
import { defaultScenario } from '../../src/app/state.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LESSON_DIR = join(ROOT, 'lessons');
const files = readdirSync(LESSON_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

/** A small valid lesson to break one field at a time. */
function goodLesson(): Record<string, unknown> & { steps: Record<string, unknown>[] } {
  const step = (title: string) => ({
    title,
    scenario: 'gap=0',
    text: ['MPS is {{mps:re}}.'],
    teacher: ['Note.'],
  });
  return {
    id: 'bad',
    title: 'A lesson',
    summary: 'Summary.',
    audience: 'students',
    minutes: 5,
    steps: [step('One'), step('Two'), step('Three'), step('Four')],
  };
}

function errorOf(raw: unknown, file = 'lessons/bad.json'): string {
  try {
    parseLesson(raw, file);
  } catch (e) {
    expect(e).toBeInstanceOf(LessonError);
    return (e as Error).message;
  }
  throw new Error('expected a LessonError');
}

describe('lesson file format', () => {
  it('accepts a small valid lesson and inherits scenarios between steps', () => {
    const raw = goodLesson();
    delete raw.steps[2]!.scenario;
    raw.steps[1]!.scenario = 'gap=120';
    const lesson = parseLesson(raw, 'lessons/bad.json');
    expect(lesson.scenarios.map((s) => s.settings.gap)).toEqual([0, 120, 120, 0]);
  });

  it('names the file, the step and the field of a shape error', () => {
    const raw = goodLesson();
    delete raw.steps[1]!.teacher;
    expect(errorOf(raw)).toBe(
      'lessons/bad.json: step 2 ("Two"), teacher: Invalid input: expected array, received undefined',
    );
    const few = goodLesson();
    few.steps.pop();
    expect(errorOf(few)).toBe('lessons/bad.json: steps: needs 4 to 8 steps');
    const extra = goodLesson();
    (extra.steps[0] as Record<string, unknown>).colour = 'red';
    expect(errorOf(extra)).toMatch(
      /^lessons\/bad\.json: step 1 \("One"\), \(file\): Unrecognized key: "colour"|^lessons\/bad\.json: step 1 \("One"\), .*colour/,
    );
  });

  it('names an unknown placeholder, a malformed one and a wrong argument', () => {
    const raw = goodLesson();
    raw.steps[2]!.text = ['Here is {{nope}}.'];
    expect(errorOf(raw)).toBe(
      'lessons/bad.json: step 3 ("Three"), text[0]: unknown placeholder "{{nope}}" (see docs/teaching.md for the list)',
    );
    raw.steps[2]!.text = ['Here is {{mps:nogroup}}.'];
    expect(errorOf(raw)).toMatch(
      /step 3 \("Three"\), text\[0\]: placeholder "\{\{mps:nogroup\}\}": group "nogroup" is not a group of this step's protocol/,
    );
    raw.steps[2]!.text = ['Here is {{mps re}}.'];
    expect(errorOf(raw)).toMatch(
      /step 3 \("Three"\), text\[0\]: placeholder "\{\{mps re\}\}" is not name or name:arg/,
    );
    raw.steps[2]!.text = ['Here is {{mps:re.'];
    expect(errorOf(raw)).toMatch(/step 3 \("Three"\), text\[0\]: placeholder .* has unmatched braces/);
  });

  it('names a step whose scenario does not validate, as a URL would', () => {
    const raw = goodLesson();
    raw.steps[1]!.scenario = 'gap=abc&ee=0.7';
    expect(errorOf(raw)).toBe(
      'lessons/bad.json: step 2 ("Two"), scenario: gap "abc" is not a number — using 0',
    );
    raw.steps[1]!.scenario = 'gap=0&p.kR=-1';
    expect(errorOf(raw)).toMatch(/step 2 \("Two"\), scenario: p\.kR "-1" is outside/);
    raw.steps[1]!.scenario = 'gap=0&lesson=x';
    expect(errorOf(raw)).toBe(
      'lessons/bad.json: step 2 ("Two"), scenario: "lesson" is not part of a scenario',
    );
  });

  it('checks groups, predictions and the file name', () => {
    const raw = goodLesson();
    raw.steps[0]!.focus = { groups: ['re', 'ghost'] };
    expect(errorOf(raw)).toMatch(/step 1 \("One"\), focus\.groups\[1\]: "ghost" is not a group/);
    const sketch = goodLesson();
    sketch.steps[3]!.predict = { kind: 'sketch', question: 'Draw.', group: 'control', from: 0, to: 12 };
    expect(errorOf(sketch)).toMatch(
      /step 4 \("Four"\), predict\.group: "control" is not a non-control group/,
    );
    const noCorrect = goodLesson();
    noCorrect.steps[0]!.predict = {
      kind: 'choice',
      question: 'Which?',
      choices: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ],
    };
    expect(errorOf(noCorrect)).toMatch(
      /step 1 \("One"\), predict\.choices: no choice is marked "correct": true/,
    );
    const explain = goodLesson();
    explain.steps[0]!.explain = ['Because.'];
    expect(errorOf(explain)).toMatch(/step 1 \("One"\), explain: .* needs a "predict"/);
    expect(errorOf(goodLesson(), 'lessons/other.json')).toBe(
      'lessons/other.json: id: "bad" must equal the file name "other"',
    );
  });
});

describe('placeholders', () => {
  it('are parsed from text, and malformed ones are errors', () => {
    expect(findPlaceholders('a {{mps:re}} b {{ readout }}').map((r) => r.key)).toEqual(['mps:re', 'readout']);
    expect(() => findPlaceholders('{{a b}}')).toThrow(PlaceholderSyntaxError);
    expect(() => findPlaceholders('open {{mps:re')).toThrow(/unmatched braces/);
  });

  it('an unknown placeholder fails to resolve', () => {
    const c = new LessonComputer();
    expect(() => c.value(parseKey('noSuchThing'), defaultScenario())).toThrow(PlaceholderValueError);
    expect(() => c.value(parseKey('noSuchThing'), defaultScenario())).toThrow(
      '{{noSuchThing}} cannot be computed',
    );
  });

  it('resolve from the run the step sets up (against readouts computed here)', () => {
    const c = new LessonComputer();
    const s = defaultScenario();
    const { result } = c.run(s);
    const g = (id: string) => result.groups.find((x) => x.id === id)!;
    // The value is the library's fold vs control at the readout, nothing typed.
    const mps = (id: string) => {
      const t = g(id).readoutTime;
      const at = (gid: string) => {
        const e = result.groups.find((x) => x.id === gid)!.events.find((ev) => Math.abs(ev.t - t) < 1e-9)!;
        return e.values[result.seriesNames.indexOf('mps')]!;
      };
      return at(id) / at('control');
    };
    expect(c.value(parseKey('mps:re-ee'), s)).toBeCloseTo(mps('re-ee'), 12);
    expect(c.value(parseKey('change:re-ee'), s)).toBeCloseTo(mps('re-ee') / mps('re') - 1, 12);
    expect(c.value(parseKey('readout'), s)).toBe(result.protocol.readout.afterResistance);
  });
});

describe('the shipped lessons', () => {
  it('are at least seven, each 4–8 steps with teacher notes, and none is broken', () => {
    expect(brokenLessons()).toEqual([]);
    expect(allLessons().length).toBeGreaterThanOrEqual(7);
    expect(
      allLessons()
        .map((l) => `${l.file}`)
        .sort(),
    ).toEqual(files.map((f) => `lessons/${f}`).sort());
    for (const l of allLessons()) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(4);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(8);
      for (const s of l.steps) expect(s.teacher.length, `${l.id}: ${s.title}`).toBeGreaterThan(0);
    }
  });

  it('have no number typed into their text: every number is a placeholder (citation years aside)', () => {
    const allowed =
      /\b(?:et al\.|Ogasawara|Apró|Coffey|Shirai|Lundberg|Fyfe|McConell|Wojtaszewski|Wilkinson) (?:et al\. )?(?:19|20)\d\d\b|VO2max|mTORC1|p70S6K|S6K|T[1-9]\b/g;
    const offenders: string[] = [];
    for (const file of files) {
      const raw = JSON.parse(readFileSync(join(LESSON_DIR, file), 'utf8'));
      const lesson = parseLesson(raw, `lessons/${file}`);
      const texts = [
        lesson.title,
        lesson.summary,
        ...lesson.steps.flatMap((s) => stepTexts(s).map((t) => t.text)),
      ];
      for (const t of texts) {
        const bare = t.replace(/\{\{[^}]*\}\}/g, '').replace(allowed, '');
        if (/\d/.test(bare)) offenders.push(`${file}: ${t}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('every placeholder resolves from the model and every check holds', { timeout: 300_000 }, () => {
    const computer = new LessonComputer();
    let count = 0;
    for (const lesson of allLessons()) {
      for (let i = 0; i < lesson.steps.length; i++) {
        const r = resolveStep(lesson, i, computer);
        const all = [r.title, ...r.text, ...r.explain, ...r.teacher];
        if (r.predict) all.push(r.predict.question);
        if (r.predict?.kind === 'choice') all.push(...r.predict.choices.map((c) => c.text));
        for (const t of all) expect(t, `${lesson.id} step ${i + 1}`).not.toMatch(/\{\{|\}\}|NaN|undefined/);
        for (const c of r.checks)
          expect(c.pass, `${lesson.id} step ${i + 1}: ${c.value} = ${c.raw} (${c.why})`).toBe(true);
        count += stepTexts(lesson.steps[i]!).reduce((n, t) => n + findPlaceholders(t.text).length, 0);
        if (r.predict?.kind === 'sketch') expect(r.predict.curve.t.length).toBeGreaterThan(10);
      }
    }
    console.log(`lessons: ${allLessons().length}, placeholders resolved: ${count}`);
    expect(count).toBeGreaterThan(100);
  });

  it('the committed lessons/lesson.schema.json equals the generated schema', () => {
    const committed = JSON.parse(readFileSync(join(LESSON_DIR, 'lesson.schema.json'), 'utf8'));
    expect(committed).toEqual(lessonJsonSchema());
    for (const f of files)
      expect(JSON.parse(readFileSync(join(LESSON_DIR, f), 'utf8')).$schema).toBe('./lesson.schema.json');
  });

  it('docs/teaching.md lists exactly the placeholders the code knows', () => {
    const doc = readFileSync(join(ROOT, 'docs/teaching.md'), 'utf8');
    expect(doc).toContain(placeholderTable());
    expect(PLACEHOLDERS.length).toBeGreaterThan(20);
  });
});
