/**
 * The explore panel in Chromium: open the interference map, compute it in Web Workers, read a
 * cell, click it and see the simulator load that scenario (URL, sliders, a new run).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

const AXE = resolve(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');

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

async function openExplore(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await page.waitForSelector('body[data-run-id]');
  await page.click('#explore-section > summary');
  await page.waitForSelector('#explore-panel[data-map-state="idle"]');
  return { page, errors };
}

describe('explore panel in Chromium', () => {
  it('computes the map in workers, shows a cell on hover and loads it on click', async () => {
    const { page, errors } = await openExplore();
    await page.selectOption('#explore-resolution', 'quick');
    await page.selectOption('#explore-y-axis', 'eeIntensity');
    await page.fill('#explore-y-min', '0.4');
    await page.fill('#explore-y-max', '1');
    await page.click('#explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 120_000 });
    expect(await page.textContent('#explore-status')).toMatch(/^Done: 651 scenarios/);
    expect(await page.locator('#explore-map rect.eol-cell').count()).toBe(651);
    expect(await page.textContent('#explore-error')).toBe('');

    // Column 20 of 31 over −720…720 min is +240 min (EE 4:00 h after RE); row 10 of 21 is 0.7.
    const cell = page.locator('#explore-map rect.eol-cell[data-i="20"][data-j="10"]');
    const value = Number(await cell.getAttribute('data-value'));
    expect(value).toBeGreaterThan(0.5);
    expect(value).toBeLessThanOrEqual(1.0000001);
    await cell.hover();
    await page.waitForFunction(() =>
      /EE 4:00 h after RE/.test(document.querySelector('#explore-readout')?.textContent ?? ''),
    );
    expect(await page.textContent('#explore-readout')).toMatch(
      /EE intensity 0\.7 .*: MPS at 3 h \/ RE only = /,
    );

    const before = Number(await page.getAttribute('body', 'data-run-id'));
    await cell.click();
    await page.waitForFunction((n) => Number(document.body.dataset.runId) > n, before);
    expect(await page.textContent('#explore-readout')).toMatch(
      /^Loaded into the simulator: EE 4:00 h after RE/,
    );
    // The address bar is written at most every 250 ms while the user is changing things.
    await page.waitForURL(/[?&]gap=240\b/);
    const url = new URL(page.url());
    expect(url.searchParams.get('gap')).toBe('240');
    expect(Number(url.searchParams.get('ee'))).toBeCloseTo(0.7, 9);
    expect(await page.inputValue('#gap')).toBe('240');
    // Loading a cell changes only the map's own axes: the map still describes the scenario.
    expect(await page.getAttribute('#explore-panel', 'data-map-stale')).toBe('false');
    expect(await page.locator('#explore-map .eol-stale-label').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('marks a computed map out of date when a parameter it depends on changes (live off)', async () => {
    const { page, errors } = await openExplore();
    // With "Live" on the map would recompute instead (tests/browser/live-map.test.ts).
    await page.uncheck('#explore-live');
    await page.selectOption('#explore-resolution', 'quick');
    await page.click('#explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 120_000 });
    expect(await page.getAttribute('#explore-panel', 'data-map-stale')).toBe('false');
    await page.click('#params-section > summary');
    await page.focus('#param-tauR-slider');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#explore-panel[data-map-stale="true"]');
    expect(await page.textContent('#explore-status')).toMatch(/^Out of date/);
    expect(await page.locator('#explore-map .eol-stale-label').count()).toBe(1);
    // Computing again brings it up to date.
    await page.click('#explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 120_000 });
    expect(await page.getAttribute('#explore-panel', 'data-map-stale')).toBe('false');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('cancels a running map and reports it', async () => {
    const { page, errors } = await openExplore();
    await page.selectOption('#explore-resolution', 'fine');
    await page.click('#explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="running"]');
    await page.click('#explore-cancel');
    await page.waitForFunction(() =>
      /Cancelled/.test(document.querySelector('#explore-status')?.textContent ?? ''),
    );
    expect(await page.getAttribute('#explore-panel', 'data-map-state')).toBe('done');
    expect(await page.isDisabled('#explore-run')).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('has no accessibility violations (axe-core) with a map, a tornado and a scan drawn', async () => {
    const { page, errors } = await openExplore();
    await page.selectOption('#explore-resolution', 'quick');
    await page.click('#explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 120_000 });
    await page.click('#sens-run');
    await page.waitForSelector('#sens-tornado svg', { timeout: 120_000 });
    expect(await page.locator('#sens-table tbody tr').count()).toBe(15);
    await page.click('#scan-run');
    await page.waitForSelector('#scan-chart svg', { timeout: 120_000 });
    // Keyboard: focus the map, move the cursor, Enter loads the cell.
    await page.focus('#explore-map');
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#explore-readout')).toMatch(/EE .* (after|before) RE|back to back/);
    await page.evaluate(readFileSync(AXE, 'utf8'));
    const violations = await page.evaluate(async () => {
      type Result = { violations: { id: string; nodes: { target: unknown }[] }[] };
      const axe = (window as unknown as { axe: { run(ctx: unknown): Promise<Result> } }).axe;
      const r = await axe.run({ include: [['#explore-panel']] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
    });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('names a bad y range next to the controls', async () => {
    const { page } = await openExplore();
    await page.selectOption('#explore-y-axis', 'eeIntensity');
    await page.fill('#explore-y-min', '0.9');
    await page.fill('#explore-y-max', '0.5');
    await page.click('#explore-run');
    expect(await page.textContent('#explore-error')).toMatch(/invalid y range: 0\.9 to 0\.5/);
    await page.context().close();
  }, 60_000);
});
