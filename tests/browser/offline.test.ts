/**
 * Offline and on-demand loading in Chromium: after one visit the service worker serves the
 * whole app, so a reload with the network off still draws the charts, opens Equations and
 * Explore and runs a lesson; without a service worker, a panel that cannot load says so in plain
 * words and loads once the network is back; a file:// open says how to serve the build.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const viewport = { width: 1280, height: 720 };

async function firstRender(page: Page): Promise<void> {
  await page.waitForSelector('body[data-run-id]');
  await page.waitForFunction(() => document.querySelectorAll('#charts-panel svg').length === 6); // the study's five charts and the order effect against readout time
}

describe('offline', () => {
  it('reloads without a network after the first load: charts, Equations, Explore and a lesson', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}?gap=60`);
    await firstRender(page);
    // The service worker has precached the build and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const manifest = await page.evaluate(async () => (await fetch('./manifest.webmanifest')).json());
    expect(manifest).toMatchObject({ name: 'Exercise Order Lab', display: 'standalone' });

    await context.setOffline(true);
    expect(
      await page.evaluate(() =>
        fetch('https://example.org/').then(
          () => 'online',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    await page.reload();
    await firstRender(page);
    expect(await page.textContent('#gap-value')).toBe('1:00 h');
    await page.click('#equations-section > summary');
    await page.waitForSelector('#equations-panel .katex', { timeout: 30_000 });
    await page.click('#explore-section > summary');
    await page.waitForSelector('#explore-y-axis', { timeout: 30_000 });
    // A lesson opened offline: the page, the lesson chunk and the lesson worker come from the cache.
    await page.goto(`${app.url}?lesson=the-gap&step=2`);
    await page.waitForSelector('#lesson-panel[data-step="2"][data-pending="false"]', { timeout: 60_000 });
    expect(await page.textContent('#lesson-body')).toContain('3:00 h after lifting');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says plainly when a panel cannot load, and loads it once the network is back', async () => {
    // No service worker: the lazy chunks really come from the network.
    const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(app.url);
    await firstRender(page);
    await context.setOffline(true);

    await page.click('#equations-section > summary');
    await page.waitForSelector('#equations-panel .load-failure', { timeout: 30_000 });
    const message = (await page.textContent('#equations-panel .load-failure p'))!;
    expect(message).toMatch(
      /^Could not load the equations\. This device seems to be offline\. It will load when you open this section again/,
    );
    expect(message).not.toMatch(/preload|import|module/i);

    await page.click('#explore-section > summary');
    await page.waitForSelector('#explore-panel .load-failure', { timeout: 30_000 });
    expect(await page.textContent('#explore-panel .load-failure p')).toMatch(
      /^Could not load the Explore panel\./,
    );

    await context.setOffline(false);
    await page.click('#equations-panel [data-retry]');
    await page.waitForSelector('#equations-panel .katex', { timeout: 30_000 });
    // KaTeX's stylesheet, which failed offline, was fetched again: the fractions are laid out.
    await page.waitForFunction(() => [...document.styleSheets].some((s) => (s.href ?? '').includes('katex')));
    // Explore: closing and opening the section again is enough.
    await page.click('#explore-section > summary');
    await page.click('#explore-section > summary');
    await page.waitForSelector('#explore-y-axis', { timeout: 30_000 });
    expect(await page.locator('#explore-panel .load-failure').count()).toBe(0);
    await context.close();
  });

  it('opened from a file, the page says how to serve it', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`file://${app.outDir}/index.html`);
    await page.waitForSelector('#file-warning', { state: 'visible' });
    expect(await page.textContent('#file-warning')).toMatch(/cannot run from a file.*npm run preview/s);
    await context.close();
  });
});
