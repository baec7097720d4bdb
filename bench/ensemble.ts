/**
 * Ensemble benchmark (reported, never asserted), part of `npm run bench`: every member of the
 * committed ensemble of plausible models (`models/<model>.ensemble.json`) × the study design's
 * five groups, on W worker threads (default 2) through the CLI's task pool — the work of
 * `eolab readouts --ensemble` (readouts only) and of `simulateEnsemble` with bands (every
 * observable on a 15-min grid and the order effect against readout time, as the app draws them).
 * Worker start-up is timed on its own; the walls include it, as a user waits for it.
 *
 * Run alone: `npx tsx --tsconfig tsconfig.node.json bench/ensemble.ts [--workers 2] [--members N]`
 */
import { parseArgs } from 'node:util';
import { ENSEMBLE_FILES } from '../models/ensembles.ts';
import { getModel } from '../models/index.ts';
import { ensembleMembers, parseEnsembleFile } from '../src/analysis/ensemble-file.ts';
import { combineEnsemble, type MemberBatch, runEnsembleMembers } from '../src/analysis/simulate-ensemble.ts';
import { defaultWorkers, runTasks } from '../src/cli/task-pool.ts';
import type { CliTask } from '../src/cli/tasks.ts';
import { compileModel } from '../src/model/compile.ts';
import { studyProtocol } from '../src/protocol/presets.ts';
import { defaultIntensities } from '../src/simulate/scenario.ts';
import { ms, table } from './stats.ts';

const { values: args } = parseArgs({ options: { workers: { type: 'string' }, members: { type: 'string' } } });
const workers = Number(args.workers ?? defaultWorkers());
const spec = getModel();
const model = compileModel(spec);
const file = parseEnsembleFile(await ENSEMBLE_FILES[spec.id]!(), `models/${spec.id}.ensemble.json`, model);
const all = ensembleMembers(file);
const members = args.members ? all.slice(0, Number(args.members)) : all;
const d = defaultIntensities(model);
const protocol = studyProtocol({ reIntensity: d.resistance, eeIntensity: d.endurance });
const BATCH = 50;

/** The member tasks of one variant. */
const tasks = (variant: Partial<Extract<CliTask, { kind: 'members' }>>): CliTask[] =>
  Array.from({ length: Math.ceil(members.length / BATCH) }, (_, i) => ({
    kind: 'members' as const,
    spec,
    members,
    start: i * BATCH,
    end: Math.min(members.length, (i + 1) * BATCH),
    dt: 15,
    protocol,
    ...variant,
  }));
// Readouts only: no series and no order effect, so the members run without an output grid.
const readoutsOnly = { series: [] as string[], orderEffect: false as const };

// One thread, per member (a sample of 40, after warm-up), both variants.
runEnsembleMembers(model, protocol, { members, start: 0, end: 5, ...readoutsOnly });
let t0 = performance.now();
runEnsembleMembers(model, protocol, { members, start: 5, end: 45, ...readoutsOnly });
const perReadouts = (performance.now() - t0) / 40;
t0 = performance.now();
runEnsembleMembers(model, protocol, { members, start: 5, end: 45, dt: 15 });
const perBands = (performance.now() - t0) / 40;

// Worker start-up alone: each worker answers one empty task.
const empty: CliTask = { kind: 'targets', spec, members: [] };
t0 = performance.now();
await runTasks(
  Array.from({ length: workers }, () => empty),
  workers,
);
const startup = performance.now() - t0;

const timed = async (variant: Parameters<typeof tasks>[0]) => {
  const c0 = process.cpuUsage();
  const start = performance.now();
  const batches = await runTasks<MemberBatch>(tasks(variant), workers);
  const run = performance.now() - start;
  const c1 = performance.now();
  const result = combineEnsemble(batches);
  const combine = performance.now() - c1;
  const used = process.cpuUsage(c0);
  return { run, combine, cpu: (used.user + used.system) / 1000, result };
};
const readouts = await timed(readoutsOnly);
const bands = await timed({});

console.log(
  `\n## Ensemble (${members.length} plausible models × the study's ${protocol.groups.length} groups, ${workers} worker threads)\n`,
);
console.log(
  table(
    ['measure', 'value', 'aim'],
    [
      ['one thread, per member: readouts only (no output grid)', `${ms(perReadouts)} ms`, ''],
      ['one thread, per member: bands (dt 15 min) and order effect', `${ms(perBands)} ms`, ''],
      [`worker start-up (${workers} threads)`, `${ms(startup)} ms`, ''],
      [
        `readouts only (readouts --ensemble): wall on ${workers} workers, with start-up`,
        `${ms(readouts.run)} ms`,
        '',
      ],
      [
        `bands and order effect (simulateEnsemble's work): wall on ${workers} workers, with start-up`,
        `${ms(bands.run)} ms`,
        '',
      ],
      ['combining batches into bands and claim support', `${ms(bands.combine)} ms`, ''],
      [`members that failed in the solver`, String(bands.result.failures.length), '0'],
    ],
  ),
);
