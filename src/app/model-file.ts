/**
 * Model files in the app, run in a worker (`model-file.worker.ts`) so the page never loads the
 * XML parser, the validator or the expression compiler: export the current model and protocol
 * as SBML, look inside an opened file (SBML: which parameters could be the exercise inputs; the
 * project's JSON: validate it), and turn it into a model the app can run with the user's input
 * mapping. Every problem is one line naming the construct or field. Nothing in a file is ever
 * executed: expressions go through the whitelist compiler.
 */
import { BUNDLED_SPECS } from '../../models/bundled.ts';
import { getModel } from '../../models/index.ts';
import { compileModel } from '../model/compile.ts';
import type { ModelSpec } from '../model/spec.ts';
import { formatIssue, ModelValidationError, parseModel } from '../model/validate.ts';
import { defaultExportGroup, exportSbml } from '../sbml/export.ts';
import { importSbml, SbmlImportError } from '../sbml/import.ts';
import { readSbml } from '../sbml/read.ts';
import { steadyState } from '../simulate/steady-state.ts';
import { resolveScenario } from './resolve.ts';
import type { AppScenario } from './state.ts';

/** An exported SBML file. */
export interface SbmlDownload {
  readonly name: string;
  readonly xml: string;
}

/**
 * The scenario's model, parameters and protocol as SBML Level 3 Version 2: the group with both
 * kinds of bout drives the inputs (as `eolab export --format sbml`), a model that starts at rest
 * is written at its resting steady state for these parameters. The file name is the model id.
 * @throws Error when the model has no steady state at rest for these parameters
 */
export function exportScenarioSbml(scenario: AppScenario, opened?: ModelSpec): SbmlDownload {
  const { spec, protocol, parameters } = resolveScenario(scenario);
  const checked = opened && opened.id === spec.id ? parseModel(opened, 'opened model') : getModel(spec.id);
  let initialState: Record<string, number> | undefined;
  if (checked.start !== 'initial-values') {
    const model = compileModel(checked);
    const p = model.parameterVector(parameters);
    const ss = steadyState(model, p, model.initialState(p, protocol.tStart));
    if (!ss.ok) throw new Error(`no steady state at rest for these parameters (${ss.reason})`);
    initialState = Object.fromEntries(model.stateNames.map((n, i) => [n, ss.y[i]!]));
  }
  const xml = exportSbml(checked, {
    parameters,
    protocol,
    group: defaultExportGroup(protocol).id,
    ...(initialState ? { initialState } : {}),
    notes: ['Written by: Exercise Order Lab (the app), "Export SBML"'],
  });
  return { name: `${checked.id}.xml`, xml };
}

/** What an opened file holds, before it is turned into a model. */
export type FileInspection =
  | {
      readonly kind: 'sbml';
      readonly name: string;
      /** Global parameter ids (candidates for the RE and EE inputs). */
      readonly parameters: readonly string[];
      /** The inputs this project's own annotation names, if the file carries it. */
      readonly suggested: Readonly<Partial<Record<'resistance' | 'endurance', string>>>;
    }
  | { readonly kind: 'json'; readonly name: string; readonly spec: ModelSpec }
  | { readonly kind: 'error'; readonly name: string; readonly problems: readonly string[] };

/** One line per problem of a thrown error (import problems, validation issues, XML errors). */
export function problemLines(e: unknown): string[] {
  if (e instanceof SbmlImportError) return [...e.problems];
  if (e instanceof ModelValidationError) return e.issues.map(formatIssue);
  return [e instanceof Error ? e.message : String(e)];
}

/** Whether a file's text is XML (SBML) rather than JSON. */
export function looksLikeXml(text: string): boolean {
  return text.trimStart().startsWith('<');
}

/** A model id that does not collide with a bundled model's (an exported bundled model, reopened). */
export function openedId(id: string): string {
  return BUNDLED_SPECS.has(id) ? `${id}-opened` : id;
}

/** The inputs a file's own annotation restored (SBML ids by bout kind), if any. */
function restoredMapping(spec: ModelSpec): Partial<Record<'resistance' | 'endurance', string>> {
  const out: Partial<Record<'resistance' | 'endurance', string>> = {};
  for (const [symbol, input] of Object.entries(spec.inputs)) {
    const sbmlId = spec.sbml?.ids[symbol];
    if (sbmlId) out[input.kind] = sbmlId;
  }
  return out;
}

/** Look inside an opened file. Never throws: problems come back one per line. */
export function inspectModelFile(name: string, text: string): FileInspection {
  try {
    if (looksLikeXml(text)) {
      const doc = readSbml(text);
      if (doc.problems.length > 0) return { kind: 'error', name, problems: [...doc.problems] };
      // The project's own files name their inputs: importing without a mapping restores them.
      let suggested: Partial<Record<'resistance' | 'endurance', string>> = {};
      try {
        suggested = restoredMapping(importSbml(text, { origin: name }).spec);
      } catch {
        // Problems are reported when the user runs the import with a mapping.
      }
      return { kind: 'sbml', name, parameters: doc.parameters.map((p) => p.id), suggested };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { kind: 'error', name, problems: [`not SBML (XML) and not JSON: ${(e as Error).message}`] };
    }
    const spec = parseModel(raw, name);
    return { kind: 'json', name, spec: { ...spec, id: openedId(spec.id) } };
  } catch (e) {
    return { kind: 'error', name, problems: problemLines(e) };
  }
}

/** The outcome of opening a model file. */
export type OpenedModel =
  | { readonly ok: true; readonly spec: ModelSpec; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Turn an opened file into a validated model the app can run: SBML with the user's mapping of
 * which parameters the RE and EE bouts drive (an unmapped kind drives nothing), or the project's
 * JSON format as it is. Never throws.
 */
export function openModelFile(
  name: string,
  text: string,
  inputs: Readonly<Partial<Record<'resistance' | 'endurance', string>>> = {},
): OpenedModel {
  try {
    if (!looksLikeXml(text)) {
      const seen = inspectModelFile(name, text);
      if (seen.kind === 'error') return { ok: false, problems: seen.problems };
      if (seen.kind !== 'json') return { ok: false, problems: ['expected a JSON model file'] };
      return { ok: true, spec: seen.spec, warnings: [] };
    }
    const mapped: Partial<Record<'resistance' | 'endurance', string>> = Object.fromEntries(
      Object.entries(inputs).filter(([, v]) => v !== undefined && v !== ''),
    );
    // A file from this project names its inputs itself (they are functions of time in the file):
    // the mapping it restores is used as it is.
    let restored: ReturnType<typeof importSbml> | undefined;
    try {
      restored = importSbml(text, { origin: name });
    } catch {
      restored = undefined;
    }
    const same = (a: Partial<Record<string, string>>, b: Partial<Record<string, string>>) =>
      a.resistance === b.resistance && a.endurance === b.endurance;
    const { spec, warnings } =
      restored && Object.keys(mapped).length > 0 && same(mapped, restoredMapping(restored.spec))
        ? restored
        : importSbml(text, { origin: name, inputs: mapped, observe: speciesToObserve(text) });
    const checked = parseModel({ ...spec, id: openedId(spec.id) }, name);
    // Compile once here, so a model that cannot compile is refused now, not on its first run.
    compileModel(checked);
    return { ok: true, spec: checked, warnings };
  } catch (e) {
    return { ok: false, problems: problemLines(e) };
  }
}

/**
 * The species the app charts for an SBML model: every species (a species that is a state is
 * published as `<symbol>_obs`), so a model whose species are all states still has curves to show.
 */
export function speciesToObserve(xml: string): string[] {
  return readSbml(xml).species.map((sp) => sp.id);
}

/** Check a model stored by an earlier visit before it is used. Never throws. */
export function checkStoredModel(raw: unknown): OpenedModel {
  try {
    const spec = parseModel(raw, 'the model stored from your last visit');
    if (BUNDLED_SPECS.has(spec.id))
      return { ok: false, problems: [`id: "${spec.id}" is a bundled model's id`] };
    compileModel(spec);
    return { ok: true, spec, warnings: [] };
  } catch (e) {
    return { ok: false, problems: problemLines(e) };
  }
}
