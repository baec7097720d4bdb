import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import type { ScanResult, SensitivityResult } from '../../src/analysis/sensitivity.ts';
import { READOUTS } from '../../src/analysis/sensitivity.ts';
import { readoutStyle } from '../../src/app/explore/scan-panel.ts';
import { exploreBase, mapRequest, yAxisChoices } from '../../src/app/explore/scenario.ts';
import { mapCsv, scanCsv, sensitivityCsv } from '../../src/app/explore/tables.ts';
import { defaultScenario } from '../../src/app/state.ts';
import { GROUP_COLORS } from '../../src/chart/palette.ts';

const base = exploreBase(defaultScenario());
const now = new Date('2025-01-02T03:04:05Z');

/** Parse as any CSV reader would: header first, every row as wide. */
function parse(csv: string) {
  const [header, ...rows] = csvParseRows(csv);
  for (const r of rows) expect(r).toHaveLength(header!.length);
  return { header: header!, rows };
}

describe('mapCsv', () => {
  const request = mapRequest(base, {
    yAxis: 'eeIntensity',
    yMin: 0.5,
    yMax: 0.9,
    nx: 3,
    ny: 2,
    metric: 'mps3h',
  });
  const axis = yAxisChoices(base.model).find((c) => c.axis === 'eeIntensity')!;
  const values = Float64Array.from([0.9, Number.NaN, 1, 0.8, 0.95, 1]);
  const pending = [false, false, false, false, true, false];
  const out = mapCsv(
    { x: request.x, y: request.y, axis, metric: 'mps3h', values, pending, base },
    'map.csv',
    now,
  );

  it('writes one row per cell: signed gap, order, the y axis, the metric and a status', () => {
    const { header, rows } = parse(out.csv);
    expect(header).toEqual(['gap_min', 'order', 'eeIntensity', 'mps3h', 'status']);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual(['-720', 'EE→RE', '0.5', '0.9', 'ok']);
    expect(rows[1]).toEqual(['0', 'RE→EE', '0.5', '', 'failed']);
    expect(rows[4]).toEqual(['0', 'RE→EE', '0.9', '', 'not computed']);
  });

  it('describes every column and the run in the sidecar', () => {
    expect(out.meta.file).toBe('map.csv');
    expect(out.meta.created).toBe('2025-01-02T03:04:05.000Z');
    expect(out.meta.model).toBe(base.spec.id);
    expect(out.meta.columns.map((c) => c.name)).toEqual(parse(out.csv).header);
    expect(out.meta.columns[0]!.unit).toBe('min');
    expect(out.meta.computation).toMatchObject({
      xAxis: 'gap',
      yAxis: 'eeIntensity',
      metric: 'mps3h',
      columns: 3,
      rows: 2,
    });
    expect(JSON.parse(JSON.stringify(out.meta))).toEqual(out.meta);
  });
});

describe('sensitivityCsv and scanCsv', () => {
  const ids = READOUTS.map((r) => r.id);
  const values = (v: number) => Object.fromEntries(ids.map((id) => [id, v]));
  const sens: SensitivityResult = {
    percent: 20,
    relativeStep: 0.01,
    baseline: values(1),
    rows: [
      {
        parameter: 'kR',
        label: 'Regulator activation',
        value: 0.165,
        lowValue: 0.132,
        highValue: 0.198,
        low: values(1.1),
        high: values(0.9),
        coefficient: values(-0.5),
      },
      {
        parameter: 'trained',
        label: 'Endurance training, "trained"',
        value: 0,
        lowValue: 0,
        highValue: 0.2,
        low: values(1),
        high: values(1),
        coefficient: values(Number.NaN),
      },
    ],
  };

  it('writes sensitivity as one row per parameter and readout, quoting text as RFC 4180 says', () => {
    const out = sensitivityCsv(sens, base, { gap: 0 }, 's.csv', now);
    const { header, rows } = parse(out.csv);
    expect(header).toEqual([
      'parameter',
      'label',
      'value',
      'value_low',
      'value_high',
      'readout',
      'baseline',
      'low',
      'high',
      'coefficient',
    ]);
    expect(rows).toHaveLength(2 * ids.length);
    expect(rows[ids.length]![1]).toBe('Endurance training, "trained"');
    expect(rows[ids.length]![9]).toBe('');
    expect(out.meta.settings).toEqual({ gap: 0 });
    expect(out.meta.columns.map((c) => c.name)).toEqual(header);
  });

  it('writes a scan as one row per value, one column per readout, failures marked', () => {
    const scan: ScanResult = {
      parameter: 'tauR',
      label: 'Regulator decay time',
      unit: 'min',
      scale: 'log',
      values: [30, 60],
      readouts: Object.fromEntries(ids.map((id) => [id, [1, Number.NaN]])),
      failures: [{ value: 60, message: 'max steps' }],
    };
    const out = scanCsv(scan, base, {}, 'scan.csv', now);
    const { header, rows } = parse(out.csv);
    expect(header).toEqual(['tauR', ...ids, 'status']);
    expect(rows[0]!.at(-1)).toBe('ok');
    expect(rows[1]!.at(-1)).toBe('failed');
    expect(rows[1]![1]).toBe('');
    expect(out.meta.columns[0]).toEqual({ name: 'tauR', unit: 'min', description: 'Regulator decay time' });
  });
});

describe('readoutStyle', () => {
  it('draws a group readout in its group colour and the order effect in neither', () => {
    expect(readoutStyle('mps3h-re-ee').color).toBe(GROUP_COLORS['re-ee']);
    expect(readoutStyle('auc24-ee-re').color).toBe(GROUP_COLORS['ee-re']);
    expect(Object.values(GROUP_COLORS)).not.toContain(readoutStyle('order-effect').color);
  });
});
