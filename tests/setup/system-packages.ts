/**
 * Vitest global setup: make sure what the suites need outside node_modules is there before any
 * test runs.
 *
 * - Chromium (`/usr/bin/chromium`, Debian package `chromium`) for the browser tests.
 * - Jupyter for the notebook tests: `jupyter-execute` (Debian `python3-nbclient`,
 *   `jupyter-client`), `jupyter-nbconvert` (Debian `jupyter-nbconvert`, nbconvert 6) and
 *   `/usr/bin/python3` (also used by the CSV readability test). The Deno kernel is registered in
 *   the project's own `.jupyter/` folder (`notebooks/kernel.mjs`), never in the user's.
 * - The compiled package in `lib/` (`npm run build:lib`) for the tests that run the CLI on plain
 *   Node, pack the package or check its declarations: rebuilt when any source is newer.
 *
 * When a system package is missing and we are root on Debian, it is installed with apt-get.
 * Otherwise setup fails with one line naming the package and the command to install it.
 * Nothing is ever skipped silently.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installKernel } from '../../notebooks/kernel.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** Debian packages by the file they provide. */
const REQUIRED: readonly { file: string; packages: readonly string[]; for: string }[] = [
  { file: '/usr/bin/chromium', packages: ['chromium'], for: 'browser tests' },
  { file: '/usr/bin/python3', packages: ['python3'], for: 'notebook and CSV readability tests' },
  {
    file: '/usr/bin/jupyter-execute',
    packages: ['python3-nbclient', 'jupyter-client'],
    for: 'notebook tests',
  },
  {
    file: '/usr/lib/python3/dist-packages/libsbml/libsbml.py',
    packages: ['python3-sbml5'],
    for: 'SBML validation tests',
  },
  { file: '/usr/bin/jupyter-nbconvert', packages: ['jupyter-nbconvert'], for: 'notebook HTML tests' },
];

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function aptInstall(packages: readonly string[]): void {
  const opts = { stdio: 'inherit' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  execFileSync('apt-get', [...lock, 'update', '-qq'], opts);
  execFileSync('apt-get', [...lock, 'install', '-y', '-qq', '--no-install-recommends', ...packages], opts);
}

/** Newest modification time of the files under `path` (a file or a folder). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const entry of readdirSync(path)) t = Math.max(t, newest(join(path, entry)));
  return t;
}

/** Build lib/ when it is missing or older than the sources it is compiled from. */
export function ensureBuild(): void {
  const built = join(ROOT, 'lib/src/index.js');
  const inputs = ['src', 'models', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
  const sources = Math.max(...inputs.map((p) => newest(join(ROOT, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync('npm', ['run', '--silent', 'build:lib'], { cwd: ROOT, stdio: 'inherit' });
}

/** Install or report each missing system package; register the kernel; build lib/. */
export default function setup(): void {
  const missing = REQUIRED.filter((r) => !existsSync(r.file));
  if (missing.length > 0) {
    const packages = missing.flatMap((m) => m.packages);
    if (isRoot() && existsSync('/usr/bin/apt-get')) {
      aptInstall(packages);
    }
    const still = REQUIRED.filter((r) => !existsSync(r.file));
    if (still.length > 0) {
      const names = still.flatMap((m) => m.packages).join(' ');
      throw new Error(
        `missing system package(s) for ${still.map((s) => s.for).join(' and ')}: ${names} — install with: sudo apt-get install ${names}`,
      );
    }
  }
  installKernel();
  ensureBuild();
}
