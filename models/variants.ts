/**
 * The rival model variants (science brief §6), each declared as the default model plus one
 * structural change with its evidence. `scripts/write-variants.ts` writes each as its own model
 * file (`models/<id>.json`), so a variant is data like any other model; this module is the one
 * place that says how each differs from the default and why. The script also re-calibrates the
 * parameters listed under `calibrate` (maximin: the smallest margin of the T1–T9 checks, as large
 * as possible) and writes the chosen values into the variant's file, with that note as source.
 */
import type { ModelSpec, ParameterSpec } from '../src/model/spec.ts';

/** How a variant differs from the default model. */
export interface VariantDefinition {
  readonly id: string;
  /** Letter in the science brief's list: (a)–(d). */
  readonly letter: string;
  readonly name: string;
  readonly description: string;
  /** Reference ids (from the default model file) the change rests on. */
  readonly evidence: readonly string[];
  /** The structural change in words (for the docs). */
  readonly change: string;
  /** New parameters. */
  readonly parameters?: Readonly<Record<string, ParameterSpec>>;
  /** Replaced priors of existing parameters. */
  readonly priors?: Readonly<Record<string, NonNullable<ParameterSpec['prior']>>>;
  /** Replaced rate expressions, by state. */
  readonly rates?: Readonly<Record<string, string>>;
  /** Replaced or added intermediates (added ones go before the first one that uses them). */
  readonly intermediates?: Readonly<
    Record<string, { expression: string; description?: string; label?: string }>
  >;
  /** Intermediates to insert before `contraction`/`eeDrive`, in order: [name, spec]. */
  readonly newIntermediates?: readonly (readonly [string, ModelSpec['intermediates'][string]])[];
  /**
   * Parameters the calibration may move; targets of T1–T9 it does not try to meet (they cannot
   * hold in this variant), and discriminating targets it also tries to meet (the evidence the
   * variant is built on).
   */
  readonly calibrate?: {
    readonly parameters: readonly string[];
    readonly exclude?: readonly string[];
    readonly alsoMeet?: readonly string[];
  };
  /** Parameter values that follow from others (applied after every change), with the reason. */
  readonly derive?: {
    readonly values: (p: Readonly<Record<string, number>>) => Record<string, number>;
    readonly note: string;
  };
  /** Preset values replaced (e.g. a knockout that must also switch off a new input). */
  readonly presets?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const prior = (
  distribution: 'uniform' | 'log-uniform',
  min: number,
  max: number,
  reason: string,
): NonNullable<ParameterSpec['prior']> => ({ distribution, min, max, reason });

/** The variants, in the brief's order. */
export const VARIANTS: readonly VariantDefinition[] = Object.freeze<VariantDefinition[]>([
  {
    id: 'concurrent-training-re-regulator',
    letter: 'a',
    name: 'Variant (a): RE also raises the regulator',
    description:
      'The default model plus the AMPK rise that resistance exercise itself causes (Dreyer et al. 2006: about 1.8-fold at the end of the bout, still raised 1 h later). The same brake acts on it; the calibration then re-chooses the brake so that the RE-only response survives.',
    evidence: ['Dreyer2006'],
    change:
      'RE also drives the regulator: dR/dt gains + kRE·re; brake threshold, steepness and gain re-calibrated',
    parameters: {
      kRE: {
        label: 'RE regulator gain',
        unit: '1/min',
        description: 'Rate at which a resistance bout at load 1 raises the regulator.',
        value: 0.045,
        min: 0,
        max: 0.5,
        scale: 'linear',
        source:
          'Dreyer2006: AMPKα2 activity about 1.8-fold immediately after RE; 0.045/min gives 1.76-fold at the end of the 20-min bout with the default decay time.',
        latex: 'k_{RE}',
        prior: prior(
          'log-uniform',
          0.03,
          0.07,
          'Dreyer2006: a 1.5–2.0-fold rise at the end of a 20-min bout (decay time 58 min).',
        ),
      },
    },
    rates: { R: 'kR * (1 - trained) * eeDrive + kRE * re - (R - 1) / tauR' },
    calibrate: { parameters: ['KB', 'nB', 'gA', 'tauR'], alsoMeet: ['D1'] },
    presets: { 'regulator-knockout': { kR: 0, kRE: 0 } },
  },
  {
    id: 'concurrent-training-run-depression',
    letter: 'b',
    name: 'Variant (b): MPS depressed during the run',
    description:
      'The default model plus the fall of protein synthesis during strenuous contraction of either kind (Rose et al. 2009, through Ca2+–calmodulin–eEF2K rather than AMPK; Rose et al. 2005: eEF2 phosphorylation up within a minute of cycling). The run depresses MPS while it lasts, as RE already did.',
    evidence: ['Rose2009', 'Rose2005', 'Wilkinson2008'],
    change: 'the contraction factor also falls with endurance intensity: c = 1/(1 + cM·re + cE·ee)',
    parameters: {
      cE: {
        label: 'Run depression',
        unit: '1',
        description:
          'How strongly running depresses MPS while it lasts (at 0.7 VO2max MPS falls towards 1/(1 + 0.7·cE) of its target).',
        value: 1,
        min: 0,
        max: 5,
        scale: 'linear',
        source:
          'Rose2009: synthesis falls 60–70% during strong contractions ex vivo; a moderate run is assumed to suppress less (to about 0.6 of its target at 0.7 VO2max).',
        latex: 'c_E',
        prior: prior(
          'uniform',
          0.25,
          3,
          'Rose2009, Rose2005: a clear fall during contraction, size in vivo unknown.',
        ),
      },
    },
    intermediates: {
      contraction: {
        expression: '1 / (1 + cM * re + cE * ee)',
        description: 'Protein synthesis is depressed while muscle contracts, in either kind of exercise.',
      },
    },
  },
  {
    id: 'concurrent-training-load-saturation',
    letter: 'c',
    name: 'Variant (c): MPS saturating with RE load',
    description:
      'The default model with a saturating dose–response to resistance load (Kumar et al. 2009: MPS rises sigmoidally with intensity and plateaus at 60–90% 1RM). The study’s evoked maximal contractions are taken to sit on the plateau (load 1), so the study itself runs exactly as in the default model.',
    evidence: ['Kumar2009'],
    change:
      'the RE stimulus is charged by a sigmoidal function of load, normalised to 1 at the study load: kP·(1 + L50^nL)·re^nL/(L50^nL + re^nL)',
    parameters: {
      L50: {
        label: 'Half-maximal RE load',
        unit: 'relative load',
        description:
          'Load (1 = study protocol) at which the RE stimulus is charged at half its maximal rate.',
        value: 0.6,
        min: 0.1,
        max: 2,
        scale: 'linear',
        source:
          'Kumar2009: plateau from 60% 1RM; with the study load taken as maximal, half-maximal near 0.6 of it (assumption).',
        latex: 'L_{50}',
        prior: prior('uniform', 0.4, 0.8, 'Kumar2009: the rise happens between 20% and 60% 1RM.'),
      },
      nL: {
        label: 'Load steepness',
        unit: '1',
        description: 'Hill coefficient of the load dependence.',
        value: 4,
        min: 1,
        max: 10,
        scale: 'linear',
        source: 'Kumar2009: sigmoidal dose–response; 4 gives a plateau within 20% above the study load.',
        latex: 'n_L',
        prior: prior('uniform', 2, 8, 'Kumar2009: a sigmoidal rise, steepness not fitted.'),
      },
    },
    newIntermediates: [
      [
        'loadDrive',
        {
          label: 'Load drive',
          unit: '1',
          description: 'Saturating dependence of the RE stimulus on load, 1 at the study load.',
          expression: '(1 + L50 ^ nL) * re ^ nL / (L50 ^ nL + re ^ nL)',
          latex: 'd_{RE}',
        },
      ],
    ],
    rates: { P: 'kP * loadDrive - (P - 1) / tauP' },
  },
  {
    id: 'concurrent-training-rat-regulator',
    letter: 'd',
    name: 'Variant (d): a rat-sized regulator',
    description:
      'The default model with the regulator rise measured in rats (McConell et al. 2008: p-AMPK 1.6-fold after 45 min of treadmill running) instead of the human α2-AMPK activity (3–4-fold). The activation rate is set so that 45 min at the study intensity gives 1.6-fold; decay time and brake are re-calibrated to rescue the order effect if they can.',
    evidence: ['McConell2008'],
    change:
      'regulator activation kR set from the rat measurement (1.6-fold after 45 min); decay time and brake re-calibrated',
    priors: {
      kR: prior(
        'log-uniform',
        0.03,
        0.12,
        'McConell2008: a 1.4–2.0-fold rise after 45 min at the study intensity, for decay times of 29–116 min.',
      ),
    },
    calibrate: { parameters: ['tauR', 'KB', 'nB'], exclude: ['T4'], alsoMeet: ['D2'] },
    derive: {
      // R − 1 after 45 min at intensity 0.7 = kR · eeDrive(0.7) · tauR · (1 − e^(−45/tauR)) = 0.6.
      values: (p) => {
        const drive = 0.7 ** p.nI! / (p.I50! ** p.nI! + 0.7 ** p.nI!);
        return { kR: 0.6 / (drive * p.tauR! * (1 - Math.exp(-45 / p.tauR!))) };
      },
      note: 'McConell2008: set so that 45 min at the study intensity (0.7 VO2max) raises the regulator 1.6-fold',
    },
  },
]);

/** Source note of a parameter chosen by the variant calibration. */
export const CALIBRATION_NOTE =
  'Chosen for this variant by maximin calibration against the targets (scripts/write-variants.ts)';

/**
 * The model file of a variant, from the default file: parameters, rates and intermediates
 * changed as declared, the calibrated values applied, the id, name, description and version set.
 * @throws Error naming the variant and what it changes that the default does not have
 */
export function variantSpec(
  base: ModelSpec,
  v: VariantDefinition,
  calibrated: Readonly<Record<string, number>> = {},
): ModelSpec {
  const spec = structuredClone(base) as ModelSpec;
  spec.id = v.id;
  spec.name = v.name;
  spec.description = `${v.description} Evidence: ${v.evidence.join(', ')}. Generated from ${base.id} ${base.version} by scripts/write-variants.ts.`;
  const parameters: Record<string, ParameterSpec> = { ...spec.parameters, ...v.parameters };
  for (const [name, p] of Object.entries(v.priors ?? {})) {
    const q = parameters[name];
    if (!q) throw new Error(`variant ${v.id}: ${name} is not a parameter`);
    parameters[name] = { ...q, prior: p };
  }
  const set = (name: string, value: number, note: string) => {
    const p = parameters[name];
    if (!p) throw new Error(`variant ${v.id}: ${name} is not a parameter`);
    const original = base.parameters[name] ?? v.parameters?.[name];
    parameters[name] = {
      ...p,
      value,
      source: `${note} (default model: ${original?.value}; ${original?.source})`,
    };
  };
  for (const [name, value] of Object.entries(calibrated)) set(name, value, CALIBRATION_NOTE);
  if (v.derive) {
    const values = Object.fromEntries(Object.entries(parameters).map(([k, p]) => [k, p.value]));
    for (const [name, value] of Object.entries(v.derive.values(values))) set(name, value, v.derive.note);
  }
  spec.parameters = parameters;
  for (const [state, rate] of Object.entries(v.rates ?? {})) {
    const s = spec.states[state];
    if (!s) throw new Error(`variant ${v.id}: no state ${state}`);
    spec.states[state] = { ...s, rate };
  }
  const intermediates: ModelSpec['intermediates'] = {};
  for (const [name, i] of v.newIntermediates ?? []) intermediates[name] = i;
  for (const [name, i] of Object.entries(spec.intermediates)) {
    const change = v.intermediates?.[name];
    intermediates[name] = change ? { ...i, ...change } : i;
  }
  spec.intermediates = intermediates;
  for (const [preset, changes] of Object.entries(v.presets ?? {})) {
    const p = spec.parameterPresets[preset];
    if (!p) throw new Error(`variant ${v.id}: no preset ${preset}`);
    spec.parameterPresets[preset] = { ...p, values: { ...changes } };
  }
  return spec;
}
