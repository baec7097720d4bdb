import { describe, expect, it } from 'vitest';
import { getModel, MODELS } from '../../src/index.ts';
import { lines, run } from './helpers.ts';

describe('eolab models', () => {
  it('prints one bundled model per line: id, tab, name', async () => {
    const r = await run('models');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([...MODELS.values()].map((m) => `${m.id}\t${m.name}`));
  });
});

describe('eolab params', () => {
  const spec = getModel();
  const names = Object.keys(spec.parameters);

  it('--format json: every parameter with value, unit, range, scale, label and source from the model file', async () => {
    const r = await run('params', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
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
      });
    }
  });

  it('--format table (the default): a header, a rule and one aligned line per parameter', async () => {
    const r = await run('params');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^name\s+value\s+unit\s+min\s+max\s+scale\s+label\s+source$/);
    expect(out[1]).toMatch(/^-+( +-+)+$/);
    expect(out.slice(2).map((l) => l.split(/\s+/)[0])).toEqual(names);
    // Aligned: the value column ends at the same character position on every line.
    const valueEnd = out[0]!.indexOf('value') + 'value'.length;
    for (const l of out.slice(2)) expect(l[valueEnd - 1]).toMatch(/\d/);
  });

  it('--param-preset shows the preset values', async () => {
    const [id, preset] = Object.entries(spec.parameterPresets)[0] ?? [];
    if (!id || !preset) throw new Error('the default model has no parameter presets to test with');
    const r = await run('params', '--param-preset', id, '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ name: string; value: number }>;
    for (const row of rows)
      expect(row.value).toBe(preset.values[row.name] ?? spec.parameters[row.name]!.value);
  });
});
