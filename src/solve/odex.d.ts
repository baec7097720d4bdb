/**
 * Local declarations for `odex@2.0.4`.
 *
 * The package ships its TypeScript source without a `types` field, and that source does not
 * type-check under `strict`. `tsconfig.json` maps the bare specifier `odex` to this file for
 * the type checker only; Vite, Vitest and tsx still load the real package at run time.
 * Only the members `src/solve/odex-solver.ts` uses are declared.
 */
declare module 'odex' {
  export type Derivative = (x: number, y: number[]) => number[];
  export type DenseInterpolator = (component: number, x: number) => number;
  export type OutputFunction = (
    stepNumber: number,
    xOld: number,
    x: number,
    y: number[],
    dense?: DenseInterpolator,
  ) => boolean | undefined;

  export enum Outcome {
    Converged = 0,
    MaxStepsExceeded = 1,
    EarlyReturn = 2,
  }

  export interface SolveResult {
    y: number[];
    outcome: Outcome;
    nStep: number;
    xEnd: number;
    nAccept: number;
    nReject: number;
    nEval: number;
  }

  export class Solver {
    constructor(n: number);
    n: number;
    maxSteps: number;
    initialStepSize: number;
    maxStepSize: number;
    denseOutput: boolean;
    denseComponents: number[] | undefined;
    relativeTolerance: number | number[];
    absoluteTolerance: number | number[];
    solve(f: Derivative, x: number, y0: number[], xEnd: number, solOut?: OutputFunction): SolveResult;
  }

  /** The package is CommonJS: Node's ESM loader only exposes it as a default export. */
  const odex: { Solver: typeof Solver; Outcome: typeof Outcome };
  export default odex;
}
