/**
 * Model and protocol validation: every invalid case yields its documented message at its path,
 * all issues are reported at once, and the published JSON Schema accepts the bundled model.
 */
import { describe, expect, it } from 'vitest';
import modelFile from '../../models/concurrent-training.json' with { type: 'json' };
import { getModel } from '../../models/index.ts';
import { compileModel } from '../../src/model/compile.ts';
import { modelJsonSchema } from '../../src/model/spec.ts';
import { ModelValidationError, parseModel, validateModel } from '../../src/model/validate.ts';
import { studyProtocol } from '../../src/protocol/presets.ts';
import { type Bout, type Protocol, ProtocolError, protocolIssues } from '../../src/protocol/protocol.ts';
import { intensityLimits } from '../../src/simulate/scenario.ts';
import { simulate } from '../../src/simulate/simulate.ts';

// biome-ignore lint/suspicious/noExplicitAny: test edits of arbitrary JSON
type Json = any;

/** A fresh, editable copy of the bundled model file. */
function raw(): Json {
  return structuredClone(modelFile);
}

/** The issues of an invalid model as `path: message` lines. */
function issuesOf(input: unknown): string[] {
  const result = validateModel(input);
  if (result.ok) return [];
  return result.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('validateModel', () => {
  it('accepts the bundled model and freezes it', () => {
    const result = validateModel(raw());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Object.isFrozen(result.spec)).toBe(true);
      expect(Object.isFrozen(result.spec.parameters.kP)).toBe(true);
    }
  });

  it.each<[string, (m: Json) => void, string]>([
    [
      'max ≤ min',
      (m) => {
        m.parameters.kR.min = 0.5;
        m.parameters.kR.max = 0.5;
      },
      'parameters.kR.max: must be > min (min 0.5, max 0.5)',
    ],
    [
      'max < min',
      (m) => {
        m.parameters.tauR.max = 10;
      },
      `parameters.tauR.max: must be > min (min ${modelFile.parameters.tauR.min}, max 10)`,
    ],
    [
      'value above its range',
      (m) => {
        m.parameters.kR.value = 2;
      },
      `parameters.kR.value: must lie in [${modelFile.parameters.kR.min}, ${modelFile.parameters.kR.max}] (got 2)`,
    ],
    [
      'value below its range',
      (m) => {
        m.parameters.tauM.value = 1;
      },
      `parameters.tauM.value: must lie in [${modelFile.parameters.tauM.min}, ${modelFile.parameters.tauM.max}] (got 1)`,
    ],
    [
      'log scale with min ≤ 0',
      (m) => {
        m.parameters.kR.min = 0;
        m.parameters.kR.scale = 'log';
      },
      'parameters.kR.min: must be > 0 for a log scale (got 0)',
    ],
    [
      'unknown symbol in a rate',
      (m) => {
        m.states.P.rate = 'kP * re - (P - 1) / tauQ';
      },
      'states.P.rate: unknown symbol "tauQ" in "kP * re - (P - 1) / tauQ"',
    ],
    [
      'intermediate using a later intermediate',
      (m) => {
        m.intermediates.eeDrive.expression = 'A * ee';
      },
      'intermediates.eeDrive.expression: uses "A", which is defined later; move it above',
    ],
    [
      'a parameter named like a state',
      (m) => {
        m.parameters.P = structuredClone(m.parameters.kP);
      },
      'parameters.P: name already used in states',
    ],
    [
      'an observable named like an intermediate',
      (m) => {
        m.observables.brake = { label: 'b', unit: '1', description: 'd', expression: 'A' };
      },
      'observables.brake: name already used in intermediates',
    ],
    [
      'a reserved name',
      (m) => {
        m.parameters.pi = structuredClone(m.parameters.kP);
      },
      'parameters.pi: "pi" is a reserved name',
    ],
    [
      'no resistance input',
      (m) => {
        m.inputs.re.kind = 'endurance';
      },
      'inputs: needs exactly one input of kind "resistance" (found 0)',
    ],
    [
      'two endurance inputs',
      (m) => {
        m.inputs.re.kind = 'endurance';
      },
      'inputs: needs exactly one input of kind "endurance" (found 2)',
    ],
    [
      'non-positive basal',
      (m) => {
        m.states.P.basal = 0;
      },
      'states.P.basal: must be > 0',
    ],
    [
      'non-positive initial value',
      (m) => {
        m.states.C.initial = -1;
      },
      'states.C.initial: must be > 0 (got -1)',
    ],
    [
      'empty references',
      (m) => {
        m.references = [];
      },
      'references: cite at least one reference',
    ],
    [
      'duplicate reference id',
      (m) => {
        m.references.push(structuredClone(m.references[0]));
      },
      `references.${modelFile.references.length}.id: duplicate id "${modelFile.references[0]!.id}"`,
    ],
    [
      'preset naming an unknown parameter',
      (m) => {
        m.parameterPresets = { odd: { label: 'Odd', description: 'd', source: 's', values: { nope: 1 } } };
      },
      'parameterPresets.odd.values.nope: unknown parameter "nope"',
    ],
    [
      'preset naming an Object.prototype member',
      (m) => {
        m.parameterPresets = {
          odd: { label: 'Odd', description: 'd', source: 's', values: { toString: 1 } },
        };
      },
      'parameterPresets.odd.values.toString: unknown parameter "toString"',
    ],
    [
      'preset value out of range',
      (m) => {
        m.parameterPresets = { odd: { label: 'Odd', description: 'd', source: 's', values: { kR: 5 } } };
      },
      `parameterPresets.odd.values.kR: must lie in [${modelFile.parameters.kR.min}, ${modelFile.parameters.kR.max}] (got 5)`,
    ],
    [
      'a string for a number',
      (m) => {
        m.parameters.kP.value = '0.35';
      },
      'parameters.kP.value: Invalid input: expected number, received string',
    ],
    [
      'a missing rate',
      (m) => {
        delete m.states.D.rate;
      },
      'states.D.rate: Invalid input: expected string, received undefined',
    ],
    [
      'a bad scale',
      (m) => {
        m.parameters.kP.scale = 'exp';
      },
      'parameters.kP.scale: Invalid option: expected one of "linear"|"log"',
    ],
    [
      'a bad symbol key',
      (m) => {
        m.parameters['2k'] = structuredClone(m.parameters.kP);
      },
      'parameters.2k: invalid name "2k": must be a letter followed by letters, digits or _',
    ],
    [
      'an expression outside the whitelist',
      (m) => {
        m.observables.mps.expression = 'M mod 2';
      },
      'observables.mps.expression: operator "mod" is not allowed in "M mod 2"',
    ],
  ])('reports %s with its path', (_name, edit, expected) => {
    const m = raw();
    edit(m);
    expect(issuesOf(m)).toContain(expected);
  });

  it('reports every cross-field issue at once', () => {
    const m = raw();
    m.parameters.kR.max = -1;
    m.parameters.tauM.value = 1;
    m.states.P.rate = 'kP * re - (P - 1) / tauQ';
    m.references = [];
    m.parameterPresets = { odd: { label: 'Odd', description: 'd', source: 's', values: { nope: 1 } } };
    const issues = issuesOf(m);
    expect(issues.map((i) => i.split(':')[0])).toEqual(
      expect.arrayContaining([
        'parameters.kR.max',
        'parameters.tauM.value',
        'states.P.rate',
        'references',
        'parameterPresets.odd.values.nope',
      ]),
    );
    expect(issues).toHaveLength(5);
  });

  it('reports every shape issue at once', () => {
    const m = raw();
    m.name = 5;
    m.parameters.kP.value = '0.35';
    m.states.P.basal = 0;
    delete m.states.D.rate;
    const paths = issuesOf(m).map((i) => i.split(':')[0]);
    expect(paths.sort()).toEqual(['name', 'parameters.kP.value', 'states.D.rate', 'states.P.basal']);
  });

  it('parseModel throws a ModelValidationError naming the origin and every issue', () => {
    const m = raw();
    m.parameters.kR.value = 2;
    m.references = [];
    let caught: unknown;
    try {
      parseModel(m, 'upload.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ModelValidationError);
    const err = caught as ModelValidationError;
    expect(err.origin).toBe('upload.json');
    expect(err.issues).toHaveLength(2);
    expect(err.message).toMatch(/^invalid model \(upload\.json\): /);
    expect(err.message).toContain('parameters.kR.value: must lie in');
    expect(err.message).toContain('references: cite at least one reference');
  });

  it('never throws for arbitrary JSON', () => {
    for (const input of [null, 42, 'model', [], {}, { states: 'x' }, { parameters: { a: null } }]) {
      const result = validateModel(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
    }
  });
});

describe('validateModel: time courses, initial assignments and published quantities', () => {
  /** A minimal time-course model (as the SBML importer writes them). */
  function timeCourseModel(): Json {
    return {
      id: 'tc',
      name: 'Time course',
      description: 'd',
      version: '1',
      timeUnit: 'min',
      start: 'initial-values',
      references: [{ id: 'x', citation: 'c' }],
      inputs: {
        re: {
          label: 'r',
          kind: 'resistance',
          unit: '1',
          description: 'd',
          defaultIntensity: 1,
          minIntensity: 0,
          maxIntensity: 2,
        },
        ee: {
          label: 'e',
          kind: 'endurance',
          unit: '1',
          description: 'd',
          defaultIntensity: 1,
          minIntensity: 0,
          maxIntensity: 2,
        },
      },
      states: {
        S: { label: 'S', unit: 'mM', description: 'd', initial: 0, rate: 'k * piecewise(1, t < 10, 0)' },
      },
      parameters: {
        k: {
          label: 'k',
          unit: '1/min',
          description: 'd',
          value: 2,
          min: 0.2,
          max: 20,
          scale: 'log',
          source: 's',
        },
      },
      intermediates: { twice: { label: 'x', unit: 'mM', description: 'd', expression: '2 * S' } },
      observables: { twice: { label: 'x', unit: 'mM', description: 'd', expression: 'twice' } },
      initialAssignments: { S: 'k / 4' },
    };
  }

  it('accepts a time-course model: zero initial value, no basal, reads t, publishes an intermediate', () => {
    expect(issuesOf(timeCourseModel())).toEqual([]);
    const m = timeCourseModel();
    m.states = {};
    m.initialAssignments = {};
    m.intermediates = {};
    m.observables = {};
    expect(issuesOf(m), 'an empty time course is valid: constants only').toEqual([]);
  });

  it.each<[string, (m: Json) => void, string]>([
    [
      'a model that starts at rest and reads t',
      (m) => {
        delete m.start;
        m.states.S.initial = 1;
        m.states.S.basal = 1;
      },
      'states.S.rate: reads the time t, so the model has no steady state at rest; add "start": "initial-values" to run it from its initial values',
    ],
    [
      'a model that starts at rest without basal',
      (m) => {
        delete m.start;
        m.states.S.rate = '-k * S';
        m.states.S.initial = 1;
      },
      'states.S.basal: required when the model starts at rest (a positive resting level)',
    ],
    [
      'an initial assignment of a parameter',
      (m) => (m.initialAssignments.k = '1'),
      'initialAssignments.k: "k" is not a state (only states have initial values)',
    ],
    [
      'an unknown symbol in an initial assignment',
      (m) => (m.initialAssignments.S = 'q'),
      'initialAssignments.S: unknown symbol "q" in "q"',
    ],
    [
      'initial assignments in a cycle',
      (m) => {
        m.states.T = { label: 'T', unit: '1', description: 'd', initial: 0, rate: '0' };
        m.initialAssignments = { S: 'T + 1', T: 'twice' };
      },
      'initialAssignments: initial assignments form a cycle: S → T → S',
    ],
    [
      'an observable publishing a state under its own name',
      (m) => (m.observables.S = { label: 'S', unit: 'mM', description: 'd', expression: 'S' }),
      'observables.S: name already used in states',
    ],
    [
      'a mathjs keyword as a name',
      (m) => (m.parameters.and = structuredClone(m.parameters.k)),
      'parameters.and: "and" is a reserved name',
    ],
  ])('reports %s with its path', (_name, edit, expected) => {
    const m = timeCourseModel();
    edit(m);
    expect(issuesOf(m)).toContain(expected);
  });

  it("initial assignments are evaluated in dependency order with the run's parameters", () => {
    const m = timeCourseModel();
    m.states.T = { label: 'T', unit: '1', description: 'd', initial: 0, rate: '0' };
    m.initialAssignments = { T: 'S + twice', S: 'k / 4' };
    const model = compileModel(parseModel(m));
    expect(Array.from(model.initialState())).toEqual([0.5, 1.5]);
    expect(Array.from(model.initialState(model.parameterVector({ k: 8 })))).toEqual([2, 6]);
  });
});

/**
 * A tiny JSON Schema checker for the keywords `modelJsonSchema()` uses. It fails on any keyword
 * it does not know, so the check cannot pass by ignoring part of the schema.
 */
function schemaErrors(schema: Json, value: unknown, path = ''): string[] {
  const known = new Set([
    '$schema',
    '$id',
    'title',
    'description',
    'default',
    'type',
    'properties',
    'required',
    'additionalProperties',
    'propertyNames',
    'pattern',
    'minLength',
    'maxLength',
    'const',
    'enum',
    'items',
  ]);
  for (const key of Object.keys(schema)) {
    if (!known.has(key))
      return [`${path || '(root)'}: schema keyword "${key}" not supported by this checker`];
  }
  const errors: string[] = [];
  const at = path || '(root)';
  const typeOf = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
  if (schema.type) {
    const t = typeOf(value);
    const ok = schema.type === t || (schema.type === 'number' && t === 'integer');
    if (!ok) return [`${at}: expected ${schema.type}, got ${t}`];
  }
  if ('const' in schema && value !== schema.const)
    errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: too short`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: too long`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${at}: does not match pattern`);
  }
  if (Array.isArray(value) && schema.items) {
    for (const [i, v] of value.entries()) errors.push(...schemaErrors(schema.items, v, `${path}.${i}`));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(obj)) {
      const p = path ? `${path}.${key}` : key;
      if (schema.propertyNames) errors.push(...schemaErrors(schema.propertyNames, key, `${p} (name)`));
      if (schema.properties && key in schema.properties)
        errors.push(...schemaErrors(schema.properties[key], v, p));
      else if (schema.additionalProperties === false) errors.push(`${p}: not allowed`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...schemaErrors(schema.additionalProperties, v, p));
      }
    }
  }
  return errors;
}

describe('modelJsonSchema', () => {
  const schema = modelJsonSchema();

  it('is a draft 2020-12 schema with an id and a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBeTruthy();
    expect(schema.title).toBeTruthy();
  });

  it('accepts the bundled model structurally', () => {
    expect(schemaErrors(schema, raw())).toEqual([]);
  });

  it('rejects structural errors that zod rejects too (the checker is not vacuous)', () => {
    const cases: [(m: Json) => void, string][] = [
      [(m) => (m.parameters.kP.value = '0.35'), 'parameters.kP.value: expected number, got string'],
      [(m) => delete m.states.D.rate, 'states.D.rate: required'],
      [(m) => (m.parameters.kP.scale = 'exp'), 'parameters.kP.scale: not one of linear, log'],
      [(m) => (m.timeUnit = 'h'), 'timeUnit: expected "min"'],
      [(m) => (m.parameters['2k'] = m.parameters.kP), 'parameters.2k (name): does not match pattern'],
    ];
    for (const [edit, expected] of cases) {
      const m = raw();
      edit(m);
      expect(schemaErrors(schema, m)).toContain(expected);
      expect(validateModel(m).ok).toBe(false);
    }
  });
});

describe('protocol validation', () => {
  const model = compileModel(getModel());
  const limits = intensityLimits(model);
  const study = () => studyProtocol({ reIntensity: 1, eeIntensity: 0.7 }) as Json;
  const T_END: number = study().tEnd;
  const RE_RANGE = `${modelFile.inputs.re.minIntensity}, ${modelFile.inputs.re.maxIntensity}`;
  const EE_RANGE = `${modelFile.inputs.ee.minIntensity}, ${modelFile.inputs.ee.maxIntensity}`;

  /** Issues from `simulate` (it must refuse the protocol with a ProtocolError). */
  function simulateIssues(protocol: Protocol): string[] {
    let caught: unknown;
    try {
      simulate(model, protocol);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ProtocolError);
    return (caught as ProtocolError).issues.map((i) => `${i.path}: ${i.message}`);
  }

  it('accepts the study design', () => {
    expect(protocolIssues(study(), limits)).toEqual([]);
  });

  it('the study groups are where these tests expect them', () => {
    expect(study().groups.map((g: { id: string; label: string }) => `${g.id} ${g.label}`)).toEqual([
      'control Control',
      're RE only',
      'ee EE only',
      're-ee RE→EE',
      'ee-re EE→RE',
    ]);
  });

  it.each<[string, (p: Json) => void, string]>([
    [
      'negative duration',
      (p) => (p.groups[3].bouts[1].duration = -5),
      'groups.3.bouts.1.duration: invalid duration: -5 (bout 2 of group "RE→EE")',
    ],
    [
      'zero duration',
      (p) => (p.groups[3].bouts[1].duration = 0),
      'groups.3.bouts.1.duration: invalid duration: 0 (bout 2 of group "RE→EE")',
    ],
    [
      'overlapping bouts',
      (p) => (p.groups[3].bouts[1].start = 70),
      'groups.3.bouts.1.start: bouts 1 and 2 overlap (group "RE→EE")',
    ],
    [
      'a bout past the end of the window',
      (p) => (p.groups[2].bouts[0].start = T_END - 30),
      `groups.2.bouts.0.start: bout outside the simulated window [0, ${T_END}] min: ${T_END - 30}–${T_END + 30} (bout 1 of group "EE only")`,
    ],
    [
      'a bout before the start of the window',
      (p) => (p.groups[1].bouts[0].start = -10),
      `groups.1.bouts.0.start: bout outside the simulated window [0, ${T_END}] min: -10–10 (bout 1 of group "RE only")`,
    ],
    [
      'a control group with bouts',
      (p) => (p.groups[0].bouts = [{ kind: 'resistance', start: 60, duration: 20, intensity: 1 }]),
      'controlGroup: control group "control" must have no bouts',
    ],
    [
      'a missing control group',
      (p) => (p.controlGroup = 'none'),
      'controlGroup: control group "none" is not one of the groups',
    ],
    ['a duplicate group id', (p) => (p.groups[4].id = 're'), 'groups.4.id: duplicate group id: "re"'],
    [
      'RE intensity above the model range',
      (p) => (p.groups[1].bouts[0].intensity = 3),
      `groups.1.bouts.0.intensity: intensity 3 outside [${RE_RANGE}] (bout 1 of group "RE only")`,
    ],
    [
      'EE intensity above the model range',
      (p) => (p.groups[4].bouts[0].intensity = 1.5),
      `groups.4.bouts.0.intensity: intensity 1.5 outside [${EE_RANGE}] (bout 1 of group "EE→RE")`,
    ],
    [
      'a negative intensity',
      (p) => (p.groups[1].bouts[0].intensity = -1),
      'groups.1.bouts.0.intensity: invalid intensity: -1 (bout 1 of group "RE only")',
    ],
    [
      'a non-finite start',
      (p) => (p.groups[1].bouts[0].start = Number.NaN),
      'groups.1.bouts.0.start: invalid start: NaN (bout 1 of group "RE only")',
    ],
    ['an end before the start', (p) => (p.tEnd = -1), 'tEnd: invalid end time: -1 (must be > start 0)'],
  ])('rejects %s, naming the value and where it is', (_name, edit, expected) => {
    const p = study();
    edit(p);
    expect(protocolIssues(p, limits)).toContainEqual({
      path: expected.slice(0, expected.indexOf(': ')),
      message: expected.slice(expected.indexOf(': ') + 2),
    });
    expect(simulateIssues(p)).toContain(expected);
  });

  it('model intensity limits are taken from the model file', () => {
    expect(limits.resistance).toEqual({
      min: modelFile.inputs.re.minIntensity,
      max: modelFile.inputs.re.maxIntensity,
    });
    expect(limits.endurance).toEqual({
      min: modelFile.inputs.ee.minIntensity,
      max: modelFile.inputs.ee.maxIntensity,
    });
  });

  it('reports every protocol issue at once, in the error message too', () => {
    const p = study();
    p.groups[3].bouts[1].duration = -5;
    p.groups[4].id = 're';
    p.groups[1].bouts[0].intensity = 3;
    const issues = simulateIssues(p);
    expect(issues).toHaveLength(3);
    let message = '';
    try {
      simulate(model, p);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('invalid duration: -5 (bout 2 of group "RE→EE") (groups.3.bouts.1.duration)');
    expect(message).toContain('duplicate group id: "re" (groups.4.id)');
    expect(message).toContain(
      `intensity 3 outside [${RE_RANGE}] (bout 1 of group "RE only") (groups.1.bouts.0.intensity)`,
    );
  });

  it('does not mutate the protocol it checks', () => {
    const p = study();
    const bout: Bout = p.groups[1].bouts[0];
    const before = JSON.stringify(p);
    protocolIssues(p, limits);
    simulate(model, p);
    expect(JSON.stringify(p)).toBe(before);
    expect(p.groups[1].bouts[0]).toBe(bout);
  });
});
