/**
 * The solve layer's public surface: the segment interface (`segment.ts`), method selection
 * (`methods.ts`) and the stiffness estimate. `src/simulate/` imports from here only.
 */
export * from './methods.ts';
export { integrateStiffSegment, RosenbrockIntegrator, STIFF_TOLERANCE_FLOOR } from './rosenbrock.ts';
export * from './segment.ts';
export * from './stiffness.ts';
