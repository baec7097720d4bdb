/**
 * Layout in Chromium, measured on the rendered page: chart text never overlaps other chart text
 * or sticks out of its chart (at 390, 1280 and 1920 px and in presenter mode, in several states);
 * a phone (390×844) never scrolls sideways and every control and bout is a 24×24 px target, bouts
 * drag by touch; presenter mode draws chart text ≥ 18 px and lines ≥ 3 px and gives the plots the
 * screen; PageUp/PageDown move a bout by an hour; axe-core (best practices included) finds nothing.
 * Screenshots of each size are written to artifacts/.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_DEFAULTS } from '../../src/chart/frame.ts';
import { fixedTextMeasure } from '../../src/chart/text.ts';
import {
  chartCount,
  chartTextProblems,
  presenterProblems,
  sidewaysOverflow,
  smallTargets,
} from './page-checks.ts';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AXE = resolve(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');

let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true);
  browser = await launchChromium();
  await mkdir(resolve(ROOT, 'artifacts'), { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
};

/** Open the app in a fresh context and wait for the first render. */
async function open(options: BrowserContextOptions, query = ''): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.url}${query}`);
  await page.waitForSelector('body[data-run-id]');
  return { page, errors };
}

/** Do `action`, then wait until the page has rendered again. */
async function rendered(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = Number(await page.getAttribute('body', 'data-run-id'));
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.runId) > n, before);
}

/** Wait for two animation frames (the cursor and the time window redraw without a new run). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

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

/** Timeline hour labels that touch each other or stick out of the track (at least three expected). */
async function timelineTickProblems(page: Page): Promise<string[]> {
  return page.$eval('.track.axis', (axis) => {
    const track = axis.getBoundingClientRect();
    const ticks = [...axis.querySelectorAll('.tick')].map((t) => ({
      text: t.textContent,
      r: t.getBoundingClientRect(),
    }));
    const out: string[] = ticks.length < 3 ? [`only ${ticks.length} labels`] : [];
    ticks.forEach((t, k) => {
      if (t.r.left < track.left - 0.5 || t.r.right > track.right + 0.5)
        out.push(`${t.text} sticks out of the track`);
      const prev = ticks[k - 1];
      // At least 4 px of space, or neighbouring labels read as one ("0:000:30").
      if (prev && t.r.left - prev.r.right < 4) out.push(`${prev.text} touches ${t.text}`);
    });
    return out;
  });
}

/** The states every size is checked in: each changes what the charts must fit. */
const STATES: readonly { name: string; apply: (page: Page) => Promise<void> }[] = [
  { name: 'default', apply: async () => {} },
  {
    name: 'cursor early, pinned run, 2:00 h gap',
    apply: async (page) => {
      await rendered(page, () => page.click('#pin'));
      await rendered(page, () => slide(page, '#gap', 120));
      await slide(page, '#cursor-time', 90);
      await expect.poll(() => page.textContent('#cursor-value')).toBe('1:30 h');
    },
  },
  {
    name: 'cursor late, whole run',
    apply: async (page) => {
      await page.selectOption('#time-window', '0');
      await settle(page);
      const max = Number(await page.getAttribute('#cursor-time', 'max'));
      await slide(page, '#cursor-time', max - 30);
      await settle(page);
    },
  },
  {
    name: "the coach's day (long group labels)",
    apply: async (page) => {
      // The preset select is hidden in presenter mode: set it as a script would.
      await rendered(page, () =>
        page.$eval('#protocol-preset', (el) => {
          (el as HTMLSelectElement).value = 'run-morning-lift-night';
          el.dispatchEvent(new Event('change', { bubbles: true }));
        }),
      );
    },
  },
];

const SIZES: readonly { name: string; options: BrowserContextOptions; query: string }[] = [
  { name: '390x844', options: PHONE, query: '' },
  { name: '1280x720', options: { viewport: { width: 1280, height: 720 } }, query: '' },
  { name: '1920x1080', options: { viewport: { width: 1920, height: 1080 } }, query: '' },
  { name: '1280x720-presenter', options: { viewport: { width: 1280, height: 720 } }, query: '?presenter=1' },
  {
    name: '1920x1080-presenter',
    options: { viewport: { width: 1920, height: 1080 } },
    query: '?presenter=1',
  },
];

describe('chart text never collides', () => {
  for (const size of SIZES) {
    it(`no chart text overlaps or is clipped at ${size.name}, in every state`, async () => {
      const { page, errors } = await open(size.options, size.query);
      await page.screenshot({
        path: resolve(ROOT, `artifacts/layout-${size.name}.png`),
        fullPage: size.name === '390x844',
      });
      const problems: string[] = [];
      for (const state of STATES) {
        await state.apply(page);
        // Five charts, and the order effect against readout time when both orders are run.
        const both = await page.$('#show-ee-re');
        expect(await chartCount(page, '#charts-panel')).toBe(both ? 6 : 5);
        for (const p of await chartTextProblems(page, '#charts-panel')) problems.push(`[${state.name}] ${p}`);
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }, 120_000);
  }
});

describe('a phone (390×844)', () => {
  it('never scrolls sideways, with every section (Explore included) open', async () => {
    const { page } = await open(PHONE);
    await page.$$eval('details', (ds) => {
      for (const d of ds) (d as HTMLDetailsElement).open = true;
    });
    await page.waitForSelector('#explore-panel[data-map-state="idle"]');
    await page.waitForSelector('#targets li');
    const o = await sidewaysOverflow(page);
    expect(o.scrollWidth, `sticking out: ${o.wide.join('; ')}`).toBeLessThanOrEqual(o.innerWidth);
    await page.context().close();
  });

  it('makes every control and every bout a target of at least 24 × 24 px', async () => {
    const { page } = await open(PHONE);
    await page.$$eval('details', (ds) => {
      for (const d of ds) (d as HTMLDetailsElement).open = true;
    });
    await page.waitForSelector('#explore-panel[data-map-state="idle"]');
    expect(await page.locator('.bout').count()).toBe(6);
    expect(await smallTargets(page, 24)).toEqual([]);
    // The cursor slider has room to move (it was 0 px wide once).
    const slider = (await page.locator('#cursor-time').boundingBox())!;
    expect(slider.width).toBeGreaterThan(250);
    await page.context().close();
  });

  it('gives each time course a plot area at least 180 px tall, and timeline hour labels that do not touch', async () => {
    const { page } = await open(PHONE);
    const heights = await page.$$eval('#charts-panel g.eol-plot-area', (gs) =>
      gs.map((g) => Number(g.getAttribute('data-bottom')) - Number(g.getAttribute('data-top'))),
    );
    expect(heights).toHaveLength(3);
    for (const hgt of heights) expect(hgt).toBeGreaterThanOrEqual(180);
    expect(await timelineTickProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps the timeline hour labels apart and inside the track at 1280 and 1920 px too', async () => {
    for (const width of [1280, 1920]) {
      const { page } = await open({ viewport: { width, height: 800 } });
      expect(await timelineTickProblems(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('drags a bout with a finger (touch pointer events)', async () => {
    const { page } = await open(PHONE);
    const block = page.locator('.bout.endurance[data-group="re-ee"]');
    expect(await block.getAttribute('aria-label')).toContain('starts 1:20 h');
    await block.scrollIntoViewIfNeeded();
    const scrollY = await page.evaluate(() => window.scrollY);
    const box = (await block.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await rendered(page, async () => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      for (let k = 1; k <= 8; k++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + k * 8, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    });
    await expect
      .poll(async () => {
        const m = /starts (\d+):(\d\d)/.exec((await block.getAttribute('aria-label')) ?? '');
        return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
      })
      .toBeGreaterThan(80);
    // The page did not scroll instead.
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, scrollY]);
    await page.context().close();
  });
});

describe('presenter mode', () => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    it(`draws chart text ≥ 18 px and lines ≥ 3 px, and the main charts fill the screen at ${viewport.width}×${viewport.height}`, async () => {
      const { page } = await open({ viewport }, '?presenter=1');
      expect(await presenterProblems(page, 18, 3)).toEqual([]);
      // The MPS time course and the bars beside it end inside the first screen…
      for (const id of ['#fig-mps svg', '#fig-fold svg']) {
        const box = (await page.locator(id).boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      }
      // …and take most of it, with a plot area of at least 180 px.
      const mps = (await page.locator('#fig-mps svg').boundingBox())!;
      expect(mps.height).toBeGreaterThan(viewport.height * 0.6);
      const plot = await page.$eval(
        '#fig-mps g.eol-plot-area',
        (g) => Number(g.getAttribute('data-bottom')) - Number(g.getAttribute('data-top')),
      );
      expect(plot).toBeGreaterThanOrEqual(180);
      await page.screenshot({
        path: resolve(ROOT, `artifacts/presenter-${viewport.width}x${viewport.height}.png`),
      });
      await page.context().close();
    });
  }
});

describe('text measuring', () => {
  it('the fixed font table (used without a browser) measures chart text as Chromium does, within 2 %', async () => {
    const { page } = await open({ viewport: { width: 800, height: 600 } });
    const samples = [
      'fold vs control',
      'Muscle protein synthesis (MPS)',
      'RE→EE 1.47',
      'readout (3:00 h after RE)',
      'time since the start (h:mm)',
      'Order effect: MPS at 3 h, RE→EE / EE→RE',
      '−20 %',
      '0.123456789',
    ];
    const browserWidths = await page.evaluate(
      ([texts, family]) => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        return texts.map((t) => {
          ctx.font = `14px ${family}`;
          return ctx.measureText(t).width;
        });
      },
      [samples, CHART_DEFAULTS.fontFamily] as const,
    );
    // This machine's sans-serif is DejaVu Sans, the font the table was measured from.
    samples.forEach((t, k) => {
      expect(fixedTextMeasure(t, 14) / browserWidths[k]!, t).toBeGreaterThan(0.98);
      expect(fixedTextMeasure(t, 14) / browserWidths[k]!, t).toBeLessThan(1.02);
    });
    await page.context().close();
  });
});

describe('timeline keyboard', () => {
  it('moves a focused bout by an hour with PageUp and PageDown', async () => {
    const { page } = await open({ viewport: { width: 1280, height: 720 } });
    const block = page.locator('.bout.endurance[data-group="re-ee"]');
    await block.focus();
    await rendered(page, () => page.keyboard.press('PageUp'));
    expect(await block.getAttribute('aria-label')).toContain('starts 2:20 h');
    // Focus stays on the moved bout, so the next key moves it again.
    await rendered(page, () => page.keyboard.press('PageUp'));
    expect(await block.getAttribute('aria-label')).toContain('starts 3:20 h');
    await rendered(page, () => page.keyboard.press('PageDown'));
    expect(await block.getAttribute('aria-label')).toContain('starts 2:20 h');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-group'))).toBe('re-ee');
    await page.context().close();
  });
});

describe('accessibility (axe-core, WCAG 2.2 AA and best practices)', () => {
  // 1280 px with every panel open and computed is checked by explore-exports.test.ts.
  for (const size of SIZES.filter((s) => s.name === '390x844' || s.name === '1280x720-presenter')) {
    it(`reports no violations with every section open at ${size.name}`, async () => {
      const { page } = await open(size.options, size.query);
      await page.$$eval('details', (ds) => {
        for (const d of ds) (d as HTMLDetailsElement).open = true;
      });
      await page.waitForSelector('#targets li', { state: 'attached' });
      await page.waitForSelector('#explore-panel[data-map-state="idle"]', { state: 'attached' });
      await page.evaluate(readFileSync(AXE, 'utf8'));
      const violations = await page.evaluate(async () => {
        type Result = { violations: { id: string; nodes: { target: unknown }[] }[] };
        const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<Result> } }).axe;
        const r = await axe.run(document, {
          runOnly: {
            type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
          },
        });
        return r.violations.map(
          (v) =>
            `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${(n as { failureSummary?: string }).failureSummary ?? ''}`).join(' | ')}`,
        );
      });
      expect(violations).toEqual([]);
      await page.context().close();
    });
  }
});
