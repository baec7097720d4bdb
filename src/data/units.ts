/** Durations in words for column descriptions and table headers. */

/** Minutes as hours and minutes: `1440` → `24 h`, `90` → `1 h 30 min`, `45` → `45 min`, `-30` → `-30 min`. */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return `${minutes} min`;
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  const h = Math.floor(m / 60);
  const rest = Number((m - 60 * h).toPrecision(6));
  if (h === 0) return `${sign}${rest} min`;
  return rest === 0 ? `${sign}${h} h` : `${sign}${h} h ${rest} min`;
}
