/**
 * SBML in the app, in Chromium: "Export SBML" downloads the current model and protocol named after
 * the model; "Open model file" reads an SBML file, lets the user map the RE and EE inputs, runs it
 * (readouts equal to the library's import of the same file), keeps it across a reload, lists a
 * refused file's problems one per line, and says so when a stored model fails validation.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readoutTable } from '../../src/analysis/readouts.ts';
import { speciesToObserve } from '../../src/app/model-file.ts';
import { compileModel } from '../../src/model/compile.ts';
import { importSbml } from '../../src/sbml/import.ts';
import { buildProtocol } from '../../src/simulate/scenario.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

const EXAMPLE = resolve(import.meta.dirname, '../../docs/examples/two-signal.xml');

let app: ServedApp;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

async function open(query = '?unc=0'): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.url}${query}`);
  await page.waitForSelector('body[data-run-id]');
  await page.click('#files-section > summary');
  return { page, errors };
}

describe('SBML in the app', () => {
  it('exports the current model and protocol as SBML named after the model', async () => {
    const { page } = await open();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-sbml')]);
    expect(download.suggestedFilename()).toBe('concurrent-training.xml');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('<sbml');
    expect(text).toContain('level="3" version="2"');
    await page.close();
  }, 120_000);

  it('opens an SBML file, maps its inputs, runs it with the library’s readouts and keeps it across a reload', async () => {
    const { page, errors } = await open();
    await page.setInputFiles('#open-model', EXAMPLE);
    await page.waitForSelector('#map-re');
    await page.selectOption('#map-re', 'stimRE');
    await page.selectOption('#map-ee', 'stimEE');
    const before = Number(await page.getAttribute('body', 'data-run-id'));
    await page.click('#run-opened-model');
    await page.waitForFunction(
      (n) => Number(document.body.dataset.runId) > n && document.body.dataset.stale === 'false',
      before,
    );
    const xml = await readFile(EXAMPLE, 'utf8');
    const spec = importSbml(xml, {
      origin: 'two-signal.xml',
      inputs: { resistance: 'stimRE', endurance: 'stimEE' },
      observe: speciesToObserve(xml),
    }).spec;
    await expect.poll(() => page.inputValue('#model-select')).toBe(spec.id);
    expect(await page.inputValue('#share-url')).toContain(`model=${spec.id}`);
    // The fold bars' values are the library's readouts of the same import on the same protocol.
    const model = compileModel(spec);
    const rows = readoutTable(simulate(model, buildProtocol(model, 'study', { gap: 0 })));
    const first = model.observableNames[0]!;
    for (const row of rows.filter((r) => r.group !== 'control')) {
      const bar = page.locator(`#fig-fold rect.eol-bar[data-group="${row.group}"]`);
      expect(Number(await bar.getAttribute('data-value'))).toBeCloseTo(row.fold[first]!, 4);
    }
    await page.reload();
    await page.waitForSelector('body[data-run-id]');
    // The stored model is registered after the worker's full check, then the link is applied.
    await expect.poll(() => page.inputValue('#model-select'), { timeout: 60_000 }).toBe(spec.id);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('lists a refused file’s problems one per line, naming the construct', async () => {
    const { page } = await open();
    const xml = (await readFile(EXAMPLE, 'utf8')).replace(
      '</model>',
      '<listOfEvents><event id="kick" useValuesFromTriggerTime="true"><trigger initialValue="false" persistent="true"><math xmlns="http://www.w3.org/1998/Math/MathML"><apply><gt/><csymbol encoding="text" definitionURL="http://www.sbml.org/sbml/symbols/time">t</csymbol><cn>10</cn></apply></math></trigger></event></listOfEvents></model>',
    );
    await page.setInputFiles('#open-model', {
      name: 'event.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(xml),
    });
    // Refused on reading (the reader lists unsupported constructs before any mapping is asked).
    await page.waitForSelector('#model-file-problems li');
    const lines = await page.$$eval('#model-file-problems li', (li) => li.map((x) => x.textContent ?? ''));
    expect(lines.some((l) => l.includes('kick'))).toBe(true);
    expect(await page.inputValue('#model-select')).toBe('concurrent-training');
    await page.close();
  }, 120_000);

  it('says so when the model stored from the last visit fails validation, and does not load it', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const spec = {
        id: 'broken-model',
        name: 'Broken',
        parameters: { k: { value: 'abc' } },
        inputs: {},
        parameterPresets: {},
        states: {},
        observables: {},
      };
      localStorage.setItem(
        'exercise-order-lab:opened-model',
        JSON.stringify({ format: 'eolab-opened-model/1', spec }),
      );
    });
    await page.goto(`${app.url}?model=broken-model&unc=0`);
    await page.waitForSelector('body[data-run-id]');
    await expect
      .poll(() => page.textContent('#messages'), { timeout: 60_000 })
      .toContain('failed validation and was not loaded');
    await expect.poll(() => page.inputValue('#model-select')).toBe('concurrent-training');
    await page.close();
  }, 120_000);
});
