/**
 * The model-file worker: SBML export, and opening SBML or JSON model files (`model-file.ts`),
 * off the main thread. Answers every request with `{ id, ok, value }` or `{ id, ok: false, message }`.
 */
// biome-ignore-all assist/source/organizeImports: zod-csp.ts must be evaluated first (zod must not probe for eval under the Content-Security-Policy)
import { ZOD_JITLESS } from './zod-csp.ts';
import type { ModelSpec } from '../model/spec.ts';
import { checkStoredModel, exportScenarioSbml, inspectModelFile, openModelFile } from './model-file.ts';
import type { AppScenario } from './state.ts';

if (!ZOD_JITLESS) throw new Error('zod must run without eval here (Content-Security-Policy)');

/** A request to the model-file worker. */
export type ModelFileRequest =
  | {
      readonly id: number;
      readonly type: 'export';
      readonly scenario: AppScenario;
      readonly opened?: ModelSpec;
    }
  | { readonly id: number; readonly type: 'inspect'; readonly name: string; readonly text: string }
  | {
      readonly id: number;
      readonly type: 'open';
      readonly name: string;
      readonly text: string;
      readonly inputs: Readonly<Partial<Record<'resistance' | 'endurance', string>>>;
    }
  | { readonly id: number; readonly type: 'check'; readonly raw: unknown };

/** The answer. */
export type ModelFileReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** Handle one request (exported for tests). */
export function handleModelFile(req: ModelFileRequest): ModelFileReply {
  try {
    switch (req.type) {
      case 'export':
        return { id: req.id, ok: true, value: exportScenarioSbml(req.scenario, req.opened) };
      case 'inspect':
        return { id: req.id, ok: true, value: inspectModelFile(req.name, req.text) };
      case 'open':
        return { id: req.id, ok: true, value: openModelFile(req.name, req.text, req.inputs) };
      default:
        return { id: req.id, ok: true, value: checkStoredModel(req.raw) };
    }
  } catch (e) {
    return { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const scope = globalThis as unknown as {
  onmessage: ((ev: MessageEvent<ModelFileRequest>) => void) | null;
  postMessage(message: ModelFileReply): void;
};
if (typeof (globalThis as { document?: unknown }).document === 'undefined') {
  scope.onmessage = (ev) => scope.postMessage(handleModelFile(ev.data));
}
