/**
 * The bundled lessons: every `lessons/*.json` file, checked with `parseLesson` when this module
 * loads. A broken file does not take the others down: it is listed with its error, so a teacher
 * who adds a lesson sees exactly what to fix (the tests fail on it too).
 */
import { type Lesson, LessonError, parseLesson } from './schema.ts';

const FILES = import.meta.glob<unknown>('../../../lessons/*.json', { eager: true, import: 'default' });

/** A lesson file that failed its checks. */
export interface BrokenLesson {
  readonly file: string;
  readonly error: string;
}

const lessons: Lesson[] = [];
const broken: BrokenLesson[] = [];
for (const [path, data] of Object.entries(FILES).sort(([a], [b]) => a.localeCompare(b))) {
  const file = `lessons/${path.replace(/^.*\//, '')}`;
  if (file.endsWith('.schema.json')) continue;
  try {
    lessons.push(parseLesson(data, file));
  } catch (e) {
    broken.push({ file, error: e instanceof LessonError ? e.message : `${file}: ${(e as Error).message}` });
  }
}
// The picker follows this teaching sequence; lessons not listed here come after it, by id.
const SEQUENCE = [
  'the-study',
  'drive-and-brake',
  'readout-time',
  'the-gap',
  'intensity-and-training',
  'snapshot-or-sum',
  'humans-and-mice',
];
lessons.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));

function rank(id: string): number {
  const i = SEQUENCE.indexOf(id);
  return i < 0 ? SEQUENCE.length : i;
}

/** Every valid bundled lesson, in teaching order. */
export function allLessons(): readonly Lesson[] {
  return lessons;
}

/** Lesson files that failed their checks. */
export function brokenLessons(): readonly BrokenLesson[] {
  return broken;
}

/** A lesson by id, or `undefined`. */
export function lessonById(id: string): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}
