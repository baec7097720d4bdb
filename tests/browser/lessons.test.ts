/**
 * The lessons in Chromium (built app, playwright-core): every lesson played with the keyboard
 * only (predict, reveal, next), with axe-core (WCAG A/AA and best-practice rules) on every step
 * as it opens (and on the revealed state once per lesson) and a 1280×720 presenter-mode
 * screenshot of every step (and of every revealed answer) in artifacts/lessons/; the sketch drawn with a mouse and with a touch-like pointer; links that open
 * a step; remembered progress; worksheets and answer keys; undo in the page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AXE = resolve(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');
const SHOTS = resolve(ROOT, 'artifacts/lessons');
const LESSONS = readLessonIds();

function readLessonIds(): { id: string; steps: { predict?: { kind: string; hide?: string[] } }[] }[] {
  return readdirSync(resolve(ROOT, 'lessons'))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => JSON.parse(readFileSync(resolve(ROOT, 'lessons', f), 'utf8')));
}

let app: ServedApp;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true);
  browser = await launchChromium();
  // The service worker is tested in offline.test.ts; here every load comes from the server.
  context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

async function open(query: string, ctx = context): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
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

/** Wait until the lesson card shows step `n` (from 1) with its numbers and the run drawn. */
async function atStep(page: Page, n: number): Promise<void> {
  await page.waitForSelector(`#lesson-panel[data-step="${n}"][data-pending="false"]`, { timeout: 60_000 });
  await page.waitForFunction(() => document.body.dataset.stale === 'false');
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: unknown }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<Result> } }).axe;
    const r = await axe.run(
      { exclude: [['#explore-panel']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    );
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}

/** Press Tab until the focused element matches `selector` (keyboard only). */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

const visibleLines = (page: Page, group: string) =>
  page.$$eval(
    `#fig-mps .eol-line[data-group="${group}"]`,
    (els) => els.filter((e) => getComputedStyle(e).visibility !== 'hidden').length,
  );

describe('lessons in Chromium', () => {
  for (const lesson of LESSONS) {
    it(`plays "${lesson.id}" with the keyboard only; axe finds nothing; a screenshot per step`, {
      timeout: 300_000,
    }, async () => {
      const { page, errors } = await open(`?lesson=${lesson.id}&step=1&presenter=1`);
      let checkedRevealed = false;
      for (let n = 1; n <= lesson.steps.length; n++) {
        await atStep(page, n);
        await page.waitForTimeout(150);
        expect(await axeViolations(page), `${lesson.id} step ${n}`).toEqual([]);
        await page.screenshot({ path: resolve(SHOTS, `${lesson.id}-${n}.png`) });
        const predict = lesson.steps[n - 1]!.predict;
        const kind = predict?.kind;
        if (kind === 'choice') {
          const hides = predict?.hide?.length !== 0;
          expect(await page.isVisible('#summary'), 'summary hidden while predicting').toBe(!hides);
          await tabTo(page, '#lesson-body input[type="radio"]');
          await page.keyboard.press('Space');
          await tabTo(page, '[data-lesson="reveal"]');
          await page.keyboard.press('Enter');
        } else if (kind === 'sketch') {
          const group = await page.$eval('.sketch-surface', (e) => e.getAttribute('aria-label'));
          expect(group).toMatch(/^Your sketch of MPS in /);
          await tabTo(page, '[data-lesson="draw-keys"]');
          await page.keyboard.press('Enter');
          expect(
            await page.evaluate(() => document.activeElement?.classList.contains('sketch-surface')),
          ).toBe(true);
          for (const key of [
            'ArrowUp',
            'ArrowUp',
            'Shift+ArrowRight',
            'ArrowUp',
            'Shift+ArrowRight',
            'Shift+ArrowRight',
          ])
            await page.keyboard.press(key);
          expect(await page.getAttribute('.sketch-surface', 'aria-valuetext')).toMatch(
            /^at \d+:\d\d h: \d\.\d\d-fold of control$/,
          );
          await page.keyboard.press('Enter');
          expect(await page.evaluate(() => document.activeElement?.getAttribute('data-lesson'))).toBe(
            'reveal',
          );
          await page.keyboard.press('Enter');
          expect(await page.textContent('#lesson-feedback')).toMatch(/Score \d+ \/ 100/);
        }
        if (kind) {
          await page.waitForSelector('#lesson-feedback .lesson-verdict');
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('lesson-feedback');
          expect(await page.isVisible('#summary')).toBe(true);
          // The revealed state adds the same feedback block to every step: check it once a lesson.
          if (!checkedRevealed)
            expect(await axeViolations(page), `${lesson.id} step ${n} revealed`).toEqual([]);
          checkedRevealed = true;
          await page.screenshot({ path: resolve(SHOTS, `${lesson.id}-${n}-revealed.png`) });
        }
        const text = (await page.textContent('#lesson-body'))!;
        expect(text).not.toMatch(/\{\{|\}\}|…|NaN|undefined/);
        if (n < lesson.steps.length) await page.keyboard.press('ArrowRight');
      }
      expect(new URL(page.url()).searchParams.get('step')).toBe(String(lesson.steps.length));
      const png = await readFile(resolve(SHOTS, `${lesson.id}-1.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 720]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('hides the answer until the reveal, then shows the sketched curve under the sketch (mouse)', async () => {
    const { page } = await open('?lesson=the-study&step=5');
    await atStep(page, 5);
    expect(await visibleLines(page, 're-ee')).toBe(0);
    expect(await visibleLines(page, 're')).toBe(1);
    await page.locator('#fig-mps').scrollIntoViewIfNeeded();
    const box = (await page.locator('.sketch-surface').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.55);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++)
      await page.mouse.move(box.x + box.width * (0.25 + i * 0.05), box.y + box.height * (0.55 - i * 0.02));
    await page.mouse.up();
    const d = await page.getAttribute('.sketch-line', 'd');
    expect(d!.split('L').length).toBeGreaterThan(10);
    await page.click('[data-lesson="reveal"]');
    expect(await visibleLines(page, 're-ee')).toBe(1);
    expect(await page.textContent('#lesson-feedback')).toMatch(
      /Score \d+ \/ 100: \d+% of your sketch lies within \d\.\d\d of the model’s curve/,
    );
    expect(await page.getAttribute('.sketch-line', 'class')).toContain('revealed');
    await page.close();
  });

  it('draws the sketch with a touch-like pointer', async () => {
    const touch = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      serviceWorkers: 'block',
    });
    const { page } = await open('?lesson=drive-and-brake&step=4', touch);
    await atStep(page, 4);
    await page.locator('#fig-mps').scrollIntoViewIfNeeded();
    const box = (await page.locator('.sketch-surface').boundingBox())!;
    const cdp = await touch.newCDPSession(page);
    const at = (i: number) => ({ x: box.x + box.width * (0.2 + i * 0.05), y: box.y + box.height * 0.5 });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] });
    for (let i = 1; i <= 10; i++)
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(i)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const d = await page.getAttribute('.sketch-line', 'd');
    expect(d!.split('L').length).toBeGreaterThan(8);
    await touch.close();
  });

  it('opens a lesson at a step from a link, with that step’s scenario, and remembers progress', async () => {
    const { page } = await open('?lesson=readout-time&step=2');
    await atStep(page, 2);
    expect(await page.textContent('#readout-at-value')).toBe('1:00 h');
    expect(await page.textContent('#lesson-step-title')).toContain('Step 2 of 5');
    await page.keyboard.press('ArrowRight');
    await atStep(page, 3);
    expect(await page.textContent('#readout-at-value')).toBe('5:00 h');
    // Arrows on a slider move the slider, not the lesson.
    await page.focus('#gap');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#lesson-panel', 'data-step')).toBe('3');
    expect(await page.isVisible('.lesson-setup-note')).toBe(true);
    await page.click('[data-lesson="restore"]');
    expect(await page.textContent('#gap-value')).toBe('0:00 h');
    // Reopened without a step: where the student left it.
    await page.goto(`${app.url}?lesson=readout-time`);
    await atStep(page, 3);
    await page.click('[data-lesson="close"]');
    expect(new URL(page.url()).searchParams.has('lesson')).toBe(false);
    await page.click('#lessons-button');
    await page.waitForSelector('#lesson-picker[open]');
    expect(await page.textContent('#lesson-picker')).toContain('At step 3 of 5');
    expect(await page.locator('#lesson-picker .lesson-item').count()).toBe(LESSONS.length);
    await page.click('[data-open-lesson="the-gap"]');
    await atStep(page, 1);
    await page.close();
  });

  it('prints a worksheet and an answer key: one block per step, space to write, answers only in the key', async () => {
    const lesson = LESSONS.find((l) => l.id === 'the-gap')!;
    const { page } = await open('?lesson=the-gap&print=worksheet');
    await page.waitForSelector('#lesson-print[data-ready="true"]', { timeout: 60_000 });
    expect(await page.locator('.ws-step').count()).toBe(lesson.steps.length);
    expect(await page.locator('.ws-step .ws-lines').count()).toBeGreaterThan(lesson.steps.length);
    expect(await page.locator('.ws-axes').count()).toBe(1);
    expect(await page.locator('.ws-curve').count()).toBe(0);
    expect(await page.textContent('#lesson-print')).not.toContain('☑');
    expect(await page.isVisible('#charts-panel')).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.ws-toolbar')).toBe(false);
    expect(await page.$eval('.ws-step', (e) => getComputedStyle(e).breakInside)).toBe('avoid');
    await page.emulateMedia({ media: 'screen' });
    await page.click('button:text("Answer key")');
    await page.waitForSelector('#lesson-print.is-key[data-ready="true"]', { timeout: 60_000 });
    expect(await page.locator('.ws-curve').count()).toBe(1);
    expect(await page.textContent('#lesson-print')).toContain('☑');
    expect(await page.locator('.ws-teacher').count()).toBe(lesson.steps.length);
    expect(new URL(page.url()).searchParams.get('print')).toBe('key');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(SHOTS, 'the-gap-answer-key.png'), fullPage: true });
    await page.close();
  });

  it('undo restores the previous scenario exactly (keys and buttons), and a drag is one step', async () => {
    const { page } = await open('');
    const link = () => page.inputValue('#share-url');
    const start = await link();
    expect(await page.isDisabled('#undo')).toBe(true);
    const slider = (await page.locator('#gap').boundingBox())!;
    await page.mouse.move(slider.x + 4, slider.y + slider.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(slider.x + slider.width * i * 0.05, slider.y + slider.height / 2);
    await page.mouse.up();
    const dragged = await link();
    expect(dragged).not.toBe(start);
    await page.uncheck('#show-ee');
    await page.check('#show-ee');
    const checked = await link();
    await page.click('body');
    await page.keyboard.press('Control+z');
    expect(await link()).toContain('show=re%2Cre-ee%2Cee-re');
    await page.keyboard.press('Control+z');
    expect(await link()).toBe(dragged);
    await page.keyboard.press('Control+z');
    expect(await link()).toBe(start);
    expect(await page.isDisabled('#undo')).toBe(true);
    await page.click('#redo');
    expect(await link()).toBe(dragged);
    await page.keyboard.press('Control+Shift+Z');
    await page.keyboard.press('Control+y');
    expect(await link()).toBe(checked);
    await page.close();
  });
});
