/**
 * The explore panel finishing the job, in Chromium: keyboard focus stays on a sensible control
 * after Compute and Cancel (Enter and click), progress and "Done" are in polite live regions,
 * the map, tornado and scan download as CSV (parsed with d3-dsv: header first, every row as wide),
 * a provenance sidecar that names those columns, valid SVG and a PNG; their chart text never
 * overlaps or clips at 390, 1280 and 1920 px, the phone never scrolls sideways, and axe-core
 * (best practices included) finds nothing with all three computed.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { csvParseRows } from 'd3-dsv';
import { XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCount, chartTextProblems, sidewaysOverflow } from './page-checks.ts';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AXE = resolve(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');

let app: ServedApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await page.waitForSelector('body[data-run-id]');
  await page.click('#explore-section > summary');
  await page.waitForSelector('#explore-panel[data-map-state="idle"]');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const active = () => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);

/** Download through a button and return the file's text (or bytes) and suggested name. */
async function fetchDownload(selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

/** A CSV parsed with d3-dsv: header first, then rows, every one as wide as the header. */
function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = csvParseRows(text);
  expect(header!.length).toBeGreaterThan(1);
  for (const r of rows) expect(r).toHaveLength(header!.length);
  return { header: header!, rows };
}

describe('explore: focus and status', () => {
  it('keeps the focus on Compute after Enter, hands it back from Cancel, and announces progress politely', async () => {
    expect(await page.getAttribute('#explore-status', 'role')).toBe('status');
    expect(await page.getAttribute('#sens-status', 'role')).toBe('status');
    expect(await page.getAttribute('#scan-status', 'role')).toBe('status');
    await page.selectOption('#explore-resolution', 'fine');
    await page.focus('#explore-run');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#explore-panel[data-map-state="running"]');
    expect(await active()).toBe('explore-run');
    expect(await page.getAttribute('#explore-run', 'aria-disabled')).toBe('true');
    // Enter again while it runs does not restart it.
    const status = await page.textContent('#explore-status');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#explore-panel', 'data-map-state')).toBe('running');
    expect(status).toMatch(/^Computing/);
    // Cancel by keyboard: the focus goes back to Compute, not to the page body.
    await page.focus('#explore-cancel');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      /Cancelled/.test(document.querySelector('#explore-status')?.textContent ?? ''),
    );
    expect(await active()).toBe('explore-run');
    expect(await page.getAttribute('#explore-run', 'aria-disabled')).toBeNull();
    expect(await page.isDisabled('#explore-cancel')).toBe(true);
  }, 120_000);

  it('keeps the focus on Compute after a click, through to "Done"', async () => {
    await page.selectOption('#explore-resolution', 'quick');
    await page.click('#explore-run');
    expect(await active()).toBe('explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 150_000 });
    expect(await page.textContent('#explore-status')).toMatch(/^Done: 651 scenarios/);
    expect(await active()).toBe('explore-run');
    // Cancel by click once more: start, cancel, focus on Compute.
    await page.selectOption('#explore-resolution', 'fine');
    await page.click('#explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="running"]');
    await page.click('#explore-cancel');
    await page.waitForFunction(() =>
      /Cancelled/.test(document.querySelector('#explore-status')?.textContent ?? ''),
    );
    expect(await active()).toBe('explore-run');
    // Leave a complete quick map for the downloads.
    await page.selectOption('#explore-resolution', 'quick');
    await page.click('#explore-run');
    await page.waitForSelector('#explore-panel[data-map-state="done"]', { timeout: 150_000 });
  }, 320_000);

  it('keeps the focus on "Run sensitivity" and "Scan" after Enter', async () => {
    await page.focus('#sens-run');
    await page.keyboard.press('Enter');
    expect(await active()).toBe('sens-run');
    await page.waitForSelector('#sens-tornado svg', { timeout: 150_000 });
    expect(await active()).toBe('sens-run');
    expect(await page.textContent('#sens-status')).toMatch(/^Done: 15 parameters/);
    await page.focus('#scan-run');
    await page.keyboard.press('Enter');
    expect(await active()).toBe('scan-run');
    await page.waitForSelector('#scan-chart svg', { timeout: 150_000 });
    expect(await page.textContent('#scan-status')).toMatch(/^Done: 41 runs/);
    expect(await active()).toBe('scan-run');
  }, 320_000);
});

describe('explore: downloads', () => {
  it('downloads the map as a tidy CSV with a sidecar, valid SVG and a PNG', async () => {
    const csv = await fetchDownload('[data-export="csv-map"]');
    expect(csv.name).toBe('interference-map.csv');
    const { header, rows } = parseCsv(csv.bytes.toString('utf8'));
    expect(header).toEqual(['gap_min', 'order', 'eeIntensity', 'mps3h', 'status']);
    expect(rows).toHaveLength(31 * 21);
    for (const r of rows) {
      expect(Number.isFinite(Number(r[0]))).toBe(true);
      expect(['EE→RE', 'RE→EE']).toContain(r[1]);
      expect(r[4]).toBe('ok');
      expect(Number(r[3])).toBeGreaterThan(0);
    }
    const meta = await fetchDownload('[data-export="meta-map"]');
    expect(meta.name).toBe('interference-map.csv.meta.json');
    const sidecar = JSON.parse(meta.bytes.toString('utf8'));
    expect(sidecar.file).toBe('interference-map.csv');
    expect(sidecar.model).toBe('concurrent-training');
    expect(sidecar.columns.map((c: { name: string }) => c.name)).toEqual(header);
    const svg = await fetchDownload('[data-export="svg-map"]');
    const text = svg.bytes.toString('utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('Interference map');
    const png = await fetchDownload('[data-export="png-map"]');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 60_000);

  it('downloads the sensitivity analysis as a tidy CSV (every readout) with a sidecar, SVG and PNG', async () => {
    const csv = await fetchDownload('[data-export="csv-tornado"]');
    const { header, rows } = parseCsv(csv.bytes.toString('utf8'));
    expect(header).toEqual([
      'parameter',
      'label',
      'value',
      'value_low',
      'value_high',
      'readout',
      'baseline',
      'low',
      'high',
      'coefficient',
    ]);
    const parameters = new Set(rows.map((r) => r[0]));
    const readouts = new Set(rows.map((r) => r[5]));
    expect(parameters.size).toBe(15);
    expect(readouts.has('order-effect')).toBe(true);
    expect(rows).toHaveLength(parameters.size * readouts.size);
    for (const r of rows) expect(Number.isFinite(Number(r[6]))).toBe(true);
    const sidecar = JSON.parse((await fetchDownload('[data-export="meta-tornado"]')).bytes.toString('utf8'));
    expect(sidecar.kind).toBe('sensitivity');
    expect(sidecar.columns.map((c: { name: string }) => c.name)).toEqual(header);
    expect(sidecar.computation.percent).toBe(20);
    expect(
      XMLValidator.validate((await fetchDownload('[data-export="svg-tornado"]')).bytes.toString('utf8')),
    ).toBe(true);
    expect((await fetchDownload('[data-export="png-tornado"]')).bytes.subarray(1, 4).toString('latin1')).toBe(
      'PNG',
    );
  }, 60_000);

  it('downloads the scan as a tidy CSV with a sidecar, SVG and PNG', async () => {
    const csv = await fetchDownload('[data-export="csv-scan"]');
    const { header, rows } = parseCsv(csv.bytes.toString('utf8'));
    expect(header[0]).toBe('tauR');
    expect(header).toContain('order-effect');
    expect(header[header.length - 1]).toBe('status');
    expect(rows).toHaveLength(41);
    for (const r of rows) for (const cell of r.slice(0, -1)) expect(Number.isFinite(Number(cell))).toBe(true);
    const sidecar = JSON.parse((await fetchDownload('[data-export="meta-scan"]')).bytes.toString('utf8'));
    expect(sidecar.columns.map((c: { name: string }) => c.name)).toEqual(header);
    expect(sidecar.columns[0].unit).toBe('min');
    expect(
      XMLValidator.validate((await fetchDownload('[data-export="svg-scan"]')).bytes.toString('utf8')),
    ).toBe(true);
    expect((await fetchDownload('[data-export="png-scan"]')).bytes.subarray(1, 4).toString('latin1')).toBe(
      'PNG',
    );
  }, 60_000);
});

describe('explore: layout', () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
    { width: 1920, height: 1080 },
  ]) {
    it(`draws the map, tornado and scan with no overlapping or clipped text at ${viewport.width} px`, async () => {
      await page.setViewportSize(viewport);
      // The panel redraws its charts when its width changes (one animation frame later).
      await page.waitForFunction((w) => {
        const svg = document.querySelector<SVGSVGElement>('#scan-chart svg');
        const box = document.getElementById('scan-chart');
        return (
          svg &&
          box &&
          Math.abs(Number(svg.getAttribute('width')) - Math.max(240, Math.min(960, box.clientWidth))) < 1 &&
          w > 0
        );
      }, viewport.width);
      expect(await chartCount(page, '#explore-panel')).toBe(3);
      expect(await chartTextProblems(page, '#explore-panel')).toEqual([]);
      const o = await sidewaysOverflow(page);
      expect(o.scrollWidth, `sticking out: ${o.wide.join('; ')}`).toBeLessThanOrEqual(o.innerWidth);
      await page
        .locator('#explore-panel')
        .screenshot({ path: resolve(ROOT, `artifacts/explore-${viewport.width}.png`) });
    }, 60_000);
  }

  it('has no accessibility violations (WCAG 2.2 AA and best practices) with every panel open and computed', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.$$eval('details', (ds) => {
      for (const d of ds) (d as HTMLDetailsElement).open = true;
    });
    await page.waitForSelector('#targets li');
    await page.evaluate(readFileSync(AXE, 'utf8'));
    const violations = await page.evaluate(async () => {
      type Result = { violations: { id: string; nodes: { target: unknown; failureSummary?: string }[] }[] };
      const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<Result> } }).axe;
      const r = await axe.run(document, {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        },
      });
      return r.violations.map(
        (v) =>
          `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`,
      );
    });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
