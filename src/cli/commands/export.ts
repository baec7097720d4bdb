/**
 * `eolab export` — a model spec as pretty JSON, ready to edit and load back with `--model FILE`;
 * or, with `--format sbml`, as SBML Level 3 Version 2 with one protocol group's bouts as
 * piecewise-in-time inputs.
 */
import { compileModel, exportSbml, steadyState } from '../../index.ts';
import { choiceOption, parseCommandArgs, stringOption } from '../args.ts';
import { type CliIO, type Command, UsageError } from '../command.ts';
import { writeOutput } from '../output.ts';
import {
  loadModel,
  MODEL_HELP,
  MODEL_OPTIONS,
  PROTOCOL_HELP,
  PROTOCOL_OPTIONS,
  resolveModelChoice,
  resolveProtocol,
  SET_HELP,
  SET_OPTION,
} from '../scenario.ts';

const OPTIONS = {
  ...MODEL_OPTIONS,
  ...SET_OPTION,
  ...PROTOCOL_OPTIONS,
  format: { type: 'string' },
  group: { type: 'string' },
  out: { type: 'string' },
} as const;

/** The arguments without `--out FILE` (where the file went is not part of what it holds). */
function withoutOut(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') i++;
    else if (!args[i]!.startsWith('--out=')) out.push(args[i]!);
  }
  return out;
}

/** `eolab export`. */
export const exportCommand: Command = {
  name: 'export',
  usage: `Usage: eolab export [--model ID|FILE] [--format json|sbml] [--out FILE]
       eolab export --format sbml [--group ID] [protocol and parameter options]

--format json (default): the model specification as JSON (2-space indent): states,
parameters with units, ranges and sources, expressions, presets. Edit it and run any command
with --model FILE; check your edits with \`eolab validate FILE\`.

--format sbml: SBML Level 3 Version 2 for COPASI, Tellurium/libRoadRunner or any SBML
simulator. States are parameters with rate rules; the chosen protocol group's bouts drive the
exercise inputs as piecewise functions of time (minutes), so the file reproduces that group
on its own. See docs/sbml.md.

Options:
${MODEL_HELP}
${SET_HELP}
  --format json|sbml     output format (default json)
  --group ID             protocol group to write into the SBML inputs (default: the first
                         group with both kinds of bout, re-ee in the study)
${PROTOCOL_HELP}
  --out FILE             write to FILE instead of stdout`,
  async run(args, io: CliIO) {
    const parsed = parseCommandArgs(args, OPTIONS);
    const format = choiceOption(parsed, 'format', ['json', 'sbml'] as const, 'json');
    if (format === 'json') {
      for (const name of ['group', 'param-preset', 'set', ...Object.keys(PROTOCOL_OPTIONS)]) {
        if (parsed.values[name] !== undefined)
          throw new UsageError(`--${name} applies to --format sbml only`);
      }
      const spec = loadModel(io, stringOption(parsed, 'model'));
      writeOutput(io, stringOption(parsed, 'out'), JSON.stringify(spec, null, 2) + '\n');
      return 0;
    }
    const choice = resolveModelChoice(io, parsed);
    const protocol = resolveProtocol(choice, parsed);
    const group = stringOption(parsed, 'group');
    if (group !== undefined && !protocol.groups.some((g) => g.id === group)) {
      throw new UsageError(
        `invalid --group: "${group}" (groups of this protocol: ${protocol.groups.map((g) => g.id).join(', ')})`,
      );
    }
    // A model that starts at rest is written at its resting steady state for these parameters.
    let initialState: Record<string, number> | undefined;
    if (choice.spec.start !== 'initial-values') {
      const model = compileModel(choice.spec);
      const p = model.parameterVector(choice.parameters);
      const ss = steadyState(model, p, model.initialState(p, protocol.tStart));
      if (!ss.ok) throw new Error(`no steady state at rest for these parameters (${ss.reason})`);
      initialState = Object.fromEntries(model.stateNames.map((n, i) => [n, ss.y[i]!]));
    }
    const xml = exportSbml(choice.spec, {
      parameters: choice.parameters,
      protocol,
      ...(group !== undefined ? { group } : {}),
      ...(initialState ? { initialState } : {}),
      notes: [`Written by: eolab export ${withoutOut(args).join(' ')}`],
    });
    writeOutput(io, stringOption(parsed, 'out'), xml);
    return 0;
  },
};
