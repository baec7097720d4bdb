/**
 * Vite plugin: KaTeX's stylesheet offers every font as woff2, woff and ttf, and Vite would ship
 * all three. Every browser the app supports reads woff2, so the other two are dropped from the
 * @font-face rules before bundling (and therefore never emitted).
 */
import type { Plugin } from 'vite';

/** The `src` entries of @font-face rules that are not woff2. */
const OTHER_FORMATS = /,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g;

/** Keep only woff2 fonts in CSS that comes from node_modules (KaTeX). */
export function woff2Only(): Plugin {
  return {
    name: 'eolab-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('node_modules') || !/\.css($|\?)/.test(id) || !code.includes('@font-face')) return null;
      return { code: code.replace(OTHER_FORMATS, ''), map: null };
    },
  };
}
