/**
 * The evidence panel: the study's claims checked live on the current scenario (✓/✗ with the
 * numbers), the calibration targets T1–T9 from `evaluateTargets` (filled in later, from the
 * worker), and the caveats and contrary studies with references.
 */

import type { ClaimSupport } from '../analysis/simulate-ensemble.ts';
import { TARGETS } from '../analysis/target-list.ts';
import type { TargetResult } from '../analysis/targets.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { studyClaims, supportText } from './claims.ts';
import { h, replace } from './dom.ts';

/** Evidence that complicates the story (science brief §4). */
export const CAVEATS: readonly { readonly cite: string; readonly finding: string }[] = Object.freeze([
  {
    cite: 'Shirai et al. 2020, Physiol Rep 8:e14411 (mice, training)',
    finding: 'mTOR targets rose only when RE came before EE — the opposite direction.',
  },
  {
    cite: 'Apró et al. 2013, Am J Physiol Endocrinol Metab 305:E22 (humans)',
    finding: 'cycling after heavy RE did not blunt mTORC1/S6K signalling.',
  },
  {
    cite: 'Coffey et al. 2009, J Appl Physiol 106:1187 (humans)',
    finding:
      'mixed, not simply contrary: S6K signalling looked alike in both orders, but the order did change gene responses — IGF-I mRNA was 42% lower when cycling came first, MuRF1 mRNA 52% higher when cycling followed RE — and the authors judged that the order probably makes acute interference worse.',
  },
  {
    cite: 'Lundberg et al. 2013, J Appl Physiol 114:81 (humans)',
    finding: 'EE ~6 h before RE did not compromise — even increased — hypertrophy over 5 weeks.',
  },
  {
    cite: 'Kazior et al. 2016, PLoS One (humans)',
    finding: 'similar: EE before RE did not blunt the gains.',
  },
  {
    cite: 'Fyfe et al. 2014, Sports Med 44:743 (review)',
    finding:
      'acute molecular interference in humans is small or absent; 6–24 h between bouts is the usual advice.',
  },
  {
    cite: 'Murach & Bagley 2016 (review)',
    finding: 'the interference effect in humans is smaller than often claimed.',
  },
  {
    cite: 'Fowler et al. 2024, Exp Physiol (a 120-node logic-based signalling network)',
    finding: 'predicts only a small order effect, in the opposite direction (RE→EE 0.162 vs EE→RE 0.152).',
  },
]);

/** What the evidence panel knows about the ensemble of plausible models for this scenario. */
export type EnsembleEvidence =
  | { readonly status: 'off' }
  | { readonly status: 'pending'; readonly done: number; readonly total: number }
  | { readonly status: 'done'; readonly claims: readonly ClaimSupport[]; readonly members: number }
  | { readonly status: 'error'; readonly message: string };

/** A mounted evidence panel. */
export interface EvidencePanel {
  /** Update the live claims for a new result. */
  update(result: SimulationResult, stale: boolean): void;
  /** Show each claim's support across the ensemble (or progress, or why there is none). */
  ensemble(state: EnsembleEvidence): void;
  /** Show target results, a pending note, or an error. */
  targets(
    state:
      | { status: 'pending' }
      | { status: 'done'; targets: TargetResult[] }
      | { status: 'error'; message: string },
  ): void;
}

function mark(pass: boolean | null): HTMLElement {
  if (pass === null) return h('span', { class: 'mark na', 'aria-label': 'not testable' }, '–');
  return h(
    'span',
    { class: `mark ${pass ? 'pass' : 'fail'}`, 'aria-label': pass ? 'holds' : 'does not hold' },
    pass ? '✓' : '✗',
  );
}

/** Mount the evidence panel into `container`. */
export function mountEvidencePanel(container: HTMLElement): EvidencePanel {
  const claims = h('ul', { class: 'claims', id: 'claims' });
  const targetsList = h('ul', { class: 'targets', id: 'targets' });
  const ensembleNote = h('p', { class: 'hint', id: 'ensemble-claims-note', role: 'status' });
  let lastClaims: ReturnType<typeof studyClaims> = [];
  let lastStale = false;
  let ensembleState: EnsembleEvidence = { status: 'off' };
  const drawClaims = () => {
    const support = ensembleState.status === 'done' ? ensembleState.claims : [];
    replace(
      claims,
      ...lastClaims.map((c) => {
        const s = support.find((x) => x.id === c.id);
        return h(
          'li',
          { class: lastStale ? 'stale' : '', id: `claim-${c.id}`, 'data-claim': c.id },
          mark(c.pass),
          ' ',
          c.text,
          ': ',
          h('span', { class: 'num' }, c.detail),
          s
            ? h(
                'span',
                { class: 'support', 'data-support': String(s.support) },
                ` Across the ensemble: ${supportText(s)}.`,
              )
            : null,
        );
      }),
    );
  };
  const targetsNote = h(
    'p',
    { class: 'hint', id: 'targets-note' },
    'Targets are checked after each run (≈0.3 s).',
  );
  const caveats = h(
    'ul',
    { class: 'caveats' },
    ...CAVEATS.map((c) => h('li', {}, h('cite', {}, c.cite), ': ', c.finding)),
  );
  container.append(
    h(
      'p',
      { class: 'honest' },
      h('strong', {}, 'A toy model of one rat study, not settled fact. '),
      'The second signal is an ',
      h('em', {}, 'AMPK-like negative regulator'),
      ' — the paper’s regulator is not named here as a fact.',
    ),
    h(
      'p',
      { class: 'honest', id: 'time-since-run-note' },
      h('strong', {}, 'In this model, order acts through time since the run. '),
      'A readout at a fixed time after RE finds the muscle at a different time after its run in each order: ' +
        'RE→EE is measured soon after running, while the brake is still on; EE→RE long after it has faded. ' +
        'Move the readout time or its anchor and watch the order effect chart: the effect is a 3-h snapshot, ' +
        'and 24-h cumulative MPS barely differs.',
    ),
    h('h3', {}, 'The study’s claims, on your scenario'),
    claims,
    ensembleNote,
    h(
      'details',
      { class: 'targets-box' },
      h('summary', {}, 'Calibration targets T1–T9 (current parameters)'),
      targetsNote,
      targetsList,
    ),
    h(
      'details',
      { class: 'caveats-box' },
      h('summary', {}, 'Evidence that complicates the story'),
      caveats,
      h(
        'p',
        {},
        'Study modelled: Ogasawara R et al. 2014, Am J Physiol Endocrinol Metab 306:E1155–E1162 (rats).',
      ),
    ),
  );
  return {
    update(result, stale) {
      lastClaims = studyClaims(result);
      lastStale = stale;
      drawClaims();
    },
    ensemble(state) {
      ensembleState = state;
      ensembleNote.removeAttribute('aria-busy');
      if (state.status === 'off') ensembleNote.textContent = '';
      else if (state.status === 'pending') {
        ensembleNote.setAttribute('aria-busy', 'true');
        ensembleNote.textContent = `Checking the claims across the plausible models… ${state.done} of ${state.total}`;
      } else if (state.status === 'error')
        ensembleNote.textContent = `Support across plausible models unavailable: ${state.message}`;
      else
        ensembleNote.textContent = `Support: the fraction of ${state.members} plausible parameter sets (each meets T1–T9) in which the claim holds on this scenario; median and 90% range of its effect.`;
      drawClaims();
    },
    targets(state) {
      if (state.status === 'pending') {
        targetsNote.textContent = 'Checking targets…';
        targetsList.setAttribute('aria-busy', 'true');
        return;
      }
      targetsList.removeAttribute('aria-busy');
      if (state.status === 'error') {
        targetsNote.textContent = `Targets could not be checked: ${state.message}`;
        replace(targetsList);
        return;
      }
      const passed = state.targets.filter((t) => t.pass).length;
      targetsNote.textContent = `${passed} of ${state.targets.length} targets hold with the current parameters (study design, default intensities).`;
      replace(
        targetsList,
        ...state.targets.map((t) =>
          h(
            'li',
            {},
            mark(t.pass),
            ' ',
            h('strong', {}, t.id),
            ` ${TARGETS.find((x) => x.id === t.id)?.claim ?? t.claim} — measured ${t.measured} (range ${t.range})`,
          ),
        ),
      );
    },
  };
}
