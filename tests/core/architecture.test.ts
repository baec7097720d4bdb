/**
 * The one-way pipeline, enforced: reads the import statements of every file under `src/` and
 * fails on a forbidden edge, listing each offending file and import. The checker is a pure
 * function of (path, source) pairs, tested on small made-up files first so it cannot pass by
 * seeing nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** One import edge found in a source file. */
interface ImportEdge {
  /** The specifier as written (`../model/spec.ts`, `d3-scale`). */
  readonly specifier: string;
  /** `import type …` / `export type … from`: erased at compile time. */
  readonly typeOnly: boolean;
}

/** A source file, its path relative to `src/` with `/` separators. */
interface SourceFile {
  readonly path: string;
  readonly source: string;
}

/**
 * Remove comments; with `strings`, also blank out string and template text, keeping the code in
 * `${…}` and the specifiers of import statements (a string right after `from`, `import` or `import(`).
 */
function strip(source: string, strings: boolean): string {
  let out = '';
  let i = 0;
  const braces: number[] = []; // brace depth at each open template `${`
  let depth = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      // Scan a string or a template chunk up to its end or to `${`.
      let j = i + 1;
      while (j < n && source[j] !== c) {
        if (source[j] === '\\') j++;
        else if (c === '`' && source[j] === '$' && source[j + 1] === '{') break;
        j++;
      }
      const opensExpr = c === '`' && source[j] === '$';
      const specifier = !opensExpr && /(\bfrom|\bimport|\bimport\s*\()\s*$/.test(out);
      out += strings && !specifier ? `${c}${c === '`' && opensExpr ? '' : c}` : source.slice(i, j + 1);
      if (opensExpr) {
        if (strings) out += '${';
        else out = out.slice(0, -1) + '${';
        braces.push(depth);
        depth++;
        i = j + 2;
      } else i = j + 1;
    } else if (c === '}' && braces.length > 0 && braces[braces.length - 1] === depth - 1) {
      // End of a `${…}`: resume scanning the template text as a string.
      braces.pop();
      depth--;
      let j = i + 1;
      while (j < n && source[j] !== '`') {
        if (source[j] === '\\') j++;
        else if (source[j] === '$' && source[j + 1] === '{') break;
        j++;
      }
      const opensExpr = source[j] === '$';
      out += strings ? (opensExpr ? '}${' : '}`') : source.slice(i, opensExpr ? j + 2 : j + 1);
      if (opensExpr) {
        braces.push(depth);
        depth++;
        i = j + 2;
      } else i = j + 1;
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}

/** Every `import … from`, `export … from`, side-effect `import '…'` and `import('…')` in a file. */
function importsOf(source: string): ImportEdge[] {
  const code = strip(source, true);
  const found: { at: number; edge: ImportEdge }[] = [];
  const add = (at: number, specifier: string, typeOnly: boolean) =>
    found.push({ at, edge: { specifier, typeOnly } });
  const fromRe = /\b(import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(fromRe)) add(m.index, m[3]!, Boolean(m[2]));
  for (const m of code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) add(m.index, m[1]!, false);
  for (const m of code.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) add(m.index, m[1]!, false);
  return found.sort((a, b) => a.at - b.at).map((f) => f.edge);
}

/** Where an import lands: a folder of `src/` (`model`, …; `` for `src/index.ts`), outside src, or a package. */
type Target =
  | { readonly kind: 'src'; readonly folder: string; readonly file: string }
  | { readonly kind: 'outside'; readonly file: string }
  | { readonly kind: 'package'; readonly name: string };

function targetOf(fromPath: string, specifier: string): Target {
  if (!specifier.startsWith('.')) {
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    return { kind: 'package', name };
  }
  const file = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  if (file.startsWith('../')) return { kind: 'outside', file: file.replace(/^\.\.\//, '') };
  const folder = file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
  return { kind: 'src', folder, file };
}

const CORE = ['model', 'protocol', 'solve', 'simulate', 'analysis'];
/** Folders that must stay pure (no Node built-ins, no DOM): the core, the data writers, SBML. */
const PURE = [...CORE, 'data', 'sbml'];

/** src folders each folder may import: values, and (additionally) types only. */
const ALLOWED: Readonly<Record<string, { values: readonly string[]; types: readonly string[] }>> = {
  model: { values: ['model'], types: [] },
  protocol: { values: ['protocol'], types: [] },
  solve: { values: ['solve'], types: [] },
  simulate: { values: ['simulate', 'model', 'protocol', 'solve'], types: [] },
  analysis: { values: ['analysis', 'model', 'protocol', 'simulate'], types: ['solve'] },
  // Charts draw results: types of the result (simulate, analysis, and the protocol it carries).
  chart: { values: ['chart'], types: ['simulate', 'analysis', 'protocol'] },
  // Data writers (CSV, tidy tables) turn results into files' contents for the app and the CLI.
  data: { values: ['data', 'model', 'protocol', 'simulate', 'analysis'], types: ['solve'] },
  // SBML import and export translate model files (and a protocol's bouts); they never simulate.
  sbml: { values: ['sbml', 'model', 'protocol'], types: [] },
};

/** Every forbidden edge, as `file: import 'specifier' — reason`. */
function violations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const { path, source } of files) {
    const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : '';
    const report = (spec: string, why: string) => found.push(`${path}: import '${spec}' — ${why}`);
    for (const { specifier, typeOnly } of importsOf(source)) {
      const target = targetOf(path, specifier);
      if (target.kind === 'package') {
        if (target.name === 'mathjs' && path !== 'model/expression.ts') {
          report(specifier, 'only src/model/expression.ts may import mathjs');
        }
        if (target.name === 'odex' && path !== 'solve/odex-solver.ts') {
          report(specifier, 'only src/solve/odex-solver.ts may import odex');
        }
        const isD3 = target.name === 'd3' || target.name.startsWith('d3-');
        if (isD3 && CORE.includes(folder)) report(specifier, `src/${folder}/ must not import d3`);
        if (folder === 'chart' && !isD3 && !typeOnly)
          report(specifier, 'src/chart/ may import only d3 packages');
        if (target.name.startsWith('node:') && PURE.includes(folder)) {
          report(specifier, `src/${folder}/ is pure and must not import Node built-ins`);
        }
        continue;
      }
      if (target.kind === 'outside') {
        if (PURE.includes(folder) || folder === 'chart') {
          report(specifier, `src/${folder}/ must not import outside src/ (${target.file})`);
        }
        continue;
      }
      if (target.folder === folder) continue;
      if (target.folder === 'app' && folder !== 'app') {
        report(
          specifier,
          `only src/app/ may import src/app/ (${folder ? `src/${folder}/` : 'src/index.ts'} did)`,
        );
        continue;
      }
      const rule = ALLOWED[folder];
      if (!rule) continue; // app, cli, types and src/index.ts may import any other folder
      const label = target.folder ? `src/${target.folder}/` : 'src/index.ts';
      if (rule.values.includes(target.folder)) continue;
      if (rule.types.includes(target.folder)) {
        if (!typeOnly) report(specifier, `src/${folder}/ may import only types (import type) from ${label}`);
        continue;
      }
      report(specifier, `src/${folder}/ must not import ${label}`);
    }
    if (PURE.includes(folder)) {
      const code = strip(source, true);
      const browser =
        /\b(document|window)\s*(\.|\[)|\btypeof\s+(document|window)\b|\bglobalThis\s*\.\s*(document|window)\b/;
      const m = code.match(browser);
      if (m) found.push(`${path}: uses '${m[0]}' — src/${folder}/ must not touch document or window`);
    }
  }
  return found;
}

function sourceFiles(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push({
          path: relative(root, full).split(/[\\/]/).join('/'),
          source: readFileSync(full, 'utf8'),
        });
      }
    }
  };
  walk(root);
  return files;
}

describe('the import checker (on made-up files)', () => {
  it('finds static, multi-line, re-export, side-effect and dynamic imports, not ones in comments or strings', () => {
    const source = [
      "import { a } from './a.ts';",
      'import type {',
      '  B,',
      '  C,',
      "} from '../model/spec.ts';",
      "export * from './c.ts';",
      "import 'side-effect';",
      "const m = await import('../chart/line.ts');",
      "// import { x } from 'commented-out';",
      "/* import { y } from 'also-commented'; */",
      'const s = \'import { z } from "in-a-string"\';',
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: './a.ts', typeOnly: false },
      { specifier: '../model/spec.ts', typeOnly: true },
      { specifier: './c.ts', typeOnly: false },
      { specifier: 'side-effect', typeOnly: false },
      { specifier: '../chart/line.ts', typeOnly: false },
    ]);
  });

  it('flags each kind of forbidden edge, naming the file and the import', () => {
    const files: SourceFile[] = [
      { path: 'model/bad.ts', source: "import { simulate } from '../simulate/simulate.ts';" },
      { path: 'protocol/bad.ts', source: "import type { ModelSpec } from '../model/spec.ts';" },
      { path: 'solve/bad.ts', source: "import { x } from '../protocol/protocol.ts';" },
      { path: 'simulate/bad.ts', source: "import { peak } from '../analysis/readouts.ts';" },
      { path: 'analysis/bad.ts', source: "import { integrateSegment } from '../solve/odex-solver.ts';" },
      { path: 'analysis/ok.ts', source: "import type { SolveOptions } from '../solve/odex-solver.ts';" },
      {
        path: 'chart/bad.ts',
        source: "import { simulate } from '../simulate/simulate.ts';\nimport x from 'lodash';",
      },
      {
        path: 'chart/ok.ts',
        source: "import { line } from 'd3-shape';\nimport type { R } from '../simulate/simulate.ts';",
      },
      { path: 'cli/bad.ts', source: "import { h } from '../app/dom.ts';" },
      { path: 'cli/ok.ts', source: "import { simulate } from '../index.ts';\nimport fs from 'node:fs';" },
      { path: 'model/math.ts', source: "import { create } from 'mathjs';" },
      { path: 'simulate/odex.ts', source: "import odex from 'odex';" },
      { path: 'analysis/d3.ts', source: "import { scaleLinear } from 'd3-scale';" },
      { path: 'simulate/dom.ts', source: 'export const w = () => window.innerWidth;' },
      {
        path: 'protocol/doc.ts',
        source: "// the document says\nconst note = 'the AUC window';\nconst window = 3;",
      },
      { path: 'analysis/models.ts', source: "import { getModel } from '../../models/index.ts';" },
    ];
    expect(violations(files)).toEqual([
      "model/bad.ts: import '../simulate/simulate.ts' — src/model/ must not import src/simulate/",
      "protocol/bad.ts: import '../model/spec.ts' — src/protocol/ must not import src/model/",
      "solve/bad.ts: import '../protocol/protocol.ts' — src/solve/ must not import src/protocol/",
      "simulate/bad.ts: import '../analysis/readouts.ts' — src/simulate/ must not import src/analysis/",
      "analysis/bad.ts: import '../solve/odex-solver.ts' — src/analysis/ may import only types (import type) from src/solve/",
      "chart/bad.ts: import '../simulate/simulate.ts' — src/chart/ may import only types (import type) from src/simulate/",
      "chart/bad.ts: import 'lodash' — src/chart/ may import only d3 packages",
      "cli/bad.ts: import '../app/dom.ts' — only src/app/ may import src/app/ (src/cli/ did)",
      "model/math.ts: import 'mathjs' — only src/model/expression.ts may import mathjs",
      "simulate/odex.ts: import 'odex' — only src/solve/odex-solver.ts may import odex",
      "analysis/d3.ts: import 'd3-scale' — src/analysis/ must not import d3",
      "simulate/dom.ts: uses 'window.' — src/simulate/ must not touch document or window",
      "analysis/models.ts: import '../../models/index.ts' — src/analysis/ must not import outside src/ (models/index.ts)",
    ]);
  });

  it('keeps code inside template literals when blanking strings', () => {
    const input = ['const a = `x $', '{document.title} y $', '{`z $', '{window.name}`}`; // window.x'].join(
      '',
    );
    const code = strip(input, true);
    expect(code).toContain('document.title');
    expect(code).toContain('window.name');
    expect(code).not.toContain('window.x');
  });
});

describe('src/ import graph', () => {
  const root = fileURLToPath(new URL('../../src/', import.meta.url));
  const files = sourceFiles(root);

  it('reads the source tree (the core folders are all there)', () => {
    const folders = new Set(files.map((f) => f.path.split('/')[0]));
    for (const folder of CORE) expect(folders.has(folder), `src/${folder}/`).toBe(true);
    expect(files.some((f) => f.path === 'model/expression.ts')).toBe(true);
    expect(files.some((f) => f.path === 'solve/odex-solver.ts')).toBe(true);
  });

  it('sees every top-level import line of every file (the scanner does not derail)', () => {
    const missed: string[] = [];
    for (const f of files) {
      const lines = f.source.split('\n').filter((l) => /^(import\s|export\s.*\sfrom\s)/.test(l)).length;
      const found = importsOf(f.source).length;
      if (found < lines) missed.push(`${f.path}: ${lines} import lines, ${found} imports found`);
    }
    expect(missed).toEqual([]);
    expect(files.reduce((n, f) => n + importsOf(f.source).length, 0)).toBeGreaterThan(100);
  });

  it('has no forbidden edge', () => {
    expect(violations(files)).toEqual([]);
  });

  it('mathjs and odex are each imported by exactly their one module', () => {
    const importers = (pkg: string) =>
      files.filter((f) =>
        importsOf(f.source).some(
          (e) =>
            (e.specifier === pkg || e.specifier.startsWith(`${pkg}/`)) &&
            targetOf(f.path, e.specifier).kind === 'package',
        ),
      );
    expect(importers('mathjs').map((f) => f.path)).toEqual(['model/expression.ts']);
    expect(importers('odex').map((f) => f.path)).toEqual(['solve/odex-solver.ts']);
  });
});
