/**
 * The lesson worker: fills a step's placeholders from its run, off the main thread (a scan of
 * the intensity band or of the gap takes a second or two). Answers every request; never throws
 * across the boundary.
 */
// biome-ignore-all assist/source/organizeImports: zod-csp.ts must be evaluated first (zod must not probe for eval under the Content-Security-Policy)
import { ZOD_JITLESS } from '../zod-csp.ts';
import { registerBundledKernels } from '../kernels.ts';
import { LessonComputer } from './compute.ts';
import type { NumbersRequest, NumbersResponse } from './numbers.ts';
import { lessonById } from './registry.ts';
import { resolveStep } from './steps.ts';

if (!ZOD_JITLESS) throw new Error('zod must run without eval here (Content-Security-Policy)');
// The bundled models' kernels built ahead of time (no `new Function` under the policy).
registerBundledKernels();

const computer = new LessonComputer();

/** Resolve one request (exported for tests). */
export function handleNumbers(req: NumbersRequest): NumbersResponse {
  try {
    const lesson = lessonById(req.lessonId);
    if (!lesson) throw new Error(`no lesson "${req.lessonId}"`);
    if (!(req.step >= 0 && req.step < lesson.steps.length))
      throw new Error(`lesson "${req.lessonId}" has no step ${req.step + 1}`);
    return { id: req.id, ok: true, step: resolveStep(lesson, req.step, computer) };
  } catch (e) {
    return { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const scope = globalThis as unknown as {
  onmessage: ((ev: MessageEvent<NumbersRequest>) => void) | null;
  postMessage(message: NumbersResponse): void;
};
if (typeof (globalThis as { document?: unknown }).document === 'undefined') {
  scope.onmessage = (ev) => scope.postMessage(handleNumbers(ev.data));
}
