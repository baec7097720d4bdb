/**
 * Browser benchmark (`npm run bench:browser`): builds the app into `dist/`, serves it, and in
 * Chromium measures the time from a dispatched `input` event on a parameter slider to the charts
 * being re-rendered (the page bumps `body[data-run-id]` after each render), over ~100 steps of
 * the default scenario; then reports the production bundle size (gzip) of `dist/assets`.
 * Reports only; asserts nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp, launchChromium, serveStatic } from '../tests/browser/serve.ts';

const STEPS = 100;
const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

/** Runs inside the page: dispatch `input` on the tauR slider and time until the next render. */
const IN_PAGE = `(async () => {
  const steps = STEPS;
  const slider = document.getElementById('param-tauR-slider');
  const out = [];
  const rendered = (after) => new Promise((ok) => {
    const check = () => Number(document.body.dataset.runId) > after;
    if (check()) return ok();
    const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); ok(); } });
    obs.observe(document.body, { attributes: true, attributeFilter: ['data-run-id'] });
  });
  for (let i = 0; i < steps; i++) {
    const before = Number(document.body.dataset.runId);
    // Sweep up and down inside the slider's range so every step changes the value.
    const pos = 60 + (i % 40 < 20 ? i % 20 : 20 - (i % 20));
    slider.value = String(pos);
    const t0 = performance.now();
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered(before);
    out.push(performance.now() - t0);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
  return out;
})()`;

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

async function main(): Promise<void> {
  await buildApp(DIST);
  const app = await serveStatic(DIST);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
    await page.goto(app.url);
    await page.waitForSelector('body[data-run-id]');
    // Plain JavaScript text: tsx would otherwise inject helpers the page does not have.
    const samples = (await page.evaluate(IN_PAGE.replace('STEPS', String(STEPS)))) as number[];
    const sorted = [...samples].sort((a, b) => a - b);
    const files = (await readdir(join(DIST, 'assets'))).filter(
      (f) => f.endsWith('.js') || f.endsWith('.css'),
    );
    let raw = 0;
    let gz = 0;
    const rows: [string, number, number][] = [];
    for (const f of files) {
      const body = await readFile(join(DIST, 'assets', f));
      const z = gzipSync(body, { level: 9 }).length;
      raw += body.length;
      gz += z;
      rows.push([f, body.length, z]);
    }
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log('Exercise Order Lab — browser benchmark (Chromium, default scenario, 1280×720)');
    console.log('');
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(
      `| slider input → charts re-rendered, p50 (${samples.length} steps) | ${quantile(sorted, 0.5).toFixed(1)} ms |`,
    );
    console.log(`| slider input → charts re-rendered, p95 | ${quantile(sorted, 0.95).toFixed(1)} ms |`);
    console.log(`| slider input → charts re-rendered, max | ${sorted[sorted.length - 1]!.toFixed(1)} ms |`);
    console.log(`| one animation frame at 60 Hz | 16.7 ms |`);
    console.log(`| bundle JS + CSS (raw) | ${kb(raw)} |`);
    console.log(`| bundle JS + CSS (gzip -9) | ${kb(gz)} |`);
    console.log('');
    console.log('| asset | raw | gzip |');
    console.log('|---|---|---|');
    for (const [f, r, z] of rows.sort((a, b) => b[2] - a[2])) console.log(`| ${f} | ${kb(r)} | ${kb(z)} |`);
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((e) => {
  console.error(`bench:browser failed: ${(e as Error).message}`);
  process.exit(1);
});
