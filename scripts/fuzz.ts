/**
 * `npm run fuzz`: every fuzz target at full size (default 100,000 cases each), printing per
 * target the cases run, the outcome classes with their counts, the bugs found (by class, with
 * the first input of each) and the time. Exit 1 if any bug was found.
 *
 *   npm run fuzz                                   # all targets, 100,000 cases each, seed 1
 *   npm run fuzz -- --count 20000 --targets cli,model --seed 7
 *   npm run fuzz -- --record docs/fuzz-record.json  # also write the run as JSON (then `npm run docs:reliability`)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import fc from 'fast-check';
import type { FuzzRunRecord, FuzzTargetRecord } from './fuzz-record.ts';
import { runCase } from './fuzz-invariants.ts';
import { TARGETS } from './fuzz-targets.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const count = Number(option('count', '100000'));
const seed = Number(option('seed', '1'));
const only = option('targets', TARGETS.map((t) => t.name).join(',')).split(',');
const record = option('record', '');
if (!(Number.isInteger(count) && count > 0) || !Number.isInteger(seed)) {
  process.stderr.write('fuzz: --count must be a positive integer and --seed an integer\n');
  process.exit(2);
}
const unknown = only.filter((n) => !TARGETS.some((t) => t.name === n));
if (unknown.length > 0) {
  process.stderr.write(`fuzz: unknown target ${unknown.join(', ')} (targets: ${TARGETS.map((t) => t.name).join(', ')})\n`);
  process.exit(2);
}

const CHUNK = 500;
let bugsTotal = 0;
const started = new Date().toISOString();
const records: FuzzTargetRecord[] = [];
console.log(`fuzz: ${count} cases per target, seed ${seed}, started ${started}`);
for (const target of TARGETS.filter((t) => only.includes(t.name))) {
  const t0 = performance.now();
  const classes = new Map<string, number>();
  const bugs = new Map<string, { count: number; first: string; input: string }>();
  let slowest = 0;
  for (let done = 0, chunk = 0; done < count; chunk++) {
    const n = Math.min(CHUNK, count - done);
    const inputs = fc.sample(target.arbitrary, { numRuns: n, seed: seed * 1_000_003 + chunk });
    for (const input of inputs) {
      const r = await runCase(target, input);
      slowest = Math.max(slowest, r.seconds);
      classes.set(r.outcome, (classes.get(r.outcome) ?? 0) + 1);
      if (r.bug) {
        const b = bugs.get(r.bug.kind) ?? { count: 0, first: r.bug.message, input: JSON.stringify(input).slice(0, 400) };
        b.count++;
        bugs.set(r.bug.kind, b);
      }
    }
    done += n;
    if (process.stderr.isTTY) process.stderr.write(`\r${target.name}: ${done}/${count}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const seconds = (performance.now() - t0) / 1000;
  const bugCount = [...bugs.values()].reduce((a, b) => a + b.count, 0);
  bugsTotal += bugCount;
  console.log(`\n${target.name}: ${count} cases in ${seconds.toFixed(1)} s (slowest case ${slowest.toFixed(2)} s); bugs ${bugCount}`);
  for (const [c, k] of [...classes.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(k).padStart(7)}  ${c}`);
  for (const [kind, b] of bugs) console.log(`  BUG ${kind} ×${b.count}: ${b.first}\n      input: ${b.input}`);
  records.push({
    name: target.name,
    cases: count,
    seconds: Number(seconds.toFixed(1)),
    slowestSeconds: Number(slowest.toFixed(2)),
    classes: Object.fromEntries([...classes.entries()].sort((a, b) => b[1] - a[1])),
    bugs: Object.fromEntries(bugs),
  });
}
const finished = new Date().toISOString();
console.log(`\nfuzz: ${bugsTotal === 0 ? 'no bugs' : `${bugsTotal} bugs`}; finished ${finished}`);
if (record) {
  const run: FuzzRunRecord = {
    command: `npm run fuzz -- ${process.argv.slice(2).join(' ')}`.trim(),
    seed,
    casesPerTarget: count,
    started,
    finished,
    commit: execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).trim(),
    node: process.versions.node,
    cpus: cpus().length,
    targets: records,
  };
  writeFileSync(record, `${JSON.stringify(run, null, 2)}\n`);
  console.log(`fuzz: run recorded in ${record}`);
}
process.exitCode = bugsTotal === 0 ? 0 : 1;
