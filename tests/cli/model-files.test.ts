import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel, modelJsonSchema } from '../../src/index.ts';
import { lines, run, tempDir } from './helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: model files are edited freely in these tests
type Json = Record<string, any>;

/** The exported default model as an editable object. */
async function exported(): Promise<Json> {
  const r = await run('export');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

describe('eolab export', () => {
  it('prints the model spec as 2-space JSON', async () => {
    const r = await run('export');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(JSON.stringify(getModel(), null, 2) + '\n');
    expect(r.stdout).toMatch(/^\{\n {2}"/);
  });

  it('--out FILE writes the same JSON to a file', async () => {
    const file = path.join(tempDir(), 'model.json');
    expect(await run('export', '--out', file)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(getModel(), null, 2) + '\n');
  });

  it('--model takes a path to the bundled file as a file (a .json name or a path with /)', async () => {
    const file = path.join(__dirname, '../../models/concurrent-training.json');
    const fromFile = await run('readouts', '--model', file, '--format', 'json');
    const fromId = await run('readouts', '--model', getModel().id, '--format', 'json');
    expect(fromFile.code).toBe(0);
    // Same model, same numbers; only the recorded command line differs.
    expect(JSON.parse(fromFile.stdout).data).toEqual(JSON.parse(fromId.stdout).data);
    expect(JSON.parse(fromFile.stdout).createdBy.command).toContain(file);
  });

  it('export → edit a value → --model FILE picks it up', async () => {
    const spec = await exported();
    spec.parameters.kR.value = 0.25;
    const file = writeJson(tempDir(), 'edited.json', spec);
    const params = await run('params', '--model', file, '--format', 'json');
    expect(params.code).toBe(0);
    expect(JSON.parse(params.stdout).data.find((p: Json) => p.name === 'kR').value).toBe(0.25);
    const sim = await run('simulate', '--model', file, '--dt', '60', '--format', 'json');
    expect(sim.code).toBe(0);
    expect(JSON.parse(sim.stdout).parameters.kR).toBe(0.25);
    // A stronger brake activation raises the regulator after EE compared with the bundled model.
    const base = JSON.parse((await run('readouts', '--format', 'json')).stdout);
    const edited = JSON.parse((await run('readouts', '--model', file, '--format', 'json')).stdout);
    expect(edited.data[2].fold.regulator).toBeGreaterThan(base.data[2].fold.regulator);
  });

  it('--param-preset from a model file applies its values and protocol hints; --set wins', async () => {
    const spec = await exported();
    spec.parameterPresets = {
      'long-gap': {
        label: 'Long gap',
        description: 'Test preset',
        source: 'test',
        values: { kR: 0.3, tauR: 40 },
        protocol: { gap: 120 },
      },
    };
    const file = writeJson(tempDir(), 'preset.json', spec);
    const r = await run(
      'simulate',
      '--model',
      file,
      '--param-preset',
      'long-gap',
      '--set',
      'tauR=50',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.parameters.kR).toBe(0.3);
    expect(out.parameters.tauR).toBe(50);
    const reEe = out.protocol.groups.find((g: Json) => g.id === 're-ee');
    expect(reEe.bouts[1].start - (reEe.bouts[0].start + reEe.bouts[0].duration)).toBe(120);
  });
});

describe('eolab validate', () => {
  it('a valid file: exit 0 and "ok: <id>"', async () => {
    const file = writeJson(tempDir(), 'ok.json', await exported());
    expect(await run('validate', file)).toEqual({ code: 0, stdout: `ok: ${getModel().id}\n`, stderr: '' });
  });

  it('a crafted bad model: one line per issue with its path, exit 1', async () => {
    const spec = await exported();
    spec.parameters.kR.min = 2;
    spec.parameters.kR.max = 1;
    spec.states.M.rate = '(A * C * contraction - M) / tauM + bogus';
    spec.observables.mps.expression = 'M.constructor';
    const file = writeJson(tempDir(), 'bad.json', spec);
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const out = lines(r.stderr);
    expect(out.length).toBeGreaterThanOrEqual(3);
    for (const l of out) expect(l.startsWith(`${file}: `)).toBe(true);
    expect(out).toContain(`${file}: parameters.kR.max: must be > min (min 2, max 1)`);
    expect(out.find((l) => l.startsWith(`${file}: states.M.rate: `))).toContain('bogus');
    expect(out.find((l) => l.startsWith(`${file}: observables.mps.expression: `))).toBeDefined();
  });

  it('constructor used as a symbol in an expression is rejected', async () => {
    const spec = await exported();
    spec.observables.mps.expression = 'constructor(M)';
    const file = writeJson(tempDir(), 'ctor.json', spec);
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: observables\\.mps\\.expression: `),
    );
  });

  it('invalid JSON: one line with the parse error, exit 1', async () => {
    const file = path.join(tempDir(), 'broken.json');
    fs.writeFileSync(file, '{"id": "x",');
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`eolab validate: invalid JSON in ${file}: `);
  });

  it('a missing file: one line, exit 1', async () => {
    const file = path.join(tempDir(), 'nope.json');
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`eolab validate: cannot read ${file}: no such file or directory`]);
  });

  it('an invalid model passed to --model: exit 1 with one line naming the file and the issue', async () => {
    const spec = await exported();
    spec.parameters.kR.min = 2;
    spec.parameters.kR.max = 1;
    const file = writeJson(tempDir(), 'my.json', spec);
    const r = await run('readouts', '--model', file);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(
      r.stderr.startsWith(
        `eolab readouts: invalid model (${file}): parameters.kR.max: must be > min (min 2, max 1)`,
      ),
    ).toBe(true);
  });
});

describe('eolab schema', () => {
  it('prints JSON.stringify(modelJsonSchema(), null, 2)', async () => {
    const r = await run('schema');
    expect(r).toEqual({ code: 0, stdout: JSON.stringify(modelJsonSchema(), null, 2) + '\n', stderr: '' });
  });

  it('the committed models/model.schema.json equals the generated schema (cannot drift)', () => {
    const committed = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../models/model.schema.json'), 'utf8'),
    );
    expect(committed).toEqual(modelJsonSchema());
  });

  it('the bundled model file points at the schema', () => {
    const raw = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../models/concurrent-training.json'), 'utf8'),
    );
    expect(raw.$schema).toBe('./model.schema.json');
  });
});
