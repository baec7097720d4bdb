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
 * No stack trace ever reaches the user.
 */
import * as fs from 'node:fs';
import packageJson from '../../package.json' with { type: 'json' };
import { type CliIO, type Command, UsageError } from './command.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { modelsCommand } from './commands/models.ts';
import { paramsCommand } from './commands/params.ts';
import { readoutsCommand } from './commands/readouts.ts';
import { schemaCommand } from './commands/schema.ts';
import { sensitivityCommand } from './commands/sensitivity.ts';
import { simulateCommand } from './commands/simulate.ts';
import { sweepCommand } from './commands/sweep.ts';
import { targetsCommand } from './commands/targets.ts';
import { validateCommand } from './commands/validate.ts';

/** Every command, in the order `eolab --help` lists them. */
export const COMMANDS: readonly Command[] = [
  modelsCommand,
  paramsCommand,
  simulateCommand,
  readoutsCommand,
  targetsCommand,
  sweepCommand,
  sensitivityCommand,
  exportCommand,
  importCommand,
  validateCommand,
  schemaCommand,
];

/** The tool's version (from package.json). */
export const VERSION: string = packageJson.version;

/** `eolab --help`. */
export function overview(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `eolab ${VERSION} — Exercise Order Lab: a toy model of why the order of endurance (EE) and
resistance (RE) exercise may change muscle protein synthesis (after Ogasawara et al. 2014).

Usage: eolab <command> [options]
       eolab <command> --help     options of one command
       eolab --version

Commands:
${list}

Times are minutes. Exit codes: 0 ok; 1 runtime error (invalid model, missing file, solver
failure, a failing target); 2 bad arguments. Errors are one line on stderr.
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
    writeFile: (path, data) => fs.writeFileSync(path, data),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Arguments before a `--` terminator ask for help. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Run `eolab` with `argv` (the arguments after the program name).
 * @param io where output goes and files come from (default: the process and node:fs)
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [first, ...rest] = argv;
  const names = COMMANDS.map((c) => c.name).join(', ');
  if (first === undefined) {
    io.stderr(`eolab: missing command (commands: ${names}; see eolab --help)\n`);
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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const what = name.startsWith('-') ? 'unknown option' : 'unknown command';
    io.stderr(`eolab: ${what}: ${JSON.stringify(name)} (commands: ${names}; see eolab --help)\n`);
    return 2;
  }
  const args = argv.slice(1);
  if (wantsHelp(args)) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    const message = oneLine(err instanceof Error ? err.message : String(err));
    io.stderr(`eolab ${command.name}: ${message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
