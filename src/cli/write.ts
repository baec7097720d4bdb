/**
 * Writing command output to stdout or a file — kept apart from the data writers so that a
 * command printing plain text (`eolab models`) loads nothing else.
 */
import type { CliIO } from './command.ts';

/** A short reason for a failed file operation: `no such file or directory`. */
export function describeFsError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return (e.code && reasons[e.code]) ?? String(e.message ?? err).split('\n')[0]!;
}

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
