/**
 * Wall time of `simulateEnsemble` work: every member of the committed ensemble × the study
 * design's groups, on W worker threads (default 2), in member batches of 50:
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/bench-ensemble.ts --workers 2
 *
 * Prints the wall time and members per second; nothing is asserted (speed is measured, not tested).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { ENSEMBLE_FILES } from '../models/ensembles.ts';
import { getModel } from '../models/index.ts';
import { ensembleMembers, parseEnsembleFile } from '../src/analysis/ensemble-file.ts';
import { combineEnsemble, type MemberBatch } from '../src/analysis/simulate-ensemble.ts';
import { compileModel } from '../src/model/compile.ts';
import { progressLine, runTasks } from './pool.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    dt: { type: 'string', default: '15' },
  },
});
const spec = getModel();
const model = compileModel(spec);
const file = parseEnsembleFile(await ENSEMBLE_FILES[spec.id]!(), 'ensemble', model);
const members = ensembleMembers(file);
const chunk = 50;
const tasks = Array.from({ length: Math.ceil(members.length / chunk) }, (_, i) => ({
  kind: 'members' as const,
  spec,
  members,
  start: i * chunk,
  end: Math.min(members.length, (i + 1) * chunk),
  dt: Number(values.dt),
}));
const workers = Number(values.workers);
const t0 = performance.now();
const batches = await runTasks<MemberBatch>(tasks, workers, progressLine(members.length));
const t1 = performance.now();
const result = combineEnsemble(batches);
const t2 = performance.now();
process.stderr.write('\n');
console.log(
  `${members.length} members × ${batches[0]!.groups.length} groups (study design, dt ${values.dt} min) on ${workers} worker(s): ` +
    `runs ${((t1 - t0) / 1000).toFixed(1)} s (${(members.length / ((t1 - t0) / 1000)).toFixed(0)} members/s), ` +
    `bands and claims ${((t2 - t1) / 1000).toFixed(2)} s; ${result.succeeded} succeeded`,
);
