/**
 * Test helpers for the CLI: run `main` in-process with captured stdout/stderr and the real
 * file system, and make temporary directories.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csvParse } from 'd3-dsv';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';

/** What a CLI run produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `eolab <argv>` in-process. */
export async function run(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stderrIsTTY: false,
    readFile: (p) => fs.readFileSync(p, 'utf8'),
    writeFile: (p, d) => fs.writeFileSync(p, d),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'eolab-cli-'));
}

/** Lines of a text, without the empty string after a final newline. */
export function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

/** A CSV parsed with d3-dsv: the header's column names and the rows as records of text. */
export function parseCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const parsed = csvParse(text);
  return { columns: parsed.columns, rows: [...parsed] };
}
