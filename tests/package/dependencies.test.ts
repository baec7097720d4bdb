/**
 * Dependencies are declared as used: each d3 module the source imports is a dependency with its
 * own @types package (no umbrella d3 unless something imports it); everything the compiled
 * package imports at run time is a dependency; every package its declarations reference is one
 * too (so a consumer's type check finds it); and `npm ls` reports no problem.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './readme.ts';

const exec = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const deps = new Set(Object.keys(pkg.dependencies));
const devDeps = new Set(Object.keys(pkg.devDependencies));

function walk(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = join(dir, e);
    return statSync(full).isDirectory() ? walk(full, ext) : ext.test(e) ? [full] : [];
  });
}

/** Package names imported by a file (static, dynamic, type-only and re-exports). */
function packagesOf(file: string): string[] {
  // Without comments (TSDoc examples mention imports too).
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  // Statements, not words: `import … from 'x'` / `export … from 'x'`, `import 'x'` and
  // `import('x')` (dynamic, or a type in a declaration) — never the word "import" in a string.
  const patterns = [
    /^\s*(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  const specs = patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
  return specs
    .filter((s) => !s.startsWith('.') && !s.startsWith('/'))
    .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

describe('dependencies', () => {
  it('each d3 module the source imports is a dependency with its own @types; no umbrella d3', () => {
    const imported = new Set(
      [...walk(join(ROOT, 'src'), /\.ts$/), ...walk(join(ROOT, 'notebooks'), /\.ts$/)]
        .flatMap(packagesOf)
        .filter((p) => p === 'd3' || p.startsWith('d3-')),
    );
    expect([...imported].sort()).toEqual(
      [
        'd3-array',
        'd3-dsv',
        'd3-format',
        'd3-scale',
        'd3-scale-chromatic',
        'd3-selection',
        'd3-shape',
      ].sort(),
    );
    for (const name of imported) {
      expect(deps.has(name), `${name} in dependencies`).toBe(true);
      expect(deps.has(`@types/${name}`) || devDeps.has(`@types/${name}`), `@types/${name} declared`).toBe(
        true,
      );
    }
    for (const name of ['d3', '@types/d3']) {
      expect(deps.has(name) || devDeps.has(name), `${name} is declared but nothing imports it`).toBe(false);
    }
  });

  it('the CLI runs on plain node: tsx is a development dependency only', () => {
    expect(deps.has('tsx')).toBe(false);
    expect(devDeps.has('tsx')).toBe(true);
  });

  it('everything the compiled package imports at run time is a dependency', () => {
    const files = walk(join(ROOT, 'lib'), /\.js$/);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      for (const name of packagesOf(file)) {
        expect(deps.has(name), `${relative(ROOT, file)} imports ${name}`).toBe(true);
      }
    }
  });

  it('every package the shipped declarations reference is a dependency (or its @types is)', () => {
    for (const file of walk(join(ROOT, 'lib'), /\.d\.ts$/)) {
      const where = relative(ROOT, file);
      for (const name of packagesOf(file)) {
        expect(
          deps.has(name) && (name.startsWith('@types/') || hasOwnTypes(name) || deps.has(`@types/${name}`)),
          `${where} references ${name}`,
        ).toBe(true);
      }
      // odex is a run-time dependency only: no declaration may reference the package.
      expect(packagesOf(file), where).not.toContain('odex');
    }
  });

  it('npm ls reports no missing, invalid or extraneous package', async () => {
    const { stdout, stderr } = await exec('npm', ['ls', '--depth=0'], { cwd: ROOT });
    expect(`${stdout}${stderr}`).not.toMatch(/missing|invalid|extraneous|ERR!/i);
  });
});

/** Whether an installed package ships its own declarations. */
function hasOwnTypes(name: string): boolean {
  const p = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
  return Boolean(p.types ?? p.typings ?? JSON.stringify(p.exports ?? {}).includes('types'));
}
