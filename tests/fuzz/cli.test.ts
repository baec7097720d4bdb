/** Fuzz smoke test of the `cli` target (see smoke.ts and scripts/fuzz-targets.ts). */
import { smokeTest } from './smoke.ts';

smokeTest('cli');
