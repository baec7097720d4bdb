/** Web Worker: loads and reduces a model's Sobol file (`loadGlobalSensitivity`) off the main thread. */
// biome-ignore-all assist/source/organizeImports: zod-csp.ts must be evaluated first (zod must not probe for eval under the Content-Security-Policy)
import { ZOD_JITLESS } from '../zod-csp.ts';
import { type GlobalSensitivityReply, loadGlobalSensitivity } from './sobol-data.ts';

if (!ZOD_JITLESS) throw new Error('zod must run without eval here (Content-Security-Policy)');

self.onmessage = async (event: MessageEvent<{ modelId: string }>) => {
  let reply: GlobalSensitivityReply;
  try {
    reply = { ok: true, data: await loadGlobalSensitivity(event.data.modelId) };
  } catch (e) {
    reply = { ok: false, message: (e as Error).message };
  }
  self.postMessage(reply);
};
