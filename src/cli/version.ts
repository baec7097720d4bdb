/**
 * The tool's version, read from the package's own `package.json` at run time: the nearest one
 * named `exercise-order-lab` above this module. Works from the TypeScript sources and from the
 * compiled `lib/` alike, without copying package.json into the build.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'exercise-order-lab';

/**
 * The package version.
 * @throws Error when no package.json of this package is found above `from`
 */
export function packageVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here: keep climbing
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package.json of ${PACKAGE_NAME} above ${from}`);
    dir = parent;
  }
}
