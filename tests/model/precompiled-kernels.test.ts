/**
 * The bundled models' kernels built ahead of time into the site (`scripts/kernels.ts`, the
 * `virtual:eolab-kernels` module): the module holds exactly the sources `compileModel` generates
 * for the bundled models; once registered, a `closures` compile of a bundled model uses them
 * (runs equal the generated kernel's bit for bit, tolerance 0); a model whose source differs
 * (edited, or opened by the user) finds no entry and runs as closures, never a stale kernel.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.ts';
import { precompiledKernelModule } from '../../scripts/kernels.ts';
import {
  compileModel,
  type KernelFactory,
  kernelSources,
  registerPrecompiledKernels,
} from '../../src/model/compile.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { buildProtocol } from '../../src/simulate/scenario.ts';
import { simulate } from '../../src/simulate/simulate.ts';

let entries: readonly (readonly [string, KernelFactory])[] = [];

beforeAll(async () => {
  // Import the module as the site's bundler would: a file of ordinary functions, no eval.
  const file = join(mkdtempSync(join(tmpdir(), 'eolab-kernels-')), 'kernels.mjs');
  writeFileSync(file, await precompiledKernelModule());
  entries = (await import(pathToFileURL(file).href)).default;
});

describe('precompiled kernels of the bundled models', () => {
  it('hold exactly the generated sources of every bundled model, once each', () => {
    const sources = new Set([...MODELS.values()].flatMap((spec) => kernelSources(spec)));
    expect(entries.map(([source]) => source).sort()).toEqual([...sources].sort());
    // Variants that differ only in parameter values share their sources (parameters are slots).
    for (const spec of MODELS.values()) expect(kernelSources(spec).length, spec.id).toBeGreaterThanOrEqual(4);
  });

  it('are used by a closures compile once registered, and run bit for bit like the generated kernel', () => {
    const first = [...MODELS.values()][0]!;
    expect(compileModel({ ...first }, { kernel: 'closures' }).kernelKind).toBe('closures');
    registerPrecompiledKernels(entries);
    for (const spec of MODELS.values()) {
      const pre = compileModel({ ...spec }, { kernel: 'closures' });
      expect(pre.kernelKind, spec.id).toBe('precompiled');
      const gen = compileModel(spec, { kernel: 'generated' });
      const protocol = buildProtocol(gen, 'study', {});
      const a = simulate(pre, protocol, { dt: 60 });
      const b = simulate(gen, protocol, { dt: 60 });
      for (const [gi, g] of a.groups.entries())
        for (const name of a.seriesNames)
          expect(Array.from(g.series[name]!), `${spec.id} ${g.id} ${name}`).toEqual(
            Array.from(b.groups[gi]!.series[name]!),
          );
    }
  });

  it('are not used for a model whose source differs: an edited rate runs as closures', () => {
    registerPrecompiledKernels(entries);
    const spec = [...MODELS.values()][0]!;
    const [name, state] = Object.entries(spec.states)[0]!;
    const edited: ModelSpec = {
      ...spec,
      states: { ...spec.states, [name]: { ...state, rate: `(${state.rate}) * 1` } },
    };
    expect(compileModel(edited, { kernel: 'closures' }).kernelKind).toBe('closures');
  });
});
