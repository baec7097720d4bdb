// Worker-thread bootstrap for the generating scripts: registers tsx with the run-time tsconfig
// (as bin/eolab.mjs does), then loads the TypeScript task handler.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: join(root, 'tsconfig.node.json') });
await import('./task-worker.ts');
