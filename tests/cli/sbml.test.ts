/** `eolab export --format sbml` and `eolab import`, in-process. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWithLibsbml, describeProblems } from '../sbml/libsbml.ts';
import { lines, run, tempDir } from './helpers.ts';

describe('eolab export --format sbml', () => {
  it('writes SBML L3V2 with the re-ee group by default, which libSBML accepts without a warning', async () => {
    const r = await run('export', '--format', 'sbml');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<sbml ')).toBe(true);
    expect(r.stdout).toContain('protocol group &quot;RE→EE&quot; (re-ee)');
    const [report] = checkWithLibsbml([{ name: 'cli', xml: r.stdout }]);
    expect(describeProblems(report!)).toEqual([]);
  });

  it('takes the group, the protocol settings and the parameter values, and writes --out', async () => {
    const file = path.join(tempDir(), 'model.xml');
    const r = await run(
      'export',
      '--format',
      'sbml',
      '--group',
      'ee-re',
      '--gap',
      '30',
      '--param-preset',
      'human-apro2013',
      '--set',
      'tauR=50',
      '--out',
      file,
    );
    expect(r.code).toBe(0);
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toContain(
      '(ee-re): endurance at intensity 0.7 from 60 to 90 min; resistance at intensity 1 from 120 to 140 min',
    );
    expect(xml).toMatch(/<parameter id="KB" name="[^"]*" value="2" /);
    expect(xml).toMatch(/<parameter id="tauR" name="[^"]*" value="50" /);
    expect(xml).toContain('Written by: eolab export --format sbml --group ee-re --gap 30');
    expect(xml).not.toContain(file);
  });

  it('bad arguments exit 2 with one line', async () => {
    const bad = await run('export', '--format', 'sbml', '--group', 'nope');
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual([
      'eolab export: invalid --group: "nope" (groups of this protocol: control, re, ee, re-ee, ee-re)',
    ]);
    const json = await run('export', '--group', 're');
    expect(json.code).toBe(2);
    expect(lines(json.stderr)).toEqual(['eolab export: --group applies to --format sbml only']);
    const fmt = await run('export', '--format', 'xml');
    expect(fmt.code).toBe(2);
    expect(lines(fmt.stderr)).toEqual(['eolab export: invalid --format: "xml" (expected json or sbml)']);
  });
});

describe('eolab import', () => {
  it('imports an exported model back as the same model (and it runs)', async () => {
    const dir = tempDir();
    const xml = path.join(dir, 'model.xml');
    const json = path.join(dir, 'model.json');
    expect((await run('export', '--format', 'sbml', '--out', xml)).code).toBe(0);
    const r = await run('import', xml, '--out', json);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const original = JSON.parse((await run('export')).stdout);
    const back = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(Object.keys(back.states)).toEqual(Object.keys(original.states));
    expect(back.inputs).toEqual(original.inputs);
    const readouts = await run('readouts', '--model', json, '--format', 'json');
    expect(readouts.code).toBe(0);
  });

  it('maps --input and --observe, and prints warnings on stderr', async () => {
    const dir = tempDir();
    const xml = path.join(dir, 'tiny.xml');
    fs.writeFileSync(
      xml,
      `<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"><model id="tiny">
<listOfParameters><parameter id="drive" value="1" constant="true"/><parameter id="X" value="1" constant="false"/></listOfParameters>
<listOfRules><rateRule variable="X"><math xmlns="http://www.w3.org/1998/Math/MathML"><apply><minus/><ci>drive</ci><apply><minus/><ci>X</ci><cn>1</cn></apply></apply></math></rateRule></listOfRules>
</model></sbml>`,
    );
    const r = await run('import', xml, '--input', 're=drive', '--observe', 'X');
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([
      'eolab: warning: the model declares no time unit: its time is taken as minutes (set timeUnits to convert seconds or hours)',
    ]);
    const spec = JSON.parse(r.stdout);
    expect(spec.inputs.drive.kind).toBe('resistance');
    expect(Object.keys(spec.observables)).toEqual(['X_obs']);
  });

  it('refuses unsupported constructs with one line each naming the file and the id, exit 1', async () => {
    const xml = path.join(tempDir(), 'events.xml');
    fs.writeFileSync(
      xml,
      `<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"><model id="e">
<listOfEvents><event id="E1" useValuesFromTriggerTime="true"/><event id="E2" useValuesFromTriggerTime="true"/></listOfEvents>
</model></sbml>`,
    );
    const r = await run('import', xml);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      `eolab import: ${xml}: event "E1": events are not supported`,
      `eolab import: ${xml}: event "E2": events are not supported`,
    ]);
  });

  it('bad arguments and unreadable files get one line', async () => {
    expect(lines((await run('import')).stderr)).toEqual([
      'eolab import: missing FILE (usage: eolab import FILE.xml)',
    ]);
    const bad = await run('import', 'x.xml', '--input', 'rx=k');
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual([
      'eolab import: invalid --input: "rx=k" (expected re=ID or ee=ID, ID an SBML parameter id)',
    ]);
    const missing = await run('import', path.join(tempDir(), 'none.xml'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^eolab import: cannot read .*none\.xml: no such file or directory\n$/);
    const notXml = path.join(tempDir(), 'bad.xml');
    fs.writeFileSync(notXml, '<sbml><model></sbml>');
    const broken = await run('import', notXml);
    expect(broken.code).toBe(1);
    expect(lines(broken.stderr)[0]).toMatch(/^eolab import: not well-formed XML: /);
  });
});
