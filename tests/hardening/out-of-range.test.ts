/**
 * Issue 13, item 10: parameters outside their documented range are refused unless explicitly
 * allowed; with the opt-in, non-physical results (negative or non-finite folds, states at
 * absurd magnitudes) are errors, never drawn as fine. Values are named as given.
 */
import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, SimulationError, simulate } from '../../src/index.ts';
import { ParameterError } from '../../src/model/parameters.ts';
import { lines, run } from '../cli/helpers.ts';

const model = compileModel(getModel());
const study = buildProtocol(model, 'study');
const tauM = getModel().parameters.tauM!;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('out-of-range parameters', () => {
  it('--set tauM=-45 is refused with one line naming the value, the range and the opt-in', async () => {
    const r = await run('readouts', '--set', 'tauM=-45');
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('"-45"');
    expect(r.stderr).toContain(`[${tauM.min}, ${tauM.max}]`);
    expect(r.stderr).toContain('--allow-out-of-range');
  });

  it('--set tauM=-45 --allow-out-of-range fails as non-physical (never exit 0 with states at ±3e42)', async () => {
    const r = await run('readouts', '--set', 'tauM=-45', '--allow-out-of-range', '--format', 'csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr).filter((l) => !l.startsWith('eolab: warning'))).toHaveLength(1);
    expect(r.stderr).toMatch(/non-physical/);
    expect(r.stderr).toContain('tauM');
  });

  it('--set nI=-1.797e308 names the value as given, not "-Infinity"', async () => {
    const r = await run('readouts', '--set', 'nI=-1.797e308');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-1.797e308');
    expect(r.stderr).not.toContain('Infinity');
  });

  it('the library refuses with a ParameterError carrying the field and the value', () => {
    const err = thrown(() => simulate(model, study, { parameters: { tauM: -45 } }));
    expect(err).toBeInstanceOf(ParameterError);
    expect((err as ParameterError).parameter).toBe('tauM');
    expect((err as ParameterError).value).toBe(-45);
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = thrown(() => simulate(model, study, { parameters: { tauM: v }, allowOutOfRange: true }));
      expect(e).toBeInstanceOf(ParameterError);
    }
  });

  it('with allowOutOfRange a non-physical run is a SimulationError of kind non-physical', () => {
    const err = thrown(() => simulate(model, study, { parameters: { tauM: -45 }, allowOutOfRange: true }));
    expect(err).toBeInstanceOf(SimulationError);
    expect((err as SimulationError).kind).toBe('non-physical');
    expect((err as SimulationError).likelyCause?.parameter).toBe('tauM');
  });

  it('with allowOutOfRange a physical run still runs, with the warning', () => {
    const result = simulate(model, study, { parameters: { tauM: tauM.max * 1.2 }, allowOutOfRange: true });
    expect(result.warnings.some((w) => w.includes('outside its documented range'))).toBe(true);
  });

  it('solver tolerances: NaN, negative or zero are one stderr line naming the option', async () => {
    const { simulate: sim } = await import('../../src/index.ts');
    for (const rtol of [Number.NaN, -1, 0]) {
      const e = thrown(() => sim(model, study, { solver: { relativeTolerance: rtol } }));
      expect((e as Error).name).toBe('SolverOptionError');
      expect((e as Error).message).toContain('relativeTolerance');
    }
  });
});
