/** The fenced code blocks of README.md, for the tests that run them as written. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The project folder. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** One fenced block: its info string (`sh`, `ts`), its text and the line it starts on. */
export interface CodeBlock {
  readonly lang: string;
  readonly code: string;
  readonly line: number;
}

/** Every fenced code block of a Markdown file (``` fences; indented fences inside lists too). */
export function codeBlocks(file: string = join(ROOT, 'README.md')): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j]!)) {
      body.push(lines[j]!.slice(indent));
      j++;
    }
    blocks.push({ lang: open[2]!, code: body.join('\n'), line: i + 1 });
    i = j;
  }
  return blocks;
}

/** The commands of a shell block: one per non-empty line, trailing `# comment` removed. */
export function shellCommands(block: CodeBlock): string[] {
  return block.code
    .split('\n')
    .map((l) => l.replace(/\s+#\s.*$/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
