/**
 * Exercise Order Lab — the public library API. Everything here is pure and deterministic and
 * runs the same in Node, a Web Worker, the CLI and a notebook.
 *
 * Pipeline: model spec → `compileModel` ┐
 *                                       ├→ `simulate` → `SimulationResult` → readouts, targets, charts
 *           protocol → segments        ┘
 */
export { DEFAULT_MODEL_ID, getModel, MODELS } from '../models/index.ts';
export * from './analysis/pool.ts';
export * from './analysis/readouts.ts';
export * from './analysis/sensitivity.ts';
export * from './analysis/sweep.ts';
export * from './analysis/targets.ts';
export * from './model/compile.ts';
export { ALLOWED_FUNCTIONS, ExpressionError, toLatex } from './model/expression.ts';
export * from './model/spec.ts';
export * from './model/validate.ts';
export * from './protocol/presets.ts';
export * from './protocol/protocol.ts';
export * from './simulate/errors.ts';
export * from './simulate/scenario.ts';
export * from './simulate/simulate.ts';
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
