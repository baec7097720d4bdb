/**
 * The built site under its own Content-Security-Policy (scripts/csp.ts, a meta tag in the built
 * index.html; the test server also sends it as a header, so the workers run under it too): the
 * charts, the equations (KaTeX), Explore (a quick map in workers, a PNG and CSV export), a lesson
 * and the CSV download all work, and the page sees zero `securitypolicyviolation` events and no
 * console report of a refused resource.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../scripts/csp.ts';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true, {
    'content-security-policy': CONTENT_SECURITY_POLICY.join('; '),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Violations recorded in the page (events) and refusals Chromium printed on the console. */
async function violations(page: Page, console: string[]): Promise<string[]> {
  const events = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  return [...events, ...console];
}

describe('Content-Security-Policy of the built site', () => {
  it('ships the policy as a meta tag with script-src self and no unsafe-eval', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(`${app.outDir}/index.html`, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    const policy = meta?.[1]?.replaceAll('&#39;', "'");
    expect(policy).toBe(CONTENT_SECURITY_POLICY.join('; '));
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('runs charts, equations, Explore with exports, a lesson and downloads with zero violations', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const consoleReports: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) consoleReports.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    // Workers run under the header policy: their refusals are printed on their own consoles.
    page.on('worker', (w) => {
      w.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) consoleReports.push(`worker: ${m.text()}`);
      });
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__csp.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    await page.goto(app.url);
    await page.waitForSelector('body[data-run-id]');
    expect(await page.locator('#charts-panel svg.eol-chart').count()).toBeGreaterThanOrEqual(5);
    expect(await page.textContent('#run-error')).not.toMatch(/cannot run|solver failed/);

    // Equations: KaTeX and the compiler, loaded on demand.
    await page.click('#equations-section > summary');
    await page.waitForSelector('#equations-panel .katex');

    // Download the time courses (CSV + provenance).
    await page.click('#files-section > summary');
    const download = page.waitForEvent('download');
    await page.click('#download-csv');
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);

    // Explore: a quick map in workers, then PNG and CSV exports.
    await page.click('#explore-section > summary');
    await page.waitForSelector('#explore-panel[data-map-state="idle"]');
    await page.selectOption('#explore-resolution', 'quick');
    await page.click('#explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 180_000 });
    // The map's own exports (PNG draws the SVG through a data: URL; CSV is a blob download).
    const buttons = page.locator(
      '#explore-panel button[data-export^="png-"]:enabled, #explore-panel button[data-export^="csv-"]:enabled',
    );
    expect(await buttons.count()).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < (await buttons.count()); i++) {
      const dl = page.waitForEvent('download');
      await buttons.nth(i).click();
      await dl;
    }

    // A lesson (its veil uses a constructed stylesheet, not an inline <style>).
    await page.click('#lessons-button');
    await page.waitForSelector('#lesson-picker[open]');
    await page.click('#lesson-picker [data-open-lesson]');
    await page.waitForSelector('[data-lesson="close"]');

    // Edit the timeline (inline positions are set through the CSSOM).
    const before = Number(await page.getAttribute('body', 'data-run-id'));
    await page.click('#params-section > summary');
    await page.focus('#param-kR-slider');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => Number(document.body.dataset.runId) > n, before);

    expect(await violations(page, consoleReports)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
