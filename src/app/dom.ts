/**
 * A tiny element builder for the app's panels: `h('button', {class: 'x', onclick}, 'Go')`.
 * Attributes are set as attributes (strings) except `on*` handlers and `style` (set through the
 * CSSOM, which a strict Content-Security-Policy allows).
 */

/** Attributes of `h`: strings/numbers/booleans as attributes, functions for `on*` events. */
export type Attrs = Record<string, string | number | boolean | undefined | ((ev: Event) => void)>;

/** Child nodes accepted by `h`. */
export type Child = Node | string | number | null | undefined | false;

/** Create an element with attributes and children. `false`/`undefined` attributes are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    // Through the CSSOM, not the `style` attribute, which a strict Content-Security-Policy
    // (style-src without 'unsafe-inline') refuses.
    else if (k === 'style') el.style.cssText = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Append children, skipping empty ones. */
export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** Replace all children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Counter for unique element ids. */
let uid = 0;
/** A unique id with a readable prefix. */
export function uniqueId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Trigger a download of `blob` as `filename` through a temporary `<a download>`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
