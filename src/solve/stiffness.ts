/**
 * Stiffness estimate, method-neutral: tells a stiff parameter choice (fast time scales, which an
 * explicit method such as ODEX handles badly) from other failures.
 */
import type { RightHandSide } from './segment.ts';

/** Estimate of how stiff the problem is at (t, y). */
export interface StiffnessEstimate {
  /** Largest |Jacobian row sum| (Gershgorin bound on the spectral radius), per minute. */
  readonly spectralRadius: number;
  /** Component with the largest |∂f_i/∂y_i|: the fastest relaxing variable. */
  readonly fastestComponent: number;
  /** Its time scale 1/|∂f_i/∂y_i| in minutes. */
  readonly fastestTimeScale: number;
  /**
   * The fastest decay time 1/(−∂f_i/∂y_i) over components that relax (∂f_i/∂y_i < 0), minutes;
   * Infinity when none does. Growing components (an unstable choice) are left out: they limit
   * no explicit method's stability.
   */
  readonly fastestDecayTimeScale: number;
}

/** Estimate the Jacobian by forward differences and bound its spectral radius. */
export function estimateStiffness(f: RightHandSide, t: number, y: ArrayLike<number>): StiffnessEstimate {
  const n = y.length;
  const y0 = Float64Array.from(y);
  const f0 = new Float64Array(n);
  const f1 = new Float64Array(n);
  f(t, y0, f0);
  const jac: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const h = 1e-7 * Math.max(1, Math.abs(y0[j]!));
    const yp = Float64Array.from(y0);
    yp[j] = y0[j]! + h;
    f(t, yp, f1);
    for (let i = 0; i < n; i++) jac[i]![j] = (f1[i]! - f0[i]!) / h;
  }
  let radius = 0;
  let fastest = 0;
  let fastestRate = 0;
  let fastestDecay = 0;
  for (let i = 0; i < n; i++) {
    const row = jac[i]!;
    const sum = row.reduce((s, v) => s + (Number.isFinite(v) ? Math.abs(v) : 0), 0);
    radius = Math.max(radius, sum);
    const d = Math.abs(row[i]!);
    if (Number.isFinite(d) && d > fastestRate) {
      fastestRate = d;
      fastest = i;
    }
    const decay = -row[i]!;
    if (Number.isFinite(decay) && decay > fastestDecay) fastestDecay = decay;
  }
  return {
    spectralRadius: radius,
    fastestComponent: fastest,
    fastestTimeScale: fastestRate > 0 ? 1 / fastestRate : Number.POSITIVE_INFINITY,
    fastestDecayTimeScale: fastestDecay > 0 ? 1 / fastestDecay : Number.POSITIVE_INFINITY,
  };
}
