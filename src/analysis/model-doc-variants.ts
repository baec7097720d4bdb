/**
 * The rival-variants section of `docs/model.md`: every variant and the default model run against
 * the same targets (T1–T9 and the discriminating D targets), side by side with margins and the
 * order effect at 3 h and in 24-h AUC, and the rule for changing the default applied to them.
 */
import type { CompiledModel } from '../model/compile.ts';
import { studyProtocol } from '../protocol/presets.ts';
import { defaultIntensities } from '../simulate/scenario.ts';
import { simulate } from '../simulate/simulate.ts';
import { evaluateDiscriminatingTargets } from './discriminating.ts';
import { cell, fixed, num, table } from './doc-format.ts';
import { foldVsControl } from './readouts.ts';
import type { TargetResult } from './target-check.ts';
import { evaluateTargets } from './targets.ts';
import { orderEffectOverTime } from './time-since-run.ts';

/** A model's scorecard against every target. */
export interface VariantScore {
  readonly model: CompiledModel;
  readonly targets: readonly TargetResult[];
  readonly discriminating: readonly TargetResult[];
  /** Smallest margin over T1–T9 (checks that hold by construction left out). */
  readonly smallestMargin: number;
  readonly orderAt3h: number;
  readonly orderAuc24: number;
  readonly reOnlyMps1h: number;
  readonly reOnlyMps3h: number;
}

/** Score a model: targets, discriminating targets, margins and order effects. */
export function scoreModel(model: CompiledModel): VariantScore {
  const targets = evaluateTargets(model);
  const discriminating = evaluateDiscriminatingTargets(model);
  const d = defaultIntensities(model);
  const run = simulate(model, studyProtocol({ reIntensity: d.resistance, eeIntensity: d.endurance }), {
    dt: 5,
  });
  const curve = orderEffectOverTime(run, { offsets: [180] });
  return {
    model,
    targets,
    discriminating,
    smallestMargin: Math.min(...targets.map((r) => r.margin).filter((m) => !Number.isNaN(m))),
    orderAt3h: curve.ratio[0]!,
    orderAuc24: curve.auc24Ratio,
    reOnlyMps1h: foldVsControl(run, 're', 'mps', 80 + 60),
    reOnlyMps3h: foldVsControl(run, 're', 'mps'),
  };
}

function mark(r: TargetResult | undefined): string {
  if (!r) return 'n/a';
  if (Number.isNaN(r.margin)) return r.pass ? '✓ (construction)' : '✗';
  return `${r.pass ? '✓' : '✗'} ${fixed(r.margin, 3)}`;
}

/** Whether `s` meets every target (T1–T9 and the D targets) with a larger smallest margin than `base`. */
export function beatsDefault(s: VariantScore, base: VariantScore): boolean {
  const all = [...s.targets, ...s.discriminating];
  const margin = (x: VariantScore) =>
    Math.min(...[...x.targets, ...x.discriminating].map((r) => r.margin).filter((m) => !Number.isNaN(m)));
  return all.every((r) => r.pass) && margin(s) > margin(base);
}

/** A rival variant for the docs: its compiled model and its declaration (`models/variants.ts`). */
export interface DocVariant {
  readonly model: CompiledModel;
  readonly letter: string;
  readonly change: string;
  readonly evidence: readonly string[];
}

/** The variants section: table, verdict, and each variant's change and evidence. */
export function variantsSection(base: CompiledModel, variants: readonly DocVariant[]): string[] {
  const scores = [scoreModel(base), ...variants.map((v) => scoreModel(v.model))];
  const names = ['default', ...variants.map((v) => `(${v.letter})`)];
  const ids = [...scores[0]!.targets, ...scores[0]!.discriminating].map((r) => r.id);
  const find = (s: VariantScore, id: string) => [...s.targets, ...s.discriminating].find((r) => r.id === id);
  const rows: string[][] = ids.map((id) => [id, ...scores.map((s) => mark(find(s, id)))]);
  rows.push(
    ['T1–T9 met', ...scores.map((s) => `${s.targets.filter((r) => r.pass).length} of ${s.targets.length}`)],
    [
      'D targets met',
      ...scores.map((s) => `${s.discriminating.filter((r) => r.pass).length} of ${s.discriminating.length}`),
    ],
    ['smallest margin, T1–T9', ...scores.map((s) => fixed(s.smallestMargin, 3))],
    ['order effect at 3 h (RE→EE / EE→RE)', ...scores.map((s) => fixed(s.orderAt3h, 3))],
    ['order effect, 24-h MPS AUC', ...scores.map((s) => fixed(s.orderAuc24, 3))],
    [
      'RE only: MPS 1 h / 3 h after RE',
      ...scores.map((s) => `${fixed(s.reOnlyMps1h, 2)} / ${fixed(s.reOnlyMps3h, 2)}`),
    ],
  );
  const winners = variants.filter((_, i) => beatsDefault(scores[i + 1]!, scores[0]!));
  const base0 = scores[0]!;
  const lines: string[] = [
    '## Rival model variants',
    '',
    'Each variant is a separate model file (`models/<id>.json`, generated from the default by `scripts/write-variants.ts` from the ' +
      'declarations in `models/variants.ts`) built on one piece of evidence the default model forbids (science brief §6). Where the ' +
      'change breaks targets, the listed parameters are re-chosen by a deterministic maximin search (Nelder–Mead on the smallest margin ' +
      'of the targets). All are run against the same targets; a cell shows pass (✓/✗) and the margin to the nearest bound (1 = centre ' +
      'of a range, 0 = on its edge, negative = outside; checks that hold by construction left out).',
    '',
    ...table(['target', ...names], rows),
    '',
  ];
  variants.forEach((v, i) => {
    const s = scores[i + 1]!;
    const failed = [...s.targets, ...s.discriminating].filter((r) => !r.pass).map((r) => r.id);
    const calibrated = Object.entries(v.model.spec.parameters)
      .filter(([, p]) => p.source.startsWith('Chosen for this variant'))
      .map(
        ([n, p]) => `${n} = ${num(p.value)} (default ${num(base.spec.parameters[n]?.value ?? Number.NaN)})`,
      );
    lines.push(
      `- **(${v.letter}) ${cell(v.model.spec.name.replace(/^Variant \([a-z]\): /, ''))}** (\`${v.model.spec.id}\`; evidence: ${v.evidence.join(', ')}). ` +
        `Change: ${v.change}.` +
        (calibrated.length > 0 ? ` Re-calibrated: ${calibrated.join(', ')}.` : ' No re-calibration.') +
        ` Fails: ${failed.length > 0 ? failed.join(', ') : 'nothing'}. Order effect at 3 h ${fixed(s.orderAt3h, 3)} ` +
        `(default ${fixed(base0.orderAt3h, 3)}), in 24-h AUC ${fixed(s.orderAuc24, 3)}.`,
    );
  });
  lines.push(
    '',
    '**Which model is the default.** The rule: the default changes only if a variant meets every target (T1–T9 and the D targets) ' +
      'with more margin. ' +
      (winners.length > 0
        ? `${winners.map((w) => `(${w.letter})`).join(', ')} does: see the table.`
        : 'No model meets every target, so the default stays. ') +
      `On T1–T9 alone, ${
        variants
          .map((v, i) => ({ v, s: scores[i + 1]! }))
          .filter(({ s }) => s.targets.every((r) => r.pass))
          .map(({ v, s }) => `(${v.letter}) ${fixed(s.smallestMargin, 3)}`)
          .join(', ') || 'no variant'
      } meet every target, against the default's smallest margin of ${fixed(base0.smallestMargin, 3)}.`,
    '',
  );
  return lines;
}
