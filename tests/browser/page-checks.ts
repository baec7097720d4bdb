/**
 * Checks the browser suites run inside the page (through `page.evaluate`), measuring what the
 * browser actually rendered: chart text boxes (`getBoundingClientRect` of every `<text>`), their
 * effective size on screen, stroke widths, touch-target sizes and sideways scrolling. Each returns
 * a list of human-readable problems, so a failing test says exactly which element is wrong.
 */
import type { Page } from 'playwright-core';

/** Where chart text overlaps other chart text, or sticks out of its chart. */
export async function chartTextProblems(page: Page, scope = 'body'): Promise<string[]> {
  return page.evaluate((root) => {
    const problems: string[] = [];
    const svgs = [...document.querySelectorAll<SVGSVGElement>(`${root} svg.eol-chart`)].filter(
      (s) => s.getBoundingClientRect().width > 0,
    );
    for (const svg of svgs) {
      const name = svg.closest('[id]')?.id ?? svg.getAttribute('class');
      const frame = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')]
        .map((t) => ({ t, r: t.getBoundingClientRect() }))
        .filter(({ r, t }) => r.width > 0 && r.height > 0 && (t.textContent ?? '').trim() !== '');
      const label = (t: Element) => JSON.stringify((t.textContent ?? '').slice(0, 40));
      for (const { t, r } of texts) {
        if (
          r.left < frame.left - 1 ||
          r.right > frame.right + 1 ||
          r.top < frame.top - 1 ||
          r.bottom > frame.bottom + 1
        ) {
          problems.push(
            `${name}: ${label(t)} is clipped (text ${Math.round(r.left - frame.left)}..${Math.round(r.right - frame.left)} × ${Math.round(r.top - frame.top)}..${Math.round(r.bottom - frame.top)} in a ${Math.round(frame.width)} × ${Math.round(frame.height)} chart)`,
          );
        }
      }
      for (let a = 0; a < texts.length; a++) {
        for (let b = a + 1; b < texts.length; b++) {
          const p = texts[a]!.r;
          const q = texts[b]!.r;
          const dx = Math.min(p.right, q.right) - Math.max(p.left, q.left);
          const dy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
          if (dx > 1 && dy > 1) {
            problems.push(
              `${name}: ${label(texts[a]!.t)} overlaps ${label(texts[b]!.t)} by ${dx.toFixed(1)} × ${dy.toFixed(1)} px`,
            );
          }
        }
      }
    }
    return problems;
  }, scope);
}

/** How many charts (visible `svg.eol-chart`) are under `scope`. */
export async function chartCount(page: Page, scope = 'body'): Promise<number> {
  return page.evaluate(
    (root) =>
      [...document.querySelectorAll(`${root} svg.eol-chart`)].filter(
        (s) => s.getBoundingClientRect().width > 0,
      ).length,
    scope,
  );
}

/**
 * Chart text drawn smaller than `minPx` on screen, and data lines (lines, pinned runs, reference,
 * cursor, axes, readout rule) drawn thinner than `minLine` on screen. Sizes are the SVG values
 * times the chart's on-screen scale, so a chart shrunk by CSS cannot pass.
 */
export async function presenterProblems(page: Page, minPx: number, minLine: number): Promise<string[]> {
  return page.evaluate(
    ([minFont, minStroke]) => {
      const problems: string[] = [];
      for (const svg of document.querySelectorAll<SVGSVGElement>('#charts-panel svg.eol-chart')) {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const name = svg.closest('[id]')?.id;
        for (const t of svg.querySelectorAll('text')) {
          const size = Number.parseFloat(getComputedStyle(t).fontSize) * scale;
          if (size < minFont - 0.01) problems.push(`${name}: "${t.textContent}" is ${size.toFixed(1)} px`);
        }
        const lines = svg.querySelectorAll(
          'path.eol-line, path.eol-pinned, line.eol-reference, .eol-cursor > line:not(.eol-cursor-leader), line.eol-axis-line, .eol-readout-rule line',
        );
        if (lines.length === 0) problems.push(`${name}: no data lines found`);
        for (const l of lines) {
          const w = Number.parseFloat(getComputedStyle(l).strokeWidth) * scale;
          if (w < minStroke - 0.01)
            problems.push(`${name}: ${l.getAttribute('class') ?? l.tagName} line is ${w.toFixed(2)} px`);
        }
      }
      return problems;
    },
    [minPx, minLine] as const,
  );
}

/** Interactive elements on screen smaller than `min` × `min` CSS px. */
export async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((size) => {
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role="slider"], [role="button"]';
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // The skip link sits off screen until focused.
      if (r.right <= 0 || r.bottom <= 0) continue;
      if (r.width < size - 0.01 || r.height < size - 0.01) {
        const id = el.id
          ? `#${el.id}`
          : (el.getAttribute('aria-label') ??
            el.getAttribute('data-key') ??
            el.textContent?.trim().slice(0, 30));
        out.push(`${el.tagName.toLowerCase()} ${id}: ${r.width.toFixed(1)} × ${r.height.toFixed(1)}`);
      }
    }
    return out;
  }, min);
}

/** The page's sideways overflow, and the elements that stick out past the viewport's right edge. */
export async function sidewaysOverflow(
  page: Page,
): Promise<{ scrollWidth: number; innerWidth: number; wide: string[] }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth,
    wide: [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 10)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className} right ${Math.round(e.getBoundingClientRect().right)}`,
      ),
  }));
}
