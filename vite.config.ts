import { defineConfig } from 'vitest/config';
import { woff2Only } from './scripts/woff2-only.ts';

// One config for the dev server, the static build and Vitest.
export default defineConfig({
  base: './',
  plugins: [woff2Only()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    // No source maps in the shipped site; `npm run build -- --sourcemap` adds them.
    sourcemap: false,
  },
  worker: { format: 'es' },
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
