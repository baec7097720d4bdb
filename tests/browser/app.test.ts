/**
 * The browser app end to end in Chromium: build with Vite, serve the static output, drive the
 * page with playwright-core. Each test waits for `body[data-run-id]` to change (incremented
 * after every render) instead of sleeping.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AXE = resolve(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');

let app: ServedApp;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

/** Open the app at `query` and wait for the first render; collects console errors. */
async function open(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // A fresh storage per test, so remembered state never leaks between tests.
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

async function runId(page: Page): Promise<number> {
  return Number(await page.getAttribute('body', 'data-run-id'));
}

/** Do `action`, then wait until the page has rendered a newer result. */
async function rendered(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await runId(page);
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.runId) > n, before);
}

/** Set a range input's value as a user would (input event). */
async function slide(page: Page, selector: string, value: number): Promise<void> {
  await page.$eval(
    selector,
    (el, v) => {
      const input = el as HTMLInputElement;
      input.value = String(v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}

const foldTable = (page: Page) => page.textContent('#fig-fold .table-wrap');
const claims = (page: Page) => page.textContent('#claims');

describe('Exercise Order Lab in Chromium', () => {
  it('loads with no console errors and shows charts, claims and a summary', async () => {
    const { page, errors } = await open();
    expect(await page.locator('#charts-panel svg').count()).toBe(6);
    expect(await claims(page)).toContain('EE after RE lowers MPS at 3 h');
    await page.waitForFunction(() =>
      (document.getElementById('summary')?.textContent ?? '').includes('RE→EE'),
    );
    expect(await page.textContent('#summary')).toMatch(/RE→EE: MPS at 3 h \d\.\d\d-fold, \d+% below RE only/);
    expect(await page.inputValue('#share-url')).toContain('gap=0');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changes the bars when groups are switched off and when the gap changes', async () => {
    const { page } = await open();
    const before = await page.innerHTML('#fig-fold .plot');
    expect(before).toContain('EE→RE');
    await rendered(page, () => page.uncheck('#show-ee-re'));
    const after = await page.innerHTML('#fig-fold .plot');
    expect(after).not.toContain('EE→RE');
    expect(await page.inputValue('#share-url')).toContain('show=re%2Cee%2Cre-ee');
    const table = await foldTable(page);
    await rendered(page, () => slide(page, '#gap', 480));
    expect(await foldTable(page)).not.toBe(table);
    expect(await page.textContent('#gap-value')).toBe('8:00 h');
    await page.close();
  });

  it('moves a parameter slider by keyboard and updates the charts and readouts', async () => {
    const { page } = await open();
    await page.click('#params-section > summary');
    const value = await page.inputValue('#param-kR');
    const table = await foldTable(page);
    const svg = await page.innerHTML('#fig-regulator .plot');
    await page.focus('#param-kR-slider');
    for (let i = 0; i < 5; i++) await rendered(page, () => page.keyboard.press('ArrowRight'));
    expect(Number(await page.inputValue('#param-kR'))).toBeGreaterThan(Number(value));
    expect(await foldTable(page)).not.toBe(table);
    expect(await page.innerHTML('#fig-regulator .plot')).not.toBe(svg);
    expect(await page.inputValue('#share-url')).toMatch(/p\.kR=0\.\d+/);
    await page.close();
  });

  it('rejects a typed out-of-range value next to the field and does not apply it', async () => {
    const { page } = await open();
    await page.click('#params-section > summary');
    const id = await runId(page);
    await page.fill('#param-tauR', '9999');
    await page.press('#param-tauR', 'Enter');
    await expect.poll(() => page.textContent('#param-tauR-msg')).toMatch(/tauR.*9999 is outside 15–240 min/);
    expect(await runId(page)).toBe(id);
    expect(await page.inputValue('#share-url')).not.toContain('tauR');
    await page.close();
  });

  it('drags a bout with the mouse and changes the protocol', async () => {
    const { page } = await open();
    const block = page.locator('.bout.endurance[data-group="re-ee"]');
    const label = await block.getAttribute('aria-label');
    expect(label).toContain('starts 1:20 h');
    const box = (await block.boundingBox())!;
    const table = await foldTable(page);
    await rendered(page, async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 6 });
      await page.mouse.up();
    });
    await page.waitForFunction(() => new URLSearchParams(location.search).has('g'));
    const moved = await page.locator('.bout.endurance[data-group="re-ee"]').getAttribute('aria-label');
    expect(moved).not.toBe(label);
    const [, hours, minutes] = /starts (\d+):(\d\d)/.exec(moved!)!;
    const start = Number(hours) * 60 + Number(minutes);
    expect(start).toBeGreaterThan(80);
    expect(decodeURIComponent(await page.inputValue('#share-url'))).toContain(`E${start}/60/0.7`);
    expect(await foldTable(page)).not.toBe(table);
    // A second drag starts where the first one ended.
    const box2 = (await block.boundingBox())!;
    expect(box2.x).toBeGreaterThan(box.x + 30);
    await rendered(page, async () => {
      await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
      await page.mouse.down();
      await page.mouse.move(box2.x + box2.width / 2 + 60, box2.y + box2.height / 2, { steps: 6 });
      await page.mouse.up();
    });
    const again = /starts (\d+):(\d\d)/.exec((await block.getAttribute('aria-label'))!)!;
    expect(Number(again[1]) * 60 + Number(again[2])).toBeGreaterThan(start + 30);
    await page.close();
  });

  it('moves a bout by keyboard and reports an overlap next to the timeline, keeping the last run', async () => {
    const { page } = await open();
    const block = page.locator('.bout.endurance[data-group="re-ee"]');
    await block.focus();
    await rendered(page, () => page.keyboard.press('ArrowRight'));
    expect(await page.locator('.bout.endurance[data-group="re-ee"]').getAttribute('aria-label')).toContain(
      'starts 1:25 h',
    );
    // Focus stays on the moved block, so repeated presses keep moving it.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.textContent('#timeline-error')).toMatch(/overlap/);
    expect(await page.getAttribute('body', 'data-stale')).toBe('true');
    // Every chart is marked: the five of the study and the order effect against readout time.
    expect(await page.locator('#charts-panel svg.stale').count()).toBe(6);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.textContent('#timeline-error')).toBe('');
    await expect.poll(() => page.getAttribute('body', 'data-stale')).toBe('false');
    await page.close();
  });

  it('resizes with Shift+arrow and removes a bout with Delete', async () => {
    const { page } = await open();
    await page.locator('.bout.endurance[data-group="ee"]').focus();
    await rendered(page, () => page.keyboard.press('Shift+ArrowRight'));
    expect(await page.locator('.bout.endurance[data-group="ee"]').getAttribute('aria-label')).toContain(
      'lasts 1:05 h',
    );
    await rendered(page, () => page.keyboard.press('Delete'));
    expect(await page.locator('.bout[data-group="ee"]').count()).toBe(0);
    expect(new URL(await page.inputValue('#share-url')).searchParams.getAll('g')).toContain('ee||EE only');
    await page.close();
  });

  it('remembers the scenario across a reload without a query (localStorage) and resets to the study', async () => {
    const { page } = await open();
    await rendered(page, () => slide(page, '#gap', 300));
    await page.goto(app.url);
    await page.waitForSelector('body[data-run-id]');
    expect(await page.textContent('#gap-value')).toBe('5:00 h');
    await rendered(page, () => page.click('#reset'));
    expect(await page.textContent('#gap-value')).toBe('0:00 h');
    expect(await page.inputValue('#share-url')).toMatch(/\?gap=0$/);
    await page.close();
  });

  it('restores the same readouts from a copied share link', async () => {
    const { page } = await open();
    await rendered(page, () => slide(page, '#gap', 120));
    await rendered(page, () => slide(page, '#ee-intensity', 0.85));
    await page.click('#params-section > summary');
    await page.fill('#param-tauR', '80');
    await rendered(page, () => page.press('#param-tauR', 'Enter'));
    const link = await page.inputValue('#share-url');
    const table = await foldTable(page);
    const claimText = await claims(page);
    const second = await open(link.slice(app.url.length));
    expect(await foldTable(second.page)).toBe(table);
    expect(await claims(second.page)).toBe(claimText);
    expect(await second.page.inputValue('#param-tauR')).toBe('80');
    expect(await second.page.textContent('#gap-value')).toBe('2:00 h');
    expect(second.errors).toEqual([]);
    await page.close();
    await second.page.close();
  });

  it('shows a message for a malformed URL and still renders, keeping the valid fields', async () => {
    const { page } = await open('?gap=abc&ee=0.8&p.nope=1');
    const text = await page.textContent('#messages');
    expect(text).toContain('URL: gap "abc" is not a number — using 0');
    expect(text).toContain('p.nope');
    expect(await page.locator('#charts-panel svg').count()).toBe(6);
    expect(await page.textContent('#ee-intensity-value')).toBe('80%');
    expect(await page.textContent('#gap-value')).toBe('0:00 h');
    await page.close();
  });

  it('downloads a CSV and an SVG that contain what they claim', async () => {
    const { page } = await open();
    await page.click('#files-section > summary');
    // One click downloads the long CSV and its provenance sidecar (.meta.json).
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.click('#download-csv');
    await expect.poll(() => downloads.length).toBe(2);
    const byName = (suffix: string) => downloads.find((d) => d.suggestedFilename().endsWith(suffix))!;
    const [csvDownload, metaDownload] = [byName('.csv'), byName('.meta.json')];
    expect(metaDownload.suggestedFilename()).toBe(
      csvDownload.suggestedFilename().replace(/\.csv$/, '.meta.json'),
    );
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 2)).toEqual(['group', 'time']);
    expect(header).toContain('mps');
    expect(lines.length - 1).toBe(5 * (76 * 12 + 1));
    expect(lines.every((r) => r.split(',').length === header.length)).toBe(true);
    const meta = JSON.parse(await readFile((await metaDownload.path())!, 'utf8'));
    expect(meta.model.id).toBe('concurrent-training');
    expect(meta.parameters).toHaveProperty('kR', 0.165);
    expect(meta.protocol.groups.map((g: { id: string }) => g.id)).toEqual([
      'control',
      're',
      'ee',
      're-ee',
      'ee-re',
    ]);
    expect(meta.createdBy.url).toContain('http');
    page.removeAllListeners('download');

    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-export="svg-mps"]'),
    ]);
    expect(svgDownload.suggestedFilename()).toBe('mps-time-course.svg');
    const svg = await readFile((await svgDownload.path())!, 'utf8');
    expect(svg).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Muscle protein synthesis');
    expect(svg).toContain('RE→EE');

    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-export="png-fold"]'),
    ]);
    const png = await readFile((await pngDownload.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.close();
  });

  it('moves the cursor by keyboard and by hovering a time course, reading out every group', async () => {
    const { page } = await open();
    expect(await page.textContent('#cursor-value')).toBe('4:20 h');
    await page.focus('#cursor-time');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.textContent('#cursor-value')).toBe('4:25 h');
    const readout = await page.textContent('#cursor-readout');
    for (const label of ['RE only', 'EE only', 'RE→EE', 'EE→RE']) expect(readout).toContain(label);
    const box = (await page.locator('#fig-mps svg').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.4);
    await expect.poll(() => page.textContent('#cursor-value')).not.toBe('4:25 h');
    const [hours] = (await page.textContent('#cursor-value'))!.split(':');
    expect(Number(hours)).toBeGreaterThan(12);
    await page.close();
  });

  it("a coach's day (run 07:00, lift 19:00): no interference after 12 h, cursor at that day's readout", async () => {
    const { page } = await open();
    expect(await page.textContent('#cursor-value')).toBe('4:20 h');
    await rendered(page, () => page.locator('#protocol-preset').selectOption('run-morning-lift-night'));
    // The cursor moves to the lift's readout (19:20 + 3 h) instead of keeping the study's time.
    expect(await page.textContent('#cursor-value')).toBe('22:20 h');
    const labels = await page.locator('#charts-panel svg').first().locator('text').allTextContents();
    expect(labels.join(' ')).toContain('Run 07:00, lift 19:00');
    // Twelve hours apart, the run costs nothing at the readout: both bars read the same.
    const bars = await page
      .locator('#charts-panel .eol-bar')
      .evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-value') ?? ''));
    expect(bars).toHaveLength(2);
    expect(Number(bars[0])).toBeCloseTo(Number(bars[1]), 3);
    await page.close();
  });

  it('switches parameter presets: the knockout breaks the claim, the human preset brings its timing', async () => {
    const { page } = await open();
    const select = page.locator('#scenario-panel select[id^="param-preset"]');
    await rendered(page, () => select.selectOption('regulator-knockout'));
    // The preset's description is the hint the preset select points to (aria-describedby).
    const hintId = await select.getAttribute('aria-describedby');
    expect(await page.textContent(`#${hintId}`)).toContain('Break it');
    const first = page.locator('#claims li').first();
    expect(await first.textContent()).toMatch(
      /✗ EE after RE lowers MPS at 3 h: [−±+]\d+% \(MPS at the readout, RE→EE vs RE only\)/,
    );
    expect(await page.inputValue('#share-url')).toContain('preset=regulator-knockout');
    await rendered(page, () => select.selectOption('human-apro2013'));
    expect(await page.textContent('#gap-value')).toBe('0:15 h');
    expect(await page.locator('.bout.endurance[data-group="re-ee"]').getAttribute('aria-label')).toContain(
      'lasts 0:30 h',
    );
    await page.close();
  });

  it('pins a run and overlays it on every chart until unpinned', async () => {
    const { page } = await open();
    expect(await page.locator('#charts-panel .eol-pinned').count()).toBe(0);
    await rendered(page, () => page.click('#pin'));
    expect(await page.getAttribute('#pin', 'aria-pressed')).toBe('true');
    await rendered(page, () => slide(page, '#gap', 360));
    for (const id of ['mps', 'fold', 'anabolic', 'auc', 'regulator']) {
      expect(await page.locator(`#fig-${id} .eol-pinned`).count()).toBeGreaterThan(0);
    }
    await rendered(page, () => page.click('#pin'));
    expect(await page.locator('#charts-panel .eol-pinned').count()).toBe(0);
    await page.close();
  });

  it('reveals the answer to the prediction only after the student commits', async () => {
    const { page } = await open();
    expect(await page.isDisabled('#predict-panel button')).toBe(true);
    await page.check('#predict-ee-re');
    await page.click('#predict-panel button');
    const answer = await page.textContent('#predict-answer');
    expect(answer).toMatch(/^The model disagrees with your prediction\. Here RE→EE is −\d+%/);
    await page.close();
  });

  it('renders the model equations with KaTeX and substitutes values on request', async () => {
    const { page } = await open();
    await page.click('#equations-section > summary');
    await page.waitForSelector('#equations-panel .katex');
    const symbols = await page.textContent('#equations-panel .equations');
    expect(symbols).not.toContain('0.165');
    await page.check('#eq-values');
    await expect.poll(() => page.textContent('#equations-panel .equations')).toContain('0.165');
    await page.close();
  });

  it('reduces the controls in presenter mode (also from ?presenter=1)', async () => {
    const { page } = await open('?presenter=1');
    expect(await page.isChecked('#presenter')).toBe(true);
    expect(await page.isVisible('#gap')).toBe(true);
    expect(await page.isVisible('#ee-intensity')).toBe(true);
    expect(await page.isVisible('#show-re-ee')).toBe(true);
    expect(await page.isVisible('#params-section')).toBe(false);
    expect(await page.isVisible('#protocol-preset')).toBe(false);
    expect(await page.isVisible('#ee-duration')).toBe(false);
    await rendered(page, () => page.uncheck('#presenter'));
    expect(await page.isVisible('#params-section')).toBe(true);
    expect(await page.inputValue('#share-url')).not.toContain('presenter');
    await page.close();
  });

  it('exports the scenario as JSON and re-imports it, reporting a bad field by name', async () => {
    const { page } = await open('?gap=90&ee=0.85');
    await page.click('#files-section > summary');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-scenario')]);
    const doc = JSON.parse(await readFile((await dl.path())!, 'utf8'));
    expect(doc.scenario.settings).toEqual({ gap: 90, eeIntensity: 0.85 });
    await rendered(page, () => page.click('#reset'));
    expect(await page.textContent('#gap-value')).toBe('0:00 h');
    doc.scenario.params = { tauR: 'slow' };
    await rendered(page, () =>
      page.setInputFiles('#import-scenario', {
        name: 'scenario.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(doc)),
      }),
    );
    expect(await page.textContent('#import-messages')).toContain('file: p.tauR "slow" is not a number');
    expect(await page.textContent('#gap-value')).toBe('1:30 h');
    expect(await page.textContent('#ee-intensity-value')).toBe('85%');
    await page.close();
  });

  it('has no accessibility violations (axe-core), with every section open', async () => {
    const { page } = await open();
    await page.$$eval('details', (ds) => {
      for (const d of ds) (d as HTMLDetailsElement).open = true;
    });
    await page.waitForSelector('#targets li');
    await page.evaluate(readFileSync(AXE, 'utf8'));
    // The explore panel's contents are checked by its own suite (tests/browser/explore.test.ts).
    const violations = await page.evaluate(async () => {
      type Result = { violations: { id: string; nodes: { target: unknown }[] }[] };
      const axe = (window as unknown as { axe: { run(ctx: unknown): Promise<Result> } }).axe;
      const r = await axe.run({ exclude: [['#explore-panel']] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('writes a screenshot of the default view at 1280×720', async () => {
    const { page } = await open();
    await page.waitForFunction(() => (document.getElementById('summary')?.textContent ?? '') !== '');
    await mkdir(resolve(ROOT, 'artifacts'), { recursive: true });
    const file = resolve(ROOT, 'artifacts/default-view.png');
    await page.screenshot({ path: file });
    const png = await readFile(file);
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.readUInt32BE(20)).toBe(720);
    await page.close();
  });
});
