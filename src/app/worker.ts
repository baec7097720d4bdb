/**
 * The simulation worker: runs scenarios and target checks off the main thread so the page
 * never freezes. Answers every request with a `WorkerResponse`; never throws across the boundary.
 */
import { getModel } from '../../models/index.ts';
import { evaluateTargets } from '../analysis/targets.ts';
import { compileModel } from '../model/compile.ts';
import { simulate } from '../simulate/simulate.ts';
import { toFailure, type WorkerRequest, type WorkerResponse } from './messages.ts';
import { resolveScenario } from './resolve.ts';

/** Handle one request (exported for tests; the worker calls it for every message). */
export function handleRequest(req: WorkerRequest): WorkerResponse {
  try {
    const { spec, protocol, parameters } = resolveScenario(req.scenario);
    // Validated and compiled here, in the worker: the main thread only reads the spec's metadata.
    const model = compileModel(getModel(spec.id));
    if (req.type === 'run') {
      return { id: req.id, type: 'run', ok: true, result: simulate(model, protocol, { parameters }) };
    }
    return { id: req.id, type: 'targets', ok: true, targets: evaluateTargets(model, { parameters }) };
  } catch (e) {
    return { id: req.id, type: req.type, ok: false, error: toFailure(e) };
  }
}

const scope = globalThis as unknown as {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
};
if (typeof (globalThis as { document?: unknown }).document === 'undefined') {
  scope.onmessage = (ev) => scope.postMessage(handleRequest(ev.data));
}
