/**
 * The Content-Security-Policy of the built site, as a `<meta>` tag added to `index.html` at build
 * time only (the dev server injects inline scripts for hot reload, which this policy refuses).
 *
 * - `script-src 'self'`: no inline script and no `eval`/`new Function` — in a browser the bundled
 *   models' right-hand sides are functions built into the site at build time (`scripts/kernels.ts`)
 *   and any other model's are closures over the checked expression tree
 *   (`src/model/closures.ts`); no source text is evaluated at run time.
 * - `style-src 'self'`: stylesheets from the site only; the app sets inline styles through the
 *   CSSOM (`element.style`, constructed stylesheets), which the policy allows.
 * - `img-src 'self' data: blob:`: PNG export draws the chart's SVG from a `data:` URL.
 * - `object-src 'none'`, `base-uri 'self'`, `form-action 'none'`: no plugins, no base hijack, no
 *   form posts (the app has none).
 *
 * `frame-ancestors` and reporting cannot be set from a meta tag; a host that can send headers
 * should send this policy as a header too (see docs/architecture.md).
 */
import type { Plugin } from 'vite';

/** The policy, one directive per entry. */
export const CONTENT_SECURITY_POLICY: readonly string[] = Object.freeze([
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
]);

/** A Vite plugin that puts the policy into the built `index.html`'s head, first. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'eolab-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY.join('; ') },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
