/**
 * The uncertainty worker: runs the ensemble of plausible models on the app's scenario
 * (`uncertainty-job.ts`), reporting progress; the latest request wins — an older job stops at its
 * next chunk. Answers every request (done, superseded or error); never throws across the boundary.
 */
// biome-ignore-all assist/source/organizeImports: zod-csp.ts must be evaluated first (zod must not probe for eval under the Content-Security-Policy)
import { ZOD_JITLESS } from './zod-csp.ts';
import { registerBundledKernels } from './kernels.ts';
import { ENSEMBLE_FILES } from '../../models/ensembles.ts';
import { getModel } from '../../models/index.ts';
import { type CompiledModel, compileModel } from '../model/compile.ts';
import { parseModel } from '../model/validate.ts';
import { registerOpenedModel } from './model-registry.ts';
import { resolveScenario } from './resolve.ts';
import { runEnsembleJob } from './uncertainty-job.ts';
import type { UncertaintyReply, UncertaintyRequest } from './uncertainty-messages.ts';

if (!ZOD_JITLESS) throw new Error('zod must run without eval here (Content-Security-Policy)');
// The bundled models' kernels built ahead of time (no `new Function` under the policy).
registerBundledKernels();

const compiled = new Map<string, CompiledModel>();
let latest = 0;

/** Handle one request, posting progress and the answer through `post`. */
export async function handleUncertainty(
  req: UncertaintyRequest,
  post: (r: UncertaintyReply) => void,
): Promise<void> {
  latest = req.id;
  try {
    if (req.spec) registerOpenedModel(parseModel(req.spec, `opened model ${req.spec.id}`));
    const { spec, protocol, parameters } = resolveScenario(req.scenario);
    const load = ENSEMBLE_FILES[spec.id];
    if (!load || req.spec) {
      post({
        type: 'error',
        id: req.id,
        message: `no ensemble of plausible models exists for the model “${spec.name}” (only the default model has one)`,
      });
      return;
    }
    const file = await load();
    let model = compiled.get(spec.id);
    if (!model) {
      model = compileModel(getModel(spec.id));
      compiled.set(spec.id, model);
    }
    const result = await runEnsembleJob({
      model,
      protocol,
      parameters,
      file,
      onProgress: (done, total) => post({ type: 'progress', id: req.id, done, total }),
      keepGoing: () => new Promise((resolve) => setTimeout(() => resolve(latest === req.id), 0)),
    });
    post(result ? { type: 'done', id: req.id, result } : { type: 'superseded', id: req.id });
  } catch (e) {
    post({ type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) });
  }
}

const scope = globalThis as unknown as {
  onmessage: ((ev: MessageEvent<UncertaintyRequest>) => void) | null;
  postMessage(message: UncertaintyReply): void;
};
if (typeof (globalThis as { document?: unknown }).document === 'undefined') {
  scope.onmessage = (ev) => void handleUncertainty(ev.data, (r) => scope.postMessage(r));
}
