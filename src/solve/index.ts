/**
 * The solve layer's public surface: the segment interface (`segment.ts`), method selection
 * (`methods.ts`) and the stiffness estimate. `src/simulate/` imports from here only.
 */
export * from './methods.ts';
export * from './segment.ts';
export * from './stiffness.ts';
