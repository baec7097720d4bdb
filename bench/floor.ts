/**
 * The benchmark's floor, declared once: the hand-written DP5(4) runs at the loosest tolerance
 * (of 1e-8, 1e-9, 1e-10) whose readouts on the study scenario stay within ACCURACY_CONTRACT of
 * a tight reference, so the product is compared with a solver doing the same job to the same
 * accuracy. `npm run bench` re-checks and prints that accuracy on every run.
 */
export const DP5_TOLERANCE = 1e-9;
