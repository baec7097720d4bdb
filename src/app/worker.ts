/**
 * The simulation worker: runs scenarios and target checks off the main thread so the page
 * never freezes. Answers every request with a `WorkerResponse`; never throws across the boundary.
 */
// biome-ignore-all assist/source/organizeImports: zod-csp.ts must be evaluated first (zod must not probe for eval under the Content-Security-Policy)
import { ZOD_JITLESS } from './zod-csp.ts';
import { registerBundledKernels } from './kernels.ts';
import { getModel } from '../../models/index.ts';
import { evaluateTargets } from '../analysis/targets.ts';
import { type IntensityBand, orderEffectOverTime, studyIntensityBand } from '../analysis/time-since-run.ts';
import { type CompiledModel, compileModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import { parseModel } from '../model/validate.ts';
import { simulate } from '../simulate/simulate.ts';
import { toFailure, type WorkerRequest, type WorkerResponse } from './messages.ts';
import { isOpenedModel, registerOpenedModel } from './model-registry.ts';
import { resolveScenario } from './resolve.ts';

if (!ZOD_JITLESS) throw new Error('zod must run without eval here (Content-Security-Policy)');
// The bundled models' kernels built ahead of time (no `new Function` under the policy).
registerBundledKernels();

const compiled = new Map<string, { source: ModelSpec; model: CompiledModel }>();

/** A bundled model validated from its file, or the opened one (validated on arrival); compiled once. */
function compiledModel(spec: ModelSpec): CompiledModel {
  const hit = compiled.get(spec.id);
  if (hit && hit.source === spec) return hit.model;
  const model = compileModel(isOpenedModel(spec.id) ? spec : getModel(spec.id));
  compiled.set(spec.id, { source: spec, model });
  return model;
}

const bands = new Map<string, IntensityBand>();

/** The study-intensity band of a model and parameters (a scan of ~50 target checks), cached. */
function intensityBand(model: CompiledModel, parameters: Record<string, number>): IntensityBand {
  const key = JSON.stringify([model.spec.id, model.spec.version, parameters]);
  let band = bands.get(key);
  if (!band) {
    band = studyIntensityBand(model, { parameters, resolution: 0.005 });
    if (bands.size > 20) bands.clear();
    bands.set(key, band);
  }
  return band;
}

/** Handle one request (exported for tests; the worker calls it for every message). */
export function handleRequest(req: WorkerRequest): WorkerResponse {
  try {
    if (req.spec) registerOpenedModel(parseModel(req.spec, `opened model ${req.spec.id}`));
    const { spec, protocol, parameters } = resolveScenario(req.scenario);
    // Validated and compiled here, in the worker: the main thread only reads the spec's metadata.
    const model = compiledModel(spec);
    if (req.type === 'run') {
      const result = simulate(model, protocol, { parameters });
      const both =
        result.observableNames.includes('mps') &&
        ['re-ee', 'ee-re'].every((id) => result.groups.some((g) => g.id === id));
      const anchor = protocol.readout.anchor ?? 'resistance-end';
      return {
        id: req.id,
        type: 'run',
        ok: true,
        result,
        ...(both ? { orderEffect: orderEffectOverTime(result, { anchor }) } : {}),
      };
    }
    if (req.type === 'band')
      return { id: req.id, type: 'band', ok: true, band: intensityBand(model, parameters) };
    return { id: req.id, type: 'targets', ok: true, targets: evaluateTargets(model, { parameters }) };
  } catch (e) {
    return { id: req.id, type: req.type, ok: false, error: toFailure(e) };
  }
}

/**
 * The buffers of a run's sample arrays, to transfer rather than copy (a default run carries
 * ~40 arrays of ~900 samples; copying them cost the page time on every slider step).
 */
export function transferables(res: WorkerResponse): ArrayBuffer[] {
  if (!res.ok || res.type !== 'run') return [];
  const buffers = new Set<ArrayBuffer>();
  const add = (a: Float64Array) => {
    if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  };
  add(res.result.time);
  for (const g of res.result.groups) for (const col of Object.values(g.series)) add(col);
  return [...buffers];
}

const scope = globalThis as unknown as {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer: Transferable[]): void;
};
if (typeof (globalThis as { document?: unknown }).document === 'undefined') {
  scope.onmessage = (ev) => {
    const res = handleRequest(ev.data);
    scope.postMessage(res, transferables(res));
  };
}
