/**
 * The study's claims checked live on the current result (the library's `STUDY_CLAIMS`, one source
 * of truth), their support across the ensemble of plausible models in words, and the plain-words
 * summary read out by the `aria-live` region. Pure functions.
 */

import { foldVsControl } from '../analysis/readouts.ts';
import type { ClaimSupport } from '../analysis/simulate-ensemble.ts';
import { type ClaimDefinition, canTestClaim, STUDY_CLAIMS } from '../analysis/study-claims.ts';
import { formatClockH } from '../chart/format.ts';
import type { SimulationResult } from '../simulate/simulate.ts';

/** One live claim: whether the current run shows it, and the number behind the verdict. */
export interface Claim {
  readonly id: string;
  readonly text: string;
  /** `null` when the current groups cannot test the claim. */
  readonly pass: boolean | null;
  /** Short numbers, e.g. `−25% (MPS at the readout, RE→EE vs RE only)`. */
  readonly detail: string;
}

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

/** An effect in words: a signed percentage for a change, `1.24×` for a fold. */
export function effectText(kind: ClaimDefinition['effectKind'], x: number): string {
  return kind === 'change' ? percent(x) : `${fold(x)}×`;
}

/** Words for the groups a claim needs (for "not testable here"). */
const GROUP_WORDS: Readonly<Record<string, string>> = { re: 'RE only', 're-ee': 'RE→EE', 'ee-re': 'EE→RE' };

/**
 * The study's claims (`STUDY_CLAIMS`, the library's single list: the three of Ogasawara et al.
 * 2014, then the order effect at the readout and in 24-h cumulative MPS) on the current result.
 */
export function studyClaims(result: SimulationResult): Claim[] {
  return STUDY_CLAIMS.map((c): Claim => {
    if (!canTestClaim(c, result) || !['mps', 'regulator'].every((n) => result.observableNames.includes(n))) {
      const need = c.groups.map((g) => GROUP_WORDS[g] ?? g).join(', ');
      return { id: c.id, text: c.text, pass: null, detail: `not testable here (needs ${need} groups)` };
    }
    const effect = c.effect(result);
    return {
      id: c.id,
      text: c.text,
      pass: c.holds(result),
      detail: `${effectText(c.effectKind, effect)} (${c.effectLabel})`,
    };
  });
}

/** A fraction of members as whole percent, never rounding a split verdict to 0% or 100%. */
export function supportPercent(support: number): string {
  if (!Number.isFinite(support)) return 'n/a';
  if (support > 0.99 && support < 1) return 'more than 99%';
  if (support > 0 && support < 0.01) return 'less than 1%';
  return `${Math.round(support * 100)}%`;
}

/**
 * A claim with its support across the ensemble, in words, e.g. "in 100% of plausible models;
 * median −23%, 90% range −35…−16%". Every number comes from `support` (`simulateEnsemble`).
 */
export function supportText(support: ClaimSupport): string {
  if (support.tested === 0) return 'not testable on this protocol';
  const head = `in ${supportPercent(support.support)} of plausible models`;
  const e = support.effect;
  if (!e) return head;
  const f = (x: number) => effectText(support.effectKind, x);
  const range =
    support.effectKind === 'change'
      ? `${percent(e.q05).replace('%', '')}…${percent(e.q95)}`
      : `${fold(e.q05)}…${fold(e.q95)}×`;
  return `${head}; median ${f(e.median)}, 90% range ${range}`;
}

/** One sentence per result for screen readers: every group's MPS at its readout, in words. */
export function resultSummary(result: SimulationResult, shown?: readonly string[]): string {
  if (!result.observableNames.includes('mps')) return `New result for model ${result.modelId}.`;
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
