/**
 * "Sketch the curve": a drawing layer of its own, laid exactly over the MPS time-course chart
 * (same SVG units, read from the chart by `chart-geometry.ts`), where the student draws the MPS
 * time course they expect with a mouse, pen or finger, or point by point with the keyboard
 * (←/→ choose a time, ↑/↓ set the value). After the reveal the chart's own curve appears under
 * the sketch, which stays drawn (dashed) for comparison.
 */
import { h } from '../dom.ts';
import { mpsChartSvg, type PlotGeometry, readPlotGeometry } from './chart-geometry.ts';
import { formatClockHours, formatFold } from './format.ts';
import { SKETCH_DEFAULTS, Sketch } from './sketch-model.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Options of `mountSketch`. */
export interface SketchOptions {
  /** The figure holding the MPS chart. */
  readonly figure: HTMLElement;
  /** Hours from the start of the run the sketch covers. */
  readonly from: number;
  readonly to: number;
  /** Label of the sketched group (`RE→EE`). */
  readonly groupLabel: string;
  /** Enter pressed on the sketch: the student is done (the player focuses Reveal). */
  readonly onDone?: () => void;
}

/** A mounted sketch layer. */
export interface SketchLayer {
  /** The sketch (undefined until the chart has been drawn once). */
  sketch(): Sketch | undefined;
  /** The chart's current geometry. */
  geometry(): PlotGeometry | undefined;
  /** After the reveal: the layer stops taking input and shows the sketch for comparison. */
  setRevealed(on: boolean): void;
  /** Forget every drawn point. */
  clear(): void;
  /** Focus the drawing surface (keyboard use). */
  focus(): void;
  destroy(): void;
}

function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Mount a sketch layer over the MPS chart inside `o.figure`. */
export function mountSketch(o: SketchOptions): SketchLayer {
  const hintId = `sketch-help-${Math.random().toString(36).slice(2, 8)}`;
  const surface = el('svg', {
    class: 'sketch-surface',
    tabindex: 0,
    role: 'slider',
    'aria-label': `Your sketch of MPS in ${o.groupLabel}, fold vs control`,
    'aria-describedby': hintId,
    'aria-orientation': 'vertical',
  });
  const help = h(
    'p',
    { class: 'sketch-help', id: hintId },
    'Draw with the mouse or a finger. Keyboard: ←/→ choose a time (Shift: an hour), ↑/↓ set the value (Shift: bigger steps), Delete clears a point, Enter when done.',
  );
  const layer = h('div', { class: 'sketch-layer' });
  layer.append(surface);
  o.figure.classList.add('lesson-sketching');
  o.figure.append(layer, help);

  let geom: PlotGeometry | undefined;
  let sketch: Sketch | undefined;
  let revealed = false;
  let focused = false;

  const announce = () => {
    if (!sketch || !geom) return;
    const v = sketch.valueAt(sketch.selected);
    const t = formatClockHours(sketch.times[sketch.selected]! / 60);
    surface.setAttribute('aria-valuemin', formatFold(geom.domain[0]));
    surface.setAttribute('aria-valuemax', formatFold(geom.domain[1]));
    surface.setAttribute('aria-valuenow', formatFold(v ?? sketch.current()));
    surface.setAttribute(
      'aria-valuetext',
      v === undefined ? `at ${t}: not drawn yet` : `at ${t}: ${formatFold(v)}-fold of control`,
    );
  };

  const draw = () => {
    surface.replaceChildren();
    if (!geom || !sketch) return;
    const g = geom;
    const x0 = g.x(o.from);
    const x1 = g.x(o.to);
    surface.append(
      el('rect', {
        class: 'sketch-area',
        x: Math.max(g.left, Math.min(x0, x1)),
        y: g.top,
        width: Math.abs(Math.min(x1, g.right) - Math.max(x0, g.left)),
        height: g.bottom - g.top,
      }),
    );
    if (sketch.drawn === 0 && !revealed) {
      const label = el('text', {
        class: 'sketch-hint',
        x: (Math.max(g.left, x0) + Math.min(g.right, x1)) / 2,
        y: (g.top + g.bottom) / 2,
        'text-anchor': 'middle',
      });
      label.textContent = `Draw the ${o.groupLabel} curve here`;
      surface.append(label);
    }
    // One path per run of drawn points.
    let d = '';
    let pen = false;
    for (const [t, v] of sketch.points()) {
      if (v === undefined) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${g.x(t / 60).toFixed(1)},${g.y(v).toFixed(1)}`;
      pen = true;
    }
    if (d) surface.append(el('path', { class: revealed ? 'sketch-line revealed' : 'sketch-line', d }));
    if (!revealed && focused) {
      const t = sketch.times[sketch.selected]!;
      const v = sketch.valueAt(sketch.selected) ?? sketch.current();
      surface.append(el('circle', { class: 'sketch-cursor', cx: g.x(t / 60), cy: g.y(v), r: 7 }));
    }
    if (revealed && d) {
      const last = [...sketch.points()].reverse().find(([, v]) => v !== undefined);
      if (last) {
        const label = el('text', {
          class: 'sketch-label',
          x: g.x(last[0] / 60) - 4,
          y: g.y(last[1]!) - 8,
          'text-anchor': 'end',
        });
        label.textContent = 'your sketch';
        surface.append(label);
      }
    }
    announce();
  };

  /** Place the layer exactly over the chart's SVG and re-read its scales. */
  const layout = () => {
    const svg = mpsChartSvg(o.figure.ownerDocument);
    const g = svg ? readPlotGeometry(svg) : undefined;
    if (!svg || !g) {
      layer.hidden = true;
      return;
    }
    layer.hidden = false;
    const fr = o.figure.getBoundingClientRect();
    const sr = svg.getBoundingClientRect();
    Object.assign(layer.style, {
      left: `${sr.left - fr.left}px`,
      top: `${sr.top - fr.top}px`,
      width: `${sr.width}px`,
      height: `${sr.height}px`,
    });
    surface.setAttribute('viewBox', `0 0 ${g.width} ${g.height}`);
    geom = g;
    sketch ??= new Sketch(o.from * 60, o.to * 60, g.domain);
    draw();
  };

  // ---- pointer: mouse, pen and touch draw strokes ----------------------------------------------
  let last: { t: number; v: number } | undefined;
  const local = (ev: PointerEvent) => {
    const ctm = surface.getScreenCTM();
    if (!ctm || !geom) return undefined;
    const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(ctm.inverse());
    return { t: geom.hours(p.x) * 60, v: geom.value(p.y) };
  };
  surface.addEventListener('pointerdown', (ev) => {
    if (revealed || !sketch || ev.button > 0) return;
    const p = local(ev);
    if (!p) return;
    ev.preventDefault();
    surface.setPointerCapture?.(ev.pointerId);
    last = p;
    sketch.stroke(p.t, p.v, p.t, p.v);
    draw();
  });
  surface.addEventListener('pointermove', (ev) => {
    if (!last || !sketch) return;
    const p = local(ev);
    if (!p) return;
    sketch.stroke(last.t, last.v, p.t, p.v);
    last = p;
    draw();
  });
  const end = () => {
    last = undefined;
  };
  surface.addEventListener('pointerup', end);
  surface.addEventListener('pointercancel', end);

  // ---- keyboard ---------------------------------------------------------------------------------
  surface.addEventListener('keydown', (ev) => {
    if (revealed || !sketch || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const d = SKETCH_DEFAULTS;
    const big = ev.shiftKey;
    switch (ev.key) {
      case 'ArrowLeft':
        sketch.move(big ? -d.bigJump : -1, true);
        break;
      case 'ArrowRight':
        sketch.move(big ? d.bigJump : 1, true);
        break;
      case 'ArrowUp':
        sketch.nudge(big ? d.bigStep : d.smallStep);
        break;
      case 'ArrowDown':
        sketch.nudge(-(big ? d.bigStep : d.smallStep));
        break;
      case 'PageUp':
        sketch.nudge(d.bigStep);
        break;
      case 'PageDown':
        sketch.nudge(-d.bigStep);
        break;
      case 'Home':
        sketch.jump('first');
        break;
      case 'End':
        sketch.jump('last');
        break;
      case 'Delete':
      case 'Backspace':
        sketch.clear(false);
        break;
      case 'Enter':
        ev.preventDefault();
        o.onDone?.();
        return;
      default:
        return;
    }
    ev.preventDefault();
    draw();
  });
  surface.addEventListener('focus', () => {
    focused = true;
    draw();
  });
  surface.addEventListener('blur', () => {
    focused = false;
    draw();
  });

  // Follow the chart: it is redrawn on every run, cursor move and resize.
  const plot = o.figure.querySelector('.plot');
  const mo = new MutationObserver(layout);
  if (plot) mo.observe(plot, { childList: true });
  const ro = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(layout);
  ro?.observe(o.figure);
  layout();

  return {
    sketch: () => sketch,
    geometry: () => geom,
    setRevealed(on) {
      revealed = on;
      layer.classList.toggle('revealed', on);
      help.hidden = on;
      if (on) {
        surface.setAttribute('tabindex', '-1');
        surface.setAttribute('aria-hidden', 'true');
      } else {
        surface.setAttribute('tabindex', '0');
        surface.removeAttribute('aria-hidden');
      }
      draw();
    },
    clear() {
      sketch?.clear(true);
      draw();
    },
    focus: () => surface.focus(),
    destroy() {
      mo.disconnect();
      ro?.disconnect();
      layer.remove();
      help.remove();
      o.figure.classList.remove('lesson-sketching');
    },
  };
}
