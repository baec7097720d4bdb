/** `eolab schema` — the JSON Schema of model files (committed as `models/model.schema.json`). */
import { modelJsonSchema } from '../../index.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import type { CliIO, Command } from '../command.ts';
import { writeOutput } from '../output.ts';

/** The schema as printed: `JSON.stringify(modelJsonSchema(), null, 2)` and a newline. */
export function schemaText(): string {
  return JSON.stringify(modelJsonSchema(), null, 2) + '\n';
}

/** `eolab schema`. */
export const schemaCommand: Command = {
  name: 'schema',
  usage: `Usage: eolab schema [--out FILE]

Prints the JSON Schema (draft 2020-12) of model files, generated from the same zod schema the
loader uses. It is committed as models/model.schema.json; regenerate it with
  eolab schema > models/model.schema.json && npx biome format --write models/model.schema.json
Editors use it through the "$schema" field of a model file.
Cross-field rules are checked by \`eolab validate\`.

Options:
  --out FILE             write to FILE instead of standard output`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, { out: { type: 'string' } });
    writeOutput(io, stringOption(parsed, 'out'), schemaText());
    return 0;
  },
};
