/**
 * Exercise Order Lab — the public library API (`import … from 'exercise-order-lab'`). Everything
 * here is pure and deterministic and runs the same in Node, Deno, a Web Worker, the CLI and a
 * notebook. The D3 charts are a separate entry, `exercise-order-lab/chart`.
 *
 * Pipeline, in the order of the exports below:
 *
 *   model spec → `compileModel` ┐
 *                               ├→ `simulate` → `SimulationResult` → readouts, targets, sweeps,
 *   protocol (`buildProtocol`) ┘                                       sensitivity → tidy tables,
 *                                                                       CSV and JSON with provenance
 *
 * What is deliberately left out: the expression checker and code generator behind
 * `compileModel`, the zod schemas behind `validateModel`, constant-input segments and the
 * output grid inside `simulate`, and the CLI.
 */

// Models: the bundled ones, and reading and validating model files.
export { DEFAULT_MODEL_ID, getModel, MODELS } from '../models/index.ts';
// Analysis: readouts, the study's targets, the interference map, sensitivity, and the worker
// pool that spreads maps over threads (bring a `PoolWorker` for your platform).
export * from './analysis/pool.ts';
export * from './analysis/readouts.ts';
export * from './analysis/sensitivity.ts';
export * from './analysis/sweep.ts';
export * from './analysis/targets.ts';
// Data out: tidy tables, the one CSV writer, provenance (JSON sidecar and envelope).
export * from './data/index.ts';
// Compiling a model: whitelisted expressions to plain functions; LaTeX from the same trees.
export { type CompiledModel, compileModel, type Equation, type Kernel } from './model/compile.ts';
export { ALLOWED_FUNCTIONS, ExpressionError, toLatex } from './model/expression.ts';
// Bounds on inputs, and parameter values checked before a run (typed errors with field and value).
export * from './model/limits.ts';
export {
  checkParameterValues,
  type ParameterCheckOptions,
  ParameterError,
  type ParameterErrorInfo,
  type ParameterProblem,
} from './model/parameters.ts';
export type {
  InputSpec,
  IntermediateSpec,
  ModelSpec,
  ObservableSpec,
  ParameterPreset,
  ParameterSpec,
  Reference,
  StateSpec,
} from './model/spec.ts';
export { modelJsonSchema } from './model/spec.ts';
export {
  formatIssue,
  ModelValidationError,
  parseModel,
  type ValidationIssue,
  type ValidationResult,
  validateModel,
} from './model/validate.ts';
// Protocols: bouts, groups, presets, the scenario helpers shared by app, CLI and notebooks.
export * from './protocol/presets.ts';
export {
  type Bout,
  type BoutKind,
  checkProtocol,
  type Group,
  type GroupAnchors,
  groupAnchors,
  type IntensityLimits,
  PROTOCOL_LIMITS,
  type Protocol,
  ProtocolError,
  type ProtocolIssue,
  protocolIssues,
  type ReadoutSpec,
} from './protocol/protocol.ts';
// SBML: export the model (with a protocol's bouts as inputs) and import other people's models.
export { defaultExportGroup, exportSbml, type SbmlExportOptions } from './sbml/export.ts';
export {
  importedRange,
  importSbml,
  SbmlImportError,
  type SbmlImportOptions,
  type SbmlImportResult,
} from './sbml/import.ts';
// Simulating.
export { type EvaluationLimit, evaluationLimit, REFERENCE_NODES_PER_EVALUATION } from './simulate/budget.ts';
export { type LikelyCause, SimulationError, type SimulationErrorInfo } from './simulate/errors.ts';
export { MAX_STATE_RATIO } from './simulate/physical.ts';
export * from './simulate/scenario.ts';
export {
  DEFAULT_SIMULATE_OPTIONS,
  type EventSample,
  type GroupResult,
  type RunStats,
  type SimulateOptions,
  type SimulationResult,
  simulate,
} from './simulate/simulate.ts';
export { steadyState } from './simulate/steady-state.ts';
export {
  ACCURACY_CONTRACT,
  DEFAULT_SOLVE_OPTIONS,
  REFERENCE_SOLVE_OPTIONS,
  type SolveMethod,
  type SolveOptions,
  SolveOutcome,
  SolverOptionError,
} from './solve/segment.ts';
