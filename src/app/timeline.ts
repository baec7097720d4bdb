/**
 * The protocol timeline editor: one lane per group, bouts as focusable blocks that can be
 * dragged and resized with a mouse, pen or finger (pointer events) and moved with the keyboard
 * (arrows ±5 min, PageUp/PageDown ±1 h, Shift+arrows resize, Delete removes). Every bout is a
 * touch target at least 24 × 24 px however short it is (the visible bar keeps its true length).
 * Edits are reported as whole new group lists; the app validates them and re-renders the
 * timeline with `update`.
 */
import { CHART_DEFAULTS, formatClock, formatClockH, groupPalette, type TextMeasure } from '../chart/index.ts';
import { defaultTextMeasure } from '../chart/text.ts';
import { type Bout, type BoutKind, type Group, groupAnchors, type Protocol } from '../protocol/protocol.ts';
import { h, replace } from './dom.ts';

/** Snap and keyboard step, minutes. */
export const TIME_STEP = 5;

/** PageUp/PageDown step, minutes. */
export const PAGE_STEP = 60;

/** Steps between hour labels on the timeline's axis, minutes (the densest that fits is used). */
export const TICK_STEPS = Object.freeze([30, 60, 120, 180, 360, 720, 1440, 2880]);

/**
 * The step between the axis labels of a `trackWidth` px track showing `span` minutes: the densest
 * of `TICK_STEPS` whose widest label (`widest` px, e.g. the width of `72:00`) keeps `gap` px apart.
 */
export function tickStep(span: number, trackWidth: number, widest: number, gap = 8): number {
  const perMin = trackWidth / span;
  const fixed = TICK_STEPS.find((s) => s * perMin >= widest + gap);
  if (fixed !== undefined) return fixed;
  // A span longer than the steps foresee: whole days, as many as keep labels apart, so the axis
  // never holds more labels than its width allows, whatever the span.
  const days = Math.ceil((widest + gap) / (1440 * perMin));
  return Number.isFinite(days) && days > 0 ? days * 1440 : Math.max(span, 1);
}

/** Most tick labels a track `trackWidth` px wide can hold (one per `minLabel` px, at least 2). */
export function maxTicks(trackWidth: number, minLabel = 16): number {
  return Math.max(2, Math.floor(trackWidth / minLabel) + 1);
}

/** Callbacks and defaults of the timeline. */
export interface TimelineOptions {
  /** Groups were edited; `final` is false while a drag is still under way. */
  readonly onEdit: (groups: Group[], final: boolean) => void;
  /** Default bout of each kind for "+ RE" / "+ EE". */
  readonly defaults: Readonly<Record<BoutKind, { duration: number; intensity: number }>>;
}

/** A mounted timeline. */
export interface Timeline {
  /** Draw this protocol (the last edit, valid or not) and show `error` next to it ('' for none). */
  update(protocol: Protocol, error: string): void;
}

/** Round to the timeline's step. */
export function snap(min: number): number {
  return Math.round(min / TIME_STEP) * TIME_STEP;
}

/** Visible window of the timeline: from tStart to a few hours after the last bout (≥ 6 h). */
export function timelineWindow(protocol: Protocol): { t0: number; t1: number } {
  let last = protocol.tStart;
  for (const g of protocol.groups) for (const b of g.bouts) last = Math.max(last, b.start + b.duration);
  const t1 = Math.min(protocol.tEnd, Math.max(protocol.tStart + 360, Math.ceil((last + 240) / 60) * 60));
  return { t0: protocol.tStart, t1 };
}

/** Copy groups so edits never mutate the app's scenario. */
function copyGroups(groups: readonly Group[]): Group[] {
  return groups.map((g) => ({ ...g, bouts: g.bouts.map((b) => ({ ...b })) }));
}

const KIND_SHORT: Record<BoutKind, string> = { resistance: 'RE', endurance: 'EE' };

/** Mount the timeline into `container`. */
export function mountTimeline(container: HTMLElement, options: TimelineOptions): Timeline {
  const lanes = h('div', { class: 'lanes' });
  const error = h('p', { class: 'timeline-error', role: 'alert', id: 'timeline-error' });
  const help = h(
    'p',
    { class: 'hint' },
    'Drag a bout to move it (mouse or finger), drag its right edge to resize. Keyboard: arrows move 0:05 h, Page Up/Page Down 1:00 h, Shift+arrows resize, Delete removes.',
  );
  container.append(lanes, error, help);

  let protocol: Protocol | undefined;
  let groups: Group[] = [];
  let win = { t0: 0, t1: 360 };
  let focusKey: string | undefined;
  let dragging = false;
  let lastKey = '';

  const x = (t: number) => `${((t - win.t0) / (win.t1 - win.t0)) * 100}%`;
  /** Position or length in % of the track, as a plain number for the CSS custom properties. */
  const pct = (minutes: number) => Number(((minutes / (win.t1 - win.t0)) * 100).toFixed(4));
  const place = (el: HTMLElement, b: Bout) => {
    el.style.setProperty('--x', String(pct(b.start - win.t0)));
    el.style.setProperty('--w', String(pct(b.duration)));
  };
  let measure: TextMeasure | undefined;

  const edit = (next: Group[], final: boolean, key?: string) => {
    focusKey = key;
    options.onEdit(next, final);
  };

  const setBout = (gi: number, bi: number, bout: Bout) => {
    const next = copyGroups(groups);
    const g = next[gi]!;
    next[gi] = { ...g, bouts: g.bouts.map((b, i) => (i === bi ? bout : b)) };
    return next;
  };

  const describe = (g: Group, b: Bout) =>
    `${KIND_SHORT[b.kind]} bout in ${g.label}: starts ${formatClockH(b.start)}, lasts ${formatClockH(b.duration)}, intensity ${b.intensity}`;

  const boutBlock = (g: Group, gi: number, b: Bout, bi: number) => {
    const key = `${gi}-${bi}`;
    const handle = h('span', { class: 'resize', 'aria-hidden': 'true' });
    const block = h(
      'button',
      {
        type: 'button',
        class: `bout ${b.kind}`,
        'data-key': key,
        'data-group': g.id,
        'aria-label': describe(g, b),
        'aria-describedby': 'timeline-error',
        // Shorter bouts on top, so a short bout's widened target wins over a long neighbour's edge.
        style: `z-index:${Math.max(1, 1000 - Math.round(b.duration))}`,
        title: `${describe(g, b)}`,
      },
      h(
        'span',
        { class: 'bout-bar', 'aria-hidden': 'true' },
        h('span', { class: 'bout-text' }, KIND_SHORT[b.kind]),
      ),
      handle,
    );
    place(block, b);
    block.addEventListener('keydown', (ev) => {
      let next: Bout | undefined;
      const step = TIME_STEP;
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
        const d = ev.key === 'ArrowRight' ? step : -step;
        next = ev.shiftKey
          ? { ...b, duration: Math.max(step, b.duration + d) }
          : { ...b, start: b.start + d };
      } else if (ev.key === 'PageUp' || ev.key === 'PageDown') {
        next = { ...b, start: b.start + (ev.key === 'PageUp' ? PAGE_STEP : -PAGE_STEP) };
      } else if (ev.key === 'Delete' || ev.key === 'Backspace') {
        ev.preventDefault();
        const nextGroups = copyGroups(groups);
        const ng = nextGroups[gi]!;
        nextGroups[gi] = { ...ng, bouts: ng.bouts.filter((_, i) => i !== bi) };
        edit(nextGroups, true, `lane-${gi}`);
        return;
      }
      if (next) {
        ev.preventDefault();
        edit(setBout(gi, bi, next), true, key);
      }
    });
    block.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      ev.preventDefault();
      block.focus();
      const resize = ev.target === handle;
      const track = block.parentElement!;
      const perPx = (win.t1 - win.t0) / track.getBoundingClientRect().width;
      const x0 = ev.clientX;
      let current = b;
      dragging = true;
      block.setPointerCapture(ev.pointerId);
      block.classList.add('dragging');
      const move = (e: PointerEvent) => {
        const dt = snap((e.clientX - x0) * perPx);
        const cand = resize
          ? { ...b, duration: Math.max(TIME_STEP, b.duration + dt) }
          : { ...b, start: Math.max(win.t0, b.start + dt) };
        if (cand.start === current.start && cand.duration === current.duration) return;
        current = cand;
        place(block, cand);
        edit(setBout(gi, bi, cand), false, key);
      };
      const up = () => {
        block.removeEventListener('pointermove', move);
        block.removeEventListener('pointerup', up);
        block.removeEventListener('pointercancel', up);
        block.classList.remove('dragging');
        dragging = false;
        edit(setBout(gi, bi, current), true, key);
      };
      block.addEventListener('pointermove', move);
      block.addEventListener('pointerup', up);
      block.addEventListener('pointercancel', up);
    });
    return block;
  };

  const addBout = (gi: number, kind: BoutKind) => {
    const next = copyGroups(groups);
    const g = next[gi]!;
    let lastEnd = 60;
    for (const b of g.bouts) lastEnd = Math.max(lastEnd, b.start + b.duration);
    const bout: Bout = { kind, start: lastEnd, ...options.defaults[kind] };
    next[gi] = { ...g, bouts: [...g.bouts, bout] };
    edit(next, true, `${gi}-${g.bouts.length}`);
  };

  const removeGroup = (gi: number) => {
    const next = copyGroups(groups).filter((_, i) => i !== gi);
    edit(next, true, 'add-group');
  };

  const addGroup = () => {
    const ids = new Set(groups.map((g) => g.id));
    let n = 1;
    while (ids.has(`custom-${n}`)) n++;
    const next = [...copyGroups(groups), { id: `custom-${n}`, label: `Custom ${n}`, bouts: [] }];
    edit(next, true, `lane-${next.length - 1}`);
  };

  let axisTrack: HTMLElement | undefined;
  let ticksWidth = 0;
  /** Hour labels that fit the axis track's measured width (redrawn when the track resizes). */
  const drawTicks = () => {
    if (!axisTrack) return;
    const width = axisTrack.clientWidth;
    if (!(width > 0)) return;
    ticksWidth = width;
    const fontSize = Number.parseFloat(getComputedStyle(axisTrack).fontSize) || 12;
    measure ??= defaultTextMeasure(document, CHART_DEFAULTS.fontFamily);
    const widest = measure(formatClock(win.t1), fontSize);
    const every = tickStep(win.t1 - win.t0, width, widest, fontSize * 0.6);
    // Labels at the ends align to the track's edge instead of hanging over it; a label that
    // would then touch its neighbour is left out (the last one is kept).
    const boxes: { t: number; lo: number; hi: number; end: string }[] = [];
    const gap = fontSize * 0.5;
    const cap = maxTicks(width);
    for (let t = Math.ceil(win.t0 / every) * every; t <= win.t1 && boxes.length < cap; t += every) {
      const px = ((t - win.t0) / (win.t1 - win.t0)) * width;
      const w = measure(formatClock(t), fontSize);
      const end = px < w / 2 ? ' start' : px > width - w / 2 ? ' end' : '';
      const lo = end === ' start' ? px : end === ' end' ? px - w : px - w / 2;
      const box = { t, lo, hi: lo + w, end };
      const prev = boxes[boxes.length - 1];
      if (prev && box.lo < prev.hi + gap) {
        if (end !== ' end') continue;
        boxes.pop();
      }
      boxes.push(box);
    }
    const ticks = boxes.map((b) =>
      h('span', { class: `tick${b.end}`, style: `left:${x(b.t)}` }, formatClock(b.t)),
    );
    replace(axisTrack, ...ticks);
  };
  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(() => {
      if (axisTrack && axisTrack.clientWidth !== ticksWidth) drawTicks();
    }).observe(lanes);
  }

  const render = () => {
    if (!protocol) return;
    const axis = h('div', { class: 'track axis', 'aria-hidden': 'true' });
    axisTrack = axis;
    const palette = groupPalette(protocol.groups.map((g) => g.id));
    const rows: HTMLElement[] = [
      h('div', { class: 'lane axis-row' }, h('span', { class: 'lane-label' }, 'time'), axis),
    ];
    groups.forEach((g, gi) => {
      const isControl = g.id === protocol!.controlGroup;
      const track = h('div', { class: 'track', 'data-group': g.id });
      g.bouts.forEach((b, bi) => {
        track.append(boutBlock(g, gi, b, bi));
      });
      if (g.bouts.length > 0) {
        const { readoutTime } = groupAnchors(protocol!, g);
        if (readoutTime <= win.t1) {
          track.append(
            h('span', {
              class: 'readout-mark',
              style: `left:${x(readoutTime)}`,
              title: `readout (${formatClockH(protocol!.readout.afterResistance)} after RE)`,
            }),
          );
        }
      }
      const tools = isControl
        ? h('span', { class: 'lane-tools' }, h('span', { class: 'hint' }, 'no exercise'))
        : h(
            'span',
            { class: 'lane-tools' },
            h(
              'button',
              {
                type: 'button',
                class: 'small',
                'aria-label': `Add RE bout to ${g.label}`,
                onclick: () => addBout(gi, 'resistance'),
              },
              '+RE',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'small',
                'aria-label': `Add EE bout to ${g.label}`,
                onclick: () => addBout(gi, 'endurance'),
              },
              '+EE',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'small',
                'aria-label': `Remove group ${g.label}`,
                onclick: () => removeGroup(gi),
                'data-key': `remove-${gi}`,
              },
              '✕',
            ),
          );
      rows.push(
        h(
          'div',
          { class: 'lane', 'data-key': `lane-${gi}`, tabindex: -1 },
          h('span', { class: 'lane-label', style: `border-color:${palette.get(g.id)!.color}` }, g.label),
          track,
          tools,
        ),
      );
    });
    rows.push(
      h(
        'div',
        { class: 'lane-actions' },
        h(
          'button',
          { type: 'button', class: 'small', 'data-key': 'add-group', onclick: addGroup },
          '+ Add group',
        ),
        h(
          'span',
          { class: 'legend' },
          h('span', { class: 'swatch resistance' }),
          'RE',
          h('span', { class: 'swatch endurance' }),
          'EE',
          h('span', { class: 'swatch readout' }),
          'readout',
        ),
      ),
    );
    replace(lanes, ...rows);
    drawTicks();
    if (focusKey) {
      const el = lanes.querySelector<HTMLElement>(`[data-key="${focusKey}"]`);
      el?.focus();
      focusKey = undefined;
    }
  };

  return {
    update(p, message) {
      error.textContent = message;
      if (dragging) {
        // Blocks follow the pointer themselves; redraw once the drag ends.
        protocol = p;
        groups = copyGroups(p.groups);
        return;
      }
      // Parameter changes leave the protocol as it was: skip the redraw then.
      const key = `${p.tStart}|${p.tEnd}|${JSON.stringify(p.groups)}`;
      if (key === lastKey && !focusKey) return;
      lastKey = key;
      protocol = p;
      groups = copyGroups(p.groups);
      win = timelineWindow(p);
      render();
    },
  };
}
