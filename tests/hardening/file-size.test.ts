/**
 * Issue 13, item 6: model files are read with a size bound checked before parsing; a device
 * that never ends (`/dev/zero`) fails fast with one line naming the file and the bound.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_FILE_BYTES } from '../../src/model/limits.ts';
import { lines, run, tempDir } from '../cli/helpers.ts';

describe('input files have a size bound', () => {
  it('a model file larger than the bound is refused before it is read, naming file and size', async () => {
    const file = path.join(tempDir(), 'huge.json');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, MAX_INPUT_FILE_BYTES + 1);
    fs.closeSync(fd);
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(String(MAX_INPUT_FILE_BYTES + 1));
    expect(r.stderr).toMatch(/too large/);
  });

  it('eolab validate /dev/zero fails fast, naming the bound', async () => {
    const r = await run('validate', '/dev/zero');
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('/dev/zero');
    expect(r.stderr).toMatch(/too large/);
  });

  it('--model /dev/zero fails the same way', async () => {
    const r = await run('readouts', '--model', '/dev/zero');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\/dev\/zero.*too large/);
  });
});
