/**
 * Issue 13 in Chromium: links and saved state that used to break or hang the page, blocked
 * storage, share links that opened over the saved scenario, and a seeded fuzz of 300 malformed
 * links and 50 corrupted saved values. Each case must show charts or a message within 5 s, and the
 * tab's JS heap (CDP `Performance.getMetrics` → `JSHeapUsedSize`, after each case) stays under
 * 500 MB. One page is reused; consecutive cases alternate between `/` and `/index.html`, so every
 * case is a fresh load.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, type ServedApp, serveStatic } from './serve.ts';

let app: ServedApp;
let browser: Browser;
let context: BrowserContext;

const STORAGE_KEY = 'exercise-order-lab:scenario';
const HEAP_LIMIT = 500 * 1024 * 1024;
/**
 * Time a case has to show charts or a message: the issue's 5 s. On a machine shared far beyond
 * its cores a fresh load alone can take that long (4.9 s measured at a load average of ~25 on two
 * cores), so `EOLAB_OPEN_BUDGET_MS` may widen it there; the default is the requirement.
 */
const OPEN_BUDGET_MS = Number(process.env.EOLAB_OPEN_BUDGET_MS ?? 5000);

beforeAll(async () => {
  app = await serveStatic(await buildApp(), true);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

/**
 * What a page shows after loading: charts drawn after a run, or a message with the page settled —
 * a run finished or failed (`data-run-id`), or the protocol was refused before any run (the
 * timeline's error).
 */
const OPENED = () => {
  const charts = document.querySelectorAll('#charts-panel svg.eol-chart').length;
  const refused = (document.querySelector('#timeline-error')?.textContent ?? '').trim() !== '';
  const message =
    (document.querySelector('#messages')?.textContent ?? '') +
    (document.querySelector('#timeline-error')?.textContent ?? '') +
    (document.querySelector('#run-error')?.textContent ?? '');
  const ran = document.body.dataset.runId !== undefined;
  return (ran && charts > 0) || (message.trim() !== '' && (ran || refused)) ? { charts, message } : false;
};

/** Charts of the study scenario: five of the study and the order effect against readout time. */
const STUDY_CHARTS = 6;

let flip = false;
/**
 * Load `path` fresh and wait (≤ 5 s) until it shows charts or a message. Consecutive loads
 * alternate between `/` and `/index.html`, so even a change of the fragment alone is a new load.
 */
async function openFresh(page: Page, path: string): Promise<{ charts: number; message: string }> {
  flip = !flip;
  await page.goto(`${app.url}${flip ? 'index.html' : ''}${path}`);
  const handle = await page.waitForFunction(OPENED, undefined, { timeout: OPEN_BUDGET_MS });
  return (await handle.jsonValue()) as { charts: number; message: string };
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
}

/** A page whose storage starts empty once, then persists across its navigations. */
async function freshPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(app.url);
  await page.evaluate(() => localStorage.clear());
  return page;
}

describe('hardening: links that broke the app', () => {
  const PROTO = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];
  it('opens ?p.<prototype name>=1 with charts and a message naming the field', async () => {
    const page = await freshPage();
    for (const key of PROTO) {
      const r = await openFresh(page, `?p.${key}=1`);
      expect(r.charts, key).toBe(STUDY_CHARTS);
      expect(r.message).toContain(`URL: p.${key} "1" is not a parameter of model concurrent-training`);
      expect(await page.textContent('#run-error')).not.toContain('unknown parameter');
    }
    await page.close();
  });

  it('opens ?show=zzz with every group drawn and a message naming the id', async () => {
    const page = await freshPage();
    const r = await openFresh(page, '?show=zzz');
    expect(r.message).toMatch(/show "zzz" names no group/);
    expect(await page.innerHTML('#fig-fold .plot')).toContain('EE→RE');
    expect(await page.textContent('#charts-panel')).not.toContain('no groups to draw');
    await page.close();
  });

  it('opens a bout at 1e9 min (link, then the same value saved) with charts and a message', async () => {
    const page = await freshPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const r = await openFresh(page, '?g=control%7C%7CControl&g=re%7CR1e9%2F20%2F1%7Cx');
    expect(r.charts).toBe(STUDY_CHARTS);
    expect(r.message).toContain('start must be ≤ 10080 min');
    await page.evaluate(
      (k) => localStorage.setItem(k, 'g=control%7C%7CControl&g=re%7CR1e9%2F20%2F1%7Cx'),
      STORAGE_KEY,
    );
    const saved = await openFresh(page, '');
    expect(saved.charts).toBe(STUDY_CHARTS);
    expect(saved.message).toContain('Saved state: groups');
    expect(await page.locator('#timeline-panel .tick').count()).toBeLessThan(200);
    expect(await heapUsed(cdp)).toBeLessThan(HEAP_LIMIT);
    await page.close();
  });

  it('opens 140,000 bouts in a hash link without a stack overflow', { timeout: 240_000 }, async () => {
    const page = await freshPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Unescaped (`|`, `/` and `,` may stand in a fragment): 1.5 MB, under Chromium's 2 MB URL limit.
    const bouts = Array.from({ length: 140_000 }, (_, i) => `R${i % 1000}/1/1`).join(',');
    // The 1.5 MB address itself takes Chromium a while to take in: this case is about the stack.
    await page.goto(`${app.url}#g=control||C&g=re|${bouts}|x`, { waitUntil: 'commit', timeout: 120_000 });
    const r = (await (await page.waitForFunction(OPENED, undefined, { timeout: 60_000 })).jsonValue()) as {
      charts: number;
      message: string;
    };
    expect(r.charts).toBe(STUDY_CHARTS);
    expect(r.message).toMatch(/characters, more than 100000/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('writes a long scenario to the fragment, so a reload works', async () => {
    const page = await freshPage();
    const groups = Array.from(
      { length: 19 },
      (_, i) =>
        `g=${encodeURIComponent(`c${i}|${Array.from({ length: 20 }, (_, k) => `R${60 + k * 300}/20/1`).join(',')}|Group ${i}`)}`,
    );
    await openFresh(page, `?g=control%7C%7CControl&${groups.join('&')}`);
    await page.waitForFunction(() => location.hash.length > 2000 && location.search === '');
    const before = await page.evaluate(() => location.hash);
    await page.reload();
    await page.waitForFunction(OPENED, undefined, { timeout: OPEN_BUDGET_MS });
    expect(await page.evaluate(() => location.hash)).toBe(before);
    expect(await page.locator('#timeline-panel .lane[data-key^="lane-"]').count()).toBe(20);
    await page.close();
  });
});

describe('hardening: storage', () => {
  it('works with storage blocked (localStorage throws SecurityError) and says so once', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const r = await openFresh(page, '?gap=120');
    expect(r.charts).toBe(STUDY_CHARTS);
    await page.waitForSelector('[data-notice="storage-blocked"]');
    expect(await page.locator('[data-notice^="storage"]').count()).toBe(1);
    expect(await page.textContent('#notices')).toContain('blocks saved data');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says once when storage is full and keeps working from the URL', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('quota', 'QuotaExceededError');
      };
    });
    const r = await openFresh(page, '?gap=60');
    expect(r.charts).toBe(STUDY_CHARTS);
    await page.waitForSelector('[data-notice="storage-full"]');
    expect(new URL(page.url()).searchParams.get('gap')).toBe('60');
    await page.close();
  });

  it('opens a share link beside the saved scenario, which stays recoverable', async () => {
    const page = await freshPage();
    await openFresh(page, '?gap=300');
    await page.waitForFunction((k) => localStorage.getItem(k)?.includes('gap=300'), STORAGE_KEY);
    await openFresh(page, '?gap=30');
    expect(await page.inputValue('#gap')).toBe('30');
    await page.waitForSelector('#restore-saved');
    const kept = await page.evaluate(() => localStorage.getItem('exercise-order-lab:earlier-scenarios'));
    expect(kept).toContain('gap=300');
    const before = Number(await page.getAttribute('body', 'data-run-id'));
    await page.click('#restore-saved');
    await page.waitForFunction((n) => Number(document.body.dataset.runId) > n, before);
    expect(await page.inputValue('#gap')).toBe('300');
    await page.close();
  });
});

/** mulberry32: a small seeded PRNG, so every run tries the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded malformed scenario text: known and prototype-named keys with hostile values. */
function malformed(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const keys = [
    'gap',
    'ee',
    'eeDur',
    're',
    'at',
    'model',
    'preset',
    'protocol',
    'show',
    'g',
    'presenter',
    'p.kR',
    'p.tauR',
    'p.constructor',
    'p.__proto__',
    'p.toString',
    '__proto__',
    'constructor',
    'lesson',
    'step',
    '%',
    'p.',
  ];
  const numbers = [
    '1e9',
    '-1e308',
    'NaN',
    'Infinity',
    '-0',
    '0x10',
    '1e-320',
    '',
    ' ',
    '720.0000001',
    '-5',
    '3',
  ];
  const texts = [
    'zzz',
    '%E0%A4%A',
    '<script>',
    '"',
    '\u0000',
    '%0D%0A',
    'a'.repeat(300),
    '{}',
    'control,re,zzz',
    're-ee',
  ];
  const bout = () =>
    `${pick(['R', 'E', 'X', ''])}${pick(numbers)}/${pick(numbers)}/${pick(['1', '0.7', '-1', '99', 'NaN'])}`;
  const group = () =>
    `${pick(['control', 're', 'custom-1', 'UPPER', '', 'a b'])}|${Array.from({ length: Math.floor(rand() * 30) }, bout).join(',')}|${pick(texts)}`;
  const n = 1 + Math.floor(rand() * 8);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = pick(keys);
    const value = key === 'g' ? encodeURIComponent(group()) : rand() < 0.5 ? pick(numbers) : pick(texts);
    parts.push(`${rand() < 0.9 ? key : encodeURIComponent(pick(texts))}=${value}`);
  }
  if (rand() < 0.3) parts.push('g=control%7C%7CControl');
  return parts.join('&');
}

describe('hardening: seeded fuzz in Chromium', () => {
  const rand = prng(13);
  let maxHeap = 0;
  it('opens 300 malformed links with charts or a message within 5 s each, heap < 500 MB', async () => {
    const page = await freshPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let withCharts = 0;
    for (let i = 0; i < 300; i++) {
      const text = malformed(rand);
      const r = await openFresh(page, `${rand() < 0.3 ? '#' : '?'}${text}`).catch((e: Error) => {
        throw new Error(
          `link ${i} did not open within ${OPEN_BUDGET_MS} ms: ${text.slice(0, 200)} (${e.message})`,
        );
      });
      if (r.charts > 0) withCharts += 1;
      maxHeap = Math.max(maxHeap, await heapUsed(cdp));
      expect(maxHeap, `heap after link ${i}`).toBeLessThan(HEAP_LIMIT);
    }
    console.log(
      `fuzz: 300 links, ${withCharts} with charts; max JSHeapUsedSize ${(maxHeap / 1048576).toFixed(1)} MB`,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 1_800_000);

  it('opens 50 corrupted saved values with charts or a message within 5 s each, heap < 500 MB', async () => {
    const page = await freshPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let withCharts = 0;
    for (let i = 0; i < 50; i++) {
      const value = rand() < 0.5 ? malformed(rand) : pick50(rand);
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, value] as const);
      const r = await openFresh(page, '').catch((e: Error) => {
        throw new Error(
          `saved value ${i} did not open within ${OPEN_BUDGET_MS} ms: ${value.slice(0, 200)} (${e.message})`,
        );
      });
      if (r.charts > 0) withCharts += 1;
      maxHeap = Math.max(maxHeap, await heapUsed(cdp));
      expect(maxHeap, `heap after saved value ${i}`).toBeLessThan(HEAP_LIMIT);
    }
    console.log(
      `fuzz: 50 saved values, ${withCharts} with charts; max JSHeapUsedSize ${(maxHeap / 1048576).toFixed(1)} MB`,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 900_000);
});

/** Corrupted saved values: truncated, binary, JSON, huge. */
function pick50(rand: () => number): string {
  const values = [
    '\uFFFF\uD800',
    '{"gap":300}',
    'gap=300'.slice(0, Math.floor(rand() * 7)),
    'g=' + 'x'.repeat(200_000),
    'null',
    '%',
    'gap=300&'.repeat(1000),
    `show=${'a,'.repeat(5000)}`,
  ];
  return values[Math.floor(rand() * values.length)]!;
}
