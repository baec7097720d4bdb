/**
 * Local declarations for `odex@3.0.0-rc.4` (pinned exactly in package.json).
 *
 * The package ships its TypeScript source without a `types` field, and that source does not
 * type-check under `strict`. `tsconfig.json` maps the bare specifier `odex` to this file for
 * the type checker only; Vite, Vitest and tsx still load the real package at run time.
 * Only the members `src/solve/odex-solver.ts` uses are declared, as the package's source
 * (`node_modules/odex/src/odex.ts`) defines them.
 */
declare module 'odex' {
  /**
   * With `rawFunction: true`: write y'(x) into `yp`. Both arrays belong to the solver and are
   * valid only during the call.
   */
  export type RawDerivative = (x: number, y: number[], yp: number[]) => void;

  /** The c-th component of the dense-output polynomial of the current step, at x in it. */
  export type DenseOutputFunction = (c: number, x: number) => number;

  /** Options, fixed when the solver is constructed (the subset this project sets). */
  export interface Options {
    /** Steps allowed per `solve`; the solver THROWS `Error('maximum allowed steps exceeded: …')` past it. */
    maxSteps: number;
    /** First trial step; the solver uses max(|initialStepSize|, 1e-4), capped at half the interval. */
    initialStepSize: number;
    /** Largest step (0: the whole interval). */
    maxStepSize: number;
    denseOutput: boolean;
    denseComponents: number[];
    relativeTolerance: number | number[];
    absoluteTolerance: number | number[];
    rawFunction: boolean;
  }

  /**
   * Called after each accepted step [xOld, x] with y(x) (a fresh array) and, with dense output,
   * the step's interpolant. Its return value is ignored: throw to stop the integration.
   */
  export type OutputFunction = (xOld: number, x: number, y: number[], dense: DenseOutputFunction) => void;

  /** Summary of a completed `solve`. `nEval` accumulates over the solver's lifetime. */
  export interface SolveResult {
    y: number[];
    nStep: number;
    xEnd: number;
    nAccept: number;
    nReject: number;
    nEval: number;
  }

  export class Solver {
    constructor(f: RawDerivative, n: number, options?: Partial<Options>);
    /**
     * Integrate from x0 to xEnd. `y0` must be a plain array of length n (the solver copies it).
     * With dense output, `solOut` is required. A solver can be reused for any number of calls.
     */
    solve(x0: number, y0: number[], xEnd: number, solOut?: OutputFunction): SolveResult;
  }

  /** The package is CommonJS: Node's ESM loader only exposes it as a default export. */
  const odex: { Solver: typeof Solver };
  export default odex;
}
