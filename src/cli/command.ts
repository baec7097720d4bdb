/**
 * The contract every CLI command implements. Commands never touch `process` directly: they
 * read arguments and files and write output through `CliIO`, so tests can run them in-process
 * and the launcher maps their results to exit codes.
 */

/** What a command may do to the outside world. */
export interface CliIO {
  /** Write to standard output (no newline added). */
  readonly stdout: (text: string) => void;
  /** Write to standard error (no newline added). */
  readonly stderr: (text: string) => void;
  /** Whether standard error is a terminal (progress bars only then). */
  readonly stderrIsTTY: boolean;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, data: string) => void;
  /**
   * Check, before anything is written, that none of `paths` is an input of this run or another
   * of `paths` (set by `main`'s file guard; absent on plain test doubles).
   * @throws UsageError naming both files
   */
  readonly checkOutputs?: (paths: readonly string[]) => void;
}

/** What a command knows about how it was called. */
export interface RunContext {
  /** The command line as the user typed it (`eolab simulate --gap 30`), for provenance. */
  readonly command: string;
}

/** A sub-command: `eolab <name> ...`. */
export interface Command {
  readonly name: string;
  /** Usage text for `eolab <name> --help`. */
  readonly usage: string;
  /** Run with the arguments after the command name; resolve to the exit code. */
  run(args: readonly string[], io: CliIO, context?: RunContext): Promise<number>;
}

/**
 * A command as `eolab` lists it: name and one-line summary up front, the module loaded only when
 * the command runs, so `eolab --version` and `eolab models` start as fast as plain `node`.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for `eolab --help`. */
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Bad arguments: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
