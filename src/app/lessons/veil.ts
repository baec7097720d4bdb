/**
 * What a lesson step does to the rest of the page: points at the charts that matter (the others
 * are dimmed), fades the groups that do not, sets the time window, and — until the student has
 * predicted — hides the answer: the hidden groups' curves and bars, the cursor read-out, the
 * spoken summary, the claims and the data tables. Hidden parts are also made `inert`, so neither
 * a pointer nor a screen reader reaches the numbers early.
 *
 * This is the one place that knows the app's chart containers by id (`#fig-mps`, …); CSS in
 * `lessons.css` does the drawing.
 */
import type { CHART_IDS } from './schema.ts';

/** A chart id of a lesson's focus. */
export type ChartId = (typeof CHART_IDS)[number];

/** Elements of each chart id. */
function chartElement(doc: Document, id: ChartId): HTMLElement | null {
  if (id === 'timeline') return doc.querySelector<HTMLElement>('section.timeline');
  if (id === 'evidence') return doc.getElementById('evidence-section');
  return doc.getElementById(`fig-${id}`);
}

const ALL_CHARTS: readonly ChartId[] = [
  'timeline',
  'mps',
  'fold',
  'anabolic',
  'regulator',
  'auc',
  'evidence',
];

/** Data marks of a group in the charts (never the bout lanes, which are the set-up). */
const MARKS = [
  '.eol-line',
  '.eol-readout-point',
  '.eol-cursor-label',
  '.eol-pinned',
  '.eol-bar',
  '.eol-bar-label',
  '.eol-expected-note',
];

const STYLE_ID = 'lesson-veil-style';

/** Only ids that decoding accepts (lower-case words and dashes) ever reach a selector. */
const safe = (id: string) => /^[a-z0-9-]+$/.test(id);

/** The lesson's own constructed stylesheet per document (CSSOM: allowed by a strict CSP). */
const adopted = new WeakMap<Document, CSSStyleSheet>();

/**
 * Set the lesson's rules. Where the browser has constructable stylesheets they are adopted (a
 * `<style>` element's text is inline style, which `style-src 'self'` refuses); elsewhere (jsdom)
 * a `<style>` element holds them.
 */
function setRules(doc: Document, text: string): void {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const Sheet = win?.CSSStyleSheet;
  if (Sheet && 'adoptedStyleSheets' in doc && typeof Sheet.prototype.replaceSync === 'function') {
    let sheet = adopted.get(doc);
    if (!sheet) {
      sheet = new Sheet();
      adopted.set(doc, sheet);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    }
    sheet.replaceSync(text);
    return;
  }
  styleSheet(doc).textContent = text;
}

function styleSheet(doc: Document): HTMLStyleElement {
  let s = doc.getElementById(STYLE_ID) as HTMLStyleElement | null;
  if (!s) {
    s = doc.createElement('style');
    s.id = STYLE_ID;
    doc.head.append(s);
  }
  return s;
}

/** What a step asks of the page. */
export interface StepView {
  readonly charts?: readonly ChartId[];
  readonly groups?: readonly string[];
  /** Hours on the time-course charts. */
  readonly window?: number;
  /** Groups whose data stay hidden until the reveal (`'all'`: every group's); none when revealed. */
  readonly hide?: readonly string[] | 'all';
}

/** Parts that carry the answer in numbers or words, made inert while predicting. */
function answerParts(doc: Document): HTMLElement[] {
  return [
    ...doc.querySelectorAll<HTMLElement>('#charts-panel figure .plot, #charts-panel .data-table'),
    ...['cursor-readout', 'summary', 'evidence-panel'].map((id) => doc.getElementById(id)),
  ].filter((e): e is HTMLElement => e !== null);
}

/** Apply a step's view (and undo the previous one's). */
export function applyView(view: StepView, doc: Document = document): void {
  const focus = new Set(view.charts ?? []);
  for (const id of ALL_CHARTS) {
    const e = chartElement(doc, id);
    if (!e) continue;
    e.classList.toggle('lesson-focus', focus.has(id));
    e.classList.toggle('lesson-dim', focus.size > 0 && !focus.has(id));
  }
  const rules: string[] = [];
  const groups = (view.groups ?? []).filter(safe);
  if (groups.length > 0) {
    const not = groups.map((g) => `:not([data-group="${g}"])`).join('');
    rules.push(`#charts-panel :is(${MARKS.join(', ')})${not} { opacity: 0.18; }`);
  }
  const hide = view.hide;
  const predicting = hide === 'all' || (hide !== undefined && hide.length > 0);
  if (hide === 'all')
    rules.push(`#charts-panel :is(${MARKS.join(', ')}, .eol-cursor) { visibility: hidden; }`);
  else if (hide)
    for (const g of hide.filter(safe))
      rules.push(`#charts-panel :is(${MARKS.join(', ')})[data-group="${g}"] { visibility: hidden; }`);
  setRules(doc, rules.join('\n'));
  doc.body.classList.toggle('lesson-predicting', predicting);
  for (const e of answerParts(doc)) e.inert = predicting;
  if (view.window !== undefined) setWindow(doc, view.window);
}

/** Remove every trace of a lesson step from the page. */
export function clearView(doc: Document = document): void {
  applyView({}, doc);
  doc.getElementById(STYLE_ID)?.remove();
  adopted.get(doc)?.replaceSync('');
}

/** Show `hours` on the time-course charts, through the charts' own window control. */
function setWindow(doc: Document, hours: number): void {
  const select = doc.getElementById('time-window') as HTMLSelectElement | null;
  if (!select || select.value === String(hours)) return;
  if (![...select.options].some((o) => o.value === String(hours))) return;
  select.value = String(hours);
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The first focused chart, to bring into view. */
export function firstFocused(view: StepView, doc: Document = document): HTMLElement | null {
  const id = view.charts?.[0];
  return id ? chartElement(doc, id) : null;
}
