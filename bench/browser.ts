/**
 * Browser benchmark (`npm run bench:browser`): builds the app into `dist/`, serves it, and in
 * Chromium measures the time from a dispatched `input` event on a parameter slider to the charts
 * being re-rendered (the page bumps `body[data-run-id]` after each render), over ~100 steps of
 * the default scenario, once the page's start-up work (targets, ensemble, intensity band) is done; then the live interference map (61 × 41, Explore panel): before — the
 * "Compute map" button, click to complete map — and after — the map following a parameter slider:
 * input to coarse preview and to complete map (one step at a time), and while the slider is
 * dragged with the mouse, the page's frame intervals, long tasks (a `longtask` observer, wall
 * time) and the main thread's CPU time per task (Chromium trace), and the map's draw times; then
 * the production bundle size (gzip) of `dist/assets`. Reports only; asserts nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildApp, launchChromium, serveStatic } from '../tests/browser/serve.ts';
import { mainThreadTasks } from '../tests/browser/trace.ts';

const STEPS = 100;
const LIVE_STEP_COUNT = 10;
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

/** In the page: one slider step at a time, time to the coarse preview and to the complete map. */
const LIVE_STEPS = `(async () => {
  const steps = STEPS;
  const panel = document.getElementById('explore-panel');
  const slider = document.getElementById('param-tauR-slider');
  const out = [];
  for (let i = 0; i < steps; i++) {
    const updates = Number(panel.dataset.mapUpdates || 0);
    let coarse = NaN;
    const t0 = performance.now();
    const done = new Promise((ok) => {
      const check = () => {
        if (Number.isNaN(coarse) && panel.dataset.mapPhase === 'coarse') coarse = performance.now() - t0;
        if (Number(panel.dataset.mapUpdates || 0) > updates) { obs.disconnect(); ok(performance.now() - t0); }
      };
      const obs = new MutationObserver(check);
      obs.observe(panel, { attributes: true });
    });
    slider.value = String(70 + (i % 2 === 0 ? i : -i));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const full = await done;
    out.push([coarse, full]);
  }
  return out;
})()`;

/** In the page: start recording frames, long tasks and map draws. */
const RECORD = `(() => {
  const w = window;
  w.bench = { frames: [], longTasks: [], running: true };
  performance.clearMeasures('explore-map-draw');
  const loop = (t) => { w.bench.frames.push(t); if (w.bench.running) requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.bench.longTasks.push(e.duration); })
    .observe({ type: 'longtask' });
})()`;

/** In the page: stop recording; frame intervals, long tasks and draw times, ms. */
const STOP = `(() => {
  const b = window.bench;
  b.running = false;
  const gaps = b.frames.slice(1).map((t, k) => t - b.frames[k]);
  const draws = performance.getEntriesByName('explore-map-draw').map((e) => e.duration);
  return { gaps, longTasks: b.longTasks, draws };
})()`;

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

const stats = (xs: number[], digits = 0) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return '—';
  const f = (v: number) => v.toFixed(digits);
  return `${f(quantile(s, 0.5))} / ${f(quantile(s, 0.95))} / ${f(s[s.length - 1]!)} ms (${s.length})`;
};

/** The live map, before (Compute button) and after (following a slider); rows of the report. */
async function liveMapBench(browser: Browser, url: string): Promise<[string, string][]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('body[data-run-id]');
  await page.click('#params-section > summary');
  await page.click('#explore-section > summary');
  await page.waitForSelector('#explore-panel[data-map-state="idle"]');
  const rows: [string, string][] = [];
  // Before: press "Compute map" (61 × 41) and wait for the whole map.
  await page.evaluate(RECORD);
  await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
  const t0 = Date.now();
  await page.click('#explore-run');
  await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 300_000 });
  const computeMs = Date.now() - t0;
  const beforeTasks = mainThreadTasks(await browser.stopTracing());
  const before = (await page.evaluate(STOP)) as { gaps: number[]; longTasks: number[]; draws: number[] };
  rows.push(['map before: "Compute map" click → complete 61 × 41 map', `${computeMs} ms`]);
  rows.push(['map before: frame interval during it, p50 / p95 / max (frames)', stats(before.gaps, 1)]);
  rows.push(['map before: long tasks (wall), p50 / p95 / max (count)', stats(before.longTasks)]);
  rows.push([
    'map before: main-thread CPU per task, p50 / p95 / max (tasks)',
    stats(
      beforeTasks.map((t) => t.cpuMs),
      1,
    ),
  ]);
  rows.push([
    'map before: tasks over 50 ms / over 200 ms of CPU',
    `${beforeTasks.filter((t) => t.cpuMs > 50).length} / ${beforeTasks.filter((t) => t.cpuMs > 200).length}`,
  ]);
  rows.push(['map before: map draws (user timing), p50 / p95 / max (draws)', stats(before.draws, 1)]);
  // After, one step at a time: input → coarse preview → complete map.
  const steps = (await page.evaluate(LIVE_STEPS.replace('STEPS', String(LIVE_STEP_COUNT)))) as [
    number,
    number,
  ][];
  rows.push([
    'live map: slider input → coarse preview (21 × 15) drawn, p50 / p95 / max (steps)',
    stats(steps.map((s) => s[0])),
  ]);
  rows.push([
    'live map: slider input → complete map drawn, p50 / p95 / max (steps)',
    stats(steps.map((s) => s[1])),
  ]);
  // After, dragging: 30 mouse moves 40 ms apart, then until the map is up to date.
  await page.evaluate(RECORD);
  await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
  const slider = page.locator('#param-tauR-slider');
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width * 0.2;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  for (let k = 1; k <= 30; k++) {
    await page.mouse.move(x0 + 4 * k, y);
    await page.waitForTimeout(40);
  }
  await page.mouse.up();
  await page.evaluate('new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))');
  await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 300_000 });
  const tasks = mainThreadTasks(await browser.stopTracing());
  const drag = (await page.evaluate(STOP)) as { gaps: number[]; longTasks: number[]; draws: number[] };
  rows.push(['live map, dragging: frame interval, p50 / p95 / max (frames)', stats(drag.gaps, 1)]);
  rows.push(['live map, dragging: long tasks (wall), p50 / p95 / max (count)', stats(drag.longTasks)]);
  rows.push([
    'live map, dragging: main-thread CPU per task, p50 / p95 / max (tasks)',
    stats(
      tasks.map((t) => t.cpuMs),
      1,
    ),
  ]);
  rows.push([
    'live map, dragging: tasks over 50 ms / over 200 ms of CPU',
    `${tasks.filter((t) => t.cpuMs > 50).length} / ${tasks.filter((t) => t.cpuMs > 200).length}`,
  ]);
  rows.push(['live map, dragging: map draws (user timing), p50 / p95 / max (draws)', stats(drag.draws, 1)]);
  const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
  rows.push(['load average (1 min) at the end', load]);
  await page.close();
  return rows;
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
    // Let the start-up work in the other workers finish first (the checks against T1–T9, the
    // ensemble's bands, the study-intensity band): on 2 cores it would otherwise compete with
    // the slider's runs, which a user dragging a slider after the page has settled never sees.
    await page.waitForSelector('#uncertainty-status[data-status="done"]', { timeout: 300_000 });
    await page.waitForSelector('#intensity-band-text', { timeout: 300_000 });
    // Plain JavaScript text: tsx would otherwise inject helpers the page does not have.
    const samples = (await page.evaluate(IN_PAGE.replace('STEPS', String(STEPS)))) as number[];
    const sorted = [...samples].sort((a, b) => a - b);
    const map = await liveMapBench(browser, app.url);
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
    for (const [k, v] of map) console.log(`| ${k} | ${v} |`);
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
