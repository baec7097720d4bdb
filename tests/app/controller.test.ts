// @vitest-environment jsdom
/**
 * The controller's failure path under jsdom, with a fake worker: a SimulationError keeps the last
 * good result on screen marked stale, shows the message as an alert where the charts were, and
 * highlights the parameter named by `likelyCause`. Heavy panels (charts, KaTeX) are recorded fakes.
 */
import { describe, expect, it } from 'vitest';
import type { ChartsView } from '../../src/app/charts-panel.ts';
import { createController } from '../../src/app/controller.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/app/messages.ts';
import { mountParamsPanel } from '../../src/app/params-panel.ts';
import { mountScenarioPanel } from '../../src/app/scenario-panel.ts';
import { type AppScenario, defaultScenario } from '../../src/app/state.ts';
import { mountTimeline } from '../../src/app/timeline.ts';
import { handleRequest } from '../../src/app/worker.ts';
import type { WorkerLike } from '../../src/app/worker-client.ts';
import { getModel } from '../../src/index.ts';

/**
 * Runs requests for real, except when `kR` is overridden: then it answers a solver failure; and
 * when `tauM` is overridden it adds a simulator warning to the real result.
 */
class ScriptedWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  postMessage(req: WorkerRequest): void {
    const data: WorkerResponse =
      req.scenario.params.kR !== undefined
        ? {
            id: req.id,
            type: req.type,
            ok: false,
            error: {
              name: 'SimulationError',
              message: 'solver failed at t = 95 min in group "re-ee" (max-steps)',
              kind: 'max-steps',
              groupId: 're-ee',
              time: 95,
              likelyCause: { parameter: 'kR', value: req.scenario.params.kR, defaultValue: 0.165 },
            },
          }
        : withWarning(handleRequest(req), req.scenario.params.tauM !== undefined);
    setTimeout(() => this.onmessage?.({ data } as MessageEvent<WorkerResponse>), 0);
  }
}

function withWarning(res: WorkerResponse, add: boolean): WorkerResponse {
  if (!add || !res.ok || res.type !== 'run') return res;
  return { ...res, result: { ...res.result, warnings: ['the model looks stiff (test note)'] } };
}

function setup() {
  document.body.innerHTML =
    '<div id="m"></div><div id="e"></div><p id="s"></p><button id="pin"></button><input id="u">';
  const renders: ChartsView[] = [];
  const persisted: AppScenario[] = [];
  const div = () => document.body.appendChild(document.createElement('div'));
  const controller = createController({
    spec: getModel(),
    initial: defaultScenario(),
    presenter: false,
    messages: ['URL: gap "abc" is not a number — using 0'],
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
      charts: () => ({ render: (v) => void renders.push(v), setCursor: () => {} }),
      evidence: () => ({ update: () => {}, targets: () => {}, ensemble: () => {} }),
      equations: () => ({ update: () => {} }),
      predict: () => ({ update: () => {} }),
      files: () => {},
    },
    persist: (s) => {
      persisted.push(s);
      return `http://x/?${persisted.length}`;
    },
    createWorker: () => new ScriptedWorker(),
  });
  return { controller, renders, persisted };
}

const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('createController', () => {
  it('renders the first run and shows start-up messages', async () => {
    const { controller, renders } = setup();
    controller.start();
    expect(document.getElementById('m')!.textContent).toContain('URL: gap "abc" is not a number — using 0');
    await waitFor(() => renders.length === 1);
    expect(renders[0]!.stale).toBe(false);
    expect(renders[0]!.shown).toEqual(['re', 'ee', 're-ee', 'ee-re']);
    expect(document.body.dataset.runId).toBe('1');
  });

  it('keeps the last good result, marked stale, and blames the parameter on a solver failure', async () => {
    const { controller, renders } = setup();
    controller.start();
    await waitFor(() => renders.length === 1);
    const good = renders[0]!.result;
    const slider = document.getElementById('param-kR-slider') as HTMLInputElement;
    slider.value = String(Number(slider.value) + 40);
    slider.dispatchEvent(new Event('input'));
    await waitFor(() => document.querySelector('#e [role="alert"]') !== null);
    const alert = document.querySelector('#e [role="alert"]')!.textContent!;
    expect(alert).toContain('solver failed at t = 95 min');
    expect(alert).toContain('out of date');
    const last = renders[renders.length - 1]!;
    expect(last.stale).toBe(true);
    expect(last.result).toBe(good);
    expect(document.body.dataset.stale).toBe('true');
    const row = document.querySelector('.param[data-param="kR"]')!;
    expect(row.classList.contains('blamed')).toBe(true);
    expect(row.textContent).toContain('Likely cause of the solver failure: kR');

    // Resetting the parameter runs again; the alert and the highlight go away.
    (row.querySelector('button') as HTMLButtonElement).click();
    await waitFor(() => document.body.dataset.stale === 'false');
    expect(document.querySelector('#e [role="alert"]')).toBeNull();
    expect(row.classList.contains('blamed')).toBe(false);
  });

  it("shows the simulator's notes on a run next to the charts, and clears them on the next clean run", async () => {
    const { controller, renders } = setup();
    controller.start();
    await waitFor(() => renders.length === 1);
    expect(document.querySelector('#e [role="status"]')).toBeNull();
    const slider = document.getElementById('param-tauM-slider') as HTMLInputElement;
    slider.value = String(Number(slider.value) + 10);
    slider.dispatchEvent(new Event('input'));
    await waitFor(() => document.querySelector('#e [role="status"]') !== null);
    expect(document.querySelector('#e [role="status"]')!.textContent).toContain(
      'the model looks stiff (test note)',
    );
    const row = document.querySelector('.param[data-param="tauM"]')!;
    (row.querySelector('button') as HTMLButtonElement).click();
    await waitFor(() => document.querySelector('#e [role="status"]') === null);
  });

  it('does not run or persist an overlapping edit; it reports it next to the timeline', async () => {
    const { controller, renders, persisted } = setup();
    controller.start();
    await waitFor(() => renders.length === 1);
    const count = persisted.length;
    const s = controller.getScenario();
    s.groups = [
      { id: 'control', label: 'Control', bouts: [] },
      {
        id: 'x',
        label: 'X',
        bouts: [
          { kind: 'resistance', start: 60, duration: 20, intensity: 1 },
          { kind: 'endurance', start: 70, duration: 60, intensity: 0.7 },
        ],
      },
    ];
    controller.load(s);
    expect(document.getElementById('timeline-error')!.textContent).toMatch(/Not run: bouts 1 and 2 overlap/);
    expect(persisted.length).toBe(count);
    expect(renders[renders.length - 1]!.stale).toBe(true);
  });
});
