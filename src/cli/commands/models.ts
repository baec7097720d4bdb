/**
 * `eolab models` — the bundled models. Reads the bundled model files as plain data (they are
 * validated by the test suite), so listing them loads neither the validator nor the solver.
 */
import { BUNDLED_SPECS } from '../../../models/bundled.ts';
import { modelsTable } from '../../data/model-tables.ts';
import { formatJson, TOOL_NAME } from '../../data/provenance.ts';
import { tableToCsv } from '../../data/table.ts';
import { choiceOption, parseCommandArgs, stringOption } from '../args.ts';
import type { CliIO, Command, RunContext } from '../command.ts';
import { writeOutput } from '../output.ts';
import { packageVersion } from '../version.ts';

/** `eolab models`. */
export const modelsCommand: Command = {
  name: 'models',
  usage: `Usage: eolab models [--format text|csv|json] [--out FILE]

Lists the bundled models, the default first. text (default): one per line, its id, a tab, its
name. csv: id,name,version,description. json: {createdBy, columns, data:[{id, name, version,
description}]}. Use an id with --model ID, or \`eolab export --model ID > my.json\` to start
your own.

Options:
  --format text|csv|json output format (default text)
  --out FILE             write to FILE instead of standard output`,
  async run(args, io: CliIO, context?: RunContext) {
    const parsed = parseCommandArgs(args, { format: { type: 'string' }, out: { type: 'string' } });
    const format = choiceOption(parsed, 'format', ['text', 'csv', 'json'] as const, 'text');
    const table = modelsTable(BUNDLED_SPECS.values());
    const text =
      format === 'text'
        ? table.rows.map((r) => `${r.id}\t${r.name}\n`).join('')
        : format === 'csv'
          ? tableToCsv(table)
          : formatJson({
              createdBy: {
                tool: TOOL_NAME,
                version: packageVersion(),
                command: context?.command ?? 'eolab models',
              },
              columns: table.columns,
              data: table.rows,
            });
    writeOutput(io, stringOption(parsed, 'out'), text);
    return 0;
  },
};
