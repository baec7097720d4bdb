/**
 * README.md's shell blocks run as written: each command line goes to bash unchanged, in a fresh
 * folder, with `npx eolab` being this checkout's compiled CLI (`node bin/eolab.mjs`, the bin that
 * `npx` runs in the repository), and what it printed or wrote is checked. The TypeScript block
 * runs against the packed package in tests/package/pack.test.ts. A block this file does not know
 * fails the test, so a new README example cannot go unchecked.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../../src/index.ts';
import { codeBlocks, ROOT, shellCommands } from './readme.ts';

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run one README command line with bash in `cwd`; `npx eolab` is this checkout's CLI. */
function sh(line: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  const npx = `npx() { if [ "$1" = eolab ]; then shift; node ${JSON.stringify(join(ROOT, 'bin/eolab.mjs'))} "$@"; else command npx "$@"; fi; }`;
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', `${npx}\n${line}`],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const json = (dir: string, file: string) => JSON.parse(read(dir, file));

/** What each README command must have done (keyed by the command without its comment). */
const CHECKS: Record<string, (r: Ran, dir: string) => void> = {
  'npx eolab models': (r) => expect(r.stdout).toMatch(/^concurrent-training\t/m),
  'npx eolab targets': (r) => {
    for (const t of TARGETS) expect(r.stdout).toMatch(new RegExp(`^${t.id}\\s+✓`, 'm'));
  },
  'npx eolab readouts': (r) => {
    expect(r.stdout).toMatch(
      /^group\s+label\s+time \(min\)\s+anabolic\s+regulator\s+mps\s+AUC 24 h\s+AUC 48 h$/m,
    );
    expect(r.stdout).toMatch(/^re-ee\s+RE→EE\s+260\s/m);
  },
  'npx eolab readouts --gap 6h --at 1h --format json': (r) => {
    const out = JSON.parse(r.stdout);
    const reEe = out.protocol.groups.find((g: { id: string }) => g.id === 're-ee');
    expect(reEe.bouts[1].start - (reEe.bouts[0].start + reEe.bouts[0].duration)).toBe(360);
    expect(out.data.find((d: { group: string }) => d.group === 're').time).toBe(80 + 60);
  },
  'npx eolab simulate --gap -30 --out run.csv': (r, dir) => {
    expect(r.stdout).toBe('');
    const rows = csvParse(read(dir, 'run.csv'));
    expect(rows.columns.slice(0, 2)).toEqual(['group', 'time']);
    expect(new Set(rows.map((x) => x.group))).toEqual(new Set(['control', 're', 'ee', 're-ee', 'ee-re']));
    const meta = json(dir, 'run.meta.json');
    expect(meta.data).toBe('run.csv');
    expect(meta.createdBy.command).toBe('eolab simulate --gap -30 --out run.csv');
  },
  'npx eolab simulate --param-preset endurance-trained --set tauR=90 --format json --out trained.json': (
    _r,
    dir,
  ) => {
    const out = json(dir, 'trained.json');
    expect(out.parameterPreset).toBe('endurance-trained');
    expect(out.parameters.tauR).toBe(90);
    expect(out.data.length).toBeGreaterThan(0);
  },
  'npx eolab export --out my-model.json': (_r, dir) =>
    expect(json(dir, 'my-model.json').id).toBe('concurrent-training'),
  'npx eolab validate my-model.json': (r) => expect(r.stdout).toBe('ok: concurrent-training\n'),
  'npx eolab sweep --x gap:-12h:12h:25 --y eeIntensity:0.5:1:6 --out map.csv': (r, dir) => {
    expect(r.stderr).toMatch(/^eolab sweep: 150 cells on \d+ workers? in [\d.]+ s \(0 failed\)$/m);
    const rows = csvParse(read(dir, 'map.csv'));
    expect(rows.columns).toEqual(['gap', 'eeIntensity', 'mps3h']);
    expect(rows).toHaveLength(150);
    expect(json(dir, 'map.meta.json').axes.x).toMatchObject({ name: 'gap', min: -720, max: 720, count: 25 });
  },
  'npx eolab export --format sbml --out model.xml': (r, dir) => {
    expect(r.stdout).toBe('');
    expect(read(dir, 'model.xml')).toMatch(/<sbml [^>]*level="3" version="2"/);
  },
  'npx eolab export --format sbml --group ee-re --param-preset endurance-trained --out ee-re.xml': (
    r,
    dir,
  ) => {
    expect(r.stdout).toBe('');
    expect(read(dir, 'ee-re.xml')).toMatch(/<sbml [^>]*level="3" version="2"/);
  },
  'npx eolab import model.xml --out same-model.json': (r, dir) => {
    expect(r.stdout).toBe('');
    expect(json(dir, 'same-model.json').id).toBe('concurrent-training');
  },
  'npx eolab import docs/examples/two-signal.xml --input re=stimRE --input ee=stimEE --observe M --out two-signal.json':
    (r, dir) => {
      expect(r.stdout).toBe('');
      expect(Object.keys(json(dir, 'two-signal.json').observables)).toEqual(['M_obs']);
    },
  'npx eolab readouts --model two-signal.json --format table': (r) => {
    expect(r.stdout).toMatch(/^group\s+label\s+time \(min\)\s+M_obs\s+AUC 24 h\s+AUC 48 h$/m);
    for (const g of ['control', 're', 'ee', 're-ee', 'ee-re'])
      expect(r.stdout).toMatch(new RegExp(`^${g}\\s`, 'm'));
  },
  'npx eolab sensitivity --format csv --out sensitivity.csv': (_r, dir) => {
    const rows = csvParse(read(dir, 'sensitivity.csv'));
    expect(rows.columns.slice(0, 3)).toEqual(['parameter', 'label', 'value']);
    expect(json(dir, 'sensitivity.meta.json').readout).toBe('order-effect');
  },
  'npx eolab readouts --anchor end-of-workout': (r) => {
    // RE→EE and EE→RE both end their workout at the same clock time in the study design here,
    // so they are read at the same time; RE only is read 3 h after its RE bout.
    const time = (g: string) => Number(new RegExp(`^${g}\\s+.*?\\s(\\d+)\\s`, 'm').exec(r.stdout)![1]);
    expect(time('re-ee')).toBe(time('ee-re'));
    expect(time('re')).toBe(260);
  },
  'npx eolab readouts --ensemble': (r) => {
    expect(r.stdout).toMatch(/^1\d{3} plausible models \(models\/concurrent-training\.ensemble\.json\)/);
    expect(r.stdout).toMatch(/^group\s+label\s+time \(min\)\s+readout\s+median\s+50% band\s+90% band$/m);
    expect(r.stdout).toMatch(/^re-ee\s+RE→EE\s+260\s+mps\s+[\d.]+\s+[\d.]+–[\d.]+\s+[\d.]+–[\d.]+$/m);
    expect(r.stderr).toMatch(/^eolab readouts: 100% \d+\/\d+ members/m);
  },
  'npx eolab sensitivity --global': (r) => {
    expect(r.stdout).toMatch(
      /^Sobol indices over the prior, from the committed file models\/concurrent-training\.sobol\.json/,
    );
    expect(r.stdout).toContain('Order effect at 3 h');
    expect(r.stdout).toContain('Order effect in 24-h MPS AUC');
  },
  'npx eolab ensemble --n 3 --prior-draws 10 --out small.ensemble.json': (r, dir) => {
    const file = json(dir, 'small.ensemble.json');
    expect(file.members).toHaveLength(3);
    expect(file.command).toBe('eolab ensemble --model concurrent-training --n 3 --seed 1 --prior-draws 10');
    expect(r.stderr).toMatch(/^eolab ensemble: wrote small\.ensemble\.json: 3 members/m);
  },
  'npx eolab readouts --ensemble-file small.ensemble.json --format csv': (r) => {
    const rows = csvParse(r.stdout);
    expect(rows.columns).toEqual([
      'group',
      'label',
      'time',
      'readout',
      'members',
      'median',
      'q25',
      'q75',
      'q05',
      'q95',
    ]);
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(row.members).toBe('3');
  },
};

/** Blocks that are not run here, and why. */
const NOT_RUN: Record<string, string> = {
  'npm install && npm start': 'starts the dev server and a browser; the built app is tested in tests/browser',
  'npm install exercise-order-lab':
    'installs from the npm registry; tests/package/pack.test.ts installs the packed tarball of this checkout instead',
};

const blocks = codeBlocks();

describe('README.md', () => {
  it('has the blocks this test knows: the CLI examples, the install lines, the notebooks and one TypeScript example', () => {
    const sh = blocks.filter((b) => b.lang === 'sh');
    for (const b of sh) {
      const first = shellCommands(b)[0]!;
      const known =
        first.startsWith('npx eolab') || first in NOT_RUN || first === 'node notebooks/kernel.mjs';
      expect(known, `README.md line ${b.line}: a shell block this test does not run or explain`).toBe(true);
    }
    expect(blocks.filter((b) => b.lang === 'ts')).toHaveLength(1);
    expect(
      blocks.every((b) => b.lang === 'sh' || b.lang === 'ts'),
      'only sh and ts blocks',
    ).toBe(true);
  });

  it('runs every CLI example as written, each with exit code 0 and the output it promises', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eolab-readme-'));
    // The README's commands run from a checkout: its example files are where it says.
    cpSync(join(ROOT, 'docs/examples'), join(dir, 'docs/examples'), { recursive: true });
    const commands = blocks
      .filter((b) => b.lang === 'sh')
      .flatMap(shellCommands)
      .filter((c) => c.startsWith('npx eolab'));
    expect(commands.length).toBeGreaterThanOrEqual(8);
    for (const command of commands) {
      const check = CHECKS[command];
      expect(check, `README command without a check in this test: ${command}`).toBeDefined();
      const r = await sh(command, dir);
      expect(r.code, `${command}\n${r.stderr}`).toBe(0);
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
      check!(r, dir);
    }
    expect(Object.keys(CHECKS).filter((c) => !commands.includes(c))).toEqual([]);
  }, 1_200_000);

  it('registers the notebook kernel as written, and Jupyter finds it on the path the README gives', async () => {
    const block = blocks.find((b) => b.lang === 'sh' && shellCommands(b)[0] === 'node notebooks/kernel.mjs')!;
    const [register, open] = shellCommands(block);
    const r = await sh(register!, ROOT);
    expect(r.code).toBe(0);
    expect(existsSync(join(ROOT, '.jupyter/kernels/deno/kernel.json'))).toBe(true);
    // `jupyter lab` is interactive: run the same environment with `jupyter kernelspec list`.
    expect(open).toMatch(/^JUPYTER_PATH=\$PWD\/\.jupyter jupyter lab notebooks\/$/);
    const list = await sh(open!.replace('jupyter lab notebooks/', 'jupyter kernelspec list --json'), ROOT);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).kernelspecs.deno.resource_dir).toBe(join(ROOT, '.jupyter/kernels/deno'));
  });
});
