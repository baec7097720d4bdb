/**
 * Vitest global setup: make sure the system packages the browser and notebook suites need are
 * present before any test runs.
 *
 * - Chromium (`/usr/bin/chromium`, Debian package `chromium`) for the browser tests.
 * - `jupyter-execute` (Debian packages `python3-nbclient`, `jupyter-client`) and the Deno
 *   Jupyter kernel (`deno jupyter --install`, from the `deno` npm dev dependency) for the
 *   notebook tests.
 *
 * When something is missing and we are root on Debian, it is installed with apt-get. Otherwise
 * setup fails with one line naming the package and the command to install it. Nothing is ever
 * skipped silently.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Debian packages by the file they provide. */
const REQUIRED: readonly { file: string; packages: readonly string[]; for: string }[] = [
  { file: '/usr/bin/chromium', packages: ['chromium'], for: 'browser tests' },
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

/** Install or report each missing system package; register the Deno kernel. */
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
  const kernel = join(homedir(), '.local', 'share', 'jupyter', 'kernels', 'deno', 'kernel.json');
  if (!existsSync(kernel)) {
    const deno = join(process.cwd(), 'node_modules', '.bin', 'deno');
    if (!existsSync(deno)) {
      throw new Error('missing npm dev dependency: deno (for the notebook tests) — run: npm install');
    }
    execFileSync(deno, ['jupyter', '--install'], { stdio: 'inherit' });
    if (!existsSync(kernel)) throw new Error(`deno jupyter --install did not create ${kernel}`);
  }
}
