import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy } from './scripts/csp.ts';
import { precompiledKernels } from './scripts/kernels.ts';
import { woff2Only } from './scripts/woff2-only.ts';

// One config for the dev server, the static build and Vitest.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    target: 'es2022',
    // No source maps in the shipped site; `npm run build -- --sourcemap` adds them.
    sourcemap: false,
    // Fonts stay files (never data: URLs), so the Content-Security-Policy keeps font-src 'self'.
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  // Workers are bundled on their own: they need the precompiled kernels' virtual module too.
  worker: { format: 'es', plugins: () => [precompiledKernels()] },
  plugins: [
    // A strict Content-Security-Policy in the built page (scripts/csp.ts says what each part allows).
    contentSecurityPolicy(),
    // The bundled models' kernels as ordinary functions, so workers need no `new Function`.
    precompiledKernels(),
    // The site ships woff2 fonts only (every browser that runs the app reads them).
    woff2Only(),
    // Offline and installable: a web app manifest and a Workbox service worker that precaches the
    // whole build (workers, the KaTeX/compiler chunk, Explore, lessons, fonts), so a classroom
    // without Wi-Fi can reload. `main.ts` registers it and offers a reload when a new build is out.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Exercise Order Lab',
        short_name: 'Order Lab',
        description:
          'Simulate why the order of endurance and resistance exercise may change muscle protein synthesis: a toy model of one rat study.',
        lang: 'en',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#FFFFFF',
        theme_color: '#0072B2',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      strategies: 'injectManifest',
      srcDir: 'src/app',
      filename: 'sw.ts',
      injectManifest: {
        // woff2 is enough for every browser that runs a service worker; skip KaTeX's woff/ttf copies.
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        // The mathjs and solver chunks are larger than Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Installs (or names) the system packages the browser and notebook suites need.
    globalSetup: ['tests/setup/system-packages.ts'],
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest-report.json' }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and notebook suites share two cores with everything else; keep files serial-ish.
    maxWorkers: 2,
  },
});
