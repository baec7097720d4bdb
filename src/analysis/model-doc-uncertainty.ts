/**
 * The uncertainty sections of `docs/model.md`: time since the run (with the study-intensity
 * band), the ensemble of plausible models (method, acceptance, posterior against prior, claim
 * support) and the global sensitivity. Every number is computed here from the model, the
 * ensemble file and the Sobol file.
 */
import type { CompiledModel } from '../model/compile.ts';
import { STUDY_DESIGN, studyProtocol } from '../protocol/presets.ts';
import { defaultIntensities } from '../simulate/scenario.ts';
import { simulate } from '../simulate/simulate.ts';
import { cell, fixed, num, percentOf, signedPercent, table } from './doc-format.ts';
import type { EnsembleFile } from './ensemble-file.ts';
import { posteriorMarginals, strongestCorrelations } from './posterior.ts';
import type { EnsembleResult } from './simulate-ensemble.ts';
import { type SobolFile, sobolFromFile } from './sobol-file.ts';
import { CHEAP_FIRST } from './targets.ts';
import { type IntensityBand, orderEffectOverTime } from './time-since-run.ts';

/** Readout offsets shown in the time-since-run table, minutes after the end of RE. */
const SHOWN_OFFSETS = [0, 60, 90, 120, 180, 240, 300, 360, 720, 1440];

const hours = (min: number) => `${Number((min / 60).toFixed(2))} h`;
/** Minutes as hours and minutes: `2 h`, `3 h 20 min`. */
const hm = (min: number) => {
  const h = Math.floor(min / 60);
  const m = Math.round(min - 60 * h);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
};

/** "In this model order acts through time since the run", with the numbers. */
export function timeSinceRunSection(
  model: CompiledModel,
  ensemble: EnsembleResult,
  band: IntensityBand,
): string[] {
  const d = defaultIntensities(model);
  const run = simulate(model, studyProtocol({ reIntensity: d.resistance, eeIntensity: d.endurance }), {
    dt: 5,
  });
  const curve = orderEffectOverTime(run);
  const workout = orderEffectOverTime(run, { anchor: 'workout-end', offsets: [180] });
  const at = (min: number) => curve.ratio[curve.offsets.indexOf(min)]!;
  const e = ensemble.orderEffect!;
  const k = (min: number) => e.offsets.indexOf(min);
  const auc = ensemble.readouts['order:auc24']!;
  const lowest = curve.offsets[curve.ratio.indexOf(Math.min(...curve.ratio))]!;
  const rows = SHOWN_OFFSETS.map((m) => [
    hours(m),
    fixed(at(m), 3),
    fixed(e.ratio.median[k(m)]!, 3),
    `${fixed(e.ratio.q05[k(m)]!, 3)}–${fixed(e.ratio.q95[k(m)]!, 3)}`,
  ]);
  rows.push([
    '24-h AUC',
    fixed(curve.auc24Ratio, 3),
    fixed(auc.median, 3),
    `${fixed(auc.q05, 3)}–${fixed(auc.q95, 3)}`,
  ]);
  const edges = band.intervals.map((i) => `${fixed(i.from, 3)}–${fixed(i.to, 3)}`).join(' and ');
  const below = [...band.scan].reverse().find((p) => !p.pass && p.intensity < (band.intervals[0]?.from ?? 0));
  const above = band.scan.find((p) => !p.pass && p.intensity > (band.intervals[0]?.to ?? 1));
  return [
    '## Time since the run',
    '',
    '**In this model, order acts through time since the run.** A readout fixed at 3 h after the end of RE ' +
      `compares a muscle ${hm(STUDY_DESIGN.afterResistance - STUDY_DESIGN.eeDuration)} after its run (RE→EE: the run follows RE) with one ` +
      `${hm(STUDY_DESIGN.afterResistance + STUDY_DESIGN.reDuration)} after its run ` +
      '(EE→RE: the run came first). The brake decays within hours in either order, so the order effect ' +
      `(MPS in RE→EE over EE→RE) depends on when one looks: ${fixed(at(60), 2)} 1 h after RE, lowest ` +
      `(${fixed(at(lowest), 2)}) ${hours(lowest)} after RE, ${fixed(at(300), 2)} at 5 h, while the 24-h MPS AUCs differ by ` +
      `${signedPercent(curve.auc24Ratio - 1, 1)}. Read 3 h after the end of the whole workout instead (the same clock time in both orders), ` +
      `the ratio is ${fixed(workout.ratio[0]!, 2)}. The model supports "order changes a 3-h snapshot", not "order changes how much muscle is built".`,
    '',
    'Order effect (MPS, RE→EE / EE→RE; each a fold of control at its own readout) against the readout time after the end of RE, ' +
      `for the calibrated model and across the ${ensemble.succeeded} plausible models of the ensemble (median and 90% range; ` +
      '`orderEffectOverTime`, `simulateEnsemble`):',
    '',
    ...table(['readout after RE', 'calibrated model', 'ensemble median', 'ensemble 90% range'], rows),
    '',
    `**Study intensity.** With the calibrated parameters all of T1–T9 hold only for a study run intensity of ${edges} VO2max ` +
      `(\`studyIntensityBand\`, scan step ${num(band.scan[1]!.intensity - band.scan[0]!.intensity)}, edges to ${num(band.resolution)})` +
      (below ? `; at ${num(below.intensity)} ${below.failed} fails first` : '') +
      (above ? `, at ${num(above.intensity)} ${above.failed}` : '') +
      '. The study’s run (taken as 0.7) sits inside a narrow band on the steep part of the intensity curve.',
    '',
  ];
}

/** The ensemble: method, acceptance, posterior against prior, claim support. */
export function ensembleSection(
  model: CompiledModel,
  file: EnsembleFile,
  ensemble: EnsembleResult,
): string[] {
  const a = file.acceptance;
  const s = file.sampler;
  const marginals = posteriorMarginals(model, file);
  const rejected = Object.entries(a.rejectedBy).sort((x, y) => y[1] - x[1]);
  const constrained = (c: string) => marginals.filter((m) => m.constraint === c).map((m) => m.prior.name);
  const priorText = (m: (typeof marginals)[number]) =>
    `${m.prior.distribution} ${num(m.prior.min)}–${num(m.prior.max)}`;
  return [
    '## An ensemble of plausible models',
    '',
    `One calibrated parameter set hides how much of the conclusion is the calibration. Every parameter has a prior in the model file ` +
      `(distribution, bounds and reason; table below). The plausible models are the parameter sets drawn from the priors that meet every ` +
      `calibration target T1–T9 — approximate Bayesian computation with each target's own range as the tolerance.`,
    '',
    `**Method: rejection ABC.** The sampler (\`src/analysis/abc.ts\`) draws parameter sets from the priors and keeps those that meet ` +
      `T1–T9; the members are the first ${s.n} kept, in draw order (seed ${s.seed}, blocks of ${s.blockSize} draws). It judged ` +
      `${a.draws} draws and kept ${a.accepted}: an acceptance rate of ${percentOf(a.rate, 2)} (95% interval ` +
      `${percentOf(a.rate95[0], 2)}–${percentOf(a.rate95[1], 2)}), which is also the prior probability that a parameter set meets every ` +
      `target. A rejected draw is cheap (the check stops at the first failing target, cheapest runs first) and the members are independent ` +
      `draws from the posterior, so no convergence has to be diagnosed; an adaptive ABC-MCMC was tried first and its chains stayed near ` +
      `their starting points, so it was dropped. ${a.solverFailures} draws failed in the solver (counted as rejected).`,
    '',
    `Draws rejected, by the first target they failed (in the order ${CHEAP_FIRST.join(', ')}): ${rejected
      .map(([k, v]) => `${k} ${percentOf(v / a.draws, 1)}`)
      .join(', ')} of all draws.`,
    '',
    `Regenerate: \`${file.command}\` (model version ${file.modelVersion}, prior version ${file.priorDigest}, solver tolerances ` +
      `${num(file.solver.relativeTolerance)} relative / ${num(file.solver.absoluteTolerance)} absolute). The file is ` +
      `\`models/${file.modelId}.ensemble.json\`.`,
    '',
    '### What the targets constrain',
    '',
    'Each sampled parameter’s marginal over the ensemble against its prior, on the prior’s own scale (log for log-uniform priors). ' +
      `Width ratio: the members' central 90% interval over the prior's; KL: divergence of the marginal from the prior (nats, 10-bin histogram). ` +
      `Rank of calibrated: the share of members below the hand-calibrated value. Constraint: strong below a width ratio of 0.5, moderate ` +
      'below 0.8, weak otherwise. `kP` and `trained` are fixed (their priors say why).',
    '',
    ...table(
      [
        'parameter',
        'prior',
        'calibrated',
        'members: median (5%–95%)',
        'rank of calibrated',
        'width ratio',
        'KL',
        'constraint',
      ],
      marginals.map((m) => [
        m.prior.name,
        priorText(m),
        num(m.prior.value),
        `${num(m.median)} (${num(m.q05)}–${num(m.q95)})`,
        percentOf(m.defaultRank),
        fixed(m.widthRatio, 2),
        fixed(m.kl, 2),
        m.constraint,
      ]),
    ),
    '',
    `Strongly constrained: ${constrained('strong').join(', ') || 'none'}; moderately: ${constrained('moderate').join(', ') || 'none'}; ` +
      `weakly or not at all: ${constrained('weak').join(', ') || 'none'}. A wide marginal does not mean a free parameter: the targets ` +
      'also constrain combinations, which show as correlations between members’ parameters (on the priors’ quantile scale). ' +
      `The strongest: ${strongestCorrelations(model, file, 6)
        .map((c) => `${c.a}–${c.b} ${fixed(c.r, 2)}`)
        .join(', ')}.`,
    '',
    'Prior reasons:',
    '',
    ...table(
      ['parameter', 'prior', 'reason'],
      Object.entries(model.spec.parameters).map(([name, p]) => [
        name,
        p.prior?.distribution === 'fixed'
          ? `fixed at ${num(p.value)}`
          : `${p.prior?.distribution} ${num(p.prior?.min ?? Number.NaN)}–${num(p.prior?.max ?? Number.NaN)}`,
        cell(p.prior?.reason ?? 'missing'),
      ]),
    ),
    '',
    '### Claims across the ensemble',
    '',
    `For each claim the product makes about the study design (back to back, readout 3 h after RE), the fraction of the ${ensemble.succeeded} ` +
      'plausible models in which it holds, and the spread of its effect (`simulateEnsemble`, `STUDY_CLAIMS`). The first three are ' +
      'what the targets select for, so they hold by construction of the ensemble; what the ensemble adds is the size of the effect.',
    '',
    ...table(
      ['claim', 'holds in', 'effect', 'median', '90% range'],
      ensemble.claims.map((c) => {
        const f =
          c.effectKind === 'change' ? (x: number) => signedPercent(x) : (x: number) => `${fixed(x, 2)}×`;
        return [
          cell(c.text),
          percentOf(c.support),
          cell(c.effectLabel),
          c.effect ? f(c.effect.median) : 'n/a',
          c.effect ? `${f(c.effect.q05)} … ${f(c.effect.q95)}` : 'n/a',
        ];
      }),
    ),
    '',
  ];
}

/** Bootstrap resamples for the Sobol intervals in the docs. */
const SOBOL_BOOTSTRAP = 200;

/** Sobol indices of the order effect over the prior, computed from the file's design rows. */
export function sobolSection(file: SobolFile): string[] {
  const d = file.parameters.length;
  const result = sobolFromFile(file, { bootstrap: SOBOL_BOOTSTRAP });
  const [o3, oAuc] = result.outputs;
  const [l3, lAuc] = file.outputs;
  if (!o3 || !oAuc || !l3 || !lAuc) return [];
  const ci = (c: readonly [number, number]) => ` (${fixed(c[0], 2)}–${fixed(c[1], 2)})`;
  const byTotal = (o: typeof o3) => [...file.parameters.keys()].sort((a, b) => o.total[b]! - o.total[a]!);
  const top = (o: typeof o3) =>
    byTotal(o)
      .slice(0, 3)
      .map((i) => `${file.parameters[i]} (ST ${fixed(o.total[i]!, 2)})`)
      .join(', ');
  const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((t, v) => t + v, 0);
  return [
    '## Global sensitivity over the prior',
    '',
    `Sobol indices of the order effect (\`src/analysis/sobol.ts\`, \`global-sensitivity.ts\`): every sampled parameter drawn from its prior ` +
      `(the whole prior box, not only the plausible models), N = ${file.n} base rows, ${file.n * (d + 2)} runs of the study design, ` +
      `${result.rows} rows usable. First-order S (Saltelli 2010 estimator, f(B) centred): the share of the output's variance due to the ` +
      `parameter alone; total ST (Jansen 1999): including its interactions. 95% bootstrap intervals (${SOBOL_BOOTSTRAP} resamples) in ` +
      `brackets; with N = ${file.n} an index below about 0.05 is not distinguishable from 0. Seed ${file.seed}; the design rows are in ` +
      `\`models/${file.modelId}.sobol.json\`; regenerate with \`${file.command}\`.`,
    '',
    ...table(
      ['parameter', `S: ${l3.label}`, 'ST', `S: ${lAuc.label}`, 'ST'],
      byTotal(o3).map((i) => [
        file.parameters[i]!,
        `${fixed(o3.first[i]!, 2)}${ci(o3.firstCi[i]!)}`,
        `${fixed(o3.total[i]!, 2)}${ci(o3.totalCi[i]!)}`,
        `${fixed(oAuc.first[i]!, 2)}${ci(oAuc.firstCi[i]!)}`,
        `${fixed(oAuc.total[i]!, 2)}${ci(oAuc.totalCi[i]!)}`,
      ]),
    ),
    '',
    `Over the prior the 3-h order effect has mean ${fixed(o3.mean, 3)} (variance ${num(o3.variance)}); the largest total indices are ` +
      `${top(o3)}. The first-order indices sum to ${fixed(sum(o3.first), 2)}, so interactions carry about ${fixed(1 - sum(o3.first), 2)} ` +
      `of the variance. The 24-h AUC order effect has mean ${fixed(oAuc.mean, 3)} and a variance ${num(o3.variance / oAuc.variance)} ` +
      `times smaller than the snapshot's; its largest total indices are ${top(oAuc)}.`,
    '',
  ];
}
