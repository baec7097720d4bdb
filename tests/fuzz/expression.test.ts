/** Fuzz smoke test of the `expression` target (see smoke.ts and scripts/fuzz-targets.ts). */
import { smokeTest } from './smoke.ts';

smokeTest('expression');
