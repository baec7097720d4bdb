/**
 * The fuzz targets: model files, expressions, CLI argument lists, parameter vectors, protocols
 * and the app's URL / saved-scenario state. Each generates inputs with fast-check, runs one case
 * through the public entry points and returns its outcome class, or throws `FuzzBug` when an
 * invariant of `fuzz-invariants.ts` breaks. `npm run fuzz` runs them at full size
 * (`scripts/fuzz.ts`); `tests/fuzz/*.test.ts` run a short seeded smoke version in `npm test`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { decodeScenario, scenarioFromJson } from '../src/app/state.ts';
import type { CliIO } from '../src/cli/command.ts';
import { main } from '../src/cli/main.ts';
import { timeCourseTable } from '../src/data/time-courses.ts';
import { tableToCsv } from '../src/data/table.ts';
import {
  buildProtocol,
  type CompiledModel,
  compileModel,
  getModel,
  type ModelSpec,
  type Protocol,
  readoutTable,
  type SimulationResult,
  simulate,
  validateModel,
} from '../src/index.ts';
import { PROTOCOL_LIMITS } from '../src/protocol/protocol.ts';
import { checkCsv, FuzzBug, type FuzzTarget } from './fuzz-invariants.ts';
import {
  anyExpression,
  anyKey,
  anyNumber,
  anyString,
  HOSTILE_STRINGS,
  type Mutation,
  mutate,
  mutations,
  PROTOTYPE_NAMES,
} from './fuzz-inputs.ts';

/** Work bound per simulated case (right-hand-side evaluations of a reference-sized model). */
const MAX_EVALUATIONS = 200_000;

const BASE: ModelSpec = getModel();
const BASE_MODEL: CompiledModel = compileModel(BASE);

/** A short protocol (control and RE→EE over 10 h): each simulated case costs little. */
function shortProtocol(model: CompiledModel): Protocol {
  const study = buildProtocol(model, 'study', { gap: 60 });
  return {
    ...study,
    tEnd: 600,
    groups: study.groups.filter((g) => g.id === study.controlGroup || g.id === 're-ee'),
    readout: { ...study.readout, aucWindows: [] },
  };
}

/** Invariants on a result: every observable finite and positive (at rest), folds too, CSV sound. */
function checkResult(result: SimulationResult, spec: ModelSpec): string {
  const atRest = spec.start !== 'initial-values';
  for (const g of result.groups) {
    for (const name of result.seriesNames) {
      const isObservable = result.observableNames.includes(name);
      for (const v of g.series[name]!) {
        if (!Number.isFinite(v)) throw new FuzzBug('non-physical', `${name} = ${v} in group ${g.id}`);
        if (atRest && isObservable && !(v > 0)) throw new FuzzBug('non-physical', `observable ${name} = ${v} in group ${g.id}`);
      }
    }
  }
  if (atRest) {
    for (const row of readoutTable(result)) {
      for (const [k, v] of Object.entries(row.fold)) {
        if (!Number.isNaN(v) && !(Number.isFinite(v) && v > 0)) throw new FuzzBug('non-physical', `fold ${k} = ${v}`);
      }
    }
  }
  checkCsv(tableToCsv(timeCourseTable(result, spec)), 'time courses');
  return result.warnings.length > 0 ? 'ok (warnings)' : 'ok';
}

/** Model files: the bundled model, mutated; validated, compiled and run when valid. */
export const modelTarget: FuzzTarget<Mutation[]> = {
  name: 'model',
  classes:
    'the bundled model file with 1–4 mutations: any value set, deleted, added or renamed at a random path (prototype names, hostile and very long strings, edge numbers), expressions replaced by generated, attacking or very long ones',
  arbitrary: mutations,
  run(edits) {
    const doc = mutate(BASE, edits);
    const v = validateModel(doc);
    if (!v.ok) return 'invalid';
    const model = compileModel(v.spec);
    const result = simulate(model, shortProtocol(model), { dt: 30, maxEvaluations: MAX_EVALUATIONS });
    return checkResult(result, v.spec);
  },
};

/** Expressions, as the rate of the bundled model's slowest state (compiled and evaluated once). */
export const expressionTarget: FuzzTarget<string> = {
  name: 'expression',
  classes:
    'grammar-shaped expressions over model symbols, unknown symbols and functions, edge literals; raw character soup; code-injection attempts (constructor chains, assignments, property access, strings, objects, imports); 50–6,000-fold nesting and chains',
  arbitrary: anyExpression,
  run(text) {
    const doc = JSON.parse(JSON.stringify(BASE)) as { states: Record<string, { rate: string }> };
    doc.states.M!.rate = `(${doc.states.M!.rate}) + 0 * (${text})`;
    const v = validateModel(doc);
    if (!v.ok) return 'invalid';
    const model = compileModel(v.spec);
    const out = new Float64Array(model.stateNames.length);
    const y = Float64Array.from(model.stateNames, (n) => v.spec.states[n]!.initial);
    model.rhs(y, model.defaultParameters(), new Float64Array(model.inputNames.length), out, 0);
    return out.every(Number.isFinite) ? 'ok' : 'ok (non-finite rate)';
  },
};

/** Parameter vectors: every parameter hostile or in range, extra prototype-named keys. */
export const parameterTarget: FuzzTarget<{ values: Record<string, number>; allow: boolean }> = {
  name: 'parameters',
  classes:
    'parameter vectors: each parameter in range, at or past a bound, negative, zero, huge, tiny, NaN or infinite; extra keys named after Object.prototype members; with and without allowOutOfRange',
  arbitrary: fc.record({
    values: fc
      .tuple(
        fc.dictionary(
          fc.constantFrom(...BASE_MODEL.parameterNames),
          fc.oneof(
            { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
            { weight: 2, arbitrary: anyNumber },
          ),
          { maxKeys: 4 },
        ),
        fc.dictionary(fc.constantFrom(...PROTOTYPE_NAMES, 'unknown'), anyNumber, { maxKeys: 1 }),
        fc.boolean(),
      )
      .map(([own, extra, withExtra]) => {
        // Scale unit draws into each parameter's range; keep hostile numbers as they are.
        const values: Record<string, number> = {};
        for (const [k, u] of Object.entries(own)) {
          const p = BASE.parameters[k]!;
          values[k] = u >= 0 && u <= 1 ? p.min + u * (p.max - p.min) : u;
        }
        if (withExtra)
          for (const [k, v] of Object.entries(extra))
            Object.defineProperty(values, k, { value: v, enumerable: true, writable: true, configurable: true });
        return values;
      }),
    allow: fc.boolean(),
  }),
  run({ values, allow }) {
    const result = simulate(BASE_MODEL, shortProtocol(BASE_MODEL), {
      parameters: values,
      allowOutOfRange: allow,
      dt: 30,
      maxEvaluations: MAX_EVALUATIONS,
    });
    return checkResult(result, BASE);
  },
};

const boutArb = fc.record({
  kind: fc.oneof(fc.constantFrom('resistance', 'endurance'), anyString) as fc.Arbitrary<'resistance'>,
  start: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 2000 }) }, { weight: 1, arbitrary: anyNumber }),
  duration: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 120 }) }, { weight: 1, arbitrary: anyNumber }),
  intensity: fc.oneof({ weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 1, arbitrary: anyNumber }),
});

/** Protocols: random groups and bouts, windows and readouts, sometimes structurally broken. */
export const protocolTarget: FuzzTarget<Protocol> = {
  name: 'protocol',
  classes:
    'protocols: 0–8 groups (sometimes 101–1,000) of 0–4 bouts (sometimes 201–2,000) with any kind, start, duration and intensity (edge numbers), hostile ids and labels, windows from negative to 1e9 min, readouts and AUC windows of any value',
  arbitrary: fc
    .record({
      tStart: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: anyNumber }),
      span: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3000 }) }, { weight: 1, arbitrary: anyNumber }),
      groups: fc.array(
        fc.record({
          id: fc.oneof(fc.constantFrom('control', 're', 'ee', 're-ee', 'g1', 'g2'), anyString),
          label: anyString,
          bouts: fc.array(boutArb, { maxLength: 4 }),
        }),
        { maxLength: 8 },
      ),
      many: fc.constantFrom(0, 0, 0, 0, 0, 0, 101, 1000, 2000),
      controlGroup: fc.constantFrom('control', 're', 'nope', '__proto__'),
      afterResistance: fc.oneof(fc.constant(180), anyNumber),
      aucWindows: fc.array(fc.oneof(fc.constant(1440), anyNumber), { maxLength: 3 }),
    })
    .map((r) => {
      let groups = [{ id: 'control', label: 'Control', bouts: [] as never[] }, ...r.groups];
      if (r.many > 0 && r.many < 1500) groups = Array.from({ length: r.many }, (_, i) => ({ id: `g${i}`, label: 'x', bouts: [] }));
      if (r.many >= 1500) {
        const bouts = Array.from({ length: r.many }, (_, i) => ({ kind: 'resistance' as const, start: i * 2, duration: 1, intensity: 1 }));
        groups = [groups[0]!, { id: 're', label: 'many', bouts }];
      }
      return {
        tStart: r.tStart,
        tEnd: r.tStart + r.span,
        controlGroup: r.controlGroup,
        groups,
        readout: { afterResistance: r.afterResistance, aucWindows: r.aucWindows },
      } as Protocol;
    }),
  run(protocol) {
    const result = simulate(BASE_MODEL, protocol, { dt: Math.max(1, (protocol.tEnd - protocol.tStart) / 50) || 1, maxEvaluations: MAX_EVALUATIONS });
    return checkResult(result, BASE);
  },
};

/** The app's link and saved-scenario state, through its public decoders. */
export const urlTarget: FuzzTarget<{ query: string; json: string }> = {
  name: 'url-state',
  classes:
    'query strings and fragments from the app\'s keys (model, preset, protocol, gap, ee, eeDur, re, at, g, show, p.NAME) with hostile, prototype-named, huge, malformed and percent-encoded values, 0–1,200 groups per link; saved-scenario JSON with the same values and prototype-named keys',
  arbitrary: fc
    .record({
      pairs: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('model', 'preset', 'protocol', 'gap', 'ee', 'eeDur', 're', 'at', 'g', 'show', 'presenter'),
            fc.constantFrom(...PROTOTYPE_NAMES).map((n) => `p.${n}`),
            fc.constantFrom('p.kR', 'p.tauM', 'p.'),
            anyKey,
          ),
          fc.oneof(
            anyString,
            anyNumber.map(String),
            fc
              .tuple(fc.constantFrom('re', 'x', 'control', '__proto__'), fc.constantFrom('R', 'E', 'X'), anyNumber, anyNumber, anyNumber, anyString)
              .map(([id, k, s, d, i, label]) => `${id}|${k}${s}/${d}/${i}|${label}`),
          ),
        ),
        { maxLength: 10 },
      ),
      manyGroups: fc.constantFrom(0, 0, 0, 0, 1200),
      fragment: fc.boolean(),
    })
    .map(({ pairs, manyGroups, fragment }) => {
      const q = new URLSearchParams();
      for (const [k, v] of pairs) q.append(k, v);
      for (let i = 0; i < manyGroups; i++) q.append('g', `g${i}|R${i}/20/1|G${i}`);
      const params: Record<string, unknown> = {};
      for (const [k, v] of pairs) if (k.startsWith('p.')) Object.defineProperty(params, k.slice(2), {
            value: Number(v),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      const json = JSON.stringify({ format: 'exercise-order-lab-scenario', scenario: { params, gap: pairs[0]?.[1] } });
      return { query: `${fragment ? '#' : '?'}${q.toString()}`, json };
    }),
  run({ query, json }) {
    let refused = false;
    for (const decoded of [decodeScenario(query), scenarioFromJson(json)]) {
      refused ||= decoded.errors.length > 0;
      const s = decoded.scenario;
      for (const name of Object.keys(s.params)) {
        if (!Object.hasOwn(BASE.parameters, name) || !Number.isFinite(s.params[name]))
          throw new FuzzBug('prototype-key', `decoded parameter ${JSON.stringify(name)} = ${s.params[name]}`);
      }
      if ((s.groups?.length ?? 0) > PROTOCOL_LIMITS.maxGroups)
        throw new FuzzBug('unbounded', `${s.groups!.length} groups decoded`);
      for (const g of s.groups ?? []) {
        for (const b of g.bouts) {
          if (!(b.start + b.duration <= PROTOCOL_LIMITS.maxSpan))
            throw new FuzzBug('unbounded', `a bout ending at ${b.start + b.duration} min decoded`);
        }
      }
    }
    // Outcome classes: every field taken, or some refused with a message (the rest still loads).
    return refused ? 'decoded, fields refused' : 'decoded';
  },
};

/** Files the CLI target may name: a valid model, an invalid one, a device, a missing path. */
function cliFiles(): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eolab-fuzz-'));
  const model = path.join(dir, 'm.json');
  fs.writeFileSync(model, `${JSON.stringify(BASE, null, 2)}\n`);
  const hostile = JSON.parse(JSON.stringify(BASE)) as Record<string, unknown>;
  hostile.id = 'hostile';
  hostile.name = HOSTILE_STRINGS.find((s) => s.includes('\n'))!;
  const hostileFile = path.join(dir, 'h.json');
  fs.writeFileSync(hostileFile, JSON.stringify(hostile));
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, '{"id": 1');
  return { model, hostile: hostileFile, bad, missing: path.join(dir, 'missing.json'), zero: '/dev/zero', dir, csv: path.join(dir, 'out.csv') };
}

let files: Record<string, string> | undefined;

const COMMANDS = ['models', 'params', 'readouts', 'simulate', 'validate', 'export', 'schema', 'targets', 'import', 'help', 'nope', '--version'];
const OPTION_NAMES = ['--model', '--param-preset', '--set', '--preset', '--gap', '--ee-intensity', '--ee-duration', '--re-intensity', '--re-duration', '--t-end', '--at', '--dt', '--format', '--out', '--meta', '--allow-out-of-range', '--help', '--x', '--y', '--percent', '--', '-h'];

/** CLI argument lists: a command, then options from the real vocabulary with hostile values. */
export const cliTarget: FuzzTarget<string[]> = {
  name: 'cli',
  classes:
    'argument lists: a command (every one, plus unknown ones), then 0–6 options from the real vocabulary with values that are hostile strings, prototype names, edge numbers and durations, model files (valid, invalid, hostile names, missing, /dev/zero) and --out/--meta pointing at an input',
  arbitrary: fc
    .tuple(
      fc.constantFrom(...COMMANDS),
      fc.array(
        fc.tuple(
          fc.constantFrom(...OPTION_NAMES),
          fc.oneof(
            fc.constantFrom('@model', '@hostile', '@bad', '@missing', '@zero', '@csv', '@dir'),
            fc.constantFrom('csv', 'json', 'table', 'rat-study', 'study', '30', '-30', '1.5h', '1:30', 'tauM=-45', 'nI=-1.797e308', 'kR=0.1', 'gap:-60:60:3'),
            fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES), fc.boolean()).map(([n, set]) => (set ? `${n}=1` : n)),
            anyNumber.map(String),
            anyString,
          ),
        ),
        { maxLength: 6 },
      ),
    )
    .map(([command, opts]) => [command, ...opts.flatMap(([o, v]) => (o === '--allow-out-of-range' || o === '--help' ? [o] : [o, v]))]),
  async run(argv) {
    files ??= cliFiles();
    const f = files;
    const args = argv.map((a) => (a.startsWith('@') && f[a.slice(1)] ? f[a.slice(1)]! : a));
    let stdout = '';
    let stderr = '';
    const written = new Map<string, string>();
    const io: CliIO = {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      stderrIsTTY: false,
      readFile: (p) => fs.readFileSync(p, 'utf8'),
      // Outputs stay in memory: the fuzz run never writes over its own inputs.
      writeFile: (p, d) => void written.set(p, d),
    };
    const code = await main(args, io);
    if (/internal error/.test(stderr)) throw new FuzzBug('internal-error', stderr.split('\n')[0]!.slice(0, 300));
    if (![0, 1, 2].includes(code)) throw new FuzzBug('untyped-exception', `exit code ${code}`);
    if (code !== 0) {
      const errors = stderr.split('\n').filter((l) => l !== '' && !l.startsWith('eolab: warning'));
      const perProblem = args[0] === 'validate' || args[0] === 'import';
      if (errors.length !== 1 && !perProblem) throw new FuzzBug('untyped-exception', `${errors.length} error lines: ${stderr.slice(0, 300)}`);
    }
    // CSV output: --format csv without --help (help prints its usage instead).
    const fi = args.lastIndexOf('--format');
    const help = args.some((a) => a === '--help' || a === '-h');
    if (fi >= 0 && args[fi + 1] === 'csv' && !help && code === 0) {
      const mi = args.lastIndexOf('--meta');
      const meta = mi >= 0 ? args[mi + 1] : undefined;
      const texts = [
        stdout,
        ...[...written.entries()].filter(([p]) => !p.endsWith('.json') && p !== meta).map(([, d]) => d),
      ];
      for (const text of texts) if (text.trim() !== '') checkCsv(text, `eolab ${args[0]}`);
    }
    // Files this command read (any argument not given as --out or --meta) must not be written.
    const inputs = args
      .filter((a, i) => args[i - 1] !== '--out' && args[i - 1] !== '--meta')
      .filter((a) => [f.model, f.hostile, f.bad].includes(a))
      .map((a) => path.resolve(a));
    for (const p of written.keys()) {
      if (inputs.includes(path.resolve(p))) throw new FuzzBug('data-loss', `wrote over the input ${p}`);
    }
    return `exit ${code}`;
  },
};

/** Every target, in report order. */
export const TARGETS: readonly FuzzTarget<never>[] = [
  modelTarget,
  expressionTarget,
  cliTarget,
  parameterTarget,
  protocolTarget,
  urlTarget,
] as FuzzTarget<never>[];
