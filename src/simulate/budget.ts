/**
 * The work budget of a run: evaluations are bounded by their *cost*, not just their count. One
 * evaluation of the right-hand side costs about one unit per node of its checked expression trees
 * (intermediates, rates and observables); a run may spend `maxEvaluations` ×
 * `REFERENCE_NODES_PER_EVALUATION` node evaluations. A model up to that size per evaluation keeps
 * the full evaluation count; a larger one gets proportionally fewer evaluations, so a model whose
 * rates are padded to tens of kilobytes stops after the same work, in about the same time, as an
 * ordinary model that reaches its evaluation limit.
 */
import type { CompiledModel } from '../model/compile.ts';

/** Nodes per evaluation a model may have and keep the full evaluation count. */
export const REFERENCE_NODES_PER_EVALUATION = 500;

/** What a run may spend. */
export interface EvaluationLimit {
  /** Right-hand-side evaluations the run may make. */
  readonly evaluations: number;
  /** The work budget, node evaluations (`maxEvaluations` × the reference size). */
  readonly work: number;
  /** Nodes per evaluation of this model. */
  readonly nodes: number;
  /** Whether the cost (not the count) sets the limit. */
  readonly costLimited: boolean;
}

const nodeCache = new WeakMap<CompiledModel, number>();

/** Nodes of the checked trees one `rhsWithObservables` evaluation runs (at least 1). */
export function nodesPerEvaluation(model: CompiledModel): number {
  const cached = nodeCache.get(model);
  if (cached !== undefined) return cached;
  let nodes = 0;
  for (const [path, e] of model.expressions)
    if (!path.startsWith('initialAssignments.')) nodes += e.nodeCount;
  const result = Math.max(1, nodes);
  nodeCache.set(model, result);
  return result;
}

/**
 * The evaluation limit for a model of `nodes` nodes per evaluation under a budget of
 * `maxEvaluations` reference-sized evaluations.
 */
export function evaluationLimit(maxEvaluations: number, nodes: number): EvaluationLimit {
  const work = maxEvaluations * REFERENCE_NODES_PER_EVALUATION;
  const byCost = Math.floor(work / Math.max(1, nodes));
  const evaluations = Math.max(1, Math.min(maxEvaluations, byCost));
  return { evaluations, work, nodes, costLimited: byCost < maxEvaluations };
}
