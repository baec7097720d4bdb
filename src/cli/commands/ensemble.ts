/**
 * `eolab ensemble` — draw the ensemble of plausible models (rejection ABC over the priors in the
 * model file, keeping the parameter sets that meet T1–T9) and write it as an ensemble file.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_ABC_SETTINGS, formatEnsembleJson } from '../../index.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import type { CliIO, Command } from '../command.ts';
import { DEFAULT_PRIOR_DRAWS, ensembleCommandLine, generateEnsemble } from '../ensemble-generate.ts';
import { integerOption } from '../integer-option.ts';
import { writeOutput } from '../output.ts';
import { progress } from '../progress.ts';
import { isModelFile, loadModel } from '../scenario.ts';
import { defaultWorkers } from '../task-pool.ts';

const OPTIONS = {
  model: { type: 'string' },
  n: { type: 'string' },
  seed: { type: 'string' },
  'prior-draws': { type: 'string' },
  block: { type: 'string' },
  'max-draws': { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string' },
} as const;

/** Defaults of `eolab ensemble`, declared once. */
export const ENSEMBLE_DEFAULTS = Object.freeze({ n: 1000, seed: 1 });

/**
 * Where the ensemble of a model goes by default: beside the bundled model files
 * (`models/<id>.ensemble.json`, the file the library loads), or beside a model file given by
 * path (`my-model.json` → `my-model.ensemble.json`).
 */
export function defaultEnsemblePath(modelOption: string | undefined, modelId: string): string {
  if (modelOption !== undefined && isModelFile(modelOption))
    return `${modelOption.replace(/\.json$/i, '')}.ensemble.json`;
  return fileURLToPath(new URL(`../../../models/${modelId}.ensemble.json`, import.meta.url));
}

/** `eolab ensemble`. */
export const ensembleCommand: Command = {
  name: 'ensemble',
  usage: `Usage: eolab ensemble [--n ${ENSEMBLE_DEFAULTS.n}] [--seed ${ENSEMBLE_DEFAULTS.seed}] [--workers W] [--out FILE] [options]

Draws the ensemble of plausible models: parameter sets from the priors in the model file,
kept when they meet every study target T1–T9 (rejection ABC: the first n kept draws), plus a
prior-predictive check (the fraction of prior draws meeting each target). Writes the ensemble
file (JSON: members, acceptance rate, seed, settings, digests of the model and its priors).

The file is bit-identical for the same options, model and solver, whatever --workers: every
draw is a pure function of the seed and its index. The command recorded in the file names only
what changes it (model, n, seed, prior draws, and block size or draw limit when not default).
Under 1% of draws are kept (the file records the rate), so 1000 members take tens of
minutes on two cores.

Options:
  --n N                  members wanted (default ${ENSEMBLE_DEFAULTS.n})
  --seed S               seed of the sampler and the prior-predictive draws (default ${ENSEMBLE_DEFAULTS.seed})
  --prior-draws N        draws of the prior-predictive check (default ${DEFAULT_PRIOR_DRAWS})
  --block B              sampler draws per worker task (default ${DEFAULT_ABC_SETTINGS.blockSize}); changes which
                         draws are judged past the n-th kept one, so it is recorded
  --max-draws N          give up after N sampler draws (default ${DEFAULT_ABC_SETTINGS.maxDraws})
  --workers W            worker threads (default ${defaultWorkers()} here; 1 runs in this thread)
  --model ID|FILE        bundled model id (see \`eolab models\`) or a model file with priors
  --out FILE             where to write (default: the model's ensemble file:
                         models/<id>.ensemble.json for a bundled model, <file>.ensemble.json
                         beside a model file)

Progress goes to standard error: a bar with the time left on a terminal, a line per tenth
otherwise; then one summary line. Exit codes: 0 ok; 1 too few members within the draw limit,
an invalid model or an unwritable file; 2 bad arguments.`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const n = integerOption(parsed, 'n', { min: 1, max: 1_000_000 }) ?? ENSEMBLE_DEFAULTS.n;
    const seed = integerOption(parsed, 'seed', { min: 0 }) ?? ENSEMBLE_DEFAULTS.seed;
    const priorDraws =
      integerOption(parsed, 'prior-draws', { min: 1, max: 1_000_000 }) ?? DEFAULT_PRIOR_DRAWS;
    const blockSize = integerOption(parsed, 'block', { min: 1, max: 1_000_000 });
    const maxDraws = integerOption(parsed, 'max-draws', { min: 1 });
    const workers = integerOption(parsed, 'workers', { min: 1, max: 256 }) ?? defaultWorkers();
    const modelOption = stringOption(parsed, 'model');
    const spec = loadModel(io, modelOption);
    const out = stringOption(parsed, 'out') ?? defaultEnsemblePath(modelOption, spec.id);
    const settings = {
      ...(blockSize !== undefined ? { blockSize } : {}),
      ...(maxDraws !== undefined ? { maxDraws } : {}),
    };
    const request = { seed, n, priorDraws, ...(Object.keys(settings).length > 0 ? { settings } : {}) };
    const started = performance.now();
    const bar = progress(io, 'eolab ensemble');
    const file = await generateEnsemble({
      spec,
      request,
      workers,
      onProgress: (p) =>
        bar.update(
          p.fraction,
          p.phase === 'sampling'
            ? `${p.kept}/${p.n} kept, ${p.draws} draws judged`
            : `prior-predictive check ${p.priorDone}/${p.priorDraws}`,
        ),
    });
    bar.finish();
    writeOutput(io, out, formatEnsembleJson(file));
    const a = file.acceptance;
    io.stderr(
      `eolab ensemble: wrote ${out}: ${file.members.length} members; acceptance ${(100 * a.rate).toFixed(2)}% (${a.accepted}/${a.draws} draws); ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'} (${ensembleCommandLine(spec.id, request)})\n`,
    );
    return 0;
  },
};
