/** Fuzz smoke test of the `model` target (see smoke.ts and scripts/fuzz-targets.ts). */
import { smokeTest } from './smoke.ts';

smokeTest('model');
