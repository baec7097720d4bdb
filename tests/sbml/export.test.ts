/**
 * `exportSbml`: libSBML finds zero errors and zero warnings (all consistency checks, units and
 * modelling practice included) in every exported model: each bundled model, under each of its
 * parameter presets, with each group of each protocol preset driving its inputs. The checker is
 * shown to catch problems first, so it cannot pass by seeing nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.ts';
import {
  buildProtocol,
  compileModel,
  PROTOCOL_PRESETS,
  presetParameters,
  readoutTable,
  simulate,
} from '../../src/index.ts';
import { defaultExportGroup, exportSbml } from '../../src/sbml/export.ts';
import { importSbml } from '../../src/sbml/import.ts';
import { checkWithLibsbml, describeProblems } from './libsbml.ts';

interface Exported {
  readonly name: string;
  readonly xml: string;
}

function everyExport(): Exported[] {
  const out: Exported[] = [];
  for (const spec of MODELS.values()) {
    for (const preset of [undefined, ...Object.keys(spec.parameterPresets)]) {
      for (const protocolId of Object.keys(PROTOCOL_PRESETS)) {
        const protocol = buildProtocol({ spec }, protocolId, {}, preset);
        for (const group of protocol.groups) {
          out.push({
            name: `${spec.id} / ${preset ?? 'defaults'} / ${protocolId} / ${group.id}`,
            xml: exportSbml(spec, { parameters: presetParameters(spec, preset), protocol, group: group.id }),
          });
        }
      }
    }
  }
  return out;
}

describe('exportSbml and libSBML', () => {
  it('the libSBML check reports problems in a document that has them (units and an undefined id)', () => {
    const spec = MODELS.values().next().value!;
    const good = exportSbml(spec);
    // Break the units of one time constant and point a rule at an id that does not exist.
    const bad = good
      .replace(/(<parameter id="tauP"[^>]*units=")minute"/, '$1dimensionless"')
      .replace('<ci>tauD</ci>', '<ci>nowhere</ci>');
    expect(bad).not.toBe(good);
    const [report] = checkWithLibsbml([{ name: 'broken', xml: bad }]);
    const ids = report!.problems.map((p) => p.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(report!.problems.some((p) => p.severity === 'Error')).toBe(true);
  });

  const docs = everyExport();

  it(`${docs.length} exports (every bundled model × parameter preset × protocol group): zero errors, zero warnings`, () => {
    expect(docs.length).toBeGreaterThanOrEqual(MODELS.size * 11);
    const reports = checkWithLibsbml(docs);
    expect(reports).toHaveLength(docs.length);
    for (const r of reports) {
      expect(r.level).toBe(3);
      expect(r.version).toBe(2);
    }
    const problems = reports.flatMap(describeProblems);
    console.log(
      `libSBML ${reports[0]!.libsbml}: ${docs.length} exported models, ${problems.length} errors or warnings`,
    );
    expect(problems).toEqual([]);
  });

  it('writes the chosen group as piecewise inputs in minutes, and names it in the notes', () => {
    const spec = MODELS.values().next().value!;
    const protocol = buildProtocol({ spec }, 'study');
    const xml = exportSbml(spec, { protocol, group: 're-ee' });
    expect(xml).toContain('timeUnits="minute"');
    expect(xml).toMatch(/<assignmentRule variable="re"><math[^>]*><piecewise><piece>/);
    expect(xml).toContain('protocol group &quot;RE→EE&quot; (re-ee)');
    // The RE bout of the study: 60 ≤ t < 80 min.
    expect(xml).toContain('<cn sbml:units="minute" type="integer">60</cn>');
    expect(xml).toContain('<cn sbml:units="minute" type="integer">80</cn>');
    for (const name of Object.keys(spec.states)) expect(xml).toContain(`<rateRule variable="${name}">`);
    expect(() => exportSbml(spec, { protocol, group: 'nope' })).toThrow(
      /unknown group: nope \(groups: control, re, ee, re-ee, ee-re\)/,
    );
    expect(defaultExportGroup(protocol).id).toBe('re-ee');
  });

  it('writes parameter overrides as the parameter values', () => {
    const spec = MODELS.values().next().value!;
    const xml = exportSbml(spec, { parameters: { KB: 2 } });
    expect(xml).toMatch(/<parameter id="KB" name="[^"]*" value="2" /);
    expect(() => exportSbml(spec, { parameters: { nope: 1 } })).toThrow(/unknown parameter: nope/);
  });
});

describe('the README example, docs/examples/two-signal.xml', () => {
  const xml = readFileSync(new URL('../../docs/examples/two-signal.xml', import.meta.url), 'utf8');

  it('is valid SBML: libSBML reports nothing', () => {
    const [report] = checkWithLibsbml([{ name: 'two-signal.xml', xml }]);
    expect(describeProblems(report!)).toEqual([]);
  });

  it('imports with its stimuli as the exercise inputs and runs the study: RE raises M, EE lowers it', () => {
    const { spec, warnings } = importSbml(xml, {
      origin: 'two-signal.xml',
      inputs: { resistance: 'stimRE', endurance: 'stimEE' },
      observe: ['M'],
    });
    expect(warnings).toEqual([]);
    const rows = readoutTable(simulate(compileModel(spec), buildProtocol({ spec }, 'study')));
    const fold = (g: string) => rows.find((r) => r.group === g)!.fold.M_obs!;
    expect(fold('control')).toBe(1);
    expect(fold('re')).toBeGreaterThan(1.01);
    expect(fold('ee')).toBeLessThan(0.99);
  });
});
