/**
 * Writing command output to stdout or a file — kept apart from the data writers so that a
 * command printing plain text (`eolab models`) loads nothing else.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliIO } from './command.ts';

/** A short reason for a failed file operation: `no such file or directory`. */
export function describeFsError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENOTEMPTY: 'a directory is in the way',
    ENOSPC: 'no space left on the device',
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
    // A refusal (`--out` is an input file) is already one line naming both files.
    if (err instanceof Error && err.name === 'UsageError') throw err;
    throw new Error(`cannot write ${file}: ${describeFsError(err)}`);
  }
}

/**
 * Write `data` to `file` atomically: into a temporary file in the same directory, then renamed
 * over `file`. A reader never sees half a file, and a failed write (full disk, a directory in
 * the way) leaves the old file as it was and no temporary file behind.
 * @throws the file system's error (the caller names the file)
 */
export function writeFileAtomic(file: string, data: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(temp, data, { flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
