/**
 * The global-sensitivity data the Explore panel shows: a model's committed Sobol file
 * (`models/<model>.sobol.json`), checked against the model and reduced to indices with bootstrap
 * intervals and parameter labels. Runs in a worker (`sobol.worker.ts`): parsing the file and
 * bootstrapping its 512 rows takes long enough to jank the page.
 */
import { SOBOL_FILES } from '../../../models/ensembles.ts';
import { getModel } from '../../../models/index.ts';
import { parseSobolFile, sobolFromFile } from '../../analysis/sobol-file.ts';
import type { SobolRow } from '../../chart/sobol-bars.ts';

/** The indices of one output, ready to draw. */
export interface GlobalOutput {
  readonly id: string;
  readonly label: string;
  readonly rows: readonly SobolRow[];
}

/** What the panel shows, and where it came from. */
export interface GlobalSensitivityData {
  readonly modelId: string;
  /** Design rows (N), rows used (those whose runs all succeeded), runs (N · (d + 2)). */
  readonly n: number;
  readonly rowsUsed: number;
  readonly runs: number;
  readonly seed: number;
  readonly command: string;
  readonly file: string;
  readonly outputs: readonly GlobalOutput[];
}

/** A worker's answer. */
export type GlobalSensitivityReply =
  | { readonly ok: true; readonly data: GlobalSensitivityData }
  | { readonly ok: false; readonly message: string };

/**
 * Load, check and reduce the Sobol file of `modelId` (`files` defaults to the bundled ones).
 * @throws Error naming the model when it has no file, or the file and its problem when invalid
 */
export async function loadGlobalSensitivity(
  modelId: string,
  files: Readonly<Record<string, () => Promise<unknown>>> = SOBOL_FILES,
): Promise<GlobalSensitivityData> {
  const spec = getModel(modelId);
  const load = files[modelId];
  const name = `models/${modelId}.sobol.json`;
  if (!load) throw new Error(`no global-sensitivity data for model "${modelId}" (${name} is not bundled)`);
  const file = parseSobolFile(await load(), name, { spec });
  const result = sobolFromFile(file);
  const label = (p: string) => `${spec.parameters[p]?.label ?? p} (${p})`;
  return {
    modelId,
    n: file.n,
    rowsUsed: result.rows,
    runs: file.n * (file.parameters.length + 2),
    seed: file.seed,
    command: file.command,
    file: name,
    outputs: file.outputs.map((o, k) => {
      const s = result.outputs[k]!;
      return {
        id: o.id,
        label: o.label,
        rows: file.parameters.map((p, i) => ({
          parameter: p,
          label: label(p),
          first: s.first[i]!,
          total: s.total[i]!,
          firstCi: s.firstCi[i]!,
          totalCi: s.totalCi[i]!,
        })),
      };
    }),
  };
}
