#!/usr/bin/env node
// Exercise Order Lab CLI launcher: loads the TypeScript sources through tsx (Node 20 cannot run
// TypeScript by itself) with the run-time tsconfig, then hands over to src/cli/main.ts.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: join(root, 'tsconfig.node.json') });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
