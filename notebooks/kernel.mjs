#!/usr/bin/env node
/**
 * Registers the Deno Jupyter kernel for this project only: writes
 * `<project>/.jupyter/kernels/deno/kernel.json`, pointing at this checkout's Deno (the `deno`
 * npm dev dependency). Nothing is written to your home folder: `deno jupyter --install` would
 * write the user-wide kernelspec, so it is not used. Jupyter finds the kernel when `.jupyter` is
 * on its path:
 *
 *   JUPYTER_PATH=$PWD/.jupyter jupyter lab notebooks/
 *
 * Run: `node notebooks/kernel.mjs` (prints the folder). The tests use `jupyterEnv()`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder (one up from notebooks/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the project's Jupyter data (kernelspecs, runtime files) lives. */
export const JUPYTER_DIR = join(ROOT, '.jupyter');

/**
 * Write the kernelspec (idempotent) and return its folder.
 * @throws Error naming the missing Deno binary (run `npm install`)
 */
export function installKernel() {
  const deno = join(ROOT, 'node_modules', '.bin', 'deno');
  if (!existsSync(deno)) {
    throw new Error(`missing npm dev dependency: deno (${deno}) — run: npm install`);
  }
  const dir = join(JUPYTER_DIR, 'kernels', 'deno');
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'],
    display_name: 'Deno',
    language: 'typescript',
  };
  writeFileSync(join(dir, 'kernel.json'), `${JSON.stringify(spec, null, 2)}\n`);
  return dir;
}

/**
 * Environment for Jupyter commands that should see only the project's kernel: the project's
 * folder first on `JUPYTER_PATH` and as `JUPYTER_DATA_DIR` (so runtime files stay in it too).
 */
export function jupyterEnv(base = process.env) {
  installKernel();
  return { ...base, JUPYTER_PATH: JUPYTER_DIR, JUPYTER_DATA_DIR: JUPYTER_DIR };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = installKernel();
  process.stdout.write(`Deno kernel registered in ${dir}\nOpen the notebooks with: JUPYTER_PATH=${JUPYTER_DIR} jupyter lab notebooks/\n`);
}
