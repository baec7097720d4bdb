/**
 * The one place numbers and times become text, for the charts and the app alike. Times are shown
 * as `h:mm` everywhere on screen (`4:20`, `−1:30`, `52:00`): clock time since the start of the
 * protocol, gaps and durations alike. (The CLI and data files keep plain minutes.) Built on
 * d3-format; d3-time-format is not used because these are durations that run past 24 h, not dates.
 */
import { format } from 'd3-format';

/** The minus sign used for negative times (U+2212, as d3-format writes negative numbers). */
export const MINUS = '−';

const twoDigits = format('02d');
const fixed2 = format('.2f');
const fixed3 = format('.3f');

/**
 * A time in minutes as `h:mm` (rounded to the minute): `260` → `4:20`, `-90` → `−1:30`,
 * `3120` → `52:00`; `n/a` when not finite.
 */
export function formatClock(minutes: number): string {
  if (!Number.isFinite(minutes)) return 'n/a';
  const m = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && m > 0 ? MINUS : '';
  return `${sign}${Math.floor(m / 60)}:${twoDigits(m % 60)}`;
}

/** `formatClock` with the unit: `4:20 h`. For text that stands alone (labels, outputs, sentences). */
export function formatClockH(minutes: number): string {
  return `${formatClock(minutes)} h`;
}

/** `value` to `digits` significant digits without trailing zeros (`1.96`, `2`); `n/a` when not finite. */
export function formatSig(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  const v = Number(value.toPrecision(digits));
  return String(Object.is(v, -0) ? 0 : v);
}

/** `value` with exactly 2 decimals (bar labels, fold values); `n/a` when not finite; never `-0.00`. */
export function formatFixed2(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const s = fixed2(value);
  return s === `${MINUS}0.00` ? '0.00' : s.replace(MINUS, '-');
}

/** `value` with exactly 3 decimals (coefficients); `n/a` when not finite; never `-0.000`. */
export function formatFixed3(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const s = fixed3(value);
  return s === `${MINUS}0.000` ? '0.000' : s.replace(MINUS, '-');
}

/** A number for a `data-*` attribute: 6 significant digits, so snapshots do not depend on the last bits. */
export function dataNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}
