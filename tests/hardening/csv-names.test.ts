/**
 * Issue 13, item 8 (CLI): whatever the names in a model file, every CSV row has the header's
 * width and no cell starts a spreadsheet formula; the provenance sidecar is JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../cli/helpers.ts';
import { editableModel, writeModelFile } from './helpers.ts';

const HOSTILE = "x\n=1+1,=cmd|' /C calc'!A0,y";

function hostileModel(): string {
  const m = editableModel();
  m.id = 'hostile';
  m.name = HOSTILE;
  m.description = `a\r\n=2+2,"b"\r\n@SUM(1)`;
  for (const [i, p] of Object.values(m.parameters).entries()) {
    (p as { label: string }).label = i % 2 ? `-1+cmd\r\n,${HOSTILE}` : `+x\u2028=y`;
    (p as { description: string }).description = `\t=1,\n"q"`;
    (p as { unit: string }).unit = '=A1';
  }
  for (const s of Object.values(m.states)) (s as { label: string }).label = `@x\r${HOSTILE}`;
  for (const o of Object.values(m.observables)) (o as { label: string }).label = `=o\n${HOSTILE}`;
  for (const p of Object.values(m.parameterPresets)) (p as { label: string }).label = HOSTILE;
  return writeModelFile(m);
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function checkCsv(text: string, what: string) {
  const rows = csvParseRows(text);
  const width = rows[0]!.length;
  for (const [i, row] of rows.entries()) {
    expect(row.length, `${what} row ${i}`).toBe(width);
    for (const cell of row) {
      if (NUMBER.test(cell)) continue;
      expect(cell, `${what} row ${i}`).not.toMatch(/^[=+\-@\t\r]/);
      expect(cell, `${what} row ${i}`).not.toMatch(/[\r\n]/);
    }
  }
  for (const line of text.split('\n')) expect(line, what).not.toMatch(/^[=+@]/);
}

describe('CSV from hostile names', () => {
  it('every CSV the CLI writes keeps rows the same width and no formula cell', async () => {
    const model = hostileModel();
    const dir = tempDir();
    const commands: string[][] = [
      ['params'],
      ['readouts'],
      ['simulate', '--dt', '60'],
      ['targets'],
      ['sensitivity', '--percent', '10'],
      ['sweep', '--x', 'gap:-60:60:3', '--y', 'eeIntensity:0.5:1:2'],
    ];
    for (const argv of commands) {
      const out = path.join(dir, `${argv[0]}.csv`);
      const r = await run(...argv, '--model', model, '--format', 'csv', '--out', out);
      expect([0, 1], `${argv.join(' ')}: ${r.stderr}`).toContain(r.code);
      if (r.code !== 0) continue;
      checkCsv(fs.readFileSync(out, 'utf8'), argv[0]!);
      const meta = JSON.parse(fs.readFileSync(path.join(dir, `${argv[0]}.meta.json`), 'utf8'));
      expect(meta.model.name).toBe(HOSTILE);
    }
  }, 300_000);

  it('models --format csv (bundled names) is inert too', async () => {
    const r = await run('models', '--format', 'csv');
    checkCsv(r.stdout, 'models');
  });
});
