/**
 * `eolab readouts --ensemble`: every readout of `eolab readouts` across the plausible models —
 * each member of the ensemble file run over the protocol on worker threads
 * (`runEnsembleMembers` in batches), then the median and the 50% and 90% bands of each readout
 * (`combineEnsemble`).
 */
import { ENSEMBLE_FILES } from '../../models/ensembles.ts';
import type { EnsembleReadout } from '../data/ensemble-readouts.ts';
import {
  combineEnsemble,
  type EnsembleFile,
  type EnsembleResult,
  ensembleMembers,
  groupAnchors,
  type MemberBatch,
  type Protocol,
  parseEnsembleFile,
} from '../index.ts';
import type { CliIO } from './command.ts';
import { progress } from './progress.ts';
import type { ModelChoice } from './scenario.ts';
import { readJsonFile } from './scenario.ts';
import { runTasks } from './task-pool.ts';
import type { CliTask } from './tasks.ts';

/** Members per worker task. */
const BATCH = 50;

/** Where the ensemble comes from: a file given by path, or the committed one of a bundled model. */
export interface EnsembleSource {
  readonly file: EnsembleFile;
  /** `models/<id>.ensemble.json` or the path given. */
  readonly origin: string;
}

/**
 * The ensemble of the chosen model: `path` when given, else the committed file of a bundled model.
 * @throws Error for a missing, unreadable or mismatched file, or a model with no committed ensemble
 */
export async function loadEnsemble(
  io: CliIO,
  choice: ModelChoice,
  path: string | undefined,
): Promise<EnsembleSource> {
  if (path !== undefined)
    return { file: parseEnsembleFile(readJsonFile(io, path), path, choice.model), origin: path };
  const load = ENSEMBLE_FILES[choice.spec.id];
  if (!load)
    throw new Error(
      `model "${choice.spec.id}" has no committed ensemble (bundled ensembles: ${Object.keys(ENSEMBLE_FILES).join(', ')}); draw one with eolab ensemble --model … --out FILE, then pass --ensemble-file FILE`,
    );
  const origin = `models/${choice.spec.id}.ensemble.json`;
  return { file: parseEnsembleFile(await load(), origin, choice.model), origin };
}

/** Run every member of `file` over `protocol` on `workers` threads (progress on stderr) and combine. */
export async function runEnsembleReadouts(
  io: CliIO,
  choice: ModelChoice,
  file: EnsembleFile,
  protocol: Protocol,
  workers: number,
): Promise<{ result: EnsembleResult; batches: MemberBatch[] }> {
  const members = ensembleMembers(file);
  const tasks: CliTask[] = [];
  for (let start = 0; start < members.length; start += BATCH)
    tasks.push({
      kind: 'members',
      spec: choice.spec,
      members,
      start,
      end: Math.min(members.length, start + BATCH),
      protocol,
      overrides: choice.parameters,
      series: [],
      orderEffect: false,
    });
  const bar = progress(io, 'eolab readouts');
  let done = 0;
  const batches = await runTasks<MemberBatch>(tasks, workers, (units) => {
    done += units;
    bar.update(done / members.length, `${done}/${members.length} members`);
  });
  bar.finish();
  return { result: combineEnsemble(batches), batches };
}

/**
 * Every readout of every group but the control (whose folds are 1 by definition): the fold of
 * each observable at the group's readout time, then the MPS AUC folds, as in `readoutTable`.
 */
export function ensembleReadoutRows(
  protocol: Protocol,
  observables: readonly string[],
  result: EnsembleResult,
  batches: readonly MemberBatch[],
): EnsembleReadout[] {
  const count = (key: string) =>
    batches.reduce(
      (s, b) => s + (b.scalars[key] ? [...b.scalars[key]!].filter((v) => !Number.isNaN(v)).length : 0),
      0,
    );
  const nan = { q05: Number.NaN, q25: Number.NaN, median: Number.NaN, q75: Number.NaN, q95: Number.NaN };
  return protocol.groups
    .filter((g) => g.id !== protocol.controlGroup)
    .flatMap((g) => {
      const time = groupAnchors(protocol, g).readoutTime;
      const keys = [
        ...observables.map((o) => [`fold:${g.id}:${o}`, `fold.${o}`] as const),
        ...(observables.includes('mps')
          ? protocol.readout.aucWindows.map((w) => [`auc:${g.id}:${w}`, `aucFold.${w}`] as const)
          : []),
      ];
      return keys.map(([key, readout]) => ({
        group: g.id,
        label: g.label,
        time,
        readout,
        members: count(key),
        band: result.readouts[key] ?? nan,
      }));
    });
}
