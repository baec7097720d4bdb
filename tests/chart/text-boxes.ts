/**
 * Estimated boxes of every `<text>` of a chart drawn under jsdom, computed from its attributes
 * (position, anchor, font size and weight, `translate`/`rotate(-90)` transforms, `<tspan>` lines)
 * with the same fixed font table the layout used. Lets the jsdom tests check, at many sizes and
 * quickly, that the layout never puts two labels on top of each other or outside the chart; the
 * browser suite checks the real rendering.
 */
import { fixedTextMeasure, TEXT_METRICS } from '../../src/chart/text.ts';

/** A text's estimated box and what it says. */
export interface TextBox {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

function inherited(el: Element, attr: string): string | null {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const v = e.getAttribute(attr);
    if (v !== null) return v;
  }
  return null;
}

/** Sum of the `translate(x,y)` of the element's ancestors (the charts use no other transform on groups). */
function offset(el: Element): [number, number] {
  let dx = 0;
  let dy = 0;
  for (let e = el.parentElement; e; e = e.parentElement) {
    const m = /translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)/.exec(e.getAttribute('transform') ?? '');
    if (m) {
      dx += Number(m[1]);
      dy += Number(m[2]);
    }
  }
  return [dx, dy];
}

/** Lines of a `<text>`: its own text nodes, or its `<tspan>`s; `<title>` tooltips excluded. */
function lines(t: Element): { text: string; x: number; y: number }[] {
  const x = Number(t.getAttribute('x') ?? 0);
  const y = Number(t.getAttribute('y') ?? 0);
  const spans = [...t.querySelectorAll('tspan')];
  if (spans.length === 0) {
    const own = [...t.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent)
      .join('');
    return [{ text: own, x, y }];
  }
  let cy = y;
  return spans.map((s) => {
    cy += Number(s.getAttribute('dy') ?? 0);
    return { text: s.textContent ?? '', x: Number(s.getAttribute('x') ?? x), y: cy };
  });
}

/** The estimated boxes of one `<text>` (one per line). */
export function textBoxOf(t: Element): TextBox[] {
  const out: TextBox[] = [];
  const fs = Number(inherited(t, 'font-size'));
  const bold = inherited(t, 'font-weight') === 'bold';
  const anchor = inherited(t, 'text-anchor') ?? 'start';
  const [dx, dy] = offset(t);
  const tr = /translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)\s*rotate\(-90\)/.exec(t.getAttribute('transform') ?? '');
  for (const l of lines(t)) {
    if (!l.text.trim()) continue;
    const w = fixedTextMeasure(l.text, fs, bold ? 'bold' : 'normal');
    const lx0 = anchor === 'middle' ? l.x - w / 2 : anchor === 'end' ? l.x - w : l.x;
    const ly0 = l.y - TEXT_METRICS.ascent * fs;
    const ly1 = l.y + TEXT_METRICS.descent * fs;
    if (tr) {
      const tx = Number(tr[1]) + dx;
      const ty = Number(tr[2]) + dy;
      out.push({ text: l.text, x0: tx + ly0, x1: tx + ly1, y0: ty - (lx0 + w), y1: ty - lx0 });
    } else {
      out.push({ text: l.text, x0: lx0 + dx, x1: lx0 + w + dx, y0: ly0 + dy, y1: ly1 + dy });
    }
  }
  return out;
}

/** Every text of `svg` with its estimated box in the SVG's coordinates. */
export function textBoxes(svg: SVGSVGElement): TextBox[] {
  return [...svg.querySelectorAll('text')].flatMap(textBoxOf);
}

/** Pairs of overlapping texts and texts outside the chart, in words (empty when the layout is clean). */
export function textProblems(svg: SVGSVGElement, tolerance = 0.5): string[] {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const boxes = textBoxes(svg);
  const problems: string[] = [];
  for (const b of boxes) {
    if (b.x0 < -tolerance || b.y0 < -tolerance || b.x1 > width + tolerance || b.y1 > height + tolerance) {
      problems.push(
        `"${b.text}" outside the ${width}×${height} chart (${b.x0.toFixed(1)}..${b.x1.toFixed(1)} × ${b.y0.toFixed(1)}..${b.y1.toFixed(1)})`,
      );
    }
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const ox = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const oy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (ox > tolerance && oy > tolerance)
        problems.push(`"${a.text}" overlaps "${b.text}" (${ox.toFixed(1)} × ${oy.toFixed(1)})`);
    }
  }
  return problems;
}
