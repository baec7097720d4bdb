/** `eolab import FILE.xml` — an SBML model as a model file (JSON), to run with `--model FILE`. */
import { importSbml, SbmlImportError } from '../../index.ts';
import { listOption, parseCommandArgs, quote, stringOption } from '../args.ts';
import { type CliIO, type Command, UsageError } from '../command.ts';
import { describeFsError, printWarnings, writeOutput } from '../output.ts';

const OPTIONS = {
  input: { type: 'string', multiple: true },
  observe: { type: 'string', multiple: true },
  'no-metadata': { type: 'boolean' },
  out: { type: 'string' },
} as const;

const KINDS: Readonly<Record<string, 'resistance' | 'endurance'>> = { re: 'resistance', ee: 'endurance' };

/** Parse `--input re=k1 --input ee=k2`. @throws UsageError for a bad item or a repeated kind */
export function parseInputs(items: readonly string[]): Partial<Record<'resistance' | 'endurance', string>> {
  const out: Partial<Record<'resistance' | 'endurance', string>> = {};
  for (const item of items) {
    const m = /^(re|ee)=(.+)$/.exec(item.trim());
    if (!m)
      throw new UsageError(
        `invalid --input: ${quote(item)} (expected re=ID or ee=ID, ID an SBML parameter id)`,
      );
    const kind = KINDS[m[1]!]!;
    if (out[kind] !== undefined) throw new UsageError(`invalid --input: ${m[1]} given twice`);
    out[kind] = m[2]!.trim();
  }
  return out;
}

/** `eolab import`. */
export const importCommand: Command = {
  name: 'import',
  usage: `Usage: eolab import FILE.xml [--input re=ID] [--input ee=ID] [--observe ID]... [--out FILE]

Reads an SBML model (Level 2 Version 4 to Level 3 Version 2) and prints it as a model file
(JSON) that every command runs with --model FILE. Reactions, rules, initial assignments,
function definitions, local parameters and the time and avogadro symbols are converted to
ODEs in minutes; events, delays, algebraic rules, fast reactions and required packages are
refused, one line each on stderr (exit 1). See docs/sbml.md.

Options:
  --input re=ID          SBML parameter to drive with resistance bouts (0 at rest, the bout's
  --input ee=ID          intensity during one); unmapped kinds leave the model as it is
  --observe ID           SBML id to report as an observable (repeatable; default: species
                         given by rules; readouts are fold changes of observables)
  --no-metadata          ignore this project's annotation in a file it exported (inputs stay
                         piecewise functions of time, as any SBML tool reads them)
  --out FILE             write to FILE instead of stdout`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS, 1);
    const file = parsed.positionals[0];
    if (file === undefined) throw new UsageError('missing FILE (usage: eolab import FILE.xml)');
    const inputs = parseInputs(listOption(parsed, 'input'));
    let xml: string;
    try {
      xml = io.readFile(file);
    } catch (err) {
      if (err instanceof Error && err.name === 'FileTooLargeError') throw err;
      throw new Error(`cannot read ${file}: ${describeFsError(err)}`);
    }
    const observe = listOption(parsed, 'observe');
    try {
      const { spec, warnings } = importSbml(xml, {
        origin: file,
        inputs,
        ...(observe.length > 0 ? { observe } : {}),
        metadata: parsed.values['no-metadata'] ? 'ignore' : 'use',
      });
      printWarnings(io, warnings);
      writeOutput(io, stringOption(parsed, 'out'), `${JSON.stringify(spec, null, 2)}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof SbmlImportError)) throw err;
      for (const p of err.problems) io.stderr(`eolab import: ${file}: ${p.replace(/\s*\n\s*/g, ' ')}\n`);
      return 1;
    }
  },
};
