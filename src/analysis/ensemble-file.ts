/**
 * The ensemble file (`models/<model>.ensemble.json`): the plausible parameter sets of a model
 * with how they were drawn (seed, settings, prior digest, model version, solver tolerances), the
 * sampler's acceptance and convergence diagnostics, and the prior-predictive pass fraction of
 * every target check. One zod schema checks files on load; `buildEnsembleFile` writes them.
 */
import { z } from 'zod';
import type { CompiledModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { SolveOptions } from '../solve/odex-solver.ts';
import { type AbcLayout, type AbcSettings, abcLayout, type ChainResult } from './abc.ts';
import { fnv1a64, priorDigest } from './priors.ts';
import { effectiveSampleSize, splitRhat } from './stats.ts';

/** Format tag of ensemble files. */
export const ENSEMBLE_FORMAT = 'eolab-ensemble/1';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int().nonnegative();

/** Pass fraction of each check of one target on prior draws. */
const priorCheckSchema = z.object({
  id: z.string(),
  pass: finite,
  checks: z.array(
    z.object({ label: z.string(), basis: z.enum(['construction', 'calibration']), pass: finite }),
  ),
});

/** The schema of ensemble files. */
export const ensembleFileSchema = z.object({
  format: z.literal(ENSEMBLE_FORMAT),
  modelId: z.string(),
  modelVersion: z.string(),
  /** Digest of what the model computes (`modelDigest`): a changed model makes the ensemble stale. */
  modelDigest: z.string(),
  /** FNV-1a digest of every parameter's value and prior (the "prior version"). */
  priorDigest: z.string(),
  solver: z.object({ relativeTolerance: finite, absoluteTolerance: finite }),
  command: z.string(),
  sampler: z.object({
    method: z.literal('abc-mcmc'),
    seed: count,
    n: count,
    chains: count,
    burnIn: count,
    thin: count,
    adaptFrom: count,
    initialStep: finite,
    maxStartDraws: count,
  }),
  acceptance: z.object({
    /** Prior draws tried to find the chains' starts, and how many met every target. */
    priorDraws: count,
    priorAccepted: count,
    /** priorAccepted / priorDraws: the acceptance rate of plain rejection ABC. */
    rejectionRate: finite,
    /** Wilson 95% interval of that rate. */
    rejectionRate95: z.tuple([finite, finite]),
    /** Accepted / proposed moves after burn-in, over all chains. */
    moveRate: z.number().nullable(),
    solverFailures: count,
    rejectedBy: z.record(z.string(), count),
  }),
  diagnostics: z.object({
    /** Split-R̂ and effective sample size of each sampled parameter (log scale for log priors). */
    rhat: z.record(z.string(), z.number().nullable()),
    ess: z.record(z.string(), z.number().nullable()),
  }),
  priorPredictive: z.object({
    seed: count,
    n: count,
    /** Draws whose runs failed in the solver (counted as failing every target). */
    solverFailures: count,
    /** Fraction of prior draws meeting all of T1–T9. */
    all: finite,
    targets: z.array(priorCheckSchema),
  }),
  /** Sampled parameters: the columns of `members`. */
  parameters: z.array(z.string()),
  /** Parameters held at their file value (fixed priors). */
  fixed: z.record(z.string(), finite),
  /** Chain of each member (members are grouped by chain, in chain order). */
  chainOf: z.array(count),
  members: z.array(z.array(finite)),
});

/** A parsed ensemble file. */
export type EnsembleFile = z.infer<typeof ensembleFileSchema>;

/** Thrown for an ensemble file that does not match the schema or its model. */
export class EnsembleFileError extends Error {
  constructor(origin: string, problems: readonly string[]) {
    super(`invalid ensemble file (${origin}): ${problems.join('; ')}`);
    this.name = 'EnsembleFileError';
  }
}

/**
 * Check a parsed ensemble file's shape and, when `model` is given, that it belongs to that
 * model: same id, same digest, same parameter names.
 * @throws EnsembleFileError naming every problem and the origin
 */
export function parseEnsembleFile(input: unknown, origin: string, model?: { spec: ModelSpec }): EnsembleFile {
  const parsed = ensembleFileSchema.safeParse(input);
  if (!parsed.success)
    throw new EnsembleFileError(
      origin,
      parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`),
    );
  const file = parsed.data;
  const problems: string[] = [];
  const width = file.parameters.length;
  file.members.forEach((m, i) => {
    if (m.length !== width) problems.push(`members.${i}: ${m.length} values for ${width} parameters`);
  });
  if (file.chainOf.length !== file.members.length)
    problems.push(`chainOf: ${file.chainOf.length} entries for ${file.members.length} members`);
  if (model) {
    const spec = model.spec;
    if (file.modelId !== spec.id) problems.push(`modelId: "${file.modelId}" is not the model "${spec.id}"`);
    else if (file.modelDigest !== modelDigest(spec))
      problems.push(`modelDigest: the model file changed since the ensemble was drawn (regenerate it)`);
    for (const name of [...file.parameters, ...Object.keys(file.fixed)])
      if (!(name in spec.parameters)) problems.push(`parameters: "${name}" is not a parameter of the model`);
  }
  if (problems.length > 0) throw new EnsembleFileError(origin, problems);
  return file;
}

/**
 * FNV-1a digest of what a model computes: states (initial value, rate), parameter values and
 * priors, intermediate and observable expressions, and inputs (kind, default intensity). Labels,
 * descriptions, sources and references are left out, so editing prose does not make an ensemble
 * stale; changing any number or expression does.
 */
export function modelDigest(spec: ModelSpec): string {
  const map = <T, U>(r: Record<string, T>, f: (v: T) => U) => Object.entries(r).map(([k, v]) => [k, f(v)]);
  return fnv1a64(
    JSON.stringify([
      map(spec.states, (s) => [s.initial, s.rate]),
      map(spec.parameters, (p) => [
        p.value,
        p.prior?.distribution ?? null,
        p.prior?.min ?? null,
        p.prior?.max ?? null,
      ]),
      map(spec.intermediates, (i) => i.expression),
      map(spec.observables, (o) => o.expression),
      map(spec.inputs, (i) => [i.kind, i.defaultIntensity]),
    ]),
  );
}

/** The members of an ensemble as full parameter overrides (sampled and fixed). */
export function ensembleMembers(file: EnsembleFile): Record<string, number>[] {
  return file.members.map((row) => {
    const p: Record<string, number> = { ...file.fixed };
    file.parameters.forEach((name, i) => {
      p[name] = row[i]!;
    });
    return p;
  });
}

/** Wilson score interval (95%) for k successes in n trials. */
export function wilson95(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = k / n;
  const den = 1 + (z * z) / n;
  const mid = (p + (z * z) / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / den;
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}

/** Prior-predictive pass fractions (see `priorPredictive` in `ensemble-check.ts`). */
export type PriorPredictive = EnsembleFile['priorPredictive'];

/** Everything `buildEnsembleFile` needs besides the chains. */
export interface EnsembleFileInputs {
  readonly model: CompiledModel;
  readonly settings: AbcSettings;
  readonly chains: readonly ChainResult[];
  readonly priorPredictive: PriorPredictive;
  readonly solver: Pick<SolveOptions, 'relativeTolerance' | 'absoluteTolerance'>;
  /** The command that regenerates the file, recorded in it. */
  readonly command: string;
}

/** Assemble an ensemble file from chains computed in any order or chunking. */
export function buildEnsembleFile(inputs: EnsembleFileInputs): EnsembleFile {
  const { model, settings } = inputs;
  const layout = abcLayout(model);
  const chains = [...inputs.chains].sort((a, b) => a.chain - b.chain);
  chains.forEach((c, i) => {
    if (c.chain !== i)
      throw new Error(`chain ${i} is missing (have ${chains.map((x) => x.chain).join(', ')})`);
  });
  if (chains.length !== settings.chains)
    throw new Error(`expected ${settings.chains} chains, got ${chains.length}`);
  const priorDraws = chains.reduce((s, c) => s + c.startDraws, 0);
  const priorAccepted = chains.length;
  const proposals = chains.reduce((s, c) => s + c.proposals, 0);
  const accepted = chains.reduce((s, c) => s + c.accepted, 0);
  const rejectedBy: Record<string, number> = {};
  for (const c of chains)
    for (const [k, v] of Object.entries(c.rejectedBy)) rejectedBy[k] = (rejectedBy[k] ?? 0) + (v ?? 0);
  return {
    format: ENSEMBLE_FORMAT,
    modelId: model.spec.id,
    modelVersion: model.spec.version,
    modelDigest: modelDigest(model.spec),
    priorDigest: priorDigest(model.spec),
    solver: {
      relativeTolerance: inputs.solver.relativeTolerance,
      absoluteTolerance: inputs.solver.absoluteTolerance,
    },
    command: inputs.command,
    sampler: { method: 'abc-mcmc', ...settings },
    acceptance: {
      priorDraws,
      priorAccepted,
      rejectionRate: priorAccepted / priorDraws,
      rejectionRate95: wilson95(priorAccepted, priorDraws),
      moveRate: proposals > 0 ? accepted / proposals : null,
      solverFailures: chains.reduce((s, c) => s + c.solverFailures, 0),
      rejectedBy,
    },
    diagnostics: chainDiagnostics(layout, chains),
    priorPredictive: inputs.priorPredictive,
    parameters: [...layout.names],
    fixed: { ...layout.fixed },
    chainOf: chains.flatMap((c) => c.samples.map(() => c.chain)),
    members: chains.flatMap((c) => c.samples.map((s) => [...s])),
  };
}

/** Split-R̂ and ESS per sampled parameter, on the prior's own scale (log for log-uniform). */
function chainDiagnostics(layout: AbcLayout, chains: readonly ChainResult[]) {
  const rhat: Record<string, number | null> = {};
  const ess: Record<string, number | null> = {};
  const orNull = (x: number) => (Number.isFinite(x) ? x : null);
  const n = Math.min(...chains.map((c) => c.samples.length));
  layout.priors.forEach((p, j) => {
    const f = p.distribution === 'log-uniform' ? Math.log : (x: number) => x;
    const series = chains.map((c) => c.samples.slice(0, n).map((s) => f(s[j]!)));
    rhat[p.name] = orNull(splitRhat(series));
    ess[p.name] = orNull(effectiveSampleSize(series));
  });
  return { rhat, ess };
}

/**
 * The file's text: two-space JSON with one member per line (numbers in full, shortest
 * round-trip form, so parsing gives back exactly the sampled values), and a final newline.
 */
export function formatEnsembleJson(file: EnsembleFile): string {
  const marker = '"@members@"';
  const head = JSON.stringify({ ...file, chainOf: '@chainOf@', members: '@members@' }, null, 2);
  const members = file.members.map((m) => `    ${JSON.stringify(m)}`).join(',\n');
  return `${head
    .replace('"@chainOf@"', JSON.stringify(file.chainOf))
    .replace(marker, file.members.length > 0 ? `[\n${members}\n  ]` : '[]')}\n`;
}
