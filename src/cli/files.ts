/**
 * The CLI's guard around files, applied by `main` to every command: input files are read with a
 * size bound checked before reading (`/dev/zero` fails at once), every file read is remembered,
 * and an output (`--out`, `--meta`, a sidecar) that is one of those inputs — by path, through a
 * symlink or as a hard link — or that was already written in this run is refused with one line
 * naming both, before anything is written. Writing itself is atomic (`writeFileAtomic`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_INPUT_FILE_BYTES } from '../model/limits.ts';
import { type CliIO, UsageError } from './command.ts';

/** An input file larger than the bound. */
export class FileTooLargeError extends Error {
  readonly file: string;
  /** Bytes found (for a device or pipe: more than the bound were readable). */
  readonly size: number;
  readonly limit: number;
  constructor(file: string, size: number, limit: number, endless = false) {
    super(
      `cannot read ${file}: too large (${endless ? `more than ${limit} bytes readable` : `${size} bytes`}; input files are at most ${limit} bytes)`,
    );
    this.name = 'FileTooLargeError';
    this.file = file;
    this.size = size;
    this.limit = limit;
  }
}

/** Who a path is: its resolved and real paths, and (when it exists) its device and inode. */
interface Identity {
  readonly resolved: string;
  readonly real: string | undefined;
  readonly inode: string | undefined;
}

function identity(file: string): Identity {
  const resolved = path.resolve(file);
  let real: string | undefined;
  let inode: string | undefined;
  try {
    real = fs.realpathSync(resolved);
    const st = fs.statSync(real);
    inode = `${st.dev}:${st.ino}`;
  } catch {
    // Not there (yet): only the resolved path can match.
  }
  return { resolved, real, inode };
}

function same(a: Identity, b: Identity): boolean {
  if (a.resolved === b.resolved) return true;
  if (a.real !== undefined && a.real === b.real) return true;
  return a.inode !== undefined && a.inode === b.inode;
}

/**
 * Read at most `limit` bytes of a file that is not a regular file (a device, a pipe), failing as
 * soon as more are readable.
 */
function readBounded(file: string, limit: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw new FileTooLargeError(file, total, limit, true);
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Options of `guardFiles`. */
export interface FileGuardOptions {
  /** Largest input file, bytes (default `MAX_INPUT_FILE_BYTES`). */
  readonly maxBytes?: number;
}

/**
 * `io` with bounded reads and outputs that may never replace an input.
 * @returns a `CliIO` whose `readFile` throws `FileTooLargeError` beyond the bound and whose
 *   `writeFile` throws `UsageError` for a path that is an input of this run or was written already
 */
export function guardFiles(io: CliIO, options: FileGuardOptions = {}): CliIO {
  const limit = options.maxBytes ?? MAX_INPUT_FILE_BYTES;
  const inputs: { file: string; id: Identity }[] = [];
  const outputs: { file: string; id: Identity }[] = [];
  return {
    ...io,
    readFile(file) {
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(file);
      } catch {
        // Not on disk (an in-memory test double, or missing): the wrapped reader says why.
      }
      if (st && !st.isDirectory()) {
        if (st.isFile() && st.size > limit) throw new FileTooLargeError(file, st.size, limit);
        if (!st.isFile()) {
          inputs.push({ file, id: identity(file) });
          return readBounded(file, limit);
        }
      }
      const text = io.readFile(file);
      inputs.push({ file, id: identity(file) });
      return text;
    },
    writeFile(file, data) {
      const id = checkOne(file);
      const written = outputs.find((o) => same(o.id, id));
      if (written) throw twice(file, written.file);
      io.writeFile(file, data);
      outputs.push({ file, id: identity(file) });
    },
    checkOutputs(files) {
      const ids = files.map((f) => ({ file: f, id: checkOne(f) }));
      ids.forEach((a, i) => {
        const b = ids.slice(0, i).find((o) => same(o.id, a.id));
        if (b) throw twice(a.file, b.file);
      });
    },
  };

  function checkOne(file: string): Identity {
    const id = identity(file);
    const input = inputs.find((i) => same(i.id, id));
    if (input) {
      throw new UsageError(
        `refusing to write --out ${file}: it is the input file ${input.file} (choose another output file)`,
      );
    }
    return id;
  }
}

function twice(file: string, other: string): UsageError {
  return new UsageError(
    `refusing to write ${file}: it is the same file as the output ${other} (--out and --meta must differ)`,
  );
}
