/**
 * A model that starts from its initial values (as an imported SBML model does), away from rest:
 * the control group drifts, so a fold must divide by the control *at the group's own readout
 * time*. Before this was fixed, the control was a solver stop only at its own readout time; at any
 * other group's readout and AUC edges it was read off the output grid — linearly across the whole
 * 76-h window in readouts-only runs (`studyReadouts`, sensitivity, ensembles), EE→RE 13 % off —
 * and the map divided RE→EE / EE→RE by RE only without the control, which cancels only when
 * the control stays at rest. Readouts here agree with tight reference runs to the accuracy
 * contract's readout tolerance (1e-8 relative).
 */
import { describe, expect, it } from 'vitest';
import {
  ACCURACY_CONTRACT,
  aucFold,
  axisValues,
  buildProtocol,
  compileModel,
  foldVsControl,
  getModel,
  REFERENCE_SOLVE_OPTIONS,
  type SweepMetric,
  simulate,
  studyReadouts,
  sweepGrid,
  valueAt,
} from '../../src/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';

const TOL = ACCURACY_CONTRACT.readout;

/** The bundled model, started from initial values 30% above its resting level. */
function driftingSpec(): ModelSpec {
  const spec = structuredClone(getModel()) as { -readonly [K in keyof ModelSpec]: ModelSpec[K] };
  spec.start = 'initial-values';
  spec.states = Object.fromEntries(
    Object.entries(spec.states).map(([name, s]) => [name, { ...s, initial: 1.3 }]),
  );
  return spec as ModelSpec;
}
const model = compileModel(driftingSpec());
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('a model whose control drifts', () => {
  const protocol = buildProtocol(model, 'study', {});
  const reference = simulate(model, protocol, { solver: REFERENCE_SOLVE_OPTIONS, dt: 1 });

  it('really drifts: the control MPS moves by over 1% between the groups’ readout times', () => {
    const times = reference.groups.map((g) => g.readoutTime);
    const level = (t: number) => valueAt(reference, 'control', 'mps', t);
    expect(rel(level(Math.max(...times)), level(Math.min(...times)))).toBeGreaterThan(0.01);
  });

  it('readouts without an output grid equal a tight run: every fold and AUC fold of every group', () => {
    const bare = simulate(model, protocol, { dt: protocol.tEnd - protocol.tStart });
    const control = bare.groups.find((g) => g.id === 'control')!;
    let worst = 0;
    for (const g of protocol.groups) {
      if (g.id === 'control') continue;
      const readout = bare.groups.find((x) => x.id === g.id)!.readoutTime;
      expect(
        control.events.some((e) => e.t === readout),
        `control stop at ${readout}`,
      ).toBe(true);
      worst = Math.max(worst, rel(foldVsControl(bare, g.id, 'mps'), foldVsControl(reference, g.id, 'mps')));
      for (const w of protocol.readout.aucWindows) {
        const want = aucFold(reference, g.id, 'mps', w);
        if (Number.isFinite(want)) worst = Math.max(worst, rel(aucFold(bare, g.id, 'mps', w), want));
      }
    }
    expect(worst).toBeLessThanOrEqual(TOL);
  });

  it('studyReadouts (sensitivity, ensembles) agree with the tight run', () => {
    const r = studyReadouts(model, {});
    expect(rel(r['mps3h-ee-re']!, foldVsControl(reference, 'ee-re', 'mps'))).toBeLessThanOrEqual(TOL);
    expect(rel(r['auc24-ee-re']!, aucFold(reference, 'ee-re', 'mps', 1440))).toBeLessThanOrEqual(TOL);
    const order = foldVsControl(reference, 're-ee', 'mps') / foldVsControl(reference, 'ee-re', 'mps');
    expect(rel(r['order-effect']!, order)).toBeLessThanOrEqual(2 * TOL);
  });

  it.each(['mps3h', 'auc24'] as const)(
    'map cells (%s) are folds vs the control at each group’s own times',
    (metric: SweepMetric) => {
      const x = axisValues(-240, 240, 9);
      const map = sweepGrid({ model, x, y: [0.8], xAxis: 'gap', yAxis: 'eeIntensity', metric });
      expect(map.failures).toEqual([]);
      x.forEach((gap, i) => {
        const r = simulate(model, buildProtocol(model, 'study', { gap: Math.abs(gap), eeIntensity: 0.8 }), {
          solver: REFERENCE_SOLVE_OPTIONS,
          dt: 1,
        });
        const fold = (g: string) =>
          metric === 'mps3h' ? foldVsControl(r, g, 'mps') : aucFold(r, g, 'mps', 1440);
        const want = fold(gap < 0 ? 'ee-re' : 're-ee') / fold('re');
        expect(rel(map.values[i]!, want), `gap ${gap}`).toBeLessThanOrEqual(2 * TOL);
      });
    },
  );
});
