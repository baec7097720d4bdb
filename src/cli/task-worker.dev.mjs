// The task worker from the TypeScript sources (tests, tsx, scripts): register tsx with the
// run-time tsconfig (no type-only path mapping), then load the worker. The compiled package runs
// task-worker.js directly; tsx is a development dependency only.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
register({ tsconfig: join(root, 'tsconfig.node.json') });
await import('./task-worker.ts');
