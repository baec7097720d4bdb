/**
 * What the targets constrain: each sampled parameter's marginal over the ensemble against its
 * prior. Both are compared on the prior's quantile scale, where the prior is uniform on [0, 1]:
 * the width ratio is the posterior's central 90% interval over the prior's (0.9), and the
 * Kullback–Leibler divergence of the marginal from the prior is estimated from a 10-bin
 * histogram (KL = Σ p_k ln(10 p_k); 0 when the targets say nothing about the parameter).
 */
import type { CompiledModel } from '../model/compile.ts';
import { abcLayout } from './abc.ts';
import type { EnsembleFile } from './ensemble-file.ts';
import { type ParameterPrior, toUnit } from './priors.ts';
import { quantilesOf } from './stats.ts';

/** How strongly the targets constrain a parameter, from the width ratio. */
export type Constraint = 'strong' | 'moderate' | 'weak';

/** Width ratios below these mark strong and moderate constraints. */
export const CONSTRAINT_LIMITS = Object.freeze({ strong: 0.5, moderate: 0.8 });

/** One parameter's marginal against its prior. */
export interface ParameterMarginal {
  readonly prior: ParameterPrior;
  /** 5%, 50% and 95% quantiles over the members, in parameter units. */
  readonly q05: number;
  readonly median: number;
  readonly q95: number;
  /** Quantile of the calibrated default within the members (0–1). */
  readonly defaultRank: number;
  /** Posterior 90% width over prior 90% width, on the prior's quantile scale. */
  readonly widthRatio: number;
  /** KL divergence of the marginal from the prior, nats (10-bin histogram). */
  readonly kl: number;
  readonly constraint: Constraint;
}

/** Marginal of every sampled parameter, in model order. */
export function posteriorMarginals(model: CompiledModel, file: EnsembleFile): ParameterMarginal[] {
  const { priors } = abcLayout(model);
  return priors.map((prior) => {
    const j = file.parameters.indexOf(prior.name);
    if (j < 0) throw new Error(`the ensemble has no column for parameter ${prior.name}`);
    const values = file.members.map((m) => m[j]!);
    const [q05, median, q95] = quantilesOf(values, [0.05, 0.5, 0.95]) as [number, number, number];
    const u = values.map((v) => toUnit(prior, v));
    const [u05, u95] = quantilesOf(u, [0.05, 0.95]) as [number, number];
    const bins = new Array<number>(10).fill(0);
    for (const x of u) bins[Math.min(9, Math.floor(x * 10))]!++;
    const kl = bins.reduce((s, b) => (b > 0 ? s + (b / u.length) * Math.log((10 * b) / u.length) : s), 0);
    const widthRatio = (u95 - u05) / 0.9;
    return {
      prior,
      q05,
      median,
      q95,
      defaultRank: values.filter((v) => v <= prior.value).length / values.length,
      widthRatio,
      kl,
      constraint:
        widthRatio < CONSTRAINT_LIMITS.strong
          ? 'strong'
          : widthRatio < CONSTRAINT_LIMITS.moderate
            ? 'moderate'
            : 'weak',
    };
  });
}

/** A correlation between two sampled parameters across the members. */
export interface ParameterCorrelation {
  readonly a: string;
  readonly b: string;
  /** Pearson correlation of the members' prior quantiles. */
  readonly r: number;
}

/**
 * The `k` strongest correlations (by |r|) between sampled parameters across the members, on the
 * priors' quantile scale, where the prior has none: a correlation is a joint constraint the
 * targets impose (e.g. a regulator that must reach 2–4-fold at the study intensity ties its gain kR
 * to its intensity threshold I50).
 */
export function strongestCorrelations(
  model: CompiledModel,
  file: EnsembleFile,
  k: number,
): ParameterCorrelation[] {
  const { priors } = abcLayout(model);
  const cols = priors.map((p) => {
    const j = file.parameters.indexOf(p.name);
    return file.members.map((m) => toUnit(p, m[j]!));
  });
  const n = file.members.length;
  const stats = cols.map((c) => {
    const mean = c.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(c.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    return { mean, sd };
  });
  const out: ParameterCorrelation[] = [];
  for (let i = 0; i < cols.length; i++)
    for (let j = i + 1; j < cols.length; j++) {
      let s = 0;
      for (let m = 0; m < n; m++) s += (cols[i]![m]! - stats[i]!.mean) * (cols[j]![m]! - stats[j]!.mean);
      out.push({ a: priors[i]!.name, b: priors[j]!.name, r: s / n / (stats[i]!.sd * stats[j]!.sd) });
    }
  return out.sort((x, y) => Math.abs(y.r) - Math.abs(x.r)).slice(0, k);
}
