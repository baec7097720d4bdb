/** Fuzz smoke test of the `url-state` target (see smoke.ts and scripts/fuzz-targets.ts). */
import { smokeTest } from './smoke.ts';

smokeTest('url-state');
