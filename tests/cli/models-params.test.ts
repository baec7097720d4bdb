import { describe, expect, it } from 'vitest';
import { getModel, MODELS } from '../../src/index.ts';
import { lines, parseCsv, run } from './helpers.ts';

describe('eolab models', () => {
  it('prints one bundled model per line: id, tab, name', async () => {
    const r = await run('models');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([...MODELS.values()].map((m) => `${m.id}\t${m.name}`));
  });

  it('--format csv and json: id, name, version, description', async () => {
    const csv = parseCsv((await run('models', '--format', 'csv')).stdout);
    expect(csv.columns).toEqual(['id', 'name', 'version', 'description']);
    expect(csv.rows.map((r) => r.version)).toEqual([...MODELS.values()].map((m) => m.version));
    const json = JSON.parse((await run('models', '--format', 'json')).stdout);
    expect(json.data.map((r: { id: string }) => r.id)).toEqual([...MODELS.keys()]);
    expect(json.createdBy).toMatchObject({
      tool: 'exercise-order-lab',
      command: 'eolab models --format json',
    });
  });
});

describe('eolab params', () => {
  const spec = getModel();
  const names = Object.keys(spec.parameters);

  it('--format json: every parameter with value, unit, range, scale, label and source from the model file', async () => {
    const r = await run('params', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model).toEqual({ id: spec.id, name: spec.name, version: spec.version });
    const rows = out.data as Array<Record<string, unknown>>;
    expect(rows.map((x) => x.name)).toEqual(names);
    for (const row of rows) {
      const p = spec.parameters[row.name as string]!;
      expect(row).toMatchObject({
        value: p.value,
        unit: p.unit,
        min: p.min,
        max: p.max,
        scale: p.scale,
        label: p.label,
        source: p.source,
        description: p.description,
      });
    }
  });

  it('--format csv: the same rows, text cells kept whole (commas and quotes survive)', async () => {
    const { columns, rows } = parseCsv((await run('params', '--format', 'csv')).stdout);
    expect(columns).toEqual([
      'name',
      'value',
      'unit',
      'min',
      'max',
      'scale',
      'label',
      'source',
      'description',
    ]);
    expect(rows.map((r) => r.name)).toEqual(names);
    for (const row of rows) expect(row.source).toBe(spec.parameters[row.name!]!.source);
  });

  it('--format table (the default): a header, a rule and one aligned line per parameter', async () => {
    const r = await run('params');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^name\s+value\s+unit\s+min\s+max\s+scale\s+label\s+source$/);
    expect(out[1]).toMatch(/^-+( +-+)+$/);
    for (const l of out) expect([...l].length).toBeLessThanOrEqual(100);
    // Long labels and sources wrap: a parameter's first line starts with its name.
    const firsts = out.slice(2).filter((l) => /^\S/.test(l));
    expect(firsts.map((l) => l.split(/\s+/)[0])).toEqual(names);
    // Aligned: the value column ends at the same character position on every first line.
    const valueEnd = out[0]!.indexOf('value') + 'value'.length;
    for (const l of firsts) expect(l[valueEnd - 1]).toMatch(/\d/);
  });

  it('--param-preset shows the preset values', async () => {
    const [id, preset] = Object.entries(spec.parameterPresets)[0] ?? [];
    if (!id || !preset) throw new Error('the default model has no parameter presets to test with');
    const r = await run('params', '--param-preset', id, '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.parameterPreset).toBe(id);
    const rows = out.data as Array<{ name: string; value: number }>;
    for (const row of rows)
      expect(row.value).toBe(preset.values[row.name] ?? spec.parameters[row.name]!.value);
  });
});
