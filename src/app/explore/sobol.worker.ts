/** Web Worker: loads and reduces a model's Sobol file (`loadGlobalSensitivity`) off the main thread. */
import { type GlobalSensitivityReply, loadGlobalSensitivity } from './sobol-data.ts';

self.onmessage = async (event: MessageEvent<{ modelId: string }>) => {
  let reply: GlobalSensitivityReply;
  try {
    reply = { ok: true, data: await loadGlobalSensitivity(event.data.modelId) };
  } catch (e) {
    reply = { ok: false, message: (e as Error).message };
  }
  self.postMessage(reply);
};
