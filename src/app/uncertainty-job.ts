/**
 * The ensemble of plausible models run on the app's scenario, off the main thread: the first
 * `APP_ENSEMBLE.members` members of the model's ensemble file (members are in draw order, so this
 * is a random subsample), the scenario's parameter preset and overrides applied on top of each,
 * run in chunks so a newer request can take over between chunks. Time courses are turned into
 * fold vs control per member before the quantiles are taken (the band of a ratio is not the ratio
 * of bands). Pure apart from the `yieldNow` the worker passes in; tests call it directly.
 */
import { type EnsembleFile, ensembleMembers, parseEnsembleFile } from '../analysis/ensemble-file.ts';
import {
  combineEnsemble,
  type EnsembleResult,
  type MemberBatch,
  runEnsembleMembers,
} from '../analysis/simulate-ensemble.ts';
import type { CompiledModel } from '../model/compile.ts';
import type { Protocol } from '../protocol/protocol.ts';

/** How the app runs the ensemble, declared once. */
export const APP_ENSEMBLE = Object.freeze({
  /**
   * Members run (of the file's 1000): a random subsample (members are in draw order) big enough for
   * the 5th–95th percentiles to settle, small enough to finish in seconds on a phone.
   */
  members: 120,
  /** Members per chunk between checks for a newer request. */
  chunk: 10,
  /** Output step of the bands, minutes. */
  dt: 15,
});

/**
 * Divide every member's series by its own control group at the same time (in place on a copy),
 * so the bands are bands of fold vs control.
 * @throws Error when the batch has no group `control`
 */
export function foldBatch(batch: MemberBatch, control: string): MemberBatch {
  if (batch.values.length === 0) return batch;
  const gc = batch.groups.findIndex((g) => g.id === control);
  if (gc < 0) throw new Error(`ensemble batch has no control group "${control}"`);
  const ng = batch.groups.length;
  const ns = batch.series.length;
  const nt = batch.time.length;
  const values = new Float64Array(batch.values);
  for (let k = 0; k < batch.count; k++)
    for (let si = 0; si < ns; si++) {
      const c = ((k * ng + gc) * ns + si) * nt;
      for (let gi = 0; gi < ng; gi++) {
        const o = ((k * ng + gi) * ns + si) * nt;
        for (let j = 0; j < nt; j++) values[o + j] = batch.values[o + j]! / batch.values[c + j]!;
      }
    }
  return { ...batch, values };
}

const parsed = new WeakMap<object, EnsembleFile>();

/** The job's file, checked once per loaded file object. */
function parsedFile(job: EnsembleJob): EnsembleFile {
  const key = typeof job.file === 'object' && job.file !== null ? job.file : undefined;
  const hit = key && parsed.get(key);
  if (hit) return hit;
  const file = parseEnsembleFile(job.file, `ensemble of ${job.model.spec.id}`, job.model);
  if (key) parsed.set(key, file);
  return file;
}

/** Everything one ensemble job needs. */
export interface EnsembleJob {
  readonly model: CompiledModel;
  readonly protocol: Protocol;
  /** Preset values and the user's overrides, applied on top of every member. */
  readonly parameters: Readonly<Record<string, number>>;
  /** The model's ensemble file as parsed JSON (validated here against the model). */
  readonly file: unknown;
  /** Members to run (default `APP_ENSEMBLE.members`, at most the file's). */
  readonly members?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Awaited between chunks; resolves false when a newer request took over (the job then stops). */
  readonly keepGoing?: () => Promise<boolean>;
}

/**
 * Run the job; `undefined` when it was superseded.
 * @throws EnsembleFileError when the file does not belong to the model
 */
export async function runEnsembleJob(job: EnsembleJob): Promise<EnsembleResult | undefined> {
  const file = parsedFile(job);
  const all = ensembleMembers(file);
  const n = Math.min(job.members ?? APP_ENSEMBLE.members, all.length);
  const members = all.slice(0, n);
  const anchor = job.protocol.readout.anchor;
  const batches: MemberBatch[] = [];
  for (let start = 0; start < n; start += APP_ENSEMBLE.chunk) {
    if (job.keepGoing && !(await job.keepGoing())) return undefined;
    const batch = runEnsembleMembers(job.model, job.protocol, {
      members,
      overrides: job.parameters,
      start,
      end: Math.min(n, start + APP_ENSEMBLE.chunk),
      dt: APP_ENSEMBLE.dt,
      ...(anchor ? { orderEffect: { anchor } } : {}),
    });
    batches.push(foldBatch(batch, job.protocol.controlGroup));
    job.onProgress?.(Math.min(n, start + APP_ENSEMBLE.chunk), n);
  }
  return combineEnsemble(batches);
}
