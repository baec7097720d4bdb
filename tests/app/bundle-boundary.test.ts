/**
 * The page's first load stays small: from `src/app/main.ts`, static imports must not reach the
 * expression compiler (mathjs), the full validator (zod; its small `zod/mini` build checks links
 * and saved state on the main thread), the solver (odex) or KaTeX. Those load in the simulation
 * worker or on demand (dynamic `import()`), which this walk does not follow.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(STATIC_IMPORT)].map((m) => m[1]!);
}

/** Every module reachable from `entry` through static, non-type imports. */
function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const target = join(dirname(file), spec);
        if (/\.(ts|js|mjs)$/.test(target)) stack.push(target);
      } else {
        // `zod/mini` is the one sub-path counted apart from its package (it is a few kB).
        if (spec === 'zod/mini') packages.add(spec);
        else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
  }
  return { files, packages };
}

describe('main-thread bundle boundary', () => {
  const { files, packages } = reachable(join(root, 'src/app/main.ts'));
  const rel = [...files].map((f) => relative(root, f));

  it('reaches the app modules (the walk works)', () => {
    expect(rel).toContain('src/app/controller.ts');
    expect(rel).toContain('src/chart/index.ts');
    expect(packages.has('d3-scale') || packages.has('d3')).toBe(true);
  });

  it('does not statically load mathjs, zod (only zod/mini), odex or katex', () => {
    for (const pkg of ['mathjs', 'zod', 'odex', 'katex']) expect([...packages], pkg).not.toContain(pkg);
  });

  it('does not statically load the compiler, validator, solver or simulator', () => {
    const forbidden = rel.filter((f) =>
      /^src\/(model\/(expression|validate|compile)|solve\/|simulate\/simulate)|^models\/index\.ts$/.test(f),
    );
    expect(forbidden).toEqual([]);
  });
});
