/**
 * Printable student worksheet and answer key of a lesson: one block per step with the step's
 * text (numbers filled from the model), the question, boxes to tick or an empty chart to sketch
 * on, and lined space to write. The answer key adds the model's answers, its curve on the sketch
 * chart, the explanations and the teacher notes. Shown as a page of its own
 * (`?lesson=<id>&print=worksheet|key`) with a Print button; `print.css` lays it out on paper.
 */
import { h, replace } from '../dom.ts';
import { formatClockHours, formatFold } from './format.ts';
import type { StepNumbers } from './numbers.ts';
import { lessonById } from './registry.ts';
import type { ResolvedPrediction, ResolvedStep } from './steps.ts';
import { paragraphs } from './text.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What the print view can ask of the app. */
export interface PrintActions {
  /** Leave the print view and open the lesson. */
  openLesson(id: string): void;
  /** Put `lesson` and `print` in the address bar. */
  setUrlExtra(extra: Readonly<Record<string, string>>): void;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Lines to write on. */
function lines(n: number): HTMLElement {
  return h(
    'div',
    { class: 'ws-lines', 'aria-hidden': 'true' },
    ...Array.from({ length: n }, () => h('div', { class: 'ws-line' })),
  );
}

/**
 * Empty axes for a sketch (time in hours, MPS fold vs control, a dashed line at control), and in
 * the key the model's curve. The value range comes from the model's curve, padded to whole halves.
 */
export function sketchAxes(
  p: Extract<ResolvedPrediction, { kind: 'sketch' }>,
  withCurve: boolean,
): SVGSVGElement {
  const W = 640;
  const H = 300;
  const m = { left: 56, right: 16, top: 16, bottom: 44 };
  const vs = [...p.curve.v, 1];
  const lo = Math.floor(Math.min(...vs) * 2) / 2;
  const hi = Math.ceil(Math.max(...vs) * 2) / 2;
  const x = (hours: number) => m.left + ((hours - p.from) / (p.to - p.from)) * (W - m.left - m.right);
  const y = (v: number) => H - m.bottom - ((v - lo) / (hi - lo || 1)) * (H - m.top - m.bottom);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'ws-axes', role: 'img' }) as SVGSVGElement;
  root.append(
    svg(
      'title',
      {},
      `Axes to sketch MPS in ${p.groupLabel}: time ${formatClockHours(p.from)} to ${formatClockHours(p.to)}, fold vs control`,
    ),
  );
  const span = p.to - p.from;
  const stepH = span <= 8 ? 1 : span <= 16 ? 2 : span <= 36 ? 4 : 12;
  for (let t = Math.ceil(p.from / stepH) * stepH; t <= p.to + 1e-9; t += stepH) {
    root.append(svg('line', { x1: x(t), x2: x(t), y1: m.top, y2: H - m.bottom, class: 'ws-grid' }));
    root.append(svg('text', { x: x(t), y: H - m.bottom + 18, 'text-anchor': 'middle' }, String(t)));
  }
  for (let v = lo; v <= hi + 1e-9; v += 0.5) {
    root.append(svg('line', { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v), class: 'ws-grid' }));
    root.append(svg('text', { x: m.left - 8, y: y(v) + 5, 'text-anchor': 'end' }, formatFold(v)));
  }
  root.append(svg('line', { x1: m.left, x2: W - m.right, y1: y(1), y2: y(1), class: 'ws-control' }));
  root.append(
    svg('rect', {
      x: m.left,
      y: m.top,
      width: W - m.left - m.right,
      height: H - m.top - m.bottom,
      class: 'ws-frame',
    }),
  );
  root.append(
    svg(
      'text',
      { x: (m.left + W - m.right) / 2, y: H - 6, 'text-anchor': 'middle' },
      'time from the start (h)',
    ),
  );
  root.append(
    svg(
      'text',
      {
        x: 14,
        y: (m.top + H - m.bottom) / 2,
        transform: `rotate(-90 14 ${(m.top + H - m.bottom) / 2})`,
        'text-anchor': 'middle',
      },
      `MPS in ${p.groupLabel}, fold vs control`,
    ),
  );
  if (withCurve && p.curve.t.length > 1) {
    const d = p.curve.t
      .map((t, i) => `${i ? 'L' : 'M'}${x(t / 60).toFixed(1)},${y(p.curve.v[i]!).toFixed(1)}`)
      .join('');
    root.append(svg('path', { d, class: 'ws-curve' }));
  }
  return root;
}

function stepBlock(r: ResolvedStep, key: boolean): HTMLElement {
  const p = r.predict;
  const parts: (Node | null)[] = [h('h2', {}, `Step ${r.index + 1}. ${r.title}`), ...paragraphs(r.text)];
  if (p?.kind === 'choice') {
    parts.push(
      h('p', { class: 'ws-q' }, h('strong', {}, 'Predict: '), p.question),
      h(
        'ul',
        { class: 'ws-choices' },
        ...p.choices.map((c) =>
          h(
            'li',
            {},
            h('span', { class: 'ws-box', 'aria-hidden': 'true' }, key && c.correct ? '☑' : '☐'),
            ` ${c.text}`,
            key && c.correct ? h('strong', {}, ' (the model)') : null,
          ),
        ),
      ),
    );
  } else if (p?.kind === 'sketch') {
    parts.push(
      h('p', { class: 'ws-q' }, h('strong', {}, 'Sketch: '), p.question),
      h('figure', { class: 'ws-figure' }, sketchAxes(p, key)),
    );
  }
  if (p) {
    parts.push(h('p', { class: 'ws-label' }, 'Why do you expect that?'), key ? null : lines(2));
    parts.push(h('p', { class: 'ws-label' }, 'What did the model show? Explain it in your own words.'));
    if (key) parts.push(h('div', { class: 'ws-answer' }, ...paragraphs(r.explain)));
    else parts.push(lines(4));
  } else if (!key) {
    parts.push(h('p', { class: 'ws-label' }, 'Notes'), lines(2));
  }
  if (key)
    parts.push(h('aside', { class: 'ws-teacher' }, h('h3', {}, 'Teacher notes'), ...paragraphs(r.teacher)));
  return h('section', { class: 'ws-step' }, ...parts);
}

/** Show the worksheet (or answer key) of lesson `id` as the page. */
export async function showPrint(
  id: string,
  kind: 'worksheet' | 'key',
  numbers: StepNumbers,
  actions: PrintActions,
): Promise<void> {
  document.getElementById('lesson-print')?.remove();
  const lesson = lessonById(id);
  const key = kind === 'key';
  const printBtn = h('button', { type: 'button', class: 'primary' }, 'Print');
  const other = h('button', { type: 'button' }, key ? 'Student worksheet' : 'Answer key');
  const back = h('button', { type: 'button' }, 'Back to the lesson');
  const status = h('p', { class: 'hint', role: 'status' }, 'Preparing the numbers from the model…');
  const sheet = h('div', { class: 'ws-sheet' });
  const page = h(
    'main',
    {
      id: 'lesson-print',
      class: `lesson-print ${key ? 'is-key' : 'is-worksheet'}`,
      'aria-label': key ? 'Answer key' : 'Worksheet',
    },
    h('div', { class: 'ws-toolbar' }, printBtn, other, back, status),
    sheet,
  );
  document.body.append(page);
  document.body.classList.add('lesson-print-mode');
  actions.setUrlExtra({ lesson: id, print: kind });
  printBtn.addEventListener('click', () => window.print());
  other.addEventListener('click', () => void showPrint(id, key ? 'worksheet' : 'key', numbers, actions));
  const leave = () => {
    page.remove();
    document.body.classList.remove('lesson-print-mode');
  };
  back.addEventListener('click', () => {
    leave();
    actions.openLesson(id);
  });
  if (!lesson) {
    replace(sheet, h('p', { role: 'alert' }, `There is no lesson “${id}”.`));
    status.textContent = '';
    return;
  }
  replace(
    sheet,
    h('h1', {}, `${lesson.title}${key ? ' — answer key' : ''}`),
    key
      ? null
      : h(
          'p',
          { class: 'ws-name' },
          'Name: ',
          h('span', { class: 'ws-blank' }),
          ' Date: ',
          h('span', { class: 'ws-blank short' }),
        ),
    h('p', {}, lesson.summary),
    h(
      'p',
      { class: 'ws-caveat' },
      'Exercise Order Lab is a toy model of one rat study (Ogasawara et al. 2014): it makes a timing argument visible; it does not predict what happens in people.',
    ),
  );
  try {
    for (let i = 0; i < lesson.steps.length; i++)
      sheet.append(stepBlock(await numbers.get(lesson.id, i), key));
    status.textContent = '';
    page.dataset.ready = 'true';
  } catch (e) {
    status.textContent = `Could not compute the numbers: ${(e as Error).message}`;
  }
}
