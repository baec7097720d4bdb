/** The bundled models' kernels, built ahead of time (`scripts/kernels.ts`). */
declare module 'virtual:eolab-kernels' {
  import type { KernelFactory } from '../model/compile.ts';

  const entries: readonly (readonly [string, KernelFactory])[];
  export default entries;
}
