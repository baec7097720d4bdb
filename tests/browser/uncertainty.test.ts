/**
 * Uncertainty, time since the run and the model switcher in Chromium: the ensemble's bands and
 * error bars appear (on by default, off in presenter mode until chosen) with the claims' support,
 * whose numbers equal the library's on the same members; the order-effect chart's values equal
 * library readouts at sampled times for the chosen anchor; the study-intensity band is drawn on the
 * EE intensity slider; switching models keeps the choice in the URL and says next to the charts
 * that the variant has no ensemble.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ensembleJson from '../../models/concurrent-training.ensemble.json' with { type: 'json' };
import { getModel } from '../../models/index.ts';
import { ensembleMembers, parseEnsembleFile } from '../../src/analysis/ensemble-file.ts';
import { foldVsControl, readoutTimeOf } from '../../src/analysis/readouts.ts';
import { simulateEnsemble } from '../../src/analysis/simulate-ensemble.ts';
import { studyIntensityBand } from '../../src/analysis/time-since-run.ts';
import { supportText } from '../../src/app/claims.ts';
import { APP_ENSEMBLE } from '../../src/app/uncertainty-job.ts';
import { compileModel } from '../../src/model/compile.ts';
import { buildProtocol } from '../../src/simulate/scenario.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

let app: ServedApp;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

async function open(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('eolab-test-cleared')) {
      localStorage.clear();
      sessionStorage.setItem('eolab-test-cleared', '1');
    }
  });
  await page.goto(`${app.url}${query}`);
  await page.waitForSelector('body[data-run-id]');
  return { page, errors };
}

const ENSEMBLE_DONE = 180_000;
const status = (page: Page) => page.getAttribute('#uncertainty-status', 'data-status');

const model = compileModel(getModel());

describe('uncertainty in the app', () => {
  it('shows bands, error bars and each claim’s support, with the library’s numbers', async () => {
    const { page, errors } = await open();
    expect(await page.isChecked('#show-uncertainty')).toBe(true);
    await page.waitForSelector('#uncertainty-status[data-status="done"]', { timeout: ENSEMBLE_DONE });
    // Bands on the three time courses, error bars on both bar charts.
    for (const id of ['mps', 'anabolic', 'regulator'])
      expect(await page.locator(`#fig-${id} path.eol-band`).count()).toBeGreaterThan(0);
    expect(await page.locator('#fig-fold .eol-error-bar').count()).toBe(4);
    expect(await page.locator('#fig-auc .eol-error-bar').count()).toBe(8);
    expect(await page.locator('#fig-order path.eol-band').count()).toBe(2);

    // The same members, parameters and protocol in the library give the same support sentence.
    const file = parseEnsembleFile(ensembleJson, 'test', model);
    const members = ensembleMembers(file).slice(0, APP_ENSEMBLE.members);
    const lib = simulateEnsemble(model, buildProtocol(model, 'study', { gap: 0 }), {
      members,
      dt: APP_ENSEMBLE.dt,
    });
    for (const c of lib.claims) {
      const text = await page.textContent(`#claim-${c.id} .support`);
      expect(text).toBe(` Across the ensemble: ${supportText(c)}.`);
    }
    // The fold bars' whiskers are the library's quantiles of fold:<group>:mps (the attributes hold
    // 6 significant digits: tolerance 5e-6).
    const whisker = page.locator('#fig-fold .eol-error-bar[data-group="re-ee"]');
    expect(Number(await whisker.getAttribute('data-q05'))).toBeCloseTo(
      lib.readouts['fold:re-ee:mps']!.q05,
      5,
    );
    expect(Number(await whisker.getAttribute('data-q95'))).toBeCloseTo(
      lib.readouts['fold:re-ee:mps']!.q95,
      5,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);

  it('is off in presenter mode until chosen, and the choice goes into the link', async () => {
    const { page } = await open('?presenter=1');
    expect(await page.isChecked('#show-uncertainty')).toBe(false);
    expect(await page.locator('#fig-mps path.eol-band').count()).toBe(0);
    await page.check('#show-uncertainty');
    await expect.poll(() => page.inputValue('#share-url')).toContain('unc=1');
    await page.waitForSelector('#fig-mps path.eol-band', { timeout: ENSEMBLE_DONE });
    expect(await status(page)).toBe('done');
    await page.close();
  }, 400_000);
});

describe('time since the run', () => {
  it('plots the order effect for the chosen anchor, matching library readouts at sampled times', async () => {
    const { page } = await open('?unc=0');
    await page.selectOption('#readout-anchor', 'workout-end');
    await expect.poll(() => page.inputValue('#share-url')).toContain('anchor=workout-end');
    await page.waitForFunction(() =>
      (document.querySelector('#fig-order .eol-axis-x')?.textContent ?? '').includes(
        'after the end of the workout',
      ),
    );
    await page.click('#fig-order summary');
    // The table is built on the details' `toggle` event, which fires in a later task.
    await page.waitForSelector('#fig-order .table-wrap tbody tr');
    // Each number cell carries its value (6 decimals) in data-value; the text shows 3 digits.
    const rows = await page.$$eval('#fig-order .table-wrap tbody tr', (trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('th,td')).map(
          (c) => c.getAttribute('data-value') ?? c.textContent ?? '',
        ),
      ),
    );
    const result = simulate(model, buildProtocol(model, 'study', { gap: 0 }));
    const at = (after: number) => {
      const f = (g: string) =>
        foldVsControl(result, g, 'mps', readoutTimeOf(result, g, { anchor: 'workout-end', after }));
      return f('re-ee') / f('ee-re');
    };
    for (const hours of [0, 1, 2, 3, 5, 12, 24]) {
      const row = rows.find((r) => r[0] === `${hours}:00`);
      expect(row, `row ${hours}:00`).toBeDefined();
      expect(Number(row![1])).toBeCloseTo(at(hours * 60), 5);
    }
    await page.close();
  }, 300_000);

  it('marks the study intensities where T1–T9 hold on the EE intensity slider', async () => {
    const { page } = await open('?unc=0');
    await page.waitForSelector('#intensity-band-text', { timeout: 120_000 });
    const band = studyIntensityBand(model, { resolution: 0.005 });
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    expect(await page.textContent('#intensity-band-text')).toBe(
      `T1–T9 hold for a study run at ${band.intervals.map((iv) => `${pct(iv.from)}–${pct(iv.to)}`).join(' and ')} VO2max.`,
    );
    await page.close();
  }, 300_000);
});

describe('model switcher', () => {
  it('switches to a rival variant: the link, the parameters and the charts follow, and uncertainty says it has no ensemble', async () => {
    const { page, errors } = await open();
    const before = Number(await page.getAttribute('body', 'data-run-id'));
    await page.selectOption('#model-select', 'concurrent-training-rat-regulator');
    await page.waitForFunction((n) => Number(document.body.dataset.runId) > n, before);
    await expect
      .poll(() => page.inputValue('#share-url'))
      .toContain('model=concurrent-training-rat-regulator');
    await page.waitForSelector('#uncertainty-status[data-status="error"]', { timeout: 60_000 });
    expect(await page.textContent('#uncertainty-status')).toContain('no ensemble of plausible models');
    // Reload: the model comes back from the link.
    await page.reload();
    await page.waitForSelector('body[data-run-id]');
    expect(await page.inputValue('#model-select')).toBe('concurrent-training-rat-regulator');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
