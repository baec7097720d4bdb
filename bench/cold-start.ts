/**
 * CLI cold start, reported (never asserted): wall time of `eolab --version` and `eolab models`
 * (the compiled CLI on plain node, as `npx eolab` runs it once installed) against `node -e 0` on
 * the same machine, as a ratio of medians. Runs are interleaved so load on a shared machine hits
 * all three alike; the spread (p10–p90) is printed too. Builds lib/ first when it is missing.
 *
 * Run: `npm run bench` (after the core benchmarks), or
 * `npx tsx --tsconfig tsconfig.node.json bench/cold-start.ts [--runs 40]`
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/eolab.mjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const runs = Math.max(5, Number(values.runs));

if (!existsSync(join(ROOT, 'lib/src/cli/main.js'))) {
  execFileSync('npm', ['run', '--silent', 'build:lib'], { cwd: ROOT, stdio: 'inherit' });
}

const commands: readonly { label: string; args: string[] }[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'eolab --version', args: [BIN, '--version'] },
  { label: 'eolab models', args: [BIN, 'models'] },
];

function once(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`);
  return ms;
}

function quantile(sorted: number[], f: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!;
}

// Warm the file cache, then interleave.
for (const c of commands) once(c.args);
const samples = commands.map(() => [] as number[]);
for (let r = 0; r < runs; r++) {
  commands.forEach((c, i) => {
    samples[i]!.push(once(c.args));
  });
}

const stats = samples.map((s) => {
  const sorted = [...s].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) };
});
const base = stats[0]!.median;
process.stdout.write(
  `\nCLI cold start (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${runs} interleaved runs each)\n`,
);
commands.forEach((c, i) => {
  const s = stats[i]!;
  const ratio = i === 0 ? '' : `  ratio to node -e 0: ${(s.median / base).toFixed(2)}×`;
  process.stdout.write(
    `  ${c.label.padEnd(16)} median ${s.median.toFixed(0).padStart(4)} ms (p10 ${s.p10.toFixed(0)}, p90 ${s.p90.toFixed(0)})${ratio}\n`,
  );
});
