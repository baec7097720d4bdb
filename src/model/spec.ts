/**
 * The model file format: one zod schema that is at once the TypeScript type, the runtime
 * shape check and (through `z.toJSONSchema`) the published JSON Schema. Cross-field rules
 * that JSON Schema cannot express (min < max, symbols defined, expressions well formed) are
 * checked in `validate.ts` on top of this shape.
 *
 * Conventions: one time unit for the whole project (minutes); records are keyed by symbol,
 * so error paths read `parameters.kR.max`; key order is display order.
 */
import { z } from 'zod';
import { MAX_NAME_LENGTH } from './limits.ts';

/** A symbol usable in expressions: a letter, then letters, digits or underscores. */
export const SYMBOL_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

const nameLength = `must be at most ${MAX_NAME_LENGTH} characters`;
const symbolKey = z
  .string()
  .max(MAX_NAME_LENGTH, nameLength)
  .regex(SYMBOL_PATTERN, 'must be a letter followed by letters, digits or _');
/** A model or preset id: lower-case letters, digits and `-`. */
const idKey = z
  .string()
  .max(MAX_NAME_LENGTH, nameLength)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and -');
const text = z.string().min(1, 'must not be empty');
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** A literature reference. `id` is how parameters and docs cite it. */
export const referenceSchema = z.object({
  id: symbolKey.describe('short key used in `source` fields, e.g. "Ogasawara2014"'),
  citation: text.describe('authors, year, title, journal, volume:pages'),
  doi: z.string().optional(),
  url: z.string().optional(),
});

/**
 * A state variable. In a model that starts at rest (`start: "steady-state"`, the default) values
 * are positive and `basal` is the resting level with no exercise.
 */
export const stateSchema = z.object({
  label: text,
  unit: text,
  description: text,
  initial: finite.describe(
    'value at t = tStart; should equal the no-exercise steady state unless the model starts from its initial values',
  ),
  basal: finite
    .refine((v) => v > 0, 'must be > 0')
    .optional()
    .describe('positive resting level (required when the model starts at rest)'),
  rate: text.describe('d(state)/dt in mathjs syntax, per minute'),
  latex: z.string().optional().describe('LaTeX name for display, e.g. "A"'),
});

/**
 * What is believed about a parameter before the targets are applied (the ensemble sampler draws
 * from it): `uniform` or `log-uniform` between `min` and `max`, or `fixed` at the parameter's
 * value (a scale choice or a scenario setting, not an uncertain quantity). Each prior says why.
 */
export const priorSchema = z.object({
  distribution: z.enum(['uniform', 'log-uniform', 'fixed']),
  min: finite.optional().describe('lower bound (uniform, log-uniform)'),
  max: finite.optional().describe('upper bound (uniform, log-uniform)'),
  reason: text.describe(
    'why this distribution and these bounds: a reference id with a note, or a stated judgement',
  ),
});

/** A parameter with its admissible range and provenance. */
export const parameterSchema = z.object({
  label: text,
  unit: text,
  description: text.describe('one line: what the parameter means'),
  value: finite,
  min: finite,
  max: finite,
  scale: z.enum(['linear', 'log']),
  source: text.describe('a reference id with a note, or "chosen to meet target Tn"'),
  latex: z.string().optional(),
  prior: priorSchema.optional().describe('prior for the ensemble of plausible models'),
});

/** An exercise input: 0 when no bout of its kind is on, the bout's intensity while one is. */
export const inputSchema = z.object({
  label: text,
  kind: z.enum(['resistance', 'endurance']),
  unit: text,
  description: text,
  defaultIntensity: finite,
  minIntensity: finite,
  maxIntensity: finite,
  latex: z.string().optional(),
});

/** A named intermediate expression, evaluated in file order; may use earlier ones. */
export const intermediateSchema = z.object({
  label: text,
  unit: text,
  description: text,
  expression: text,
  latex: z.string().optional(),
});

/** A derived quantity reported to users; must be positive at rest (fold changes divide by it). */
export const observableSchema = z.object({
  label: text,
  unit: text,
  description: text,
  expression: text,
});

/** A named set of parameter values a teacher can switch to. */
export const parameterPresetSchema = z.object({
  label: text,
  description: text,
  source: text,
  values: z.record(symbolKey, finite),
  /** Optional protocol settings that belong with the preset (e.g. the human study's timing). */
  protocol: z
    .object({
      gap: finite.optional(),
      reDuration: finite.optional(),
      reIntensity: finite.optional(),
      eeDuration: finite.optional(),
      eeIntensity: finite.optional(),
    })
    .optional(),
});

/**
 * Where an imported model came from and how its SBML symbols map to this file, so results can be
 * reported under the SBML ids (amounts or concentrations) and the model can be exported again.
 */
export const sbmlOriginSchema = z.object({
  level: z.number().int(),
  version: z.number().int(),
  modelId: z.string().optional(),
  /** The SBML model's time unit and its length in minutes (this file's rates are per minute). */
  timeUnit: z.object({ name: text, minutes: finite.refine((v) => v > 0, 'must be > 0') }),
  /** Symbol → the SBML id (species, compartment, parameter, reaction) whose value it holds. */
  ids: z.record(symbolKey, z.string()),
  /** Species by symbol: compartment symbol and whether the symbol holds an amount or a concentration. */
  species: z.record(symbolKey, z.object({ compartment: symbolKey, hasOnlySubstanceUnits: z.boolean() })),
});

/** The whole model file. */
export const modelSpecSchema = z.object({
  $schema: z.string().optional(),
  id: idKey,
  name: text,
  description: text,
  version: text,
  timeUnit: z.literal('min'),
  /**
   * How a run starts: at the no-exercise steady state (default; the states' `initial` values are
   * the first guess), or from the states' initial values as given (a time course, as SBML
   * simulators do; needed for models that read the time `t`).
   */
  start: z.enum(['steady-state', 'initial-values']).optional(),
  references: z.array(referenceSchema),
  inputs: z.record(symbolKey, inputSchema),
  states: z.record(symbolKey, stateSchema),
  parameters: z.record(symbolKey, parameterSchema),
  intermediates: z.record(symbolKey, intermediateSchema).default({}),
  observables: z.record(symbolKey, observableSchema),
  /**
   * Initial values given by expressions (state → expression over parameters, inputs at rest,
   * other states' initial values, intermediates and `t`), evaluated in dependency order.
   */
  initialAssignments: z.record(symbolKey, text).optional(),
  /** Provenance of a model imported from SBML (absent for hand-written models). */
  sbml: sbmlOriginSchema.optional(),
  parameterPresets: z.record(idKey, parameterPresetSchema).default({}),
});

/** A literature reference. */
export type Reference = z.infer<typeof referenceSchema>;
/** A state variable as written in a model file. */
export type StateSpec = z.infer<typeof stateSchema>;
/** A parameter's prior as written in a model file. */
export type PriorSpec = z.infer<typeof priorSchema>;
/** A parameter as written in a model file. */
export type ParameterSpec = z.infer<typeof parameterSchema>;
/** An exercise input as written in a model file. */
export type InputSpec = z.infer<typeof inputSchema>;
/** A named intermediate expression as written in a model file. */
export type IntermediateSpec = z.infer<typeof intermediateSchema>;
/** An observable as written in a model file. */
export type ObservableSpec = z.infer<typeof observableSchema>;
/** A named set of parameter values (and optional protocol hints). */
export type ParameterPreset = z.infer<typeof parameterPresetSchema>;
/** Provenance of an imported SBML model. */
export type SbmlOrigin = z.infer<typeof sbmlOriginSchema>;
/** A validated model specification (records keep file order). */
export type ModelSpec = z.infer<typeof modelSpecSchema>;

/** The JSON Schema for model files, generated from `modelSpecSchema`. */
export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(modelSpecSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://exercise-order-lab.local/model.schema.json',
    title: 'Exercise Order Lab model',
    description:
      'A model file for Exercise Order Lab. Shape only: cross-field rules (min < max, defined symbols, ' +
      'whitelisted expressions, positive observables) are checked by `eolab validate`.',
  };
}
