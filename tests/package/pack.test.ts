/**
 * A user's first steps, for real: `npm pack` this checkout, install the tarball into a fresh
 * project (dependencies from the npm registry or its cache, as a user gets them), then
 *
 * - import it from Node ESM (the library and the chart entry) and get the library's numbers;
 * - type-check TypeScript files that use it under `strict`, without `skipLibCheck`, so every
 *   shipped declaration is checked — and odex, whose TypeScript source fails `strict`, must
 *   never be reached;
 * - run README.md's TypeScript example as written (`npx tsx example.ts`) and check its output;
 * - run the `eolab` command from that project on plain Node, including a sweep whose worker
 *   threads come from the installed package.
 *
 * lib/ is built by the global setup; packing skips the prepack script so the build other test
 * files are using is not rebuilt under them. Needs network access to the npm registry (or a
 * warm npm cache) for the dependencies.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { csvParse } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProtocol, compileModel, getModel, readoutTable, simulate } from '../../src/index.ts';
import { codeBlocks, ROOT } from './readme.ts';

const exec = promisify(execFile);
const TSC = join(ROOT, 'node_modules/.bin/tsc');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};

let project: string;
let packed: string[];

/** Run a command in the consumer project; resolve with its output even when it fails. */
async function inProject(cmd: string, args: string[], timeout = 300_000) {
  try {
    const r = await exec(cmd, args, { cwd: project, timeout, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const write = (file: string, text: string) => writeFileSync(join(project, file), text);

/** A consumer tsconfig: Node ESM, strict, every declaration checked. */
function tsconfig(files: string[], lib: string[] = ['ES2022']) {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib,
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      noEmit: true,
    },
    files,
  });
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'eolab-consumer-'));
  const { stdout } = await exec(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', project],
    {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const info = JSON.parse(stdout)[0] as { filename: string; files: { path: string }[] };
  packed = info.files.map((f) => f.path).sort();
  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = await inProject('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    `./${info.filename}`,
    `@types/node@${pkg.devDependencies['@types/node']}`,
  ]);
  if (install.code !== 0) {
    throw new Error(
      `npm install of the packed tarball failed (needs the npm registry or its cache): ${install.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
}, 600_000);

describe('npm pack', () => {
  it('ships only what a user needs: compiled JS and declarations, the launcher, README, LICENSE', () => {
    expect(packed).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/eolab.mjs']));
    expect(packed).toEqual(expect.arrayContaining(['lib/src/index.js', 'lib/src/index.d.ts']));
    expect(packed).toContain('lib/src/cli/sweep-worker.js');
    expect(packed).toContain('lib/src/cli/task-worker.js');
    for (const f of packed) {
      expect(f, f).toMatch(
        /^(lib\/|bin\/eolab\.mjs$|README\.md$|LICENSE$|package\.json$|models\/model\.schema\.json$)/,
      );
      if (f.endsWith('.ts')) expect(f, f).toMatch(/\.d\.ts$/);
    }
    expect(packed.some((f) => /^(src|tests|bench|notebooks|scripts)\//.test(f))).toBe(false);
  });

  it('the LICENSE file matches the license field', () => {
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
  });

  it('no shipped declaration mentions odex; the CLI does not need tsx', () => {
    const installed = join(project, 'node_modules', pkg.name);
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((e) =>
        statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)],
      );
    const files = walk(installed);
    const dts = files.filter((f) => f.endsWith('.d.ts'));
    expect(dts.length).toBeGreaterThan(20);
    // No declaration imports odex (`from 'odex'`, `import('odex')`); naming the method 'odex' in a
    // string type is fine.
    const importsOdex = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]odex(?:\/[^'"]*)?['"]/;
    for (const f of dts) expect(readFileSync(f, 'utf8'), relative(installed, f)).not.toMatch(importsOdex);
    for (const f of files.filter((x) => x.endsWith('.js') || x.endsWith('.mjs'))) {
      expect(readFileSync(f, 'utf8'), relative(installed, f)).not.toMatch(/from ['"]tsx/);
    }
  });
});

describe('an installed copy', () => {
  it('imports from Node ESM and gives the same numbers as the library here', async () => {
    write(
      'check.mjs',
      `import { buildProtocol, compileModel, getModel, readoutTable, simulate } from 'exercise-order-lab';
import * as chart from 'exercise-order-lab/chart';
const model = compileModel(getModel());
const rows = readoutTable(simulate(model, buildProtocol(model, 'study', { gap: 30 })));
console.log(JSON.stringify({ rows, chart: typeof chart.timeCourseChart }));
`,
    );
    const r = await inProject('node', ['check.mjs']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.chart).toBe('function');
    const model = compileModel(getModel());
    const want = readoutTable(simulate(model, buildProtocol(model, 'study', { gap: 30 })));
    // Same code, compiled: identical to the last bit (NaN folds become null in JSON).
    expect(out.rows).toEqual(JSON.parse(JSON.stringify(want)));
  }, 300_000);

  it('type-checks a consumer under strict with every declaration checked, and catches a type error', async () => {
    write(
      'consumer.ts',
      `import {
  buildProtocol, compileModel, envelope, getModel, provenance, readoutTable, readoutsTable, simulate,
  type SimulationResult, tableToCsv, timeCourseTable,
} from 'exercise-order-lab';
const spec = getModel();
const model = compileModel(spec);
const result: SimulationResult = simulate(model, buildProtocol(model, 'study', { gap: -30 }));
const rows = readoutTable(result);
const mps: number | undefined = rows[0]?.fold['mps'];
const csv: string = tableToCsv(timeCourseTable(result, spec));
const json = envelope(
  provenance({ spec, createdBy: { tool: 'consumer', version: '1' }, protocol: result.protocol }),
  readoutsTable(rows),
);
console.log(mps, csv.length, json.data.length);
`,
    );
    write('tsconfig.json', tsconfig(['consumer.ts']));
    const ok = await inProject(TSC, ['-p', 'tsconfig.json', '--listFiles']);
    expect(ok.stdout.split('\n').filter((l) => l.includes('error TS'))).toEqual([]);
    expect(ok.code).toBe(0);
    // odex's TypeScript source (which fails strict) is never part of the program.
    expect(ok.stdout).toContain('exercise-order-lab/lib/src/index.d.ts');
    expect(ok.stdout).not.toMatch(/node_modules\/odex\//);

    write(
      'wrong.ts',
      `import { getModel } from 'exercise-order-lab';\nconst v: string = getModel().version.length;\n`,
    );
    write('tsconfig.wrong.json', tsconfig(['wrong.ts']));
    const bad = await inProject(TSC, ['-p', 'tsconfig.wrong.json']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toContain(
      "wrong.ts(2,7): error TS2322: Type 'number' is not assignable to type 'string'",
    );
  }, 300_000);

  it('type-checks a chart consumer (DOM lib) under strict', async () => {
    write(
      'chart.ts',
      `import { buildProtocol, compileModel, getModel, simulate } from 'exercise-order-lab';
import { timeCourseChart } from 'exercise-order-lab/chart';
const model = compileModel(getModel());
const svg: SVGSVGElement = timeCourseChart({ result: simulate(model, buildProtocol(model)), series: 'mps', width: 600, height: 300, document });
console.log(svg.outerHTML.length);
`,
    );
    write('tsconfig.chart.json', tsconfig(['chart.ts'], ['ES2022', 'DOM']));
    const r = await inProject(TSC, ['-p', 'tsconfig.chart.json']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  }, 300_000);

  it("runs README.md's TypeScript example as written (npx tsx example.ts) and prints the readouts", async () => {
    const block = codeBlocks().find((b) => b.lang === 'ts')!;
    expect(block.code).toContain("from 'exercise-order-lab'");
    write('example.ts', `${block.code}\n`);
    write('tsconfig.example.json', tsconfig(['example.ts']));
    const typed = await inProject(TSC, ['-p', 'tsconfig.example.json']);
    expect(typed.stdout).toBe('');
    const r = await inProject(TSX, ['example.ts']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // console.table of flat rows: labels and numbers, not [Object].
    expect(r.stdout).not.toContain('[Object]');
    for (const label of ['Control', 'RE only', 'EE only', 'RE→EE', 'EE→RE'])
      expect(r.stdout).toContain(label);
    const csv = r.stdout.slice(r.stdout.indexOf('group,label,time'));
    const rows = csvParse(csv);
    expect(rows.columns).toEqual([
      'group',
      'label',
      'time',
      'fold.anabolic',
      'fold.regulator',
      'fold.mps',
      'aucFold.1440',
      'aucFold.2880',
    ]);
    const model = compileModel(getModel());
    const want = readoutTable(simulate(model, buildProtocol(model, 'study', { gap: 0 })));
    expect(Math.abs(Number(rows[3]!['fold.mps']) - want[3]!.fold.mps!)).toBeLessThanOrEqual(
      1e-9 * want[3]!.fold.mps!,
    );
  }, 300_000);

  it('runs eolab from the project on plain node: --version, readouts, simulate with sidecar, sweep on workers', async () => {
    const eolab = join(project, 'node_modules/.bin/eolab');
    expect(await inProject(eolab, ['--version'])).toEqual({
      code: 0,
      stdout: `${pkg.version}\n`,
      stderr: '',
    });
    const readouts = await inProject(eolab, ['readouts', '--format', 'csv']);
    expect(readouts.code).toBe(0);
    expect(csvParse(readouts.stdout)).toHaveLength(5);
    const sim = await inProject(eolab, ['simulate', '--dt', '1h', '--out', 'run.csv']);
    expect(sim).toEqual({ code: 0, stdout: '', stderr: '' });
    const meta = JSON.parse(readFileSync(join(project, 'run.meta.json'), 'utf8'));
    expect(meta.createdBy).toMatchObject({ tool: pkg.name, version: pkg.version });
    const sweep = await inProject(eolab, [
      'sweep',
      '--x',
      'gap:0:1h:2',
      '--y',
      'eeIntensity:0.6:0.7:2',
      '--format',
      'json',
    ]);
    expect(sweep.code).toBe(0);
    expect(sweep.stderr).toMatch(/^eolab sweep: 4 cells on \d+ workers? in /);
    expect(JSON.parse(sweep.stdout).data).toHaveLength(4);
  }, 300_000);
});
