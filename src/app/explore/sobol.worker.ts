/** Web Worker: loads and reduces a model's Sobol file (`loadGlobalSensitivity`) off the main thread. */
// biome-ignore-all assist/source/organizeImports: zod-csp.ts must be evaluated first (zod must not probe for eval under the Content-Security-Policy)
import { ZOD_JITLESS } from '../zod-csp.ts';
import { registerBundledKernels } from '../kernels.ts';
import { type GlobalSensitivityReply, loadGlobalSensitivity } from './sobol-data.ts';

if (!ZOD_JITLESS) throw new Error('zod must run without eval here (Content-Security-Policy)');
// The bundled models' kernels built ahead of time (no `new Function` under the policy).
registerBundledKernels();

self.onmessage = async (event: MessageEvent<{ modelId: string }>) => {
  let reply: GlobalSensitivityReply;
  try {
    reply = { ok: true, data: await loadGlobalSensitivity(event.data.modelId) };
  } catch (e) {
    reply = { ok: false, message: (e as Error).message };
  }
  self.postMessage(reply);
};
