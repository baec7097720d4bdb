/**
 * The commands of `eolab`, in the order `eolab --help` lists them. Each entry names the command
 * and summarises it; its module loads only when it runs, so listing or `--version` loads none of
 * them. To add a command: write `commands/<name>.ts` exporting a `Command`, and add an entry here.
 */
import type { CommandEntry } from './command.ts';

/** Every command. */
export const COMMANDS: readonly CommandEntry[] = Object.freeze([
  {
    name: 'models',
    summary: 'list the bundled models (id, tab, name)',
    load: async () => (await import('./commands/models.ts')).modelsCommand,
  },
  {
    name: 'params',
    summary: 'list parameters: value, unit, range, scale, label, source',
    load: async () => (await import('./commands/params.ts')).paramsCommand,
  },
  {
    name: 'simulate',
    summary: 'run the model over a protocol; every series as CSV or JSON',
    load: async () => (await import('./commands/simulate.ts')).simulateCommand,
  },
  {
    name: 'readouts',
    summary: 'fold vs control at the readout time (3 h after RE) and 24-h/48-h MPS AUC folds',
    load: async () => (await import('./commands/readouts.ts')).readoutsCommand,
  },
  {
    name: 'targets',
    summary: 'check the study claims (targets T1–T9); exit 1 if any fails',
    load: async () => (await import('./commands/targets.ts')).targetsCommand,
  },
  {
    name: 'sweep',
    summary: 'interference map: signed gap × a second axis → MPS fold of RE only (every core)',
    load: async () => (await import('./commands/sweep.ts')).sweepCommand,
  },
  {
    name: 'sensitivity',
    summary: 'parameter sensitivity of a readout: ±x% changes and d ln(readout)/d ln(p)',
    load: async () => (await import('./commands/sensitivity.ts')).sensitivityCommand,
  },
  {
    name: 'ensemble',
    summary: 'draw the ensemble of plausible models (priors → sets meeting T1–T9) into a file',
    load: async () => (await import('./commands/ensemble.ts')).ensembleCommand,
  },
  {
    name: 'export',
    summary: 'print a model file (JSON) to edit, or the model as SBML (--format sbml)',
    load: async () => (await import('./commands/export.ts')).exportCommand,
  },
  {
    name: 'import',
    summary: 'read an SBML model (L2V4–L3V2) and print it as a model file',
    load: async () => (await import('./commands/import.ts')).importCommand,
  },
  {
    name: 'validate',
    summary: 'check a model file; list every problem with its path',
    load: async () => (await import('./commands/validate.ts')).validateCommand,
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of model files',
    load: async () => (await import('./commands/schema.ts')).schemaCommand,
  },
]);
