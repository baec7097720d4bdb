import { describe, expect, it } from 'vitest';
import { COMMANDS, VERSION } from '../../src/cli/main.ts';
import { lines, run } from './helpers.ts';

describe('main', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name}\\s`, 'm'));
    expect(r.stdout).toContain('Exit codes');
  });

  it('registers the sweep, sensitivity and ensemble commands with the others', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'models',
      'params',
      'simulate',
      'readouts',
      'targets',
      'sweep',
      'sensitivity',
      'ensemble',
      'export',
      'import',
      'validate',
      'schema',
    ]);
  });

  it.each(COMMANDS.map((c) => c.name))('%s --help prints the usage and exits 0', async (name) => {
    const r = await run(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`eolab ${name}`);
    expect(r.stdout.endsWith('\n')).toBe(true);
  });

  it('help COMMAND equals COMMAND --help', async () => {
    const a = await run('help', 'readouts');
    const b = await run('readouts', '--help');
    expect(a).toEqual(b);
    expect(a.stdout).toContain('--at DURATION');
  });

  it('--version prints the package version', async () => {
    const r = await run('--version');
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('no command: exit 2 with one line naming the commands', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('missing command');
  });

  it('unknown command: exit 2 naming it and the command probably meant', async () => {
    const r = await run('simulat');
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringContaining('unknown command: "simulat" (did you mean "simulate"?'),
    ]);
    for (const [typo, meant] of [
      ['readout', 'readouts'],
      ['Targets', 'targets'],
      ['sensitivty', 'sensitivity'],
      ['swep', 'sweep'],
    ]) {
      expect((await run(typo!)).stderr).toContain(`(did you mean "${meant}"?`);
    }
    // Nothing close: no guess, just the list.
    expect((await run('frobnicate')).stderr).toBe(
      `eolab: unknown command: "frobnicate" (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see eolab --help)\n`,
    );
  });

  it('unknown top-level option: exit 2 naming it', async () => {
    const r = await run('--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option: "--frobnicate"');
    expect((await run('--verison')).stderr).toContain('(did you mean "--version"?');
  });

  it("--help and every command's --help fit a 100-column terminal", async () => {
    for (const argv of [['--help'], ...COMMANDS.map((c) => [c.name, '--help'])]) {
      for (const l of lines((await run(...argv)).stdout)) {
        expect([...l].length, `${argv.join(' ')}: ${l}`).toBeLessThanOrEqual(100);
      }
    }
  });
});
