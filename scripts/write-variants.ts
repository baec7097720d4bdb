/**
 * Write the rival model variants (`models/variants.ts`) as model files `models/<id>.json`:
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/write-variants.ts
 *
 * Each variant is the default model plus its declared structural change. Where a variant lists
 * parameters to calibrate, they are re-chosen by a deterministic maximin search: Nelder–Mead
 * (from the default values, in the quantile space of the default model's priors) maximising the
 * smallest margin of the T1–T9 checks, leaving out the targets the variant cannot meet by
 * construction. The result is data in the variant's file, with that note as the source.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getModel } from '../models/index.ts';
import { type VariantDefinition, VARIANTS, variantSpec } from '../models/variants.ts';
import { fromUnit, modelPriors, toUnit } from '../src/analysis/priors.ts';
import { evaluateDiscriminatingTargets } from '../src/analysis/discriminating.ts';
import { evaluateTargets } from '../src/analysis/targets.ts';
import { compileModel } from '../src/model/compile.ts';
import type { ModelSpec } from '../src/model/spec.ts';
import { parseModel } from '../src/model/validate.ts';

const base = getModel();
const only = process.argv.slice(2);

/**
 * The smallest margin over the targets T1–T9 without `exclude`, plus the discriminating targets
 * in `alsoMeet` (−Infinity on solver failure; targets that hold only by construction skipped).
 */
function objective(spec: ModelSpec, exclude: readonly string[], alsoMeet: readonly string[]): number {
  try {
    const model = compileModel(parseModel(spec, spec.id));
    const results = [
      ...evaluateTargets(model).filter((r) => !exclude.includes(r.id)),
      ...(alsoMeet.length > 0 ? evaluateDiscriminatingTargets(model).filter((r) => alsoMeet.includes(r.id)) : []),
    ];
    return Math.min(...results.map((r) => r.margin).filter((m) => !Number.isNaN(m)));
  } catch {
    return -Infinity;
  }
}

/** Nelder–Mead maximisation of f over [0, 1]^k (points clamped), from x0. */
function nelderMead(f: (x: number[]) => number, x0: number[], maxEvals: number): { x: number[]; fx: number } {
  const k = x0.length;
  const clamp = (x: number[]) => x.map((v) => Math.min(1, Math.max(0, v)));
  let evals = 0;
  const g = (x: number[]) => {
    evals++;
    return -f(clamp(x));
  };
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? (v > 0.5 ? v - 0.1 : v + 0.1) : v)))].map(
    (x) => ({ x, v: g(x) }),
  );
  while (evals < maxEvals) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[k]!;
    if (Math.abs(worst.v - best.v) < 1e-6 && evals > 4 * k) break;
    const centroid = x0.map((_, j) => simplex.slice(0, k).reduce((s, p) => s + p.x[j]!, 0) / k);
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const r = { x: along(-1), v: 0 };
    r.v = g(r.x);
    if (r.v < best.v) {
      const e = { x: along(-2), v: 0 };
      e.v = g(e.x);
      simplex[k] = e.v < r.v ? e : r;
    } else if (r.v < simplex[k - 1]!.v) simplex[k] = r;
    else {
      const c = { x: along(r.v < worst.v ? -0.5 : 0.5), v: 0 };
      c.v = g(c.x);
      if (c.v < Math.min(worst.v, r.v)) simplex[k] = c;
      else {
        simplex = simplex.map((p, i) =>
          i === 0 ? p : { x: p.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!)), v: 0 },
        );
        for (const p of simplex.slice(1)) p.v = g(p.x);
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: clamp(simplex[0]!.x), fx: -simplex[0]!.v };
}

function calibrate(v: VariantDefinition): Record<string, number> {
  if (!v.calibrate) return {};
  const exclude = v.calibrate.exclude ?? [];
  const alsoMeet = v.calibrate.alsoMeet ?? [];
  const priors = modelPriors(variantSpec(base, v));
  const chosen = v.calibrate.parameters.map((name) => priors.find((p) => p.name === name)!);
  const valuesAt = (x: number[]) => Object.fromEntries(chosen.map((p, i) => [p.name, fromUnit(p, x[i]!)]));
  const x0 = chosen.map((p) => toUnit(p, p.value));
  const start = objective(variantSpec(base, v), exclude, alsoMeet);
  const best = nelderMead((x) => objective(variantSpec(base, v, valuesAt(x)), exclude, alsoMeet), x0, 160);
  // Round to 4 significant digits (a value written in a model file), and keep the rounded set only
  // if it is at least as good as the declared one.
  const rounded = Object.fromEntries(
    Object.entries(valuesAt(best.x)).map(([k, val]) => [k, Number(val.toPrecision(4))]),
  );
  const after = objective(variantSpec(base, v, rounded), exclude, alsoMeet);
  console.log(`${v.id}: smallest margin ${start.toFixed(3)} → ${after.toFixed(3)}`, rounded);
  return after > start ? rounded : {};
}

const written: string[] = [];
for (const v of VARIANTS) {
  if (only.length > 0 && !only.includes(v.id)) continue;
  const spec = { $schema: './model.schema.json', ...variantSpec(base, v, calibrate(v)) };
  parseModel(spec, v.id);
  const path = fileURLToPath(new URL(`../models/${v.id}.json`, import.meta.url));
  writeFileSync(path, `${JSON.stringify(spec, null, 2)}\n`);
  written.push(path);
  console.log(`wrote ${path}`);
}
// The repository's formatter has the last word on layout.
if (written.length > 0) execFileSync('npx', ['biome', 'format', '--write', ...written], { stdio: 'inherit' });
