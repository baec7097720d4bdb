/**
 * `eolab sensitivity --global`: Sobol first-order and total indices of the order effect (at 3 h
 * and in 24-h MPS AUC) over the prior, with 95% bootstrap intervals — from the model's committed
 * Sobol file, or recomputed with `--n N --seed S` on worker threads. The output says which.
 */
import { SOBOL_FILES } from '../../models/ensembles.ts';
import { globalSensitivityTable } from '../data/global-sensitivity.ts';
import { provenance } from '../data/provenance.ts';
import {
  buildProtocol,
  compileModel,
  parseSobolFile,
  type SobolFile,
  type SobolResult,
  sobolFromFile,
} from '../index.ts';
import { type ParsedArgs, stringOption } from './args.ts';
import type { CliIO, RunContext } from './command.ts';
import { formatNumber, formatTable } from './format.ts';
import { integerOption } from './integer-option.ts';
import { type DataOutput, writeData } from './output.ts';
import { progress } from './progress.ts';
import { createdBy, loadModel } from './scenario.ts';
import { generateSobol } from './sobol-generate.ts';
import { defaultWorkers } from './task-pool.ts';

/** Defaults of `--global`: base sample and seed of a recomputation, bootstrap resamples. */
export const GLOBAL_DEFAULTS = Object.freeze({ n: 512, seed: 1, bootstrap: 200 });

/** Options only `--global` takes. */
export const GLOBAL_ONLY_OPTIONS = ['n', 'seed', 'workers', 'bootstrap'] as const;

/** Where the indices came from. */
export type SobolSource =
  | { readonly kind: 'committed'; readonly file: string }
  | { readonly kind: 'recomputed'; readonly workers: number };

/** The indices as aligned tables, one per output, largest total index first. */
export function globalSensitivityText(
  file: SobolFile,
  sobol: SobolResult,
  source: SobolSource,
  bootstrap: number,
): string {
  const runs = file.n * (file.parameters.length + 2);
  const from =
    source.kind === 'committed'
      ? `from the committed file ${source.file}`
      : `recomputed now on ${source.workers} worker${source.workers === 1 ? '' : 's'}`;
  const head =
    `Sobol indices over the prior, ${from}: N = ${file.n} base rows, seed ${file.seed}, ${runs} runs of the study design, ` +
    `${sobol.rows} of ${sobol.rowsGiven} rows usable. S1: first-order index (the parameter alone); ST: total index ` +
    `(with its interactions). ${bootstrap > 0 ? `95% bootstrap intervals (${bootstrap} resamples) in brackets.` : 'No bootstrap intervals (--bootstrap 0).'}`;
  const num = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 5e-4 ? 0 : v).toFixed(3) : '—');
  const ci = (c: readonly [number, number]) => (bootstrap > 0 ? `[${num(c[0])}, ${num(c[1])}]` : '');
  const parts = file.outputs.map((o, k) => {
    const s = sobol.outputs[k]!;
    const order = file.parameters.map((_, i) => i).sort((a, b) => s.total[b]! - s.total[a]!);
    return `${o.label}: mean ${formatNumber(s.mean, 4)}, variance ${formatNumber(s.variance, 3)}\n\n${formatTable(
      order,
      [
        { header: 'parameter', value: (i) => file.parameters[i]! },
        { header: 'S1', value: (i) => num(s.first[i]!), align: 'right' },
        { header: 'S1 95%', value: (i) => ci(s.firstCi[i]!), align: 'right' },
        { header: 'ST', value: (i) => num(s.total[i]!), align: 'right' },
        { header: 'ST 95%', value: (i) => ci(s.totalCi[i]!), align: 'right' },
      ],
    )}`;
  });
  return `${head}\n\n${parts.join('\n')}`;
}

/** Run `eolab sensitivity --global` with parsed arguments. */
export async function runGlobalSensitivity(
  io: CliIO,
  parsed: ParsedArgs,
  output: DataOutput,
  context: RunContext | undefined,
): Promise<number> {
  const n = integerOption(parsed, 'n', { min: 2, max: 1_000_000 });
  const seed = integerOption(parsed, 'seed', { min: 0 });
  const bootstrap = integerOption(parsed, 'bootstrap', { min: 0, max: 100_000 }) ?? GLOBAL_DEFAULTS.bootstrap;
  const workers = integerOption(parsed, 'workers', { min: 1, max: 256 }) ?? defaultWorkers();
  const spec = loadModel(io, stringOption(parsed, 'model'));
  const model = compileModel(spec);
  let file: SobolFile;
  let source: SobolSource;
  if (n === undefined && seed === undefined) {
    const load = SOBOL_FILES[spec.id];
    if (!load)
      throw new Error(
        `model "${spec.id}" has no committed Sobol file (bundled: ${Object.keys(SOBOL_FILES).join(', ')}); recompute with --n N --seed S`,
      );
    const origin = `models/${spec.id}.sobol.json`;
    file = parseSobolFile(await load(), origin, model);
    source = { kind: 'committed', file: origin };
  } else {
    const bar = progress(io, 'eolab sensitivity');
    file = await generateSobol({
      spec,
      n: n ?? GLOBAL_DEFAULTS.n,
      seed: seed ?? GLOBAL_DEFAULTS.seed,
      workers,
      command: context?.command ?? 'eolab sensitivity --global',
      onProgress: (done, total) => bar.update(done / total, `${done}/${total} runs`),
    });
    bar.finish();
    source = { kind: 'recomputed', workers };
  }
  const sobol = sobolFromFile(file, { bootstrap });
  writeData(io, output, {
    provenance: provenance({
      spec,
      protocol: buildProtocol(model, 'study', {}),
      createdBy: createdBy(context),
      extra: {
        analysis:
          'Sobol indices over the prior (Saltelli design; first-order: Saltelli 2010 with f(B) centred; total: Jansen 1999)',
        source:
          source.kind === 'committed'
            ? { kind: 'committed', file: source.file, command: file.command }
            : { kind: 'recomputed' },
        seed: file.seed,
        n: file.n,
        runs: file.n * (file.parameters.length + 2),
        rowsUsable: sobol.rows,
        bootstrap,
        outputs: file.outputs,
        sampled: file.parameters,
      },
    }),
    table: globalSensitivityTable({ parameters: file.parameters, outputs: file.outputs, sobol }),
    text: () => globalSensitivityText(file, sobol, source, bootstrap),
  });
  return 0;
}
