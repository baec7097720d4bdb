/**
 * Tables about models rather than runs: the bundled models (`eolab models`), a model's
 * parameters with provenance (`eolab params`) and the calibration targets as measured
 * (`eolab targets`). Labels, descriptions and sources come from model files, so they reach a
 * CSV only through the one writer, which makes them inert.
 */
import type { TargetResult } from '../analysis/targets.ts';
import type { ModelSpec } from '../model/spec.ts';
import { type DataTable, roundValue } from './table.ts';

/** One row of a plain table (no nesting). */
export type FlatRow = Readonly<Record<string, string | number | boolean | null>>;

/** The models: id, name, version, description. */
export function modelsTable(specs: Iterable<ModelSpec>): DataTable<FlatRow> {
  return {
    columns: [
      { name: 'id', description: 'model id (use with --model)' },
      { name: 'name', description: 'model name' },
      { name: 'version', description: 'version of the model file' },
      { name: 'description', description: 'what the model is' },
    ],
    rows: [...specs].map((s) => ({ id: s.id, name: s.name, version: s.version, description: s.description })),
  };
}

/**
 * The parameters of `spec` in file order, with `overrides` (a preset's values, `--set`) applied:
 * name, value, unit, range, scale, label, source, description.
 */
export function parametersTable(
  spec: ModelSpec,
  overrides: Readonly<Record<string, number>> = {},
): DataTable<FlatRow> {
  return {
    columns: [
      { name: 'name', description: 'parameter name (use with --set NAME=VALUE)' },
      { name: 'value', description: 'value used (the unit column gives its unit)' },
      { name: 'unit', description: 'unit of value, min and max' },
      { name: 'min', description: 'lower end of the documented range' },
      { name: 'max', description: 'upper end of the documented range' },
      { name: 'scale', description: 'how the range is best explored: linear or log' },
      { name: 'label', description: 'short label' },
      {
        name: 'source',
        description: 'where the value comes from (a reference id, or the target it was chosen to meet)',
      },
      { name: 'description', description: 'what the parameter means' },
    ],
    rows: Object.entries(spec.parameters).map(([name, p]) => ({
      name,
      value: roundValue(overrides[name] ?? p.value),
      unit: p.unit,
      min: roundValue(p.min),
      max: roundValue(p.max),
      scale: p.scale,
      label: p.label,
      source: p.source,
      description: p.description,
    })),
  };
}

/**
 * The targets as measured, one row per check (a target passes when all its checks do):
 * `id,claim,check,value,min,max,pass,targetPass`.
 */
export function targetsTable(results: readonly TargetResult[]): DataTable<FlatRow> {
  return {
    columns: [
      { name: 'id', description: 'target id (T1–T9 of the science brief)' },
      { name: 'claim', description: 'what the target requires' },
      { name: 'check', description: 'one measured quantity of the target' },
      { name: 'value', description: 'measured value' },
      { name: 'min', description: 'lowest admissible value (empty: no lower bound)' },
      { name: 'max', description: 'highest admissible value (empty: no upper bound)' },
      { name: 'pass', description: 'whether this check is within its range' },
      { name: 'targetPass', description: 'whether every check of the target passes' },
    ],
    rows: results.flatMap((t) =>
      t.checks.map((c) => ({
        id: t.id,
        claim: t.claim,
        check: c.label,
        value: roundValue(c.value),
        min: c.min === undefined ? null : roundValue(c.min),
        max: c.max === undefined ? null : roundValue(c.max),
        pass: c.pass,
        targetPass: t.pass,
      })),
    ),
  };
}
