// @vitest-environment jsdom
/**
 * Decoding messages next to their control, and notices said once (storage blocked or full, a
 * share link opened beside the saved scenario).
 */
import { describe, expect, it } from 'vitest';
import { controlIdOf, mountNotices, showFieldErrors } from '../../src/app/notices.ts';
import { decodeScenario } from '../../src/app/state.ts';

describe('showFieldErrors', () => {
  it('puts each message after its control and marks the control invalid', () => {
    document.body.innerHTML = `
      <div class="field"><input id="gap"></div>
      <div class="field"><input id="param-kR"></div>
      <div id="timeline-panel"></div>`;
    const { errors } = decodeScenario('gap=abc&p.kR=-5&p.constructor=1&model=zzz');
    expect(showFieldErrors(document, errors)).toBe(2);
    const gap = document.getElementById('gap')!;
    expect(gap.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(gap.getAttribute('aria-describedby')!)!.textContent).toBe(
      'URL: gap "abc" is not a number — using 0',
    );
    expect(gap.closest('.field')!.nextElementSibling!.className).toBe('field-error');
    expect(document.getElementById('field-error-param-kR')!.textContent).toMatch(
      /^URL: p\.kR "-5" is outside/,
    );
    // p.constructor has no control: it stays in the general list only.
    expect(document.getElementById('field-error-param-constructor')).toBeNull();
  });

  it('maps fields to controls by own keys only', () => {
    expect(controlIdOf('gap')).toBe('gap');
    expect(controlIdOf('constructor')).toBeUndefined();
    expect(controlIdOf('toString')).toBeUndefined();
  });
});

describe('mountNotices', () => {
  it('shows a notice once per key, without taking the focus, and dismisses it', () => {
    document.body.innerHTML = '<div id="n"></div><button id="b"></button>';
    const root = document.getElementById('n')!;
    document.getElementById('b')!.focus();
    const notices = mountNotices(root);
    expect(notices.once('storage-blocked', 'blocked')).toBeDefined();
    expect(notices.once('storage-blocked', 'blocked again')).toBeUndefined();
    expect(root.querySelectorAll('[data-notice]')).toHaveLength(1);
    expect(document.activeElement!.id).toBe('b');
    root.querySelector('button')!.click();
    expect(root.querySelectorAll('[data-notice]')).toHaveLength(0);
  });
});
