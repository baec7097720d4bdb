/** `eolab validate FILE` — check a model file and list every problem with its path. */
import { formatIssue, validateModel } from '../../index.ts';
import { parseCommandArgs } from '../args.ts';
import { type CliIO, type Command, UsageError } from '../command.ts';
import { readJsonFile } from '../scenario.ts';

/** `eolab validate`. */
export const validateCommand: Command = {
  name: 'validate',
  usage: `Usage: eolab validate FILE

Checks a model file: its shape (see \`eolab schema\`) and the rules a schema cannot state
(min < max, defined symbols, whitelisted expressions, ...). Prints "ok: <id>" when valid;
otherwise one line per problem on stderr, "FILE: path: message".

Exit codes: 0 valid, 1 invalid (or unreadable, or not JSON), 2 bad arguments.`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, {}, 1);
    const file = parsed.positionals[0];
    if (file === undefined) throw new UsageError('missing FILE (usage: eolab validate FILE)');
    const result = validateModel(readJsonFile(io, file));
    if (result.ok) {
      io.stdout(`ok: ${result.spec.id}\n`);
      return 0;
    }
    for (const issue of result.issues)
      io.stderr(`${file}: ${formatIssue(issue).replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  },
};
