/**
 * The claims the product makes about a run, as data: what each claim says, which groups it
 * needs, its effect size and whether it holds. The evidence panel checks them on one run; the
 * ensemble counts in how many plausible models each holds (`claimSupport`). Thresholds are the
 * study's (`STUDY_THRESHOLDS`), so "lowered" and "unchanged" mean what T6–T8 mean.
 */
import type { SimulationResult } from '../simulate/simulate.ts';
import { aucFold, foldVsControl } from './readouts.ts';
import { STUDY_THRESHOLDS } from './target-list.ts';

/** One claim about a run of the study design. */
export interface ClaimDefinition {
  readonly id: string;
  readonly text: string;
  /** Groups the claim needs (besides the control). */
  readonly groups: readonly string[];
  /** What the effect measures, for labels: a relative change (−0.24 = −24%) or a fold. */
  readonly effectKind: 'change' | 'fold';
  readonly effectLabel: string;
  /** The effect on a run that has the groups. */
  readonly effect: (result: SimulationResult) => number;
  /** Whether the claim holds on that run. */
  readonly holds: (result: SimulationResult) => boolean;
}

const { unchangedTolerance, regulatorRaised, regulatorNotRaised } = STUDY_THRESHOLDS;

/** Group's MPS at its readout relative to RE only, minus 1. */
const changeVsRe = (r: SimulationResult, g: string) =>
  foldVsControl(r, g, 'mps') / foldVsControl(r, 're', 'mps') - 1;
const orderChange = (r: SimulationResult) =>
  foldVsControl(r, 're-ee', 'mps') / foldVsControl(r, 'ee-re', 'mps') - 1;
const orderAucChange = (r: SimulationResult) =>
  aucFold(r, 're-ee', 'mps', 1440) / aucFold(r, 'ee-re', 'mps', 1440) - 1;

/** The claims, in display order. The first three are the study's (Ogasawara et al. 2014). */
export const STUDY_CLAIMS: readonly ClaimDefinition[] = Object.freeze([
  {
    id: 'after',
    text: 'EE after RE lowers MPS at 3 h',
    groups: ['re', 're-ee'],
    effectKind: 'change',
    effectLabel: 'MPS at the readout, RE→EE vs RE only',
    effect: (r) => changeVsRe(r, 're-ee'),
    holds: (r) => changeVsRe(r, 're-ee') < -unchangedTolerance,
  },
  {
    id: 'before',
    text: `EE before RE leaves MPS at 3 h unchanged (±${unchangedTolerance * 100}%)`,
    groups: ['re', 'ee-re'],
    effectKind: 'change',
    effectLabel: 'MPS at the readout, EE→RE vs RE only',
    effect: (r) => changeVsRe(r, 'ee-re'),
    holds: (r) => Math.abs(changeVsRe(r, 'ee-re')) <= unchangedTolerance,
  },
  {
    id: 'regulator',
    text: 'Regulator raised at 3 h only in RE→EE',
    groups: ['re', 're-ee', 'ee-re'],
    effectKind: 'fold',
    effectLabel: 'regulator at the readout in RE→EE (fold of control)',
    effect: (r) => foldVsControl(r, 're-ee', 'regulator'),
    holds: (r) =>
      foldVsControl(r, 're-ee', 'regulator') >= regulatorRaised &&
      foldVsControl(r, 're', 'regulator') <= regulatorNotRaised &&
      foldVsControl(r, 'ee-re', 'regulator') <= regulatorNotRaised,
  },
  {
    id: 'order-readout',
    text: `MPS at the readout is lower with RE→EE than with EE→RE (by more than ${unchangedTolerance * 100}%)`,
    groups: ['re-ee', 'ee-re'],
    effectKind: 'change',
    effectLabel: 'MPS at the readout, RE→EE vs EE→RE',
    effect: orderChange,
    holds: (r) => orderChange(r) < -unchangedTolerance,
  },
  {
    id: 'order-auc24',
    text: `24-h cumulative MPS differs between the orders by more than ${unchangedTolerance * 50}%`,
    groups: ['re-ee', 'ee-re'],
    effectKind: 'change',
    effectLabel: '24-h MPS AUC, RE→EE vs EE→RE',
    effect: orderAucChange,
    holds: (r) => Math.abs(orderAucChange(r)) > unchangedTolerance / 2,
  },
]);

/** Whether a run has every group a claim needs. */
export function canTestClaim(claim: ClaimDefinition, result: SimulationResult): boolean {
  return claim.groups.every((g) => result.groups.some((x) => x.id === g));
}
