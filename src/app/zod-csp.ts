/**
 * Imported first by every browser entry (the page and each worker): tells zod not to compile
 * its object parsers with `new Function`. zod otherwise probes for `eval` when it builds a schema,
 * which the site's Content-Security-Policy (`script-src 'self'`) reports as a violation. It must
 * run before any schema is built, hence a module of its own at the top of each entry; each entry
 * reads `ZOD_JITLESS`, so the bundler (the package declares no side effects) keeps the call.
 */
import { config } from 'zod/mini';

/** zod's global configuration, with `jitless` set (check it at each entry). */
export const ZOD_JITLESS: boolean = config({ jitless: true }).jitless === true;
