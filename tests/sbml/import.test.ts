/**
 * `importSbml` on small hand-written documents: what converts to what (units, time, names,
 * species semantics, local parameters, function definitions, inputs), and what is refused
 * (one line per unsupported construct, naming its id; never a partial model).
 */
import { describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, simulate } from '../../src/index.ts';
import { importSbml, SbmlImportError } from '../../src/sbml/import.ts';
import { XmlError } from '../../src/sbml/xml.ts';
import { timeCourse } from './suite-runner.ts';

const L3V2 = 'http://www.sbml.org/sbml/level3/version2/core';
const MATH = 'http://www.w3.org/1998/Math/MathML';

/** An SBML document around a model body. */
function sbml(body: string, model = 'id="m"', root = `xmlns="${L3V2}" level="3" version="2"`): string {
  return `<?xml version="1.0" encoding="UTF-8"?><sbml ${root}><model ${model}>${body}</model></sbml>`;
}
const math = (inner: string) => `<math xmlns="${MATH}">${inner}</math>`;
const params = (...p: string[]) => `<listOfParameters>${p.join('')}</listOfParameters>`;

function problemsOf(xml: string): readonly string[] {
  try {
    importSbml(xml);
  } catch (err) {
    if (err instanceof SbmlImportError) return err.problems;
    throw err;
  }
  return [];
}

describe('importSbml refuses what it cannot run, one line per construct', () => {
  it('lists every unsupported construct of a document at once, each naming its id', () => {
    const xml = sbml(
      `<listOfCompartments><compartment id="c" size="1" constant="true"/></listOfCompartments>
       <listOfSpecies><species id="S" compartment="c" initialAmount="1" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/></listOfSpecies>
       ${params('<parameter id="k" value="1" constant="true"/>', '<parameter id="x" value="0" constant="false"/>', '<parameter id="y" value="0" constant="false"/>')}
       <listOfRules>
         <algebraicRule metaid="alg1">${math('<apply><minus/><ci>x</ci><ci>y</ci></apply>')}</algebraicRule>
         <rateRule variable="y">${math('<apply><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/delay">delay</csymbol><ci>S</ci><cn>1</cn></apply>')}</rateRule>
       </listOfRules>
       <listOfReactions>
         <reaction id="R1" reversible="false" fast="true"><listOfReactants><speciesReference species="S" stoichiometry="1" constant="true"/></listOfReactants>
           <kineticLaw>${math('<apply><times/><ci>k</ci><ci>S</ci></apply>')}</kineticLaw></reaction>
         <reaction id="R2" reversible="false"><listOfReactants><speciesReference species="S" stoichiometry="1" constant="true"/></listOfReactants>
           <kineticLaw>${math('<apply><selector/><ci>S</ci><cn>1</cn></apply>')}</kineticLaw></reaction>
       </listOfReactions>
       <listOfEvents><event id="E1" useValuesFromTriggerTime="true"><trigger initialValue="true" persistent="true">${math('<true/>')}</trigger></event></listOfEvents>
       <listOfConstraints><constraint metaid="C1">${math('<true/>')}</constraint></listOfConstraints>`,
    );
    const problems = problemsOf(xml);
    expect(problems).toEqual([
      'event "E1": events are not supported',
      'constraint "C1": constraints are not supported',
      'reaction "R1": fast reactions are not supported',
      'algebraic rule "alg1": algebraic rules are not supported',
      'rate rule for "y": the delay csymbol (delay differential equations) is not supported',
      'kinetic law of reaction "R2": MathML operator <selector> is not supported',
    ]);
  });

  it('refuses required packages, unsupported levels, rateOf and undefined names', () => {
    const pkg = sbml(
      params('<parameter id="k" value="1" constant="true"/>'),
      'id="m"',
      `xmlns="${L3V2}" xmlns:comp="http://www.sbml.org/sbml/level3/version1/comp/version1" comp:required="true" level="3" version="2"`,
    );
    expect(problemsOf(pkg)).toEqual(['package "comp" (required="true") is not supported']);
    const l2v3 = sbml(
      params('<parameter id="k" value="1"/>'),
      'id="m"',
      'xmlns="http://www.sbml.org/sbml/level2/version3" level="2" version="3"',
    );
    expect(problemsOf(l2v3)[0]).toMatch(
      /^SBML Level 2 Version 3 is not supported \(supported: L2V4, L2V5, L3V1, L3V2/,
    );
    const rateOf = sbml(
      `${params('<parameter id="x" value="1" constant="false"/>', '<parameter id="y" value="1" constant="false"/>')}
       <listOfRules><assignmentRule variable="y">${math('<apply><csymbol encoding="text" definitionURL="http://www.w3.org/1998/Math/MathML/rateOf">rateOf</csymbol><ci>x</ci></apply>')}</assignmentRule></listOfRules>`,
    );
    expect(problemsOf(rateOf)).toEqual(['assignment rule for "y": the rateOf csymbol is not supported']);
    const undefinedName = sbml(
      `${params('<parameter id="y" value="1" constant="false"/>')}
       <listOfRules><rateRule variable="y">${math('<ci>ghost</ci>')}</rateRule></listOfRules>`,
    );
    expect(problemsOf(undefinedName)).toEqual([
      'rate rule for "y": the undefined name "ghost" is not supported',
    ]);
  });

  it('an optional package is ignored with a warning (it does not change the mathematics)', () => {
    const xml = sbml(
      `${params('<parameter id="y" value="1" constant="false"/>')}<listOfRules><rateRule variable="y">${math('<cn>1</cn>')}</rateRule></listOfRules>`,
      'id="m" timeUnits="second"',
      `xmlns="${L3V2}" xmlns:layout="http://www.sbml.org/sbml/level3/version1/layout/version1" layout:required="false" level="3" version="2"`,
    );
    expect(importSbml(xml).warnings).toContain(
      'package "layout" ignored (required="false": it does not change the model\'s mathematics)',
    );
  });

  it('malformed XML and entity declarations are errors naming the problem', () => {
    expect(() => importSbml('<sbml><model></sbml>')).toThrow(XmlError);
    expect(() => importSbml('<sbml><model></sbml>')).toThrow(/not well-formed XML: .*line 1/);
    expect(() => importSbml('<!DOCTYPE x [<!ENTITY a "b">]><sbml/>')).toThrow(/entity declarations/);
    expect(() => importSbml('<html/>')).toThrow(/not an SBML document \(root element <html>\)/);
  });
});

describe('importSbml converts', () => {
  it('time: rates per second become per minute, csymbol time becomes 60·t; hours divide by 60', () => {
    const body = `${params('<parameter id="y" value="0" constant="false"/>', '<parameter id="z" value="0" constant="false"/>')}
      <listOfRules><rateRule variable="y">${math('<cn>1</cn>')}</rateRule>
      <assignmentRule variable="z">${math('<csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">time</csymbol>')}</assignmentRule></listOfRules>`;
    const seconds = importSbml(sbml(body, 'id="m" timeUnits="second"')).spec;
    expect(seconds.states.y!.rate).toBe('60 * 1');
    expect(seconds.intermediates.z!.expression).toBe('60 * t');
    expect(seconds.sbml!.timeUnit).toEqual({ name: 'second', minutes: 1 / 60 });
    const hoursDef =
      '<listOfUnitDefinitions><unitDefinition id="h"><listOfUnits><unit kind="second" exponent="1" scale="0" multiplier="3600"/></listOfUnits></unitDefinition></listOfUnitDefinitions>';
    const hours = importSbml(sbml(hoursDef + body, 'id="m" timeUnits="h"')).spec;
    expect(hours.states.y!.rate).toBe('1 / 60');
    const undeclared = importSbml(sbml(body));
    expect(undeclared.spec.states.y!.rate).toBe('1');
    expect(undeclared.warnings[0]).toMatch(/declares no time unit: its time is taken as minutes/);
    // y grows by 1 per second = 60 per minute.
    const r = simulate(compileModel(seconds), timeCourse(0, 2), { dt: 1 });
    expect(r.groups[0]!.series.y![2]).toBeCloseTo(120, 9);
  });

  it('ids that are not model symbols get new names, and the map keeps the SBML ids', () => {
    const xml = sbml(
      params(
        '<parameter id="_a" value="1" constant="true"/>',
        '<parameter id="t" value="2" constant="true"/>',
        '<parameter id="pi" value="3" constant="true"/>',
        '<parameter id="and" value="4" constant="true"/>',
        '<parameter id="time" value="5" constant="true"/>',
        '<parameter id="y" value="0" constant="false"/>',
      ) +
        `<listOfRules><rateRule variable="y">${math('<apply><plus/><ci>_a</ci><ci>t</ci><ci>pi</ci><ci>and</ci><ci>time</ci></apply>')}</rateRule></listOfRules>`,
    );
    const { spec } = importSbml(xml);
    const bySbml = Object.fromEntries(Object.entries(spec.sbml!.ids).map(([sym, id]) => [id, sym]));
    const s = bySbml as Record<string, string>;
    expect(s).toMatchObject({ time: 'time', y: 'y' });
    for (const id of ['_a', 't', 'pi', 'and']) expect(s[id]).not.toBe(id);
    expect(spec.states.y!.rate).toBe(`${s._a} + ${s.t} + ${s.pi} + ${s.and} + time`);
    const m = compileModel(spec);
    const dy = new Float64Array(1);
    m.rhs(m.initialState(), m.defaultParameters(), new Float64Array(2), dy, 0);
    expect(dy[0]).toBe(15);
  });

  it('species: concentrations by default, amounts with hasOnlySubstanceUnits, amounts as states in a changing compartment', () => {
    const xml = sbml(
      `<listOfCompartments><compartment id="c" size="2" constant="true"/><compartment id="v" size="1" constant="false"/></listOfCompartments>
       <listOfSpecies>
         <species id="A" compartment="c" initialAmount="4" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/>
         <species id="B" compartment="c" initialAmount="4" hasOnlySubstanceUnits="true" boundaryCondition="false" constant="false"/>
         <species id="C" compartment="v" initialConcentration="3" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/>
       </listOfSpecies>
       ${params('<parameter id="k" value="0.5" constant="true"/>')}
       <listOfRules><rateRule variable="v">${math('<cn>1</cn>')}</rateRule></listOfRules>
       <listOfReactions>
         <reaction id="r" reversible="false"><listOfReactants><speciesReference species="A" stoichiometry="1" constant="true"/></listOfReactants>
           <listOfProducts><speciesReference species="B" stoichiometry="2" constant="true"/><speciesReference species="C" stoichiometry="1" constant="true"/></listOfProducts>
           <kineticLaw>${math('<ci>k</ci>')}</kineticLaw></reaction>
       </listOfReactions>`,
    );
    const { spec } = importSbml(xml);
    expect(spec.states.A!.rate).toBe('-r / c');
    expect(spec.states.A!.initial).toBe(2); // 4 mol in 2 L
    expect(spec.states.B!.rate).toBe('2 * r');
    expect(spec.states.C_amount!.rate).toBe('r');
    expect(spec.states.C_amount!.initial).toBe(3); // 3 mol/L × 1 L
    expect(spec.intermediates.C!.expression).toBe('C_amount / v');
    expect(spec.observables.C!.expression).toBe('C');
    expect(spec.sbml!.species).toEqual({
      A: { compartment: 'c', hasOnlySubstanceUnits: false },
      B: { compartment: 'c', hasOnlySubstanceUnits: true },
      C: { compartment: 'v', hasOnlySubstanceUnits: false },
    });
  });

  it('local parameters shadow globals; function definitions are expanded; L2V4 reads its defaults', () => {
    const xml = `<?xml version="1.0"?><sbml xmlns="http://www.sbml.org/sbml/level2/version4" level="2" version="4"><model id="m">
      <listOfFunctionDefinitions><functionDefinition id="sq">${math('<lambda><bvar><ci>x</ci></bvar><apply><times/><ci>x</ci><ci>x</ci></apply></lambda>')}</functionDefinition></listOfFunctionDefinitions>
      <listOfCompartments><compartment id="c" size="1"/></listOfCompartments>
      <listOfSpecies><species id="S" compartment="c" initialConcentration="2"/></listOfSpecies>
      <listOfParameters><parameter id="k" value="100"/></listOfParameters>
      <listOfReactions><reaction id="r" reversible="false"><listOfReactants><speciesReference species="S"/></listOfReactants>
        <kineticLaw>${math('<apply><times/><ci>k</ci><apply><ci>sq</ci><ci>S</ci></apply></apply>')}<listOfParameters><parameter id="k" value="0.5"/></listOfParameters></kineticLaw></reaction></listOfReactions>
    </model></sbml>`;
    const { spec } = importSbml(xml);
    expect(spec.parameters.k!.value).toBe(100);
    expect(spec.parameters.r_k!.value).toBe(0.5);
    expect(spec.parameters.r_k!.label).toBe('local parameter "k" of reaction "r"');
    expect(spec.intermediates.r!.expression).toBe('r_k * (S * S)');
    // Level 2's default time unit is the second.
    expect(spec.states.S!.rate).toBe('60 * (-r / c)');
  });

  it('maps named parameters to the exercise inputs, so bouts drive the model', () => {
    const xml = sbml(
      `${params('<parameter id="drive" value="2" constant="true"/>', '<parameter id="X" value="1" constant="false"/>')}
       <listOfRules><rateRule variable="X">${math('<apply><minus/><ci>drive</ci><apply><minus/><ci>X</ci><cn>1</cn></apply></apply>')}</rateRule></listOfRules>`,
      'id="m" timeUnits="second"',
    );
    const { spec } = importSbml(xml, { inputs: { resistance: 'drive' }, observe: ['X'] });
    expect(spec.inputs.drive).toMatchObject({
      kind: 'resistance',
      defaultIntensity: 2,
      minIntensity: 0,
      maxIntensity: 4,
    });
    expect(spec.parameters.drive).toBeUndefined();
    const ee = Object.values(spec.inputs).find((i) => i.kind === 'endurance')!;
    expect(ee.description).toMatch(/^Not connected/);
    expect(Object.keys(spec.observables)).toEqual(['X_obs']);
    // At rest the input is 0 and X relaxes to 1; during an RE bout it rises.
    const result = simulate(compileModel(spec), buildProtocol({ spec }, 'study'));
    const at = (g: string) => result.groups.find((x) => x.id === g)!.series.X!;
    const i = result.time.indexOf(75);
    expect(at('control')[i]).toBeCloseTo(1, 12);
    expect(at('re')[i]).toBeGreaterThan(2.9);
    expect(at('ee')[i]).toBeCloseTo(1, 12);
  });

  it('refuses an input mapping that names no constant parameter', () => {
    const xml = sbml(
      `${params('<parameter id="X" value="1" constant="false"/>', '<parameter id="neg" value="-1" constant="true"/>')}
       <listOfRules><rateRule variable="X">${math('<cn>0</cn>')}</rateRule></listOfRules>`,
    );
    const problems = (inputs: Record<string, string>) => {
      try {
        importSbml(xml, { inputs });
        return [];
      } catch (err) {
        return (err as SbmlImportError).problems;
      }
    };
    expect(problems({ resistance: 'nope' })).toEqual([
      'input re=nope: "nope" is not a parameter of the model',
    ]);
    expect(problems({ endurance: 'X' })).toEqual([
      'input ee=X: "X" is not a constant parameter with a plain value',
    ]);
    expect(problems({ resistance: 'neg' })).toEqual([
      'input re=neg: an exercise input must be ≥ 0 (value -1)',
    ]);
  });

  it('ids that name Object.prototype members (constructor, __proto__, toString) are ordinary names', () => {
    const xml = sbml(
      params(
        '<parameter id="constructor" value="1" constant="true"/>',
        '<parameter id="__proto__" value="2" constant="true"/>',
        '<parameter id="toString" value="3" constant="true"/>',
        '<parameter id="hasOwnProperty" value="0" constant="false"/>',
        '<parameter id="valueOf" value="0" constant="false"/>',
      ) +
        `<listOfRules><rateRule variable="hasOwnProperty">${math('<apply><plus/><ci>constructor</ci><ci>__proto__</ci><ci>toString</ci></apply>')}</rateRule>
         <assignmentRule variable="valueOf">${math('<apply><times/><cn>2</cn><ci>hasOwnProperty</ci></apply>')}</assignmentRule></listOfRules>`,
    );
    const { spec } = importSbml(xml, { observe: ['valueOf', 'toString', 'hasOwnProperty'] });
    expect(Object.values(spec.sbml!.ids).sort()).toEqual(
      ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'].sort(),
    );
    expect(Object.keys(spec.observables)).toEqual(['valueOf', 'toString', 'hasOwnProperty_obs']);
    const r = simulate(compileModel(spec), timeCourse(0, 1), { dt: 0.5 });
    // d(hasOwnProperty)/dt = 1 + 2 + 3 per minute (no time unit declared); to 1e-12.
    const near = (name: string, want: number[]) =>
      Array.from(r.groups[0]!.series[name]!).forEach((v, i) => {
        expect(Math.abs(v - want[i]!), `${name}[${i}]`).toBeLessThan(1e-12);
      });
    near('hasOwnProperty', [0, 3, 6]);
    near('valueOf', [0, 6, 12]);
    near('toString', [3, 3, 3]);
  });

  it('initial assignments that read varying quantities become initial assignments; constant ones intermediates', () => {
    const xml = sbml(
      `${params(
        '<parameter id="a" value="2" constant="true"/>',
        '<parameter id="b" constant="true"/>',
        '<parameter id="X" value="1" constant="false"/>',
        '<parameter id="X0" constant="true"/>',
      )}
       <listOfInitialAssignments>
         <initialAssignment symbol="b">${math('<apply><times/><cn>3</cn><ci>a</ci></apply>')}</initialAssignment>
         <initialAssignment symbol="X">${math('<ci>b</ci>')}</initialAssignment>
         <initialAssignment symbol="X0">${math('<ci>X</ci>')}</initialAssignment>
       </listOfInitialAssignments>
       <listOfRules><rateRule variable="X">${math('<cn>1</cn>')}</rateRule></listOfRules>`,
    );
    const { spec } = importSbml(xml);
    expect(spec.intermediates.b!.expression).toBe('3 * a');
    expect(spec.initialAssignments).toEqual({ X: 'b', X0: 'X' });
    expect(spec.states.X0).toMatchObject({ rate: '0', initial: 6 });
    const m = compileModel(spec);
    // The initial assignments follow parameter changes.
    const y = m.initialState(m.parameterVector({ a: 10 }));
    expect(Array.from(y)).toEqual([30, 30]);
  });
});
