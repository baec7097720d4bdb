/**
 * Mapping between a range input's integer position and a parameter value, linear or
 * logarithmic, as declared by the parameter's `scale` in the model file.
 */

/** Number of slider steps across a parameter's range. */
export const SLIDER_STEPS = 200;

/** A value's scale and range. */
export interface ScaleSpec {
  readonly min: number;
  readonly max: number;
  readonly scale: 'linear' | 'log';
}

function isLog(s: ScaleSpec): boolean {
  return s.scale === 'log' && s.min > 0 && s.max > s.min;
}

/** Slider position (0…SLIDER_STEPS) of a value, clamped to the range. */
export function toPosition(s: ScaleSpec, value: number): number {
  const v = Math.min(s.max, Math.max(s.min, value));
  const f = isLog(s) ? Math.log(v / s.min) / Math.log(s.max / s.min) : (v - s.min) / (s.max - s.min || 1);
  return Math.round(f * SLIDER_STEPS);
}

/** Value at a slider position, rounded to 3 significant digits and kept inside the range. */
export function fromPosition(s: ScaleSpec, position: number): number {
  const f = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  const raw = isLog(s) ? s.min * (s.max / s.min) ** f : s.min + f * (s.max - s.min);
  const v = Number(raw.toPrecision(3));
  return Math.min(s.max, Math.max(s.min, v));
}

/** Display a value compactly: 3 significant digits, no trailing zeros. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/**
 * Check a typed value against a range. Returns the number, or a message naming the field and
 * the value.
 */
export function checkTyped(label: string, raw: string, s: ScaleSpec, unit: string): number | string {
  const t = raw.trim();
  const v = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(v)) return `${label}: "${raw}" is not a number — not applied`;
  if (v < s.min || v > s.max) return `${label}: ${raw} is outside ${s.min}–${s.max} ${unit} — not applied`;
  return v;
}
