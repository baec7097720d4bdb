/**
 * `eolab models` — the bundled models. Reads the bundled model files as plain data (they are
 * validated by the test suite), so listing them loads neither the validator nor the solver.
 */
import { BUNDLED_SPECS } from '../../../models/bundled.ts';
import { choiceOption, parseCommandArgs, stringOption } from '../args.ts';
import type { CliIO, Command, RunContext } from '../command.ts';
import { packageVersion } from '../version.ts';
import { writeOutput } from '../write.ts';

/** The table as CSV or JSON; the writers load only for these formats (text starts faster). */
async function fileText(format: 'csv' | 'json', command: string): Promise<string> {
  const [{ modelsTable }, { formatJson, TOOL_NAME }, { tableToCsv }] = await Promise.all([
    import('../../data/model-tables.ts'),
    import('../../data/provenance.ts'),
    import('../../data/table.ts'),
  ]);
  const table = modelsTable(BUNDLED_SPECS.values());
  if (format === 'csv') return tableToCsv(table);
  return formatJson({
    createdBy: { tool: TOOL_NAME, version: packageVersion(), command },
    columns: table.columns,
    data: table.rows,
  });
}

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
    const text =
      format === 'text'
        ? [...BUNDLED_SPECS.values()].map((s) => `${s.id}\t${s.name}\n`).join('')
        : await fileText(format, context?.command ?? 'eolab models');
    writeOutput(io, stringOption(parsed, 'out'), text);
    return 0;
  },
};
