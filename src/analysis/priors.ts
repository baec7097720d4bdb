/**
 * Priors of a model's parameters (the optional `prior` of each parameter in the model file),
 * checked and turned into maps between the unit interval and parameter values: draw `u` in
 * [0, 1) per free parameter and `fromUnit` gives a draw from the prior. Parameters without a
 * prior, or with a `fixed` one, keep the file's value.
 */
import type { ModelSpec, PriorSpec } from '../model/spec.ts';

/** One parameter's prior, checked. */
export interface ParameterPrior {
  readonly name: string;
  readonly distribution: PriorSpec['distribution'];
  /** Support; for `fixed`, both equal the file's value. */
  readonly min: number;
  readonly max: number;
  /** The file's value (the calibrated default). */
  readonly value: number;
  readonly reason: string;
}

/** A problem with a prior, with the path of the field. */
export interface PriorIssue {
  readonly path: string;
  readonly message: string;
}

/** Thrown when a model's priors are missing or inconsistent; lists every issue. */
export class PriorError extends Error {
  readonly issues: readonly PriorIssue[];
  constructor(modelId: string, issues: readonly PriorIssue[]) {
    super(`invalid priors in model "${modelId}": ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'PriorError';
    this.issues = issues;
  }
}

/**
 * Every problem with the priors of `spec`: a parameter without a prior, bounds missing or out of
 * order, a log-uniform bound ≤ 0, bounds outside the parameter's documented range, or a
 * calibrated value outside its prior's support.
 */
export function priorIssues(spec: ModelSpec): PriorIssue[] {
  const issues: PriorIssue[] = [];
  for (const [name, p] of Object.entries(spec.parameters)) {
    const path = `parameters.${name}.prior`;
    const prior = p.prior;
    if (!prior) {
      issues.push({ path, message: 'missing (every parameter needs a prior for the ensemble)' });
      continue;
    }
    if (prior.distribution === 'fixed') continue;
    const { min, max } = prior;
    if (min === undefined || max === undefined) {
      issues.push({ path, message: `a ${prior.distribution} prior needs min and max` });
      continue;
    }
    if (!(max > min)) issues.push({ path: `${path}.max`, message: `must be > min (min ${min}, max ${max})` });
    if (prior.distribution === 'log-uniform' && !(min > 0))
      issues.push({ path: `${path}.min`, message: `must be > 0 for a log-uniform prior (got ${min})` });
    if (min < p.min || max > p.max)
      issues.push({
        path,
        message: `support [${min}, ${max}] leaves the parameter's range [${p.min}, ${p.max}]`,
      });
    if (p.value < min || p.value > max)
      issues.push({
        path,
        message: `the calibrated value ${p.value} is outside the support [${min}, ${max}]`,
      });
  }
  return issues;
}

/**
 * The checked priors of `spec`, in parameter order.
 * @throws PriorError listing every issue
 */
export function modelPriors(spec: ModelSpec): ParameterPrior[] {
  const issues = priorIssues(spec);
  if (issues.length > 0) throw new PriorError(spec.id, issues);
  return Object.entries(spec.parameters).map(([name, p]) => {
    const prior = p.prior!;
    const fixed = prior.distribution === 'fixed';
    return {
      name,
      distribution: prior.distribution,
      min: fixed ? p.value : prior.min!,
      max: fixed ? p.value : prior.max!,
      value: p.value,
      reason: prior.reason,
    };
  });
}

/** The priors that are not fixed: the dimensions of the sampler and of the sensitivity analysis. */
export function freePriors(priors: readonly ParameterPrior[]): ParameterPrior[] {
  return priors.filter((p) => p.distribution !== 'fixed');
}

/** Parameter value at quantile `u` ∈ [0, 1] of the prior (inverse CDF). */
export function fromUnit(prior: ParameterPrior, u: number): number {
  switch (prior.distribution) {
    case 'fixed':
      return prior.value;
    case 'uniform':
      return prior.min + u * (prior.max - prior.min);
    case 'log-uniform':
      return Math.exp(Math.log(prior.min) + u * (Math.log(prior.max) - Math.log(prior.min)));
  }
}

/** Quantile of `x` under the prior (CDF), clipped to [0, 1]; 0.5 for a fixed prior. */
export function toUnit(prior: ParameterPrior, x: number): number {
  let u: number;
  switch (prior.distribution) {
    case 'fixed':
      return 0.5;
    case 'uniform':
      u = (x - prior.min) / (prior.max - prior.min);
      break;
    case 'log-uniform':
      u = (Math.log(x) - Math.log(prior.min)) / (Math.log(prior.max) - Math.log(prior.min));
      break;
  }
  return Math.min(1, Math.max(0, u));
}

/** Whether the prior is uniform on a log scale (widths and marginals are then compared in logs). */
export function isLogScale(prior: ParameterPrior): boolean {
  return prior.distribution === 'log-uniform';
}

/**
 * A short digest of every parameter's value and prior (distribution and bounds; FNV-1a, 64 bits,
 * in file order): the "prior version" stored with an ensemble, so a changed prior makes a stale
 * ensemble visible. The reasons are prose and left out.
 */
export function priorDigest(spec: ModelSpec): string {
  const text = JSON.stringify(
    Object.entries(spec.parameters).map(([name, p]) => [
      name,
      p.value,
      p.prior ? [p.prior.distribution, p.prior.min ?? null, p.prior.max ?? null] : null,
    ]),
  );
  return fnv1a64(text);
}

/** FNV-1a 64-bit hash of a string's UTF-16 code units, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}
