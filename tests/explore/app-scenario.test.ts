import { describe, expect, it } from 'vitest';
import {
  cellScenario,
  describeGap,
  exploreBase,
  mapRequest,
  yAxisChoices,
} from '../../src/app/explore/scenario.ts';
import { defaultScenario } from '../../src/app/state.ts';
import { ACCURACY_CONTRACT, compileModel, getModel, interferenceCell, sweepGrid } from '../../src/index.ts';

const model = compileModel(getModel());

describe('describeGap', () => {
  it('says which bout comes first and how far apart', () => {
    expect(describeGap(0)).toBe('RE→EE back to back');
    expect(describeGap(144)).toBe('EE 2:24 h after RE');
    expect(describeGap(-60)).toBe('EE 1:00 h before RE');
    expect(describeGap(-24)).toBe('EE 0:24 h before RE');
  });
});

describe('cellScenario', () => {
  it('loads the study preset with |gap|, the y value as a setting, and clears edited groups', () => {
    const s = { ...defaultScenario(), protocolPreset: 'lift-then-run', groups: [], shown: ['control', 're'] };
    const next = cellScenario(s, -240, 'eeIntensity', 0.85);
    expect(next.protocolPreset).toBe('study');
    expect(next.settings.gap).toBe(240);
    expect(next.settings.eeIntensity).toBe(0.85);
    expect(next.groups).toBeUndefined();
    expect(next.shown).toEqual(['control', 're', 'ee-re']);
    // The input is not mutated.
    expect(s.protocolPreset).toBe('lift-then-run');
  });
  it('puts a parameter axis into params', () => {
    const next = cellScenario(defaultScenario(), 96, 'tauR', 80);
    expect(next.params.tauR).toBe(80);
    expect(next.settings.gap).toBe(96);
  });
});

describe('mapRequest', () => {
  it('builds a ≥ 60 × 40 default map over ±12 h whose cells equal interferenceCell', () => {
    const base = exploreBase({ ...defaultScenario(), settings: { gap: 0, eeDuration: 45 } });
    const req = mapRequest(base, { yAxis: 'eeIntensity', yMin: 0.5, yMax: 1, metric: 'mps3h' });
    expect(req.x.length).toBeGreaterThanOrEqual(60);
    expect(req.y.length).toBeGreaterThanOrEqual(40);
    expect(req.x[0]).toBe(-720);
    expect(req.x[req.x.length - 1]).toBe(720);
    expect(req.settings).toEqual({ eeDuration: 45 });
    const part = sweepGrid({
      ...req,
      model,
      range: { start: 20 * req.x.length + 31, end: 20 * req.x.length + 32 },
    });
    const cell = interferenceCell(model, {
      gap: req.x[31]!,
      axis: 'eeIntensity',
      value: req.y[20]!,
      metric: 'mps3h',
      settings: { eeDuration: 45 },
      parameters: base.parameters,
      parameterPreset: base.parameterPreset,
    });
    // The map integrates shared prefixes once for the whole grid, a single cell on its own: the
    // solver stops differ, so the two agree to the accuracy contract, not bit for bit (a wrong
    // setting or axis would move the value by far more).
    expect(Math.abs(part.values[0]! / cell - 1)).toBeLessThan(ACCURACY_CONTRACT.readout);
  });
  it('names a bad range and keeps settings axes inside the app limits', () => {
    const base = exploreBase(defaultScenario());
    expect(() => mapRequest(base, { yAxis: 'eeIntensity', yMin: 0.9, yMax: 0.5, metric: 'mps3h' })).toThrow(
      /invalid y range: 0.9 to 0.5/,
    );
    expect(() => mapRequest(base, { yAxis: 'eeIntensity', yMin: 0.1, yMax: 0.5, metric: 'mps3h' })).toThrow(
      /EE intensity must stay within 0.3–1/,
    );
    const choices = yAxisChoices(model).map((c) => c.axis);
    expect(choices.slice(0, 3)).toEqual(['eeDuration', 'eeIntensity', 'reIntensity']);
    expect(choices).toContain('tauR');
  });
});
