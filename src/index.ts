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
 * Uncertainty: priors → rejection ABC (`sampleEnsemble`, or the tasks of `ensemble-run`) → the
 * ensemble file → `simulateEnsemble` (bands, claim support) and `posteriorMarginals`; Sobol
 * indices over the prior (`globalSensitivity`, `sobolFromFile`).
 *
 * What is deliberately left out: the expression checker and code generator behind
 * `compileModel`, the zod schemas behind `validateModel`, constant-input segments and the
 * output grid inside `simulate`, and the CLI.
 */

// Models: the bundled ones, and reading and validating model files.
/**
 * The committed ensembles of plausible models and global-sensitivity results of the bundled
 * models, by model id, loaded on demand (parsed JSON, unchecked: pass it to `parseEnsembleFile` /
 * `parseSobolFile` with the model).
 */
export { ENSEMBLE_FILES, SOBOL_FILES } from '../models/ensembles.ts';
export { DEFAULT_MODEL_ID, getModel, MODELS } from '../models/index.ts';
// Uncertainty (issue 11): the seeded random streams, the priors in the model file, rejection ABC
// and the ensemble file it writes, running an ensemble (quantile bands, claim support), the
// study's claims, time since the run, the discriminating targets, what the targets constrain
// (posterior marginals), and global sensitivity (Sobol indices over the prior).
/** Rejection ABC: the plausible parameter sets are the prior draws that meet T1–T9. */
export * from './analysis/abc.ts';
/** Discriminating targets D1, D2, D5, D6: literature observations outside the calibration. */
export * from './analysis/discriminating.ts';
/** The ensemble file (`models/<model>.ensemble.json`): schema, reading, writing, members. */
export * from './analysis/ensemble-file.ts';
/** Drawing an ensemble as independent tasks a shell dispatches to workers. */
export * from './analysis/ensemble-run.ts';
/** Sobol indices of the order effect (at 3 h and in 24-h AUC) over the prior. */
export * from './analysis/global-sensitivity.ts';
// Analysis: readouts, the study's targets, the interference map, sensitivity, and the worker
// pool that spreads maps over threads (bring a `PoolWorker` for your platform).
export * from './analysis/pool.ts';
/** What the targets constrain: each parameter's marginal over the ensemble against its prior. */
export * from './analysis/posterior.ts';
/** The prior-predictive check: the fraction of prior draws meeting each target check. */
export * from './analysis/prior-predictive.ts';
/** Priors of the model's parameters (distribution and bounds, from the model file). */
export * from './analysis/priors.ts';
/** Seeded, splittable random streams (xoshiro128**): every draw is a function of (seed, index). */
export * from './analysis/random.ts';
export * from './analysis/readouts.ts';
export * from './analysis/sensitivity.ts';
/** `simulateEnsemble`: quantile bands of every series and readout, and each claim's support. */
export * from './analysis/simulate-ensemble.ts';
/** Saltelli design and the Sobol first-order and total index estimators, with bootstrap intervals. */
export * from './analysis/sobol.ts';
/** The global-sensitivity file (`models/<model>.sobol.json`): schema, reading, writing, indices. */
export * from './analysis/sobol-file.ts';
/** Quantiles, mean and variance of samples. */
export * from './analysis/stats.ts';
/** The claims the product makes about a run, as data (text, groups, effect, verdict). */
export * from './analysis/study-claims.ts';
export * from './analysis/sweep.ts';
/** The targets' thresholds, which checks hold by construction, and the discriminating targets as data. */
export {
  CONSTRUCTION_NOTES,
  DISCRIMINATING_TARGETS,
  type DiscriminatingTargetId,
  STUDY_THRESHOLDS,
} from './analysis/target-list.ts';
export * from './analysis/targets.ts';
/** The order effect against readout time, for any readout anchor; the study-intensity band. */
export * from './analysis/time-since-run.ts';
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
  anchorTime,
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
  READOUT_ANCHORS,
  type ReadoutAnchor,
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
