/**
 * Round trips through SBML.
 *
 * 1. The bundled model (under each parameter preset) → SBML → import: the same model file, and
 *    the same readouts for every study group to 1e-9 relative.
 * 2. Plain SBML semantics: exported with group g driving its inputs and imported *without* this
 *    project's annotation (as COPASI or Tellurium read it: inputs are piecewise functions of
 *    time), the model alone reproduces group g: a different system of equations with the same
 *    solution, so the two runs agree within twice the accuracy contract (each is within it of
 *    the exact solution): readouts 2 × 1e-8, output samples 2 × 1e-6 relative.
 * 3. An imported SBML Test Suite model → SBML → import again: the same results.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel, MODELS } from '../../models/index.ts';
import {
  ACCURACY_CONTRACT,
  auc,
  buildProtocol,
  compileModel,
  presetParameters,
  readoutTable,
  type SimulationResult,
  simulate,
  valueAt,
} from '../../src/index.ts';
import { checkExpression, printExpression } from '../../src/model/expression.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { exportSbml } from '../../src/sbml/export.ts';
import { importSbml } from '../../src/sbml/import.ts';
import { caseIds, suiteRoot, timeCourse } from './suite-runner.ts';

/** Relative agreement required of round-tripped readouts (the same equations, the same run). */
const REL = 1e-9;
/** Two different runs of the same solution: each within the contract of the exact one. */
const PLAIN = { readout: 2 * ACCURACY_CONTRACT.readout, display: 2 * ACCURACY_CONTRACT.display };

const close = (a: number, b: number, rel = REL) =>
  a === b || Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));

/** Expressions compared as checked trees, so formatting differences do not count. */
function normalized(spec: ModelSpec): Record<string, string> {
  const known = new Set([
    ...Object.keys(spec.inputs),
    ...Object.keys(spec.states),
    ...Object.keys(spec.parameters),
    ...Object.keys(spec.intermediates),
  ]);
  const out: Record<string, string> = {};
  const norm = (path: string, text: string) => {
    out[path] = printExpression(checkExpression(path, text, known).tree);
  };
  for (const [n, s] of Object.entries(spec.states)) norm(`states.${n}`, s.rate);
  for (const [n, s] of Object.entries(spec.intermediates)) norm(`intermediates.${n}`, s.expression);
  for (const [n, s] of Object.entries(spec.observables)) norm(`observables.${n}`, s.expression);
  return out;
}

describe('bundled model → SBML → import', () => {
  for (const spec of MODELS.values()) {
    for (const preset of [undefined, ...Object.keys(spec.parameterPresets)]) {
      it(`${spec.id} (${preset ?? 'defaults'}): same model file, same readouts for every study group (1e-9)`, () => {
        const parameters = presetParameters(spec, preset);
        const protocol = buildProtocol({ spec }, 'study', {}, preset);
        const xml = exportSbml(spec, { parameters, protocol });
        const back = importSbml(xml, { origin: 'export.xml' }).spec;

        expect(normalized(back)).toEqual(normalized(spec));
        expect(back.inputs).toEqual(spec.inputs);
        expect(Object.keys(back.states)).toEqual(Object.keys(spec.states));
        expect(Object.keys(back.intermediates)).toEqual(Object.keys(spec.intermediates));
        expect(Object.keys(back.observables)).toEqual(Object.keys(spec.observables));
        for (const [name, par] of Object.entries(spec.parameters)) {
          const { value, ...meta } = par;
          const { value: backValue, ...backMeta } = back.parameters[name]!;
          expect(backValue, name).toBe(parameters[name] ?? value);
          expect(backMeta, name).toEqual(meta);
        }
        expect(back.references).toEqual(spec.references);
        expect(back.parameterPresets).toEqual(spec.parameterPresets);

        const a = readoutTable(simulate(compileModel(spec), protocol, { parameters }));
        const b = readoutTable(simulate(compileModel(back), protocol));
        expect(b.map((r) => r.group)).toEqual(a.map((r) => r.group));
        a.forEach((row, i) => {
          for (const [k, v] of Object.entries(row.fold))
            expect(close(b[i]!.fold[k]!, v), `${row.group} ${k}`).toBe(true);
          for (const [k, v] of Object.entries(row.aucFold))
            expect(close(b[i]!.aucFold[k]!, v), `${row.group} AUC ${k}`).toBe(true);
        });
      });
    }
  }
});

describe('plain SBML semantics: the exported file alone reproduces its protocol group', () => {
  const spec = getModel();
  const protocol = buildProtocol({ spec }, 'study');
  const original = simulate(compileModel(spec), protocol);
  const observables = Object.keys(spec.observables);

  /** Run the file exported for `groupId`, read as any SBML tool would. */
  function plainRun(groupId: string): SimulationResult {
    const xml = exportSbml(spec, { protocol, group: groupId });
    const imported = importSbml(xml, { metadata: 'ignore', observe: observables }).spec;
    expect(imported.start).toBe('initial-values');
    // The inputs are now functions of time; bouts in the protocol only set the readout anchors.
    expect(Object.values(imported.inputs).every((i) => i.description.startsWith('Not connected'))).toBe(true);
    // Every group of the study runs (the bouts set each group's readout anchors and solver
    // stops, nothing else); the model itself plays group `groupId` in all of them.
    return simulate(compileModel(imported), protocol);
  }

  const runs = new Map(protocol.groups.map((g) => [g.id, plainRun(g.id)] as const));
  const control = runs.get('control')!;

  it.each(protocol.groups.map((g) => g.id))(
    'group %s: every observable at every output time (2 × the display contract)',
    (id) => {
      const run = runs.get(id)!;
      const mine = run.groups.find((g) => g.id === id)!;
      const theirs = original.groups.find((g) => g.id === id)!;
      for (const name of observables) {
        const a = theirs.series[name]!;
        const b = mine.series[name]!;
        expect(b.length).toBe(a.length);
        let worst = 0;
        for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.abs(a[i]!));
        expect(worst, `${id} ${name}`).toBeLessThanOrEqual(PLAIN.display);
      }
    },
  );

  it.each(protocol.groups.filter((g) => g.id !== 'control').map((g) => g.id))(
    'group %s: fold vs control at the readout and the 24/48-h AUC folds (2 × the readout contract)',
    (id) => {
      const want = readoutTable(original).find((r) => r.group === id)!;
      const run = runs.get(id)!;
      const g = run.groups.find((x) => x.id === id)!;
      for (const name of observables) {
        const fold = valueAt(run, id, name, g.readoutTime) / valueAt(control, 'control', name, g.readoutTime);
        expect(
          close(fold, want.fold[name]!, PLAIN.readout),
          `${id} ${name} fold ${fold} vs ${want.fold[name]}`,
        ).toBe(true);
      }
      for (const w of protocol.readout.aucWindows) {
        const mps = auc(run, id, 'mps', g.aucStart, g.aucStart + w);
        const ctl = auc(control, 'control', 'mps', g.aucStart, g.aucStart + w);
        expect(close(mps / ctl, want.aucFold[String(w)]!, PLAIN.readout), `${id} AUC ${w}`).toBe(true);
      }
    },
  );
});

describe('SBML Test Suite models: import → export → import gives the same results', () => {
  const root = suiteRoot();
  const ids = caseIds(root);

  it(`all ${ids.length} cases: every series of a 1-SBML-time-unit run agrees to 1e-9`, () => {
    let compared = 0;
    for (const id of ids) {
      const dir = join(root.pathname, id);
      const file = readdirSync(dir).find((f) => f.endsWith('.xml'))!;
      const first = importSbml(readFileSync(join(dir, file), 'utf8'), { origin: file }).spec;
      const again = importSbml(exportSbml(first), { origin: `${id} exported` }).spec;
      expect(Object.keys(again.states), id).toEqual(Object.keys(first.states));
      const minutes = first.sbml!.timeUnit.minutes;
      const run = (s: ModelSpec) =>
        simulate(compileModel(s), timeCourse(0, 10 * minutes), {
          dt: minutes / 2,
          maxEvaluations: 20_000_000,
        });
      const a = run(first);
      const b = run(again);
      for (const name of a.seriesNames) {
        const x = a.groups[0]!.series[name]!;
        const y = b.groups[0]!.series[name]!;
        for (let i = 0; i < x.length; i++) {
          const ok = Object.is(x[i], y[i]) || close(x[i]!, y[i]!) || Math.abs(x[i]! - y[i]!) < 1e-15;
          if (!ok)
            expect.fail(`case ${id}: ${name} at t = ${a.time[i]}: ${x[i]} vs ${y[i]} after the round trip`);
        }
      }
      compared++;
    }
    expect(compared).toBe(ids.length);
  });
});
