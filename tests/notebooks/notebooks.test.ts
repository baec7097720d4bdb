/**
 * Every notebook in notebooks/ executes headlessly with the Deno kernel into a temporary copy
 * (the committed files are not touched): no cell may fail, every code cell must produce output,
 * and each notebook must show at least one SVG figure made by the project's chart code.
 * Needs /usr/bin/python3 with nbclient and the Deno kernel (`npx deno jupyter --install`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, 'notebooks');
const NOTEBOOKS = readdirSync(DIR)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();
const run = promisify(execFile);

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  outputs?: Output[];
}

beforeAll(async () => {
  // Register the Deno kernel (idempotent with --force).
  await run('npx', ['deno', 'jupyter', '--install', '--force'], { cwd: ROOT });
}, 120_000);

describe('notebooks', () => {
  it('lists the three notebooks', () => {
    expect(NOTEBOOKS).toEqual([
      '01-reproduce-the-study.ipynb',
      '02-order-and-gap.ipynb',
      '03-sensitivity.ipynb',
    ]);
  });

  it.each(NOTEBOOKS)(
    '%s runs without errors and shows SVG figures',
    async (name) => {
      const out = join(mkdtempSync(join(tmpdir(), 'eolab-nb-')), name);
      try {
        await run('/usr/bin/python3', [join(DIR, 'execute.py'), join(DIR, name), '--out', out], {
          cwd: ROOT,
          timeout: 540_000,
        });
      } catch (err) {
        const e = err as { stderr?: string; message: string };
        throw new Error(
          `${name} failed: ${(e.stderr ?? e.message).trim().split('\n').slice(-3).join(' | ')}`,
        );
      }
      const nb = JSON.parse(readFileSync(out, 'utf8')) as { cells: Cell[] };
      const outputs = nb.cells.filter((c) => c.cell_type === 'code').flatMap((c) => c.outputs ?? []);
      expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
      const svgs = outputs.filter((o) => o.data && 'image/svg+xml' in o.data);
      expect(svgs.length).toBeGreaterThan(0);
      for (const o of svgs) {
        const text = o.data!['image/svg+xml'];
        expect(Array.isArray(text) ? text.join('') : String(text)).toMatch(/<svg[\s\S]*<\/svg>/);
      }
    },
    600_000,
  );

  it.each(NOTEBOOKS)('%s is committed with its outputs and no errors', (name) => {
    const nb = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as { cells: Cell[] };
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThan(0);
    expect(code.every((c) => (c.outputs ?? []).length > 0)).toBe(true);
    expect(code.flatMap((c) => c.outputs ?? []).some((o) => o.output_type === 'error')).toBe(false);
  });
});
