/**
 * This project's own SBML annotation: the metadata of a model file that SBML has no place for
 * (labels, units as written, ranges, sources, LaTeX names, references, presets, which parameters
 * are exercise inputs), as JSON in one `<eolab:model>` element of the model's annotation. Other
 * tools ignore it; `importSbml` restores it, so an exported model imports back as the same file.
 * The mathematics always comes from the SBML itself, never from the annotation.
 */
import { z } from 'zod';
import {
  inputSchema,
  intermediateSchema,
  type ModelSpec,
  observableSchema,
  parameterPresetSchema,
  parameterSchema,
  referenceSchema,
  stateSchema,
} from '../model/spec.ts';
import { children, el, textOf, type XmlElement } from './xml.ts';

/** The namespace of the annotation. */
export const EOLAB_NAMESPACE = 'https://exercise-order-lab.local/sbml/annotation';

const metadataSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.string(),
  start: z.enum(['steady-state', 'initial-values']).optional(),
  references: z.array(referenceSchema),
  parameterPresets: z.record(z.string(), parameterPresetSchema),
  inputs: z.record(z.string(), inputSchema),
  states: z.record(z.string(), stateSchema.omit({ initial: true, rate: true })),
  parameters: z.record(z.string(), parameterSchema.omit({ value: true })),
  intermediates: z.record(z.string(), intermediateSchema.omit({ expression: true })),
  observables: z.record(z.string(), observableSchema.omit({ expression: true })),
});

/** What the annotation holds. */
export type ExportMetadata = z.infer<typeof metadataSchema>;

const strip = <T extends object, K extends keyof T>(rec: Record<string, T>, drop: readonly K[]) =>
  Object.fromEntries(
    Object.entries(rec).map(([k, v]) => [
      k,
      Object.fromEntries(Object.entries(v).filter(([key]) => !(drop as readonly string[]).includes(key))),
    ]),
  );

/** The metadata of a spec (everything but values and expressions). */
export function metadataOf(spec: ModelSpec): ExportMetadata {
  return {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    version: spec.version,
    ...(spec.start ? { start: spec.start } : {}),
    references: spec.references,
    parameterPresets: spec.parameterPresets,
    inputs: spec.inputs,
    states: strip(spec.states, ['initial', 'rate']),
    parameters: strip(spec.parameters, ['value']),
    intermediates: strip(spec.intermediates, ['expression']),
    observables: strip(spec.observables, ['expression']),
  } as ExportMetadata;
}

/** The `<eolab:model>` element with the metadata as JSON. */
export function writeMetadata(spec: ModelSpec): string {
  return el('eolab:model', { 'xmlns:eolab': EOLAB_NAMESPACE }, escapeJson(JSON.stringify(metadataOf(spec))));
}

function escapeJson(json: string): string {
  return json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The metadata in a model's `<annotation>`, or undefined when absent or malformed. */
export function readMetadata(annotation: XmlElement | undefined): ExportMetadata | undefined {
  if (!annotation) return undefined;
  const node = children(annotation, 'model').find((e) => Object.values(e.attrs).includes(EOLAB_NAMESPACE));
  if (!node) return undefined;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(textOf(node)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
