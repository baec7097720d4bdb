/**
 * The global-sensitivity file (`models/<model>.sobol.json`): Sobol indices of the order effect
 * over the prior (`global-sensitivity.ts`), with the seed, sample size and digests of the model
 * and its priors, and the raw outputs of the first few design rows so a test can recompute them
 * and catch a file that no longer matches the code.
 */
import { z } from 'zod';
import type { CompiledModel } from '../model/compile.ts';
import { modelDigest } from './ensemble-file.ts';
import type { GlobalSensitivityResult } from './global-sensitivity.ts';
import { priorDigest } from './priors.ts';
import type { SobolRows } from './sobol.ts';

/** Format tag of Sobol files. */
export const SOBOL_FORMAT = 'eolab-sobol/1';

/** Design rows whose raw outputs are stored for the regeneration test. */
export const SOBOL_CHECK_ROWS = 3;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const pair = z.tuple([z.number().nullable(), z.number().nullable()]);

/** The schema of Sobol files. */
export const sobolFileSchema = z.object({
  format: z.literal(SOBOL_FORMAT),
  modelId: z.string(),
  modelVersion: z.string(),
  modelDigest: z.string(),
  priorDigest: z.string(),
  command: z.string(),
  seed: z.number().int().nonnegative(),
  /** Base sample size N; runs = N · (d + 2). */
  n: z.number().int().positive(),
  /** Rows used (rows where a run failed are left out). */
  rows: z.number().int().nonnegative(),
  bootstrap: z.number().int().nonnegative(),
  parameters: z.array(z.string()),
  outputs: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      mean: finite,
      variance: finite,
      first: z.array(finite),
      total: z.array(finite),
      firstCi: z.array(pair),
      totalCi: z.array(pair),
    }),
  ),
  /** Raw outputs of design rows 0..SOBOL_CHECK_ROWS − 1, as [row][d + 2][output]. */
  checkRows: z.array(z.number().nullable()),
});

/** A parsed Sobol file. */
export type SobolFile = z.infer<typeof sobolFileSchema>;

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/** The file for a result, with the raw outputs of the first rows (from `firstRows`). */
export function buildSobolFile(
  model: CompiledModel,
  result: GlobalSensitivityResult,
  firstRows: SobolRows,
  options: { readonly command: string; readonly bootstrap: number },
): SobolFile {
  const d = result.parameters.length;
  const width = (d + 2) * firstRows.outputs;
  return {
    format: SOBOL_FORMAT,
    modelId: model.spec.id,
    modelVersion: model.spec.version,
    modelDigest: modelDigest(model.spec),
    priorDigest: priorDigest(model.spec),
    command: options.command,
    seed: result.seed,
    n: result.n,
    rows: result.sobol.rows,
    bootstrap: options.bootstrap,
    parameters: [...result.parameters],
    outputs: result.outputs.map((o, k) => {
      const s = result.sobol.outputs[k]!;
      return {
        id: o.id,
        label: o.label,
        mean: s.mean,
        variance: s.variance,
        first: Array.from(s.first),
        total: Array.from(s.total),
        firstCi: s.firstCi.map(([a, b]) => [orNull(a), orNull(b)] as [number | null, number | null]),
        totalCi: s.totalCi.map(([a, b]) => [orNull(a), orNull(b)] as [number | null, number | null]),
      };
    }),
    checkRows: Array.from(firstRows.values.subarray(0, SOBOL_CHECK_ROWS * width), orNull),
  };
}

/**
 * Check a parsed Sobol file's shape (and, with `model`, that it belongs to that model).
 * @throws Error naming every problem and the origin
 */
export function parseSobolFile(
  input: unknown,
  origin: string,
  model?: { spec: CompiledModel['spec'] },
): SobolFile {
  const parsed = sobolFileSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`,
    );
    throw new Error(`invalid Sobol file (${origin}): ${problems.join('; ')}`);
  }
  const file = parsed.data;
  if (model && (file.modelId !== model.spec.id || file.modelDigest !== modelDigest(model.spec)))
    throw new Error(
      `invalid Sobol file (${origin}): it was computed for another version of the model (regenerate it)`,
    );
  return file;
}
