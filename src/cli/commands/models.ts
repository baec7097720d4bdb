/** `eolab models` — the bundled models, one per line: id, a tab, the name. */
import { MODELS } from '../../index.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliIO, Command } from '../command.ts';

/** `eolab models`. */
export const modelsCommand: Command = {
  name: 'models',
  summary: 'list the bundled models (id, tab, name)',
  usage: `Usage: eolab models

Prints one bundled model per line: its id, a tab, its name. The first is the default.
Use an id with --model ID, or \`eolab export --model ID > my.json\` to start your own.`,
  async run(args, io: CliIO) {
    parseCommandArgs(args, {});
    for (const [id, spec] of MODELS) io.stdout(`${id}\t${spec.name}\n`);
    return 0;
  },
};
