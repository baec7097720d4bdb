/**
 * The built site ships woff2 fonts only and no source maps, unless asked for with
 * `npm run build -- --sourcemap` (Vite's own flag), which is run here as written.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../browser/serve.ts';
import { ROOT } from './readme.ts';

const exec = promisify(execFile);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = join(dir, e);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe('the static site build', () => {
  it('ships woff2 fonts only, none referenced in another format, and no source maps', async () => {
    const all = files(await buildApp());
    const fonts = all.filter((f) => /\.(woff2?|ttf|otf|eot)$/.test(f));
    expect(fonts.length).toBeGreaterThan(0);
    expect(new Set(fonts.map((f) => extname(f)))).toEqual(new Set(['.woff2']));
    for (const css of all.filter((f) => f.endsWith('.css'))) {
      expect(readFileSync(css, 'utf8')).not.toMatch(/\.(woff|ttf)\)/);
    }
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(
      all.filter((f) => f.endsWith('.js')).some((f) => readFileSync(f, 'utf8').includes('sourceMappingURL')),
    ).toBe(false);
  }, 300_000);

  it('npm run build -- --sourcemap adds a map for every script', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'eolab-site-maps-'));
    await exec(
      'npm',
      ['run', 'build', '--', '--sourcemap', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        timeout: 300_000,
      },
    );
    const all = files(outDir);
    // Files copied verbatim from public/ are their own source, and the bundler's runtime helper
    // chunk (rolldown-runtime) holds no code of ours; every other script must map to sources.
    const copied = new Set(readdirSync(join(ROOT, 'public')).map((f) => join(outDir, f)));
    const scripts = all.filter(
      (f) => f.endsWith('.js') && !copied.has(f) && !/[\\/]rolldown-runtime-[^/\\]*\.js$/.test(f),
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const js of scripts) expect(all).toContain(`${js}.map`);
  }, 300_000);
});
