/**
 * The study's claims checked live on the current result, and the plain-words summary read out
 * by the `aria-live` region. Pure functions over a `SimulationResult`.
 */

import { foldVsControl } from '../analysis/readouts.ts';
import { STUDY_THRESHOLDS } from '../analysis/target-list.ts';
import { formatClockH } from '../chart/format.ts';
import type { SimulationResult } from '../simulate/simulate.ts';

/** One live claim: whether the current run shows it, and the number behind the verdict. */
export interface Claim {
  readonly id: string;
  readonly text: string;
  /** `null` when the current groups cannot test the claim. */
  readonly pass: boolean | null;
  /** Short numbers, e.g. `−25%`. */
  readonly detail: string;
}

// The study's thresholds (T6-T8); "lowered" means more than the "unchanged" tolerance below RE only.
const { unchangedTolerance, regulatorRaised, regulatorNotRaised } = STUDY_THRESHOLDS;

/** Signed percentage text with a real minus sign: `−25%`, `+3%`. */
export function percent(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const p = Math.round(x * 100);
  return `${p < 0 ? '−' : p > 0 ? '+' : '±'}${Math.abs(p)}%`;
}

/** A fold change with two decimals, e.g. `1.47`. */
export function fold(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : 'n/a';
}

function has(result: SimulationResult, ...ids: string[]): boolean {
  return ids.every((id) => result.groups.some((g) => g.id === id));
}

/** MPS (or another series) of a group relative to RE only at the group's readout, minus 1. */
export function changeVsRe(result: SimulationResult, groupId: string, series = 'mps'): number {
  return foldVsControl(result, groupId, series) / foldVsControl(result, 're', series) - 1;
}

/** The three claims of Ogasawara et al. 2014 on the current result. */
export function studyClaims(result: SimulationResult): Claim[] {
  const na = (id: string, text: string, need: string): Claim => ({
    id,
    text,
    pass: null,
    detail: `not testable here (needs ${need})`,
  });
  const claims: Claim[] = [];
  const t1 = 'EE after RE lowers MPS at 3 h';
  if (has(result, 're', 're-ee')) {
    const c = changeVsRe(result, 're-ee');
    claims.push({ id: 'after', text: t1, pass: c < -unchangedTolerance, detail: `${percent(c)} vs RE only` });
  } else claims.push(na('after', t1, 'RE only and RE→EE groups'));
  const t2 = `EE before RE leaves MPS at 3 h unchanged (±${unchangedTolerance * 100}%)`;
  if (has(result, 're', 'ee-re')) {
    const c = changeVsRe(result, 'ee-re');
    claims.push({
      id: 'before',
      text: t2,
      pass: Math.abs(c) <= unchangedTolerance,
      detail: `${percent(c)} vs RE only`,
    });
  } else claims.push(na('before', t2, 'RE only and EE→RE groups'));
  const t3 = 'Regulator raised at 3 h only in RE→EE';
  if (has(result, 're', 're-ee', 'ee-re')) {
    const r = (id: string) => foldVsControl(result, id, 'regulator');
    const [a, b, c] = [r('re-ee'), r('re'), r('ee-re')];
    claims.push({
      id: 'regulator',
      text: t3,
      pass: a >= regulatorRaised && b <= regulatorNotRaised && c <= regulatorNotRaised,
      detail: `RE→EE ${fold(a)}×, RE only ${fold(b)}×, EE→RE ${fold(c)}× vs control`,
    });
  } else claims.push(na('regulator', t3, 'RE only, RE→EE and EE→RE groups'));
  return claims;
}

/** One sentence per result for screen readers: every group's MPS at its readout, in words. */
export function resultSummary(result: SimulationResult, shown?: readonly string[]): string {
  const control = result.protocol.controlGroup;
  const groups = result.groups.filter((g) => g.id !== control && (!shown || shown.includes(g.id)));
  const hasRe = has(result, 're');
  const parts = groups.map((g) => {
    const f = foldVsControl(result, g.id, 'mps');
    let rel = '';
    if (hasRe && g.id !== 're' && g.group.bouts.some((b) => b.kind === 'resistance')) {
      const c = changeVsRe(result, g.id);
      rel =
        Math.abs(c) < 0.005
          ? ', same as RE only'
          : `, ${Math.abs(Math.round(c * 100))}% ${c < 0 ? 'below' : 'above'} RE only`;
    }
    return `${g.label}: MPS at 3 h ${fold(f)}-fold${rel}`;
  });
  const after = formatClockH(result.protocol.readout.afterResistance);
  return `New result (readout ${after} after RE, fold vs control). ${parts.join('; ')}.`;
}
