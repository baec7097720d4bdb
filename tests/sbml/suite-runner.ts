/**
 * Run one case of the SBML Test Suite through import → simulate → compare, with the suite's own
 * rule: every reported variable at every output time satisfies
 * |simulated − expected| ≤ absolute + relative · |expected| (tolerances from the case's settings).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileModel } from '../../src/model/compile.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import type { Protocol } from '../../src/protocol/protocol.ts';
import { importSbml } from '../../src/sbml/import.ts';
import { type SimulationResult, simulate } from '../../src/simulate/simulate.ts';

/**
 * Where the suite's cases live: `$SBML_TEST_SUITE`, else `shared/sbml-test-suite/cases/` beside
 * the repository (`../shared`, or `../../shared` from a git worktree).
 * @throws Error saying where it looked when the suite is not there
 */
export function suiteRoot(): URL {
  const repo = new URL('../../', import.meta.url);
  const candidates = [
    ...(process.env.SBML_TEST_SUITE
      ? [pathToFileURL(`${process.env.SBML_TEST_SUITE.replace(/\/$/, '')}/cases/`)]
      : []),
    new URL('../shared/sbml-test-suite/cases/', repo),
    new URL('../../shared/sbml-test-suite/cases/', repo),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      `SBML Test Suite not found (looked in ${candidates.map((c) => c.pathname).join(', ')}); set SBML_TEST_SUITE to its folder`,
    );
  }
  return found;
}

/** A case's settings file. */
export interface CaseSettings {
  readonly start: number;
  readonly duration: number;
  readonly steps: number;
  readonly variables: readonly string[];
  readonly absolute: number;
  readonly relative: number;
  readonly amount: readonly string[];
  readonly concentration: readonly string[];
}

/** Expected results: column names (after time) and rows. */
export interface CaseResults {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly number[])[];
}

/** The outcome of one case. */
export interface CaseOutcome {
  readonly id: string;
  readonly pass: boolean;
  /** Why it failed (first problem), or the largest error relative to the allowed one. */
  readonly detail: string;
  /** Largest |error| / (absolute + relative·|expected|) over all points (≤ 1 passes). */
  readonly worst: number;
  /** Whether the run needed the stiff method (a warning of the simulation says so). */
  readonly stiffMethod?: boolean;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** Parse a settings file. */
export function parseSettings(text: string): CaseSettings {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z]+)\s*:\s*(.*)$/.exec(line);
    if (m) map.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return {
    start: Number(map.get('start') ?? 0),
    duration: Number(map.get('duration')),
    steps: Number(map.get('steps')),
    variables: list(map.get('variables')),
    absolute: Number(map.get('absolute')),
    relative: Number(map.get('relative')),
    amount: list(map.get('amount')),
    concentration: list(map.get('concentration')),
  };
}

/** Parse an expected-results CSV (numbers, `INF`, `-INF`, `NaN`). */
export function parseResults(text: string): CaseResults {
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const columns = head!.split(',').map((c) => c.trim());
  const value = (s: string) => {
    const t = s.trim();
    if (/^[+]?inf/i.test(t)) return Infinity;
    if (/^-inf/i.test(t)) return -Infinity;
    if (/^nan$/i.test(t)) return Number.NaN;
    return Number(t);
  };
  return { columns: columns.slice(1), rows: lines.map((l) => l.split(',').slice(1).map(value)) };
}

/** The single-group, no-bout protocol that runs a model as a plain time course. */
export function timeCourse(tStart: number, tEnd: number): Protocol {
  return {
    tStart,
    tEnd,
    controlGroup: 'control',
    groups: [{ id: 'control', label: 'Time course', bouts: [] }],
    readout: { afterResistance: 0, aucWindows: [] },
  };
}

/**
 * Values of an SBML id over a time course, as an amount or a concentration when asked.
 * @throws Error naming the id when the model has no such quantity
 */
export function sbmlSeries(
  spec: ModelSpec,
  result: SimulationResult,
  id: string,
  as: 'amount' | 'concentration' | 'value',
): Float64Array {
  const origin = spec.sbml;
  if (!origin) throw new Error('not an imported SBML model');
  const symbol = Object.keys(origin.ids).find((s) => origin.ids[s] === id);
  if (!symbol) throw new Error(`no SBML id "${id}" in the model`);
  const model = compileModel(spec);
  const group = result.groups[0]!;
  const n = result.time.length;
  const natural = (sym: string): Float64Array => {
    const s = group.series[sym];
    if (s) return s;
    if (Object.hasOwn(result.parameters, sym)) return new Float64Array(n).fill(result.parameters[sym]!);
    const k = model.intermediateNames.indexOf(sym);
    if (k < 0) throw new Error(`SBML id "${id}" (symbol ${sym}) has no value in the results`);
    const out = new Float64Array(n);
    const y = new Float64Array(model.stateNames.length);
    const p = model.parameterVector(result.parameters);
    const u = new Float64Array(model.inputNames.length);
    const v = new Float64Array(model.intermediateNames.length);
    for (let i = 0; i < n; i++) {
      model.stateNames.forEach((name, j) => {
        y[j] = group.series[name]![i]!;
      });
      model.evaluateIntermediates(y, p, u, v, result.time[i]!);
      out[i] = v[k]!;
    }
    return out;
  };
  const value = natural(symbol);
  const sp = origin.species[symbol];
  if (!sp || as === 'value') return value;
  if (as === 'amount' && !sp.hasOnlySubstanceUnits) {
    const c = natural(sp.compartment);
    return value.map((v, i) => v * c[i]!);
  }
  if (as === 'concentration' && sp.hasOnlySubstanceUnits) {
    const c = natural(sp.compartment);
    return value.map((v, i) => v / c[i]!);
  }
  return value;
}

/** Run one case. Never throws: a failure is an outcome with its reason. */
export function runCase(id: string, root: URL = suiteRoot()): CaseOutcome {
  const dir = new URL(`${id}/`, root);
  try {
    const files = readdirSync(dir);
    const xmlFile = files.find((f) => f.endsWith('.xml'))!;
    const settings = parseSettings(readFileSync(new URL(`${id}-settings.txt`, dir), 'utf8'));
    const expected = parseResults(readFileSync(new URL(`${id}-results.csv`, dir), 'utf8'));
    const { spec } = importSbml(readFileSync(join(dir.pathname, xmlFile), 'utf8'), { origin: xmlFile });
    return compareCase(id, spec, settings, expected);
  } catch (err) {
    return {
      id,
      pass: false,
      detail: (err as Error).message.split('\n')[0]!,
      worst: Number.POSITIVE_INFINITY,
    };
  }
}

/** Simulate an imported model over a case's settings and compare with the expected results. */
export function compareCase(
  id: string,
  spec: ModelSpec,
  settings: CaseSettings,
  expected: CaseResults,
): CaseOutcome {
  const minutes = spec.sbml!.timeUnit.minutes;
  const model = compileModel(spec);
  const t0 = settings.start * minutes;
  const dt = (settings.duration / settings.steps) * minutes;
  // The end as t0 + steps·dt, so the output grid t0 + i·dt ends exactly on it.
  const t1 = t0 + settings.steps * dt;
  const result = simulate(model, timeCourse(t0, t1), {
    dt,
    initial: 'spec',
    maxEvaluations: 20_000_000,
  });
  if (result.time.length !== expected.rows.length) {
    return {
      id,
      pass: false,
      detail: `${result.time.length} output times, expected ${expected.rows.length}`,
      worst: Infinity,
    };
  }
  let worst = 0;
  let detail = '';
  expected.columns.forEach((column, c) => {
    const as = settings.amount.includes(column)
      ? 'amount'
      : settings.concentration.includes(column)
        ? 'concentration'
        : 'value';
    const sim = sbmlSeries(spec, result, column, as);
    expected.rows.forEach((row, i) => {
      const want = row[c]!;
      const got = sim[i]!;
      let ratio: number;
      if (Number.isNaN(want)) ratio = Number.isNaN(got) ? 0 : Infinity;
      else if (!Number.isFinite(want)) ratio = got === want ? 0 : Infinity;
      else ratio = Math.abs(got - want) / (settings.absolute + settings.relative * Math.abs(want));
      if (!(ratio <= worst)) {
        worst = Number.isNaN(ratio) ? Infinity : ratio;
        detail = `${column} at t = ${settings.start + (i * settings.duration) / settings.steps}: ${got} vs expected ${want}`;
      }
    });
  });
  const stiffMethod = result.warnings.some((w) => w.includes('Rosenbrock'));
  return { id, pass: worst <= 1, detail, worst, stiffMethod };
}

/** Every case id in the suite folder, sorted. */
export function caseIds(root: URL = suiteRoot()): string[] {
  return readdirSync(root)
    .filter((d) => /^\d{5}$/.test(d))
    .sort();
}
