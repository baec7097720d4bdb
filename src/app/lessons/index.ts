/**
 * Lessons: guided, predict → look → explain sequences over the simulator, written as data in
 * `lessons/*.json` (format: `schema.ts`, docs/teaching.md). Loaded on demand by `main.ts` (the
 * page's first load carries none of this), this module mounts the lesson card, the picker and
 * the printable worksheets, and starts the lesson worker that computes their numbers.
 */

import { StepNumbers } from './numbers.ts';
import { createPicker } from './picker.ts';
import { createPlayer, type LessonHost } from './player.ts';
import { showPrint } from './print.ts';
import './lessons.css';
import './print.css';

export type { LessonHost } from './player.ts';

/** What the app can ask of the lessons. */
export interface Lessons {
  openPicker(): void;
  /** Open lesson `id` at `step` (from 0; default: where the student left it). */
  open(id: string, o?: { step?: number | undefined; fromLink?: boolean }): void;
  /** Show the worksheet or answer key of lesson `id` as the page. */
  showPrint(id: string, kind: 'worksheet' | 'key'): void;
}

/** Mount the lessons into the app. */
export function mountLessons(host: LessonHost): Lessons {
  const numbers = new StepNumbers(
    () => new Worker(new URL('./lesson.worker.ts', import.meta.url), { type: 'module' }),
  );
  const print = (id: string, kind: 'worksheet' | 'key') => {
    player.close();
    void showPrint(id, kind, numbers, {
      openLesson: (lessonId) => player.open(lessonId),
      setUrlExtra: host.setUrlExtra,
    });
  };
  const openPicker = createPicker(host.storage, {
    open: (id, step) => player.open(id, { step }),
    print,
  });
  const player = createPlayer(host, numbers, { openPicker: () => openPicker(), print });
  return {
    openPicker,
    open: (id, o) => player.open(id, o),
    showPrint: print,
  };
}
