/**
 * Draw the ensemble of plausible models and write `models/<model>.ensemble.json` — the same
 * command as `eolab ensemble` (one implementation: `src/cli/ensemble-generate.ts`), runnable from
 * the sources without building the package:
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/write-ensemble.ts --n 1000 --seed 1
 *
 * Options as `eolab ensemble --help`: --model, --n, --seed, --prior-draws, --block, --max-draws,
 * --workers, --out. The file is bit-identical to the command's for the same options.
 */
import { main } from '../src/cli/main.ts';

process.exitCode = await main(['ensemble', ...process.argv.slice(2)]);
