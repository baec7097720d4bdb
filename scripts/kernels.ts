/**
 * The bundled models' kernels, built ahead of time into the site as the virtual module
 * `virtual:eolab-kernels`. A page runs under `script-src 'self'`, which forbids `new Function`,
 * so in a browser `compileModel` falls back to closures over the checked trees (2.2–2.3× slower
 * on the study run). For the bundled models the generated source is known at build time: this
 * plugin writes it into the bundle as ordinary functions, and the app's workers register them
 * (`src/app/kernels.ts`, `registerPrecompiledKernels`). The source is the one `compileModel`
 * would have passed to `new Function` — only whitelisted tokens of checked model files from this
 * repository — keyed by its exact text, so an edited or opened model simply runs as closures.
 */
import type { Plugin } from 'vite';

const ID = 'virtual:eolab-kernels';
const RESOLVED = `\0${ID}`;

/** The module's text: `export default [[source, factory], …]`, one entry per distinct kernel. */
export async function precompiledKernelModule(): Promise<string> {
  const { MODELS } = await import('../models/index.ts');
  const { kernelSources } = await import('../src/model/compile.ts');
  const sources = new Set<string>();
  for (const spec of MODELS.values()) for (const source of kernelSources(spec)) sources.add(source);
  const entries = [...sources].map((source) => `  [${JSON.stringify(source)}, function (factorial) {\n${source}\n}],`);
  return `// Generated at build time by scripts/kernels.ts from the bundled models. Do not edit.\nexport default [\n${entries.join('\n')}\n];\n`;
}

/** The Vite plugin serving `virtual:eolab-kernels`. */
export function precompiledKernels(): Plugin {
  return {
    name: 'eolab-precompiled-kernels',
    resolveId: (source) => (source === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? precompiledKernelModule() : undefined),
  };
}
