/** Fuzz smoke test of the `parameters` target (see smoke.ts and scripts/fuzz-targets.ts). */
import { smokeTest } from './smoke.ts';

smokeTest('parameters');
