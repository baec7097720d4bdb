/**
 * Prefix reuse in maps and sensitivity: values computed with shared prefixes (one forest per
 * parameter set; RE only once per map) equal independent full simulations — each group run on
 * its own, at the reference tolerances — to the accuracy contract; the reuse really happens
 * (far fewer right-hand-side evaluations per cell); and chunking does not change a value.
 */
import { describe, expect, it } from 'vitest';
import {
  ACCURACY_CONTRACT,
  aucFold,
  axisValues,
  buildProtocol,
  type CompiledModel,
  compileModel,
  foldVsControl,
  getModel,
  interferenceCell,
  planSweep,
  REFERENCE_SOLVE_OPTIONS,
  type SweepMetric,
  sensitivityAnalysis,
  simulate,
  sweepGrid,
} from '../../src/index.ts';

const model = compileModel(getModel());
const TOL = ACCURACY_CONTRACT.readout;

/** One group (plus the control) simulated alone, tightly: no prefix shared with any other group. */
function alone(
  groupId: string,
  settings: Record<string, number>,
  parameters: Record<string, number>,
  metric: SweepMetric,
): number {
  const full = buildProtocol(model, 'study', settings);
  const protocol = { ...full, groups: full.groups.filter((g) => g.id === 'control' || g.id === groupId) };
  const r = simulate(model, protocol, { parameters, solver: REFERENCE_SOLVE_OPTIONS });
  return metric === 'mps3h' ? foldVsControl(r, groupId, 'mps') : aucFold(r, groupId, 'mps', 1440);
}

/** The map value from independent tight runs: ordered group over RE only. */
function independentCell(gap: number, metric: SweepMetric, settings = {}, parameters = {}): number {
  const s = { ...settings, gap: Math.abs(gap) };
  return alone(gap < 0 ? 'ee-re' : 're-ee', s, parameters, metric) / alone('re', s, parameters, metric);
}

/** Counts right-hand-side evaluations. */
function counting(m: CompiledModel): { model: CompiledModel; count: () => number } {
  let n = 0;
  return {
    model: {
      ...m,
      rhsWithObservables: (y, p, u, out) => {
        n++;
        m.rhsWithObservables(y, p, u, out);
      },
    },
    count: () => n,
  };
}

describe('map cells with prefix reuse vs independent full simulations', () => {
  const x = axisValues(-720, 720, 25);
  const y = axisValues(0.5, 1, 6);

  it.each(['mps3h', 'auc24'] as const)(
    'gap × EE intensity, %s: sampled cells agree to the contract',
    (metric) => {
      const map = sweepGrid({ model, x, y, xAxis: 'gap', yAxis: 'eeIntensity', metric });
      expect(map.failures).toEqual([]);
      let worst = 0;
      for (const [i, j] of [
        [0, 0],
        [5, 2],
        [11, 5],
        [12, 1],
        [13, 3],
        [15, 4],
        [24, 5],
      ] as const) {
        const want = independentCell(x[i]!, metric, { eeIntensity: y[j]! });
        worst = Math.max(worst, Math.abs(map.values[j * x.length + i]! / want - 1));
      }
      console.log(`${metric}: worst relative difference ${worst.toExponential(1)}`);
      expect(worst).toBeLessThanOrEqual(TOL);
    },
  );

  it('gap × a parameter (tauR): one forest per row, cells agree to the contract', () => {
    const yk = axisValues(20, 200, 3, 'log');
    const plan = planSweep({ model, x, y: yk, xAxis: 'gap', yAxis: 'tauR', metric: 'mps3h' });
    const map = plan.compute();
    expect(plan.work().forests).toBe(3);
    for (const [i, j] of [
      [3, 0],
      [12, 1],
      [20, 2],
    ] as const) {
      const want = independentCell(x[i]!, 'mps3h', {}, { tauR: yk[j]! });
      expect(Math.abs(map.values[j * x.length + i]! / want - 1)).toBeLessThanOrEqual(TOL);
    }
  });
});

describe('prefix reuse really shares work', () => {
  it('the whole gap × intensity map is one forest with RE only once, at a fraction of lone-cell work', () => {
    const x = axisValues(-720, 720, 31);
    const y = axisValues(0.5, 1, 11);
    const c = counting(model);
    const plan = planSweep({ model: c.model, x, y, xAxis: 'gap', yAxis: 'eeIntensity', metric: 'mps3h' });
    plan.compute();
    const work = plan.work();
    expect(work.forests).toBe(1);
    // RE only once, plus the ordered groups (EE after the readout leaves RE→EE equal to RE only,
    // and those cells share its path).
    expect(work.paths).toBeLessThan(x.length * y.length + 1);
    const perCell = c.count() / (x.length * y.length);
    const lone = counting(model);
    for (const gap of [-360, -48, 0, 96]) interferenceCell(lone.model, { gap, metric: 'mps3h' });
    const perLone = lone.count() / 4;
    console.log(`RHS evaluations per cell: map ${perCell.toFixed(0)}, lone cell ${perLone.toFixed(0)}`);
    expect(perCell).toBeLessThan(0.5 * perLone);
    // The solver's work, plus the set-up's one Jacobian estimate at rest (n + 1 evaluations).
    const n = model.stateNames.length + model.observableNames.length;
    expect(work.evaluations + (n + 1) * work.forests).toBe(c.count());
  });

  it('chunks computed from separate plans equal the full map bit for bit', () => {
    const x = axisValues(-240, 240, 9);
    const y = axisValues(0.6, 0.9, 3);
    const request = { model, x, y, xAxis: 'gap', yAxis: 'eeIntensity', metric: 'mps3h' as const };
    const full = sweepGrid(request);
    const parts = [
      [0, 5],
      [5, 14],
      [14, 27],
    ].map(([start, end]) => sweepGrid({ ...request, range: { start: start!, end: end! } }));
    expect(parts.flatMap((p) => Array.from(p.values))).toEqual(Array.from(full.values));
  });
});

describe('sensitivity values with prefix reuse vs independent full simulations', () => {
  it('the order effect at ±20% of tauR and kP agrees to the contract', () => {
    const r = sensitivityAnalysis(model, { only: ['tauR', 'kP'] });
    for (const row of r.rows) {
      for (const [value, got] of [
        [row.lowValue, row.low],
        [row.highValue, row.high],
      ] as const) {
        const parameters = { [row.parameter]: value };
        const want = alone('re-ee', {}, parameters, 'mps3h') / alone('ee-re', {}, parameters, 'mps3h');
        expect(Math.abs(got['order-effect']! / want - 1), `${row.parameter} = ${value}`).toBeLessThanOrEqual(
          TOL,
        );
        const auc = alone('re', {}, parameters, 'auc24');
        expect(Math.abs(got['auc24-re']! / auc - 1)).toBeLessThanOrEqual(TOL);
      }
    }
  });
});
