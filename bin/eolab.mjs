#!/usr/bin/env node
// The `eolab` command: runs the compiled CLI (lib/, built by `npm run build:lib`) on plain Node.
let cli;
try {
  cli = await import('../lib/src/cli/main.js');
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('main.js')) {
    process.stderr.write('eolab: the compiled CLI (lib/) is missing; build it with: npm run build:lib\n');
    process.exit(1);
  }
  throw err;
}
process.exitCode = await cli.main(process.argv.slice(2));
