/**
 * `eolab`: the Exercise Order Lab command line. A thin shell over the library: parse
 * arguments, call the library, print. Commands never touch `process`; `main` maps their
 * outcome to an exit code:
 *
 * - 0: success;
 * - 1: runtime error (invalid model, missing file, solver failure, a failing target): one line
 *   `eolab <command>: <message>` on stderr;
 * - 2: bad arguments (`UsageError`): one line on stderr naming the option and the value.
 *
 * No stack trace ever reaches the user. This module loads no command until one runs, so
 * `eolab --version` costs little more than starting Node.
 */
import * as fs from 'node:fs';
import { type CliIO, type CommandEntry, UsageError } from './command.ts';
import { COMMANDS } from './commands.ts';
import { guardFiles } from './files.ts';
import { didYouMean } from './suggest.ts';
import { packageVersion } from './version.ts';
import { writeFileAtomic } from './write.ts';

export { COMMANDS };

/** The tool's version (from package.json). */
export const VERSION: string = packageVersion();

/** `eolab --help`. */
export function overview(commands: readonly CommandEntry[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `eolab ${VERSION} — Exercise Order Lab: a toy model of why the order of endurance (EE) and
resistance (RE) exercise may change muscle protein synthesis (after Ogasawara et al. 2014).

Usage: eolab <command> [options]
       eolab <command> --help     options of one command
       eolab --version

Commands:
${list}

Times are minutes; durations also take units (90, 90m, 1.5h, 1:30). The gap is signed: EE
after RE > 0, EE before RE < 0. Data commands write CSV (a JSON sidecar with the provenance
next to an --out file) or JSON (one envelope with the provenance and the data).
Exit codes: 0 ok; 1 runtime error (invalid model, missing file, solver failure, a failing
target); 2 bad arguments. Errors are one line on stderr.
`;
}

/** The real world: process streams and the file system. */
export function processIO(): CliIO {
  // A closed pipe (`eolab simulate | head`) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    readFile: (path) => fs.readFileSync(path, 'utf8'),
    writeFile: (path, data) => writeFileAtomic(path, data),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Errors the JavaScript runtime raises (a bug here, never bad input): reported as internal. */
const RUNTIME_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

/** Whether `err` is a fault of this program rather than a typed error about the input. */
export function isInternalError(err: unknown): boolean {
  return !(err instanceof Error) || RUNTIME_ERRORS.some((E) => err instanceof E);
}

/** Arguments before a `--` terminator ask for help. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The command line as typed, quoted for a POSIX shell where needed (for provenance). */
export function commandLine(argv: readonly string[]): string {
  const quoteArg = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['eolab', ...argv.map(quoteArg)].join(' ');
}

/**
 * Run `eolab` with `argv` (the arguments after the program name).
 * @param io where output goes and files come from (default: the process and node:fs)
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [first, ...rest] = argv;
  const names = COMMANDS.map((c) => c.name);
  const list = `commands: ${names.join(', ')}; see eolab --help`;
  if (first === undefined) {
    io.stderr(`eolab: missing command (${list})\n`);
    return 2;
  }
  if (first === '--help' || first === '-h') {
    io.stdout(overview());
    return 0;
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (first === 'help') {
    const target = rest[0];
    if (target === undefined) {
      io.stdout(overview());
      return 0;
    }
    argv = [target, '--help'];
  }
  const name = argv[0]!;
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const what = name.startsWith('-') ? 'unknown option' : 'unknown command';
    const candidates = name.startsWith('-') ? ['--help', '--version'] : names;
    const hint = didYouMean(name, candidates);
    io.stderr(`eolab: ${what}: ${JSON.stringify(name)} (${hint ? `${hint} ` : ''}${list})\n`);
    return 2;
  }
  const command = await entry.load();
  const args = argv.slice(1);
  if (wantsHelp(args)) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    // Bounded reads; no output may replace an input (`files.ts`).
    return await command.run(args, guardFiles(io), { command: commandLine(argv) });
  } catch (err) {
    const message = oneLine(err instanceof Error ? err.message : String(err));
    // A runtime error is a bug: say so (the fuzz suite looks for this prefix).
    const internal = isInternalError(err) ? 'internal error (please report): ' : '';
    io.stderr(`eolab ${entry.name}: ${internal}${message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
