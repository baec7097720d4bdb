/**
 * How lesson numbers are shown: the app's formats, called from this one place (fold changes with
 * two decimals, signed percentages with a real minus sign, times as h:mm, intensities as % of
 * VO2max like the slider), all through the one formatter module, `src/chart/format.ts`.
 */
import { formatClockH, formatFixed2, formatSig } from '../../chart/format.ts';
import { percent } from '../claims.ts';
import type { ValueKind } from './placeholders.ts';

/** Show a raw placeholder value of `kind`; `unit` is used by parameters. */
export function formatValue(kind: ValueKind, v: number, unit = ''): string {
  switch (kind) {
    case 'fold':
      return formatFixed2(v);
    case 'change':
      return percent(v);
    case 'percent':
      return `${Math.round(Math.abs(v) * 100)}%`;
    case 'time':
      return formatClockH(v);
    case 'duration':
      return `${formatSig(v)} min`;
    case 'intensity':
      return `${Math.round(v * 100)}%`;
    case 'parameter':
      return unit && unit !== '1' ? `${formatSig(v)} ${unit}` : formatSig(v);
  }
}

/** A time in hours from the start of the run, for the sketch's read-outs: `3:30 h`. */
export function formatClockHours(hours: number): string {
  return formatClockH(hours * 60);
}

/** A fold value for the sketch: `1.60`. */
export function formatFold(v: number): string {
  return formatFixed2(v);
}
