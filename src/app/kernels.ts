/**
 * The bundled models' kernels built ahead of time (`scripts/kernels.ts`). Every worker that
 * simulates calls `registerBundledKernels()` first, so it runs those models at the generated
 * kernel's speed under `script-src 'self'`; any other model runs as closures.
 */
import entries from 'virtual:eolab-kernels';
import { registerPrecompiledKernels } from '../model/compile.ts';

/** Register the bundled models' precompiled kernels; returns how many kernels there are. */
export function registerBundledKernels(): number {
  registerPrecompiledKernels(entries);
  return entries.length;
}
