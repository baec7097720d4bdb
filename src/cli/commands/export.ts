/** `eolab export` — a model spec as pretty JSON, ready to edit and load back with `--model FILE`. */
import { parseCommandArgs, stringOption } from '../args.ts';
import type { CliIO, Command } from '../command.ts';
import { writeOutput } from '../output.ts';
import { loadModel } from '../scenario.ts';

/** `eolab export`. */
export const exportCommand: Command = {
  name: 'export',
  usage: `Usage: eolab export [--model ID|FILE] [--out FILE]

Prints the model specification as JSON (2-space indent): states, parameters with units,
ranges and sources, expressions, presets. Edit it and run any command with --model FILE;
check your edits with \`eolab validate FILE\`.

Options:
  --model ID|FILE        bundled model id or model file (default: the first bundled model)
  --out FILE             write to FILE instead of stdout`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, { model: { type: 'string' }, out: { type: 'string' } });
    const spec = loadModel(io, stringOption(parsed, 'model'));
    writeOutput(io, stringOption(parsed, 'out'), JSON.stringify(spec, null, 2) + '\n');
    return 0;
  },
};
