/**
 * Issue 13, item 1: `--out` never replaces an input, and writes are atomic (temp file + rename),
 * so a failed write leaves the old file as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, processIO } from '../../src/cli/main.ts';
import { writeFileAtomic } from '../../src/cli/write.ts';
import { lines, run, tempDir } from '../cli/helpers.ts';

describe('--out never replaces an input file', () => {
  for (const command of ['simulate', 'readouts', 'sensitivity', 'params', 'targets']) {
    it(`eolab ${command} --model m.json --out m.json refuses, names both, and leaves m.json intact`, async () => {
      const dir = tempDir();
      const model = path.join(dir, 'm.json');
      expect((await run('export', '--out', model)).code).toBe(0);
      const before = fs.readFileSync(model, 'utf8');
      const r = await run(command, '--model', model, '--format', 'csv', '--out', model);
      expect(r.code, r.stderr).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toContain(`--out ${model}`);
      expect(r.stderr).toMatch(/is the input file/);
      expect(fs.readFileSync(model, 'utf8')).toBe(before);
    }, 120_000);
  }

  it('the same file reached through a symlink, a hard link or "./" is refused too', async () => {
    const dir = tempDir();
    const model = path.join(dir, 'm.json');
    expect((await run('export', '--out', model)).code).toBe(0);
    const before = fs.readFileSync(model, 'utf8');
    fs.symlinkSync(model, path.join(dir, 'link.json'));
    fs.linkSync(model, path.join(dir, 'hard.json'));
    for (const out of [path.join(dir, 'link.json'), path.join(dir, 'hard.json'), `${dir}/./m.json`]) {
      const r = await run('params', '--model', model, '--format', 'csv', '--out', out);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/is the input file/);
    }
    expect(fs.readFileSync(model, 'utf8')).toBe(before);
  });

  it('the CSV sidecar (default or --meta) may not replace the model either', async () => {
    const dir = tempDir();
    const model = path.join(dir, 'run.meta.json');
    expect((await run('export', '--out', model)).code).toBe(0);
    const before = fs.readFileSync(model, 'utf8');
    const r = await run('params', '--model', model, '--format', 'csv', '--out', path.join(dir, 'run.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the input file/);
    expect(fs.readFileSync(model, 'utf8')).toBe(before);
    const same = await run(
      'params',
      '--format',
      'csv',
      '--out',
      path.join(dir, 'a.csv'),
      '--meta',
      path.join(dir, 'a.csv'),
    );
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/written twice|same file/);
  });

  it('eolab import x.xml --out x.xml refuses', async () => {
    const dir = tempDir();
    const xml = path.join(dir, 'm.xml');
    expect((await run('export', '--format', 'sbml', '--out', xml)).code).toBe(0);
    const before = fs.readFileSync(xml, 'utf8');
    const r = await run('import', xml, '--out', xml);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(xml, 'utf8')).toBe(before);
  });
});

describe('writes are atomic', () => {
  it('the real file system writer replaces the file by rename (a new inode), never in place', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'out.csv');
    fs.writeFileSync(file, 'old\n');
    const inode = fs.statSync(file).ino;
    let stderr = '';
    const io = {
      ...processIO(),
      stdout: () => {},
      stderr: (t: string) => {
        stderr += t;
      },
    };
    expect(await main(['params', '--format', 'csv', '--out', file], io), stderr).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^name,/);
    expect(fs.statSync(file).ino).not.toBe(inode);
    expect(fs.readdirSync(dir).sort()).toEqual(['out.csv', 'out.meta.json']);
  });

  it('a failed write leaves the old content and no temporary file', () => {
    const dir = tempDir();
    const target = path.join(dir, 'busy');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'x');
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('x');
    expect(fs.readdirSync(dir)).toEqual(['busy']);
  });
});
