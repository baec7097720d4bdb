/** Fuzz smoke test of the `protocol` target (see smoke.ts and scripts/fuzz-targets.ts). */
import { smokeTest } from './smoke.ts';

smokeTest('protocol');
