/**
 * The global-sensitivity file (`models/<model>.sobol.json`): the raw outputs of every row of the
 * Saltelli design over the prior (`global-sensitivity.ts`), with the seed, sample size and
 * digests of the model and its priors. The indices are computed from the rows when needed
 * (`sobolFromFile`), so the file holds data, not conclusions, and a test can recompute any row.
 */
import { z } from 'zod';
import type { CompiledModel } from '../model/compile.ts';
import { modelDigest } from './ensemble-file.ts';
import type { GLOBAL_OUTPUTS } from './global-sensitivity.ts';
import { priorDigest } from './priors.ts';
import { type SobolIndexOptions, type SobolResult, type SobolRows, sobolIndices } from './sobol.ts';

/** Format tag of Sobol files. */
export const SOBOL_FORMAT = 'eolab-sobol/2';

/** The schema of Sobol files. */
export const sobolFileSchema = z.object({
  format: z.literal(SOBOL_FORMAT),
  modelId: z.string(),
  modelVersion: z.string(),
  modelDigest: z.string(),
  priorDigest: z.string(),
  command: z.string(),
  seed: z.number().int().nonnegative(),
  /** Base sample size N (rows); runs = N · (d + 2). */
  n: z.number().int().positive(),
  /** Sampled parameters, in design column order. */
  parameters: z.array(z.string()),
  outputs: z.array(z.object({ id: z.string(), label: z.string() })),
  /** Per row: f(A), f(B), f(A_B^1..d), each with every output; null where the run failed. */
  rows: z.array(z.array(z.number().nullable())),
});

/** A parsed Sobol file. */
export type SobolFile = z.infer<typeof sobolFileSchema>;

/** The file for design rows (from any workers, in order and complete). */
export function buildSobolFile(
  model: CompiledModel,
  parameters: readonly string[],
  outputs: typeof GLOBAL_OUTPUTS,
  seed: number,
  blocks: readonly SobolRows[],
  command: string,
): SobolFile {
  const sorted = [...blocks].sort((a, b) => a.start - b.start);
  const rows: (number | null)[][] = [];
  for (const b of sorted) {
    if (b.start !== rows.length) throw new Error(`Sobol rows from ${rows.length} are missing`);
    const w = (b.d + 2) * b.outputs;
    for (let r = 0; r < b.count; r++)
      rows.push(Array.from(b.values.subarray(r * w, (r + 1) * w), (v) => (Number.isFinite(v) ? v : null)));
  }
  return {
    format: SOBOL_FORMAT,
    modelId: model.spec.id,
    modelVersion: model.spec.version,
    modelDigest: modelDigest(model.spec),
    priorDigest: priorDigest(model.spec),
    command,
    seed,
    n: rows.length,
    parameters: [...parameters],
    outputs: outputs.map((o) => ({ id: o.id, label: o.label })),
    rows,
  };
}

/** The file's text: two-space JSON with one design row per line, and a final newline. */
export function formatSobolJson(file: SobolFile): string {
  const head = JSON.stringify({ ...file, rows: '@rows@' }, null, 2);
  const rows = file.rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return `${head.replace('"@rows@"', file.rows.length > 0 ? `[\n${rows}\n  ]` : '[]')}\n`;
}

/** The rows of a file as one block for `sobolIndices`. */
export function sobolRowsOf(file: SobolFile): SobolRows {
  const d = file.parameters.length;
  const outputs = file.outputs.length;
  const values = new Float64Array(file.rows.length * (d + 2) * outputs);
  file.rows.forEach((r, i) => {
    r.forEach((v, k) => {
      values[i * (d + 2) * outputs + k] = v ?? Number.NaN;
    });
  });
  return { start: 0, count: file.rows.length, d, outputs, values };
}

/** Sobol indices (with bootstrap intervals) from the file's rows. */
export function sobolFromFile(file: SobolFile, options: SobolIndexOptions = {}): SobolResult {
  return sobolIndices([sobolRowsOf(file)], { seed: file.seed, ...options });
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
  const width = (file.parameters.length + 2) * file.outputs.length;
  const bad = file.rows.findIndex((r) => r.length !== width);
  if (bad >= 0)
    throw new Error(
      `invalid Sobol file (${origin}): rows.${bad}: ${file.rows[bad]!.length} values, expected ${width}`,
    );
  if (file.rows.length !== file.n)
    throw new Error(`invalid Sobol file (${origin}): ${file.rows.length} rows for n = ${file.n}`);
  if (model && (file.modelId !== model.spec.id || file.modelDigest !== modelDigest(model.spec)))
    throw new Error(
      `invalid Sobol file (${origin}): it was computed for another version of the model (regenerate it)`,
    );
  return file;
}
