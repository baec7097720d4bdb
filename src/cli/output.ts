/** Where command output goes: stdout or `--out FILE`, and warnings on stderr. */
import type { CliIO } from './command.ts';
import { describeFsError } from './scenario.ts';

/**
 * Write `text` to `file`, or to stdout when `file` is undefined.
 * @throws Error naming the file when it cannot be written
 */
export function writeOutput(io: CliIO, file: string | undefined, text: string): void {
  if (file === undefined) {
    io.stdout(text);
    return;
  }
  try {
    io.writeFile(file, text);
  } catch (err) {
    throw new Error(`cannot write ${file}: ${describeFsError(err)}`);
  }
}

/** Print each warning as one `eolab: warning: …` line on stderr. */
export function printWarnings(io: CliIO, warnings: readonly string[]): void {
  for (const w of warnings) io.stderr(`eolab: warning: ${w.replace(/\s*\n\s*/g, ' ')}\n`);
}
