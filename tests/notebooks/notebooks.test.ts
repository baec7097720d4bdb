/**
 * The notebooks travel:
 *
 * - each executes headlessly with the project's own Deno kernelspec (`.jupyter/`, written by
 *   `notebooks/kernel.mjs`; the user-wide Jupyter folder is never touched) into a temporary copy:
 *   no cell may fail, every code cell must produce output, and each shows SVG figures;
 * - its committed outputs equal that fresh run (ids and timestamps aside), so they are never
 *   stale — `npm run notebooks` refreshes them;
 * - Debian's nbconvert 6 (`/usr/bin/jupyter-nbconvert`) turns each committed notebook into HTML in
 *   which every figure is a real inline SVG with its shapes; every SVG output has no XML
 *   declaration and carries alt text (`metadata["image/svg+xml"].alt`, which nbconvert 7 puts on
 *   its `<img>`). nbconvert 7 is not installed here (PyPI is unreachable): the outputs are built
 *   for both and the checks above are what nbconvert 7 reads.
 *
 * Needs /usr/bin/python3 with nbclient, jupyter-nbconvert and the `deno` npm dev dependency.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { JUPYTER_DIR, jupyterEnv } from '../../notebooks/kernel.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, 'notebooks');
const NOTEBOOKS = readdirSync(DIR)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();
const run = promisify(execFile);

interface Output {
  output_type: string;
  data?: Record<string, string | string[]>;
  metadata?: Record<string, unknown>;
  text?: string | string[];
  name?: string;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
}

const joined = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('') : (v ?? ''));
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Notebook;

/** What a cell's outputs say, without ids, execution counts or timing metadata. */
function normalised(nb: Notebook) {
  return nb.cells.map((c) => ({
    type: c.cell_type,
    source: joined(c.source),
    outputs: (c.outputs ?? []).map((o) => ({
      type: o.output_type,
      name: o.name,
      text: joined(o.text),
      data: Object.fromEntries(Object.entries(o.data ?? {}).map(([k, v]) => [k, joined(v)])),
      metadata: o.metadata ?? {},
      error: o.ename ? `${o.ename}: ${o.evalue}` : undefined,
    })),
  }));
}

let env: NodeJS.ProcessEnv;

beforeAll(() => {
  env = jupyterEnv();
});

describe('the project-local Deno kernel', () => {
  it('is registered under the project, and Jupyter sees that one', async () => {
    expect(JUPYTER_DIR).toBe(join(ROOT, '.jupyter'));
    const spec = JSON.parse(readFileSync(join(JUPYTER_DIR, 'kernels/deno/kernel.json'), 'utf8'));
    expect(spec.argv[0]).toBe(join(ROOT, 'node_modules/.bin/deno'));
    const { stdout } = await run('/usr/bin/jupyter', ['kernelspec', 'list', '--json'], { env });
    const specs = JSON.parse(stdout).kernelspecs as Record<string, { resource_dir: string }>;
    expect(specs.deno?.resource_dir).toBe(join(JUPYTER_DIR, 'kernels/deno'));
  });
});

describe('notebooks', () => {
  it('lists the four notebooks', () => {
    expect(NOTEBOOKS).toEqual([
      '01-reproduce-the-study.ipynb',
      '02-order-and-gap.ipynb',
      '03-sensitivity.ipynb',
      '04-uncertainty.ipynb',
    ]);
  });

  it.each(NOTEBOOKS)(
    '%s runs without errors, shows SVG figures, and its committed outputs equal the fresh run',
    async (name) => {
      const out = join(mkdtempSync(join(tmpdir(), 'eolab-nb-')), name);
      try {
        await run('/usr/bin/python3', [join(DIR, 'execute.py'), join(DIR, name), '--out', out], {
          cwd: ROOT,
          env,
          timeout: 540_000,
        });
      } catch (err) {
        const e = err as { stderr?: string; message: string };
        throw new Error(
          `${name} failed: ${(e.stderr ?? e.message).trim().split('\n').slice(-3).join(' | ')}`,
        );
      }
      const fresh = read(out);
      const outputs = fresh.cells.filter((c) => c.cell_type === 'code').flatMap((c) => c.outputs ?? []);
      expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
      const svgs = outputs.filter((o) => o.data && 'image/svg+xml' in o.data);
      expect(svgs.length).toBeGreaterThan(0);
      for (const o of svgs) expect(joined(o.data!['image/svg+xml'])).toMatch(/^<svg[\s\S]*<\/svg>$/);

      // Stale outputs: compare cell by cell so the message names the first cell that differs.
      const committed = normalised(read(join(DIR, name)));
      const now = normalised(fresh);
      expect(now.length).toBe(committed.length);
      now.forEach((cell, i) => {
        expect(
          committed[i],
          `${name}: cell ${i} differs from a fresh run — refresh the committed outputs with: npm run notebooks`,
        ).toEqual(cell);
      });
    },
    600_000,
  );

  it.each(NOTEBOOKS)('%s is committed with its outputs, no errors, and SVGs that travel', (name) => {
    const nb = read(join(DIR, name));
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThan(0);
    expect(code.every((c) => (c.outputs ?? []).length > 0)).toBe(true);
    const outputs = code.flatMap((c) => c.outputs ?? []);
    expect(outputs.some((o) => o.output_type === 'error')).toBe(false);
    const svgs = outputs.filter((o) => o.data && 'image/svg+xml' in o.data);
    expect(svgs.length).toBeGreaterThan(0);
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const o of svgs) {
      const svg = joined(o.data!['image/svg+xml']);
      // No XML declaration (nbconvert 6 cannot parse one), well-formed, titled.
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toContain('<?xml');
      expect(XMLValidator.validate(svg)).toBe(true);
      const title = String(parser.parse(svg).svg.title['#text'] ?? parser.parse(svg).svg.title);
      // Alt text: the chart's title and description, in the output metadata and as plain text.
      const alt = (o.metadata?.['image/svg+xml'] as { alt?: string } | undefined)?.alt ?? '';
      expect(alt.startsWith(title)).toBe(true);
      expect(alt.length).toBeGreaterThan(title.length + 20);
      expect(joined(o.data!['text/plain'])).toBe(alt);
      // The same SVG inline as HTML, which nbconvert 6 passes through unsanitised.
      expect(joined(o.data!['text/html'])).toBe(svg);
    }
  });

  it.each(NOTEBOOKS)(
    "%s converts to HTML with Debian's nbconvert 6, every figure an SVG with its shapes",
    async (name) => {
      const outDir = mkdtempSync(join(tmpdir(), 'eolab-nbconvert-'));
      const { stderr } = await run(
        '/usr/bin/jupyter-nbconvert',
        ['--to', 'html', '--output-dir', outDir, join(DIR, name)],
        { env, timeout: 300_000 },
      );
      expect(stderr).toMatch(/Writing \d+ bytes/);
      const html = readFileSync(join(outDir, name.replace(/\.ipynb$/, '.html')), 'utf8');
      const nb = read(join(DIR, name));
      const svgs = nb.cells
        .flatMap((c) => c.outputs ?? [])
        .filter((o) => o.data && 'image/svg+xml' in o.data)
        .map((o) => joined(o.data!['image/svg+xml']));
      // Each figure appears whole: its opening tag and its drawn shapes (nbconvert 6 would strip
      // the shapes of an image/svg+xml output and leave only its text).
      for (const svg of svgs) {
        expect(html).toContain(svg.slice(0, svg.indexOf('>') + 1));
        const shapes = (svg.match(/<(path|rect|line|circle|polyline)\b/g) ?? []).length;
        expect(shapes).toBeGreaterThan(0);
      }
      const inlineShapes = (html.match(/<(path|rect|line|circle|polyline)\b/g) ?? []).length;
      const committedShapes = svgs.join('').match(/<(path|rect|line|circle|polyline)\b/g)?.length ?? 0;
      expect(inlineShapes).toBeGreaterThanOrEqual(committedShapes);
    },
    300_000,
  );
});
