/**
 * Web Worker for the explore panel: hands each task (a chunk of the interference map, a
 * sensitivity analysis, a parameter scan) to `handleWorkerTask` and posts the reply.
 */
// biome-ignore-all assist/source/organizeImports: zod-csp.ts must be evaluated first (zod must not probe for eval under the Content-Security-Policy)
import { ZOD_JITLESS } from '../zod-csp.ts';
import { registerBundledKernels } from '../kernels.ts';
import { handleWorkerTask, type WorkerTask } from '../../analysis/pool.ts';

if (!ZOD_JITLESS) throw new Error('zod must run without eval here (Content-Security-Policy)');
// The bundled models' kernels built ahead of time (no `new Function` under the policy).
registerBundledKernels();

self.onmessage = (event: MessageEvent<WorkerTask>) => {
  self.postMessage(handleWorkerTask(event.data));
};
