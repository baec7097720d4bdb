/**
 * The evidence panel: the study's claims checked live on the current scenario (✓/✗ with the
 * numbers), the calibration targets T1–T9 from `evaluateTargets` (filled in later, from the
 * worker), and the caveats and contrary studies with references.
 */

import { TARGETS } from '../analysis/target-list.ts';
import type { TargetResult } from '../analysis/targets.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { studyClaims } from './claims.ts';
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
    finding: 'no blunting of anabolic signalling by the second bout.',
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
    cite: 'Fowler et al. 2024, Exp Physiol (100-node signalling network)',
    finding: 'predicts only a small order effect, in the opposite direction (RE→EE 0.162 vs EE→RE 0.152).',
  },
]);

/** A mounted evidence panel. */
export interface EvidencePanel {
  /** Update the live claims for a new result. */
  update(result: SimulationResult, stale: boolean): void;
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
    h('h3', {}, 'The study’s claims, on your scenario'),
    claims,
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
      replace(
        claims,
        ...studyClaims(result).map((c) =>
          h(
            'li',
            { class: stale ? 'stale' : '' },
            mark(c.pass),
            ' ',
            c.text,
            ': ',
            h('span', { class: 'num' }, c.detail),
          ),
        ),
      );
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
