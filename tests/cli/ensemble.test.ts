/**
 * `eolab ensemble`: the file it writes is the library's ensemble for the same request, byte for
 * byte, whatever the number of workers, and the same as `scripts/write-ensemble.ts` writes; it
 * reports progress on stderr (a bar on a terminal, plain lines otherwise); bad arguments get one
 * line naming the flag and the value. Small requests (1 member, blocks of 100 draws) keep it fast:
 * seed 1 keeps draw 3 first.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../../models/index.ts';
import { defaultEnsemblePath } from '../../src/cli/commands/ensemble.ts';
import { ensembleCommandLine } from '../../src/cli/ensemble-generate.ts';
import { main } from '../../src/cli/main.ts';
import {
  assembleEnsemble,
  compileModel,
  DEFAULT_SOLVE_OPTIONS,
  type EnsembleTaskResult,
  formatEnsembleJson,
  parseEnsembleFile,
  priorTasks,
  rejectionBlock,
  runEnsembleTask,
  samplerTask,
} from '../../src/index.ts';
import { lines, run, tempDir } from './helpers.ts';

const spec = getModel();
const model = compileModel(spec);
const SMALL = ['--n', '1', '--block', '100', '--prior-draws', '2'] as const;
const request = { seed: 1, n: 1, priorDraws: 2, settings: { blockSize: 100 } };

/** The same ensemble straight from the library: sampler block 0, then the prior-predictive tasks. */
function libraryEnsembleText(): string {
  const results: EnsembleTaskResult[] = [runEnsembleTask(model, samplerTask(request, 0)!)];
  for (const t of priorTasks(request)) results.push(runEnsembleTask(model, t));
  const file = assembleEnsemble(model, request, results, {
    command: ensembleCommandLine(spec.id, request),
    solver: DEFAULT_SOLVE_OPTIONS,
  });
  return formatEnsembleJson(file);
}

describe('eolab ensemble', () => {
  it('writes the library’s ensemble byte for byte, on one worker and on two', {
    timeout: 300_000,
  }, async () => {
    const dir = tempDir();
    const one = await run('ensemble', ...SMALL, '--workers', '1', '--out', path.join(dir, 'one.json'));
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toBe('');
    const text = fs.readFileSync(path.join(dir, 'one.json'), 'utf8');
    expect(text).toBe(libraryEnsembleText());
    const file = parseEnsembleFile(JSON.parse(text), 'one.json', model);
    expect(file.drawIndex).toEqual([3]);
    // Draw 3 is what a fresh rejection block keeps, value for value.
    const fresh = rejectionBlock(model, { seed: 1, start: 0, end: 100 });
    expect(file.members).toEqual(fresh.accepted.map((a) => a.values));
    expect(file.command).toBe(
      'eolab ensemble --model concurrent-training --n 1 --seed 1 --prior-draws 2 --block 100',
    );
    // The summary names the file, the members and the acceptance rate.
    expect(lines(one.stderr).at(-1)).toMatch(
      /^eolab ensemble: wrote .*one\.json: 1 members; acceptance 1\.00% \(1\/100 draws\)/,
    );
    const two = await run('ensemble', ...SMALL, '--workers', '2', '--out', path.join(dir, 'two.json'));
    expect(two.code, two.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'two.json'), 'utf8')).toBe(text);
  });

  it('scripts/write-ensemble.ts writes the same bytes (it runs the same command)', {
    timeout: 300_000,
  }, () => {
    const dir = tempDir();
    const out = path.join(dir, 'script.json');
    const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
    execFileSync(
      process.execPath,
      [
        tsx,
        '--tsconfig',
        'tsconfig.node.json',
        'scripts/write-ensemble.ts',
        ...SMALL,
        '--workers',
        '1',
        '--out',
        out,
      ],
      { stdio: 'pipe' },
    );
    expect(fs.readFileSync(out, 'utf8')).toBe(libraryEnsembleText());
  });

  it('progress: plain lines when stderr is not a terminal, a bar redrawn in place when it is', {
    timeout: 300_000,
  }, async () => {
    const dir = tempDir();
    const plain = await run('ensemble', ...SMALL, '--workers', '1', '--out', path.join(dir, 'a.json'));
    const progressLines = lines(plain.stderr).slice(0, -1);
    expect(progressLines.length).toBeGreaterThan(0);
    for (const l of progressLines) expect(l).toMatch(/^eolab ensemble: +\d+% .*\(\d+:\d\d elapsed\)$/);
    expect(progressLines.at(-1)).toMatch(/100% prior-predictive check 2\/2/);
    expect(plain.stderr).not.toContain('\r');
    let stderr = '';
    const code = await main(
      [...['ensemble', ...SMALL], '--workers', '1', '--out', path.join(dir, 'b.json')],
      {
        stdout: () => {},
        stderr: (t) => {
          stderr += t;
        },
        stderrIsTTY: true,
        readFile: (p) => fs.readFileSync(p, 'utf8'),
        writeFile: (p, d) => fs.writeFileSync(p, d),
      },
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/^\r\[[#-]{30}\] +\d+% /);
    expect(stderr).toContain('\r\u001b[K');
    expect(stderr.split('\r\u001b[K').at(-1)).toMatch(/^eolab ensemble: wrote /);
  });

  it('stops with exit 1 when the draw limit comes before the members', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const r = await run(
      'ensemble',
      '--n',
      '1',
      '--block',
      '3',
      '--max-draws',
      '3',
      '--prior-draws',
      '1',
      '--workers',
      '1',
      '--out',
      path.join(dir, 'x.json'),
    );
    expect(r.code).toBe(1);
    expect(lines(r.stderr).at(-1)).toBe(
      'eolab ensemble: only 0 of 1 members met every target in the draw limit of 3 draws (raise --max-draws or lower --n)',
    );
    expect(fs.existsSync(path.join(dir, 'x.json'))).toBe(false);
  });

  it.each([
    [['--n', '0'], 'invalid --n: "0" (expected an integer from 1 to 1000000)'],
    [['--n', 'ten'], 'invalid --n: "ten"'],
    [['--n', '1.5'], 'invalid --n: "1.5"'],
    [['--seed', '-1'], 'invalid --seed: "-1" (expected an integer ≥ 0)'],
    [['--workers', '0'], 'invalid --workers: "0" (expected an integer from 1 to 256)'],
    [['--prior-draws', '0'], 'invalid --prior-draws: "0"'],
    [['--block', 'x'], 'invalid --block: "x"'],
    [['--max-draws', '1e6'], 'invalid --max-draws: "1e6"'],
    [['--model', 'nope'], 'invalid --model: "nope"'],
    [['--nn', '3'], 'unknown option --nn (did you mean --n?)'],
  ])('eolab ensemble %j: exit 2 and one line naming the flag', async (args, message) => {
    const r = await run('ensemble', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`eolab ensemble: ${message}`);
  });

  it('--out defaults to the model’s ensemble file: models/<id>.ensemble.json, or beside a model file', () => {
    expect(defaultEnsemblePath(undefined, spec.id)).toBe(path.resolve('models', `${spec.id}.ensemble.json`));
    expect(defaultEnsemblePath('concurrent-training', spec.id)).toBe(
      path.resolve('models', `${spec.id}.ensemble.json`),
    );
    expect(defaultEnsemblePath('work/my-model.json', 'my-model')).toBe('work/my-model.ensemble.json');
  });
});
