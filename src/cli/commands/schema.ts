/** `eolab schema` — the JSON Schema of model files (committed as `models/model.schema.json`). */
import { modelJsonSchema } from '../../index.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliIO, Command } from '../command.ts';

/** The schema as printed: `JSON.stringify(modelJsonSchema(), null, 2)` and a newline. */
export function schemaText(): string {
  return JSON.stringify(modelJsonSchema(), null, 2) + '\n';
}

/** `eolab schema`. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of model files',
  usage: `Usage: eolab schema

Prints the JSON Schema (draft 2020-12) of model files, generated from the same zod schema the
loader uses. It is committed as models/model.schema.json; regenerate it with
  eolab schema > models/model.schema.json && npx biome format --write models/model.schema.json
Editors use it through the "$schema" field of a model file.
Cross-field rules are checked by \`eolab validate\`.`,
  async run(args, io: CliIO) {
    parseCommandArgs(args, {});
    io.stdout(schemaText());
    return 0;
  },
};
