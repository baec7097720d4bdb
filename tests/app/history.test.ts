/**
 * Undo/redo: the history's coalescing rules (a drag is one step, a key burst is one step, other
 * edits are one step each) and the controller's undo/redo restoring the previous scenario exactly.
 */
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createController } from '../../src/app/controller.ts';
import { UndoHistory } from '../../src/app/history.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/app/messages.ts';
import { mountParamsPanel } from '../../src/app/params-panel.ts';
import { mountScenarioPanel } from '../../src/app/scenario-panel.ts';
import { type AppScenario, cloneScenario, defaultScenario } from '../../src/app/state.ts';
import { mountTimeline } from '../../src/app/timeline.ts';
import { handleRequest } from '../../src/app/worker.ts';
import type { WorkerLike } from '../../src/app/worker-client.ts';
import { getModel } from '../../src/index.ts';

const hist = () =>
  new UndoHistory<{ v: number }>({
    clone: (s) => ({ ...s }),
    same: (a, b) => a.v === b.v,
    mergeWindowMs: 1000,
  });

describe('UndoHistory', () => {
  it('records each edit and walks back and forth', () => {
    const h = hist();
    h.record({ v: 0 }, { v: 1 }, { now: 0, label: 'one' });
    h.record({ v: 1 }, { v: 2 }, { now: 5000, label: 'two' });
    expect(h.undoLabel).toBe('two');
    expect(h.undo({ v: 2 })).toEqual({ v: 1 });
    expect(h.undo({ v: 1 })).toEqual({ v: 0 });
    expect(h.undo({ v: 0 })).toBeUndefined();
    expect(h.redo({ v: 0 })).toEqual({ v: 1 });
    expect(h.redoLabel).toBe('two');
    expect(h.redo({ v: 1 })).toEqual({ v: 2 });
    expect(h.redo({ v: 2 })).toBeUndefined();
  });

  it('merges a drag (same key, pointer down) however slow, and a quick key burst', () => {
    const h = hist();
    h.record({ v: 0 }, { v: 1 }, { now: 0, key: 'gap', pointerDown: true });
    h.record({ v: 1 }, { v: 2 }, { now: 3000, key: 'gap', pointerDown: true });
    h.record({ v: 2 }, { v: 3 }, { now: 9000, key: 'gap', pointerDown: true });
    h.breakMerge(); // pointer released
    h.record({ v: 3 }, { v: 4 }, { now: 9100, key: 'gap' });
    h.record({ v: 4 }, { v: 5 }, { now: 9500, key: 'gap' });
    h.record({ v: 5 }, { v: 6 }, { now: 20000, key: 'gap' });
    expect(h.undo({ v: 6 })).toEqual({ v: 5 });
    expect(h.undo({ v: 5 })).toEqual({ v: 3 });
    expect(h.undo({ v: 3 })).toEqual({ v: 0 });
  });

  it('never merges different keys or unkeyed edits, skips no-ops and drops redo on a new edit', () => {
    const h = hist();
    h.record({ v: 0 }, { v: 1 }, { now: 0, key: 'a' });
    h.record({ v: 1 }, { v: 2 }, { now: 10, key: 'b' });
    h.record({ v: 2 }, { v: 3 }, { now: 20 });
    h.record({ v: 3 }, { v: 4 }, { now: 30 });
    expect(h.record({ v: 4 }, { v: 4 }, { now: 40 })).toBe(false);
    expect(h.undo({ v: 4 })).toEqual({ v: 3 });
    h.record({ v: 3 }, { v: 9 }, { now: 50 });
    expect(h.redo({ v: 9 })).toBeUndefined();
    expect([h.undo({ v: 9 }), h.undo({ v: 3 }), h.undo({ v: 2 }), h.undo({ v: 1 })]).toEqual([
      { v: 3 },
      { v: 2 },
      { v: 1 },
      { v: 0 },
    ]);
  });

  it('keeps at most `limit` steps', () => {
    const h = new UndoHistory<{ v: number }>({
      clone: (s) => ({ ...s }),
      same: (a, b) => a.v === b.v,
      limit: 3,
    });
    for (let i = 0; i < 10; i++) h.record({ v: i }, { v: i + 1 }, { now: i * 5000 });
    let s = { v: 10 };
    const seen: number[] = [];
    for (let u = h.undo(s); u; u = h.undo(s)) {
      seen.push(u.v);
      s = u;
    }
    expect(seen).toEqual([9, 8, 7]);
  });
});

class RealWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  postMessage(req: WorkerRequest): void {
    const data = handleRequest(req);
    setTimeout(() => this.onmessage?.({ data } as MessageEvent<WorkerResponse>), 0);
  }
}

function setup() {
  document.body.innerHTML =
    '<div id="m"></div><div id="e"></div><p id="s"></p><button id="pin"></button><input id="u">';
  const div = () => document.body.appendChild(document.createElement('div'));
  const controller = createController({
    spec: getModel(),
    initial: defaultScenario(),
    presenter: false,
    messages: [],
    elements: {
      messages: document.getElementById('m')!,
      runError: document.getElementById('e')!,
      summary: document.getElementById('s')!,
      pin: document.getElementById('pin') as HTMLButtonElement,
      shareUrl: document.getElementById('u') as HTMLInputElement,
    },
    mount: {
      scenario: (o) => mountScenarioPanel(div(), o),
      params: (o) => mountParamsPanel(div(), o),
      timeline: (o) => mountTimeline(div(), o),
      charts: () => ({ render: () => {}, setCursor: () => {} }),
      evidence: () => ({ update: () => {}, targets: () => {}, ensemble: () => {} }),
      equations: () => ({ update: () => {} }),
      predict: () => ({ update: () => {} }),
      files: () => {},
    },
    persist: () => 'http://x/',
    createWorker: () => new RealWorker(),
  });
  controller.start();
  return controller;
}

const input = (id: string, value: number) => {
  const el = document.getElementById(id) as HTMLInputElement;
  el.value = String(value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('controller undo/redo', () => {
  it('undo restores the previous scenario exactly (deep-equal), redo re-applies it', () => {
    const c = setup();
    const start = c.getScenario();
    input('gap', 120);
    const afterGap = c.getScenario();
    const withGroups: AppScenario = {
      ...cloneScenario(afterGap),
      params: { kR: 0.2 },
      groups: [
        { id: 'control', label: 'Control', bouts: [] },
        {
          id: 're',
          label: 'RE only',
          bouts: [{ kind: 'resistance', start: 60, duration: 20, intensity: 1 }],
        },
      ],
      shown: ['re'],
    };
    c.load(withGroups, 'file');
    expect(c.historyState()).toEqual({ undo: 'file', redo: undefined });
    expect(c.undo()).toBe(true);
    expect(c.getScenario()).toEqual(afterGap);
    expect(c.undo()).toBe(true);
    expect(c.getScenario()).toEqual(start);
    expect(c.undo()).toBe(false);
    expect(c.redo()).toBe(true);
    expect(c.getScenario()).toEqual(afterGap);
    expect(c.redo()).toBe(true);
    expect(c.getScenario()).toEqual(withGroups);
  });

  it('a slider drag (pointer down, many inputs) is one undo step', () => {
    const c = setup();
    const start = c.getScenario();
    window.dispatchEvent(new Event('pointerdown'));
    for (const v of [15, 30, 60, 90, 120, 240]) input('gap', v);
    window.dispatchEvent(new Event('pointerup'));
    expect(c.getScenario().settings.gap).toBe(240);
    input('ee-intensity', 0.8);
    expect(c.undo()).toBe(true);
    expect(c.getScenario().settings.gap).toBe(240);
    expect(c.undo()).toBe(true);
    expect(c.getScenario()).toEqual(start);
  });
});
