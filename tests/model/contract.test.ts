/**
 * The accuracy contract on the real model: runs at the default tolerances against a reference
 * run at `REFERENCE_SOLVE_OPTIONS` (rtol = atol = 1e-13), over the study scenario, every
 * parameter preset, every protocol preset and 12 random protocols (seeded). Readouts (values at
 * solver stops, AUC integrals) must agree to `ACCURACY_CONTRACT.readout` (1e-8 relative), output
 * samples to `ACCURACY_CONTRACT.display` (1e-6 relative). Each case prints its worst errors.
 */
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { compileModel } from '../../src/model/compile.ts';
import { PROTOCOL_PRESETS } from '../../src/protocol/presets.ts';
import type { Bout, BoutKind, Group, Protocol } from '../../src/protocol/protocol.ts';
import { buildProtocol, intensityLimits, presetParameters } from '../../src/simulate/scenario.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { ACCURACY_CONTRACT, REFERENCE_SOLVE_OPTIONS } from '../../src/solve/segment.ts';
import { seededRandom } from '../fixtures/index.ts';
import { contractErrors } from './contract.ts';

const spec = getModel();
const model = compileModel(spec);

function check(label: string, protocol: Protocol, parameters: Record<string, number> = {}) {
  const result = simulate(model, protocol, { parameters });
  const reference = simulate(model, protocol, { parameters, solver: REFERENCE_SOLVE_OPTIONS });
  const { readout, display } = contractErrors(result, reference);
  // Readouts only (as sweeps and sensitivity run): no output grid, so no dense output.
  const bare = simulate(model, protocol, { parameters, dt: protocol.tEnd - protocol.tStart });
  const only = contractErrors(bare, reference).readout;
  console.log(
    `${label}: worst readout ${readout.error.toExponential(1)} (${readout.where}), worst sample ${display.error.toExponential(1)} (${display.where}); readouts only: worst ${only.error.toExponential(1)} (${only.where})`,
  );
  expect(readout.error, readout.where).toBeLessThanOrEqual(ACCURACY_CONTRACT.readout);
  expect(display.error, display.where).toBeLessThanOrEqual(ACCURACY_CONTRACT.display);
  expect(only.error, only.where).toBeLessThanOrEqual(ACCURACY_CONTRACT.readout);
}

/** Random non-overlapping bouts (1 min to 2 h) at random intensities within the model's limits. */
function randomProtocol(rand: () => number): Protocol {
  const limits = intensityLimits(model);
  const tEnd = 72 * 60;
  const groups: Group[] = [{ id: 'control', label: 'Control', bouts: [] }];
  const nGroups = 1 + Math.floor(rand() * 4);
  for (let gi = 0; gi < nGroups; gi++) {
    const bouts: Bout[] = [];
    const nBouts = 1 + Math.floor(rand() * 4);
    for (let attempts = 0; bouts.length < nBouts && attempts < 100; attempts++) {
      const kind: BoutKind = rand() < 0.5 ? 'resistance' : 'endurance';
      const duration = rand() < 0.25 ? 1 : 1 + rand() * 119;
      const start = rand() * (tEnd / 2 - duration);
      const { min, max } = limits[kind];
      const intensity = min + (max - min) * (0.05 + 0.95 * rand());
      if (!bouts.some((b) => start < b.start + b.duration && b.start < start + duration)) {
        bouts.push({ kind, start, duration, intensity });
      }
    }
    groups.push({ id: `g${gi + 1}`, label: `Group ${gi + 1}`, bouts });
  }
  return {
    tStart: 0,
    tEnd,
    controlGroup: 'control',
    groups,
    readout: { afterResistance: 180, aucWindows: [1440, 2880] },
  };
}

describe('accuracy contract on the default model (default tolerances vs a 1e-13 reference)', () => {
  it('the contract and the reference tolerances are what the docs state', () => {
    expect(ACCURACY_CONTRACT).toEqual({ readout: 1e-8, display: 1e-6 });
    expect(REFERENCE_SOLVE_OPTIONS.relativeTolerance).toBe(1e-13);
  });

  it('holds on the study scenario (76 h, five groups)', () => {
    check('study', buildProtocol(model, 'study'));
  });

  it.each(Object.keys(spec.parameterPresets))(
    'holds on the study scenario with parameter preset %s',
    (id) => {
      check(`preset ${id}`, buildProtocol(model, 'study', {}, id), presetParameters(spec, id));
    },
  );

  it('holds with the fastest documented time constants (tauP = tauM = 10 min, tauR = 15 min)', () => {
    const fast = { tauP: 10, tauM: 10, tauR: 15 };
    for (const [name, value] of Object.entries(fast)) expect(spec.parameters[name]!.min).toBe(value);
    check('fastest time constants', buildProtocol(model, 'study'), fast);
  });

  it.each(Object.keys(PROTOCOL_PRESETS))('holds on protocol preset %s', (id) => {
    check(`protocol ${id}`, buildProtocol(model, id));
  });

  it('holds on 12 random protocols (seeded)', () => {
    const rand = seededRandom(20261201);
    for (let k = 0; k < 12; k++) check(`random ${k}`, randomProtocol(rand));
  });
});
