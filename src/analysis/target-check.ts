/**
 * One measured quantity against its admissible range, and a target as a list of such checks:
 * the shared vocabulary of the calibration targets (`targets.ts`), the preset checks
 * (`preset-targets.ts`) and the discriminating targets (`discriminating.ts`).
 */

/** Whether a check holds for every parameter set of the model's structure, or only some. */
export type CheckBasis = 'construction' | 'calibration';

/** One measured quantity of a target, with its admissible range. */
export interface TargetCheck {
  readonly label: string;
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly pass: boolean;
  readonly basis: CheckBasis;
  /**
   * Distance to the nearest bound: for a two-sided range as a fraction of the half-width
   * (1 = centre, 0 = edge), for a one-sided bound relative to the bound's size, capped at 1.
   * Negative when the check fails; −Infinity when the value is not finite.
   */
  readonly margin: number;
}

/** A target as evaluated on one parameter set. */
export interface TargetResult {
  readonly id: string;
  readonly claim: string;
  readonly checks: readonly TargetCheck[];
  /** Measured values in words, e.g. `MPS ratio 0.75`. */
  readonly measured: string;
  /** Admissible ranges in words. */
  readonly range: string;
  readonly pass: boolean;
  /**
   * The smallest margin of its checks that hold by calibration or fail; NaN when every check
   * holds by construction (their margins say nothing about the calibration).
   */
  readonly margin: number;
}

/** Margin of a value against optional bounds (see `TargetCheck.margin`). */
export function checkMargin(value: number, min?: number, max?: number): number {
  if (!Number.isFinite(value)) return -Infinity;
  if (min !== undefined && max !== undefined) {
    const half = (max - min) / 2;
    return half > 0 ? Math.min(value - min, max - value) / half : value === min ? 0 : -1;
  }
  const scale = (b: number) => Math.max(Math.abs(b), 1e-300);
  let m = 1;
  if (min !== undefined) m = Math.min(m, (value - min) / scale(min));
  if (max !== undefined) m = Math.min(m, (max - value) / scale(max));
  return m;
}

/** A check of `value` against the bounds. */
export function check(
  label: string,
  value: number,
  min?: number,
  max?: number,
  basis: CheckBasis = 'calibration',
): TargetCheck {
  const pass =
    Number.isFinite(value) && (min === undefined || value >= min) && (max === undefined || value <= max);
  return {
    label,
    value,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    pass,
    basis,
    margin: checkMargin(value, min, max),
  };
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}

function rangeText(c: TargetCheck): string {
  if (c.min !== undefined && c.max !== undefined) return `${fmt(c.min)}–${fmt(c.max)}`;
  if (c.min !== undefined) return `≥ ${fmt(c.min)}`;
  if (c.max !== undefined) return `≤ ${fmt(c.max)}`;
  return 'any';
}

/** A target result with its checks summarised in words. */
export function summariseTarget(id: string, claim: string, checks: readonly TargetCheck[]): TargetResult {
  const margins = checks.filter((c) => c.basis === 'calibration' || !c.pass).map((c) => c.margin);
  return {
    id,
    claim,
    checks,
    measured: checks.map((c) => `${c.label} ${fmt(c.value)}`).join('; '),
    range: checks.map((c) => `${c.label} ${rangeText(c)}`).join('; '),
    pass: checks.every((c) => c.pass),
    margin: margins.length > 0 ? Math.min(...margins) : Number.NaN,
  };
}
