/**
 * The app controller: owns the current scenario, the last good result, the pinned run and the
 * cursor; turns panel callbacks into new scenarios; validates protocols on the main thread;
 * sends runs to the worker (latest request wins) and renders answers. A failed run keeps the
 * last good result on screen, visibly marked stale, with the message where the charts were.
 */
import type { TargetResult } from '../analysis/targets.ts';
import type { IntensityBand, OrderEffectCurve } from '../analysis/time-since-run.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { BoutKind, Group, Protocol } from '../protocol/protocol.ts';
import { checkProtocol, ProtocolError } from '../protocol/protocol.ts';
import { intensityLimits } from '../simulate/scenario.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import type { ChartsPanel } from './charts-panel.ts';
import { defaultCursor } from './charts-panel.ts';
import { resultSummary } from './claims.ts';
import { h, replace } from './dom.ts';
import type { EquationsPanel } from './equations-panel.ts';
import type { EvidencePanel } from './evidence.ts';
import type { FilesPanelOptions, ModelFileClient } from './files-panel.ts';
import { backgroundJobs } from './foreground.ts';
import { UndoHistory } from './history.ts';
import type { WorkerFailure, WorkerResponse } from './messages.ts';
import { isOpenedModel, modelSpec, registerOpenedModel } from './model-registry.ts';
import type { ParamsPanel, ParamsPanelOptions } from './params-panel.ts';
import type { PredictPrompt } from './predict.ts';
import { type ResolvedScenario, resolveScenario } from './resolve.ts';
import type { ScenarioPanel, ScenarioPanelOptions } from './scenario-panel.ts';
import {
  type AppScenario,
  cloneScenario,
  DEFAULT_PARAM_PRESET,
  defaultScenario,
  encodeScenario,
  showsUncertainty,
} from './state.ts';
import type { Timeline, TimelineOptions } from './timeline.ts';
import { UncertaintyClient, type UncertaintyWorkerLike } from './uncertainty-client.ts';
import { LatestChannel, type WorkerLike } from './worker-client.ts';

/** Everything the controller is given: elements, panel factories, persistence, the worker. */
export interface ControllerOptions {
  readonly spec: ModelSpec;
  readonly initial: AppScenario;
  readonly presenter: boolean;
  /** Messages to show at start (e.g. malformed URL fields). */
  readonly messages: readonly string[];
  readonly elements: {
    readonly messages: HTMLElement;
    readonly runError: HTMLElement;
    readonly summary: HTMLElement;
    readonly pin: HTMLButtonElement;
    readonly shareUrl: HTMLInputElement;
  };
  readonly mount: {
    readonly scenario: (o: ScenarioPanelOptions) => ScenarioPanel;
    readonly params: (o: ParamsPanelOptions) => ParamsPanel;
    readonly timeline: (o: TimelineOptions) => Timeline;
    readonly charts: (onCursor: (t: number) => void, onUncertainty: (show: boolean) => void) => ChartsPanel;
    readonly evidence: () => EvidencePanel;
    readonly equations: () => EquationsPanel;
    readonly predict: () => PredictPrompt;
    readonly files: (o: FilesPanelOptions) => void;
  };
  /** Save the scenario (URL + storage); returns the share link. */
  readonly persist: (s: AppScenario, presenter: boolean) => string;
  readonly createWorker: () => WorkerLike;
  /** The uncertainty worker (the ensemble of plausible models); without it uncertainty is never shown. */
  readonly createUncertaintyWorker?: () => UncertaintyWorkerLike;
  /** The model-file worker's client (SBML export, opening model files). */
  readonly modelFiles?: ModelFileClient;
  /** A model was opened from a file and is now in use (e.g. store it for the next visit). */
  readonly onModelOpened?: (spec: ModelSpec) => void;
  /** Show the study-intensity band where T1–T9 hold (computed by a worker after a quiet second). */
  readonly onIntensityBand?: (band: IntensityBand | undefined) => void;
}

/** What Undo and Redo would do now (`undefined`: nothing to undo / redo). */
export interface HistoryState {
  readonly undo: string | undefined;
  readonly redo: string | undefined;
}

/** What `main.ts` can ask of the controller. */
export interface Controller {
  start(): void;
  reset(): void;
  /** Replace the scenario (one undo step, described by `label`). */
  load(s: AppScenario, label?: string): void;
  getScenario(): AppScenario;
  /** The last good result (the one on screen), if any. */
  getResult(): SimulationResult | undefined;
  /** Call `listener` after every new result is drawn. */
  onResult(listener: (result: SimulationResult) => void): void;
  /** Go back one scenario edit; false when there is nothing to undo. */
  undo(): boolean;
  /** Re-apply the last undone edit; false when there is nothing to redo. */
  redo(): boolean;
  historyState(): HistoryState;
  /** Call `listener` whenever what Undo/Redo would do changes. */
  onHistoryChange(listener: (state: HistoryState) => void): void;
  togglePin(): void;
  setPresenter(on: boolean): void;
  isPresenter(): boolean;
  redraw(): void;
  /** Call `listener` after every change of the scenario (e.g. so the map can mark itself stale). */
  onScenarioChange(listener: () => void): void;
}

/** Delay before the (slow) target checks run after a result, ms. */
export const TARGETS_DELAY = 500;
/** Delay before the ensemble of plausible models runs after a result, ms. */
export const ENSEMBLE_DELAY = 300;
/** Delay before the study-intensity band is computed after a result, ms. */
export const BAND_DELAY = 1000;
/** Delay before the spoken summary is updated, ms (so slider drags do not flood screen readers). */
export const SUMMARY_DELAY = 400;

/** Settings in words, for the Undo/Redo buttons' tooltips. */
const SETTING_WORDS: Record<string, string> = {
  gap: 'gap',
  eeIntensity: 'EE intensity',
  eeDuration: 'EE duration',
  reIntensity: 'RE load',
  afterResistance: 'readout time',
};

/** The protocol preset's own gap (minutes) when the user switches to it. */
const PRESET_GAP: Record<string, number> = { study: 0, 'lift-then-run': 360, 'run-morning-lift-night': 0 };

/** Create the controller and mount every panel. */
export function createController(o: ControllerOptions): Controller {
  const { elements: el } = o;
  let spec = o.spec;
  let scenario = cloneScenario(o.initial);
  let presenter = o.presenter;
  let lastGood: SimulationResult | undefined;
  let pinned: SimulationResult | undefined;
  let cursorTime: number | undefined;
  /** The protocol preset and readout time the cursor was placed for. */
  let cursorPreset: string | undefined;
  let stale = false;
  let resolved: ResolvedScenario | undefined;
  let runCount = 0;
  let summaryTimer: ReturnType<typeof setTimeout> | undefined;

  const runs = new LatestChannel<WorkerResponse & { type: 'run'; ok: true }>(
    o.createWorker(),
    'run',
    (r) => r as WorkerResponse & { type: 'run'; ok: true },
  );
  let orderEffect: OrderEffectCurve | undefined;
  let bandChannel: LatestChannel<IntensityBand> | undefined;
  /** Target checks, ensemble and intensity band: after a quiet moment, never during a live map. */
  const jobs = backgroundJobs();
  const scenarioKey = () => encodeScenario({ ...scenario, uncertainty: true }).toString();
  const uncertainty = o.createUncertaintyWorker
    ? new UncertaintyClient(o.createUncertaintyWorker, (state) => {
        evidence.ensemble(
          state.status === 'done'
            ? { status: 'done', claims: state.result.claims, members: state.result.succeeded }
            : state.status === 'pending'
              ? { status: 'pending', done: state.done, total: state.total }
              : state.status === 'error'
                ? { status: 'error', message: state.message }
                : { status: 'off' },
        );
        render();
      })
    : undefined;
  const showUncertainty = () => uncertainty !== undefined && showsUncertainty(scenario, presenter);
  let targetsChannel: LatestChannel<TargetResult[]> | undefined;
  const resultListeners: ((result: SimulationResult) => void)[] = [];

  const effective = (p: Protocol) => {
    const ee = p.groups.flatMap((g) => g.bouts).find((b) => b.kind === 'endurance');
    const re = p.groups.flatMap((g) => g.bouts).find((b) => b.kind === 'resistance');
    const inputOf = (kind: BoutKind) => Object.values(spec.inputs).find((i) => i.kind === kind)!;
    return {
      eeIntensity: scenario.settings.eeIntensity ?? ee?.intensity ?? inputOf('endurance').defaultIntensity,
      eeDuration: scenario.settings.eeDuration ?? ee?.duration ?? 60,
      reIntensity: scenario.settings.reIntensity ?? re?.intensity ?? inputOf('resistance').defaultIntensity,
    };
  };

  // ---- panels -------------------------------------------------------------------------------
  const scenarioPanel = o.mount.scenario({
    spec,
    onProtocolPreset: (id) =>
      change(
        (s) => {
          s.protocolPreset = id;
          s.settings.gap = PRESET_GAP[id] ?? 0;
          delete s.groups;
          delete s.shown;
        },
        { label: 'protocol' },
      ),
    onParamPreset: (id) =>
      change(
        (s) => {
          s.paramPreset = id;
          s.params = {};
          const hints = spec.parameterPresets[id]?.protocol ?? {};
          s.settings = { gap: hints.gap ?? PRESET_GAP[s.protocolPreset] ?? 0 };
          if (hints.eeIntensity !== undefined) s.settings.eeIntensity = hints.eeIntensity;
          if (hints.eeDuration !== undefined) s.settings.eeDuration = hints.eeDuration;
          if (hints.reIntensity !== undefined) s.settings.reIntensity = hints.reIntensity;
          delete s.groups;
        },
        { label: 'parameter preset' },
      ),
    onModel: (id) =>
      change(
        (s) => {
          const next = modelSpec(id);
          s.modelId = id;
          // Parameters differ between models: keep only overrides the new model has, in range.
          s.params = Object.fromEntries(
            Object.entries(s.params).filter(([k, v]) => {
              const p = next.parameters[k];
              return p !== undefined && v >= p.min && v <= p.max;
            }),
          );
          if (!next.parameterPresets[s.paramPreset]) s.paramPreset = DEFAULT_PARAM_PRESET;
        },
        { label: 'model' },
      ),
    onAnchor: (anchor) =>
      change(
        (s) => {
          if (anchor === 'resistance-end') delete s.settings.anchor;
          else s.settings.anchor = anchor;
        },
        { label: 'readout anchor' },
      ),
    onShown: (ids) =>
      change(
        (s) => {
          s.shown = ids;
        },
        { label: 'groups shown' },
      ),
    onSetting: (key, value) =>
      change(
        (s) => {
          s.settings[key] = value;
          if (key === 'gap') delete s.groups;
          else if (s.groups && key !== 'afterResistance') {
            s.groups = s.groups.map((g) => ({
              ...g,
              bouts: g.bouts.map((b) =>
                b.kind !== 'endurance'
                  ? b
                  : key === 'eeIntensity'
                    ? { ...b, intensity: value }
                    : { ...b, duration: value },
              ),
            }));
          }
        },
        { key: `setting:${key}`, label: SETTING_WORDS[key] ?? key },
      ),
  });
  const mountParams = () =>
    o.mount.params({
      spec,
      onParam: (name, value) =>
        change(
          (s) => {
            if (value === undefined) delete s.params[name];
            else s.params[name] = value;
          },
          { key: `param:${name}`, label: `parameter ${name}` },
        ),
    });
  let params = mountParams();
  let timelineDrag = false;
  const timeline = o.mount.timeline({
    defaults: {
      get resistance() {
        return { duration: 20, intensity: resolved ? effective(resolved.protocol).reIntensity : 1 };
      },
      get endurance() {
        const e = resolved ? effective(resolved.protocol) : { eeDuration: 60, eeIntensity: 0.7 };
        return { duration: e.eeDuration, intensity: e.eeIntensity };
      },
    },
    onEdit: (groups: Group[], final: boolean) => {
      // A drag reports many edits and a final one: they make one undo step. Clicks and key
      // presses on the timeline are one step each.
      const drag = !final || timelineDrag;
      timelineDrag = !final;
      change(
        (s) => {
          const before = new Set((resolved?.protocol.groups ?? []).map((g) => g.id));
          if (s.shown) for (const g of groups) if (!before.has(g.id)) s.shown.push(g.id);
          s.groups = groups;
        },
        { persist: final, label: 'timeline edit', ...(drag ? { key: 'timeline-drag' } : {}) },
      );
    },
  });
  const charts = o.mount.charts(
    (t) => {
      cursorTime = t;
      charts.setCursor(t);
    },
    (show) =>
      change(
        (s) => {
          s.uncertainty = show;
        },
        { label: show ? 'show uncertainty' : 'hide uncertainty' },
      ),
  );
  const evidence = o.mount.evidence();
  const equations = o.mount.equations();
  const predict = o.mount.predict();
  o.mount.files({
    getResult: () => lastGood,
    getScenario: () => cloneScenario(scenario),
    loadScenario: (s) => load(s),
    ...(o.modelFiles ? { modelFiles: o.modelFiles } : {}),
    openedSpec: () => openedSpec(),
    openModel: (opened) => {
      registerOpenedModel(opened);
      o.onModelOpened?.(opened);
      load({ ...defaultScenario(), modelId: opened.id }, 'opened model');
    },
  });

  // ---- messages -----------------------------------------------------------------------------
  const showMessages = (messages: readonly string[]) => {
    if (messages.length === 0) {
      replace(el.messages);
      return;
    }
    const close = h(
      'button',
      { type: 'button', class: 'small', onclick: () => replace(el.messages) },
      'Dismiss',
    );
    replace(
      el.messages,
      h('div', { class: 'notice' }, h('ul', {}, ...messages.map((m) => h('li', {}, m))), close),
    );
  };

  /** The simulator's non-fatal notes (window too short for an AUC, stiffness, …), by the charts. */
  const showWarnings = (warnings: readonly string[]) => {
    if (warnings.length === 0) return;
    replace(
      el.runError,
      h(
        'div',
        { class: 'run-notes', role: 'status' },
        h('strong', {}, warnings.length === 1 ? 'Note on this run: ' : 'Notes on this run:'),
        warnings.length === 1 ? warnings[0]! : h('ul', {}, ...warnings.map((w) => h('li', {}, w))),
      ),
    );
  };

  const showRunError = (failure: WorkerFailure | undefined) => {
    if (!failure) {
      replace(el.runError);
      params.highlight(undefined);
      return;
    }
    const cause = failure.likelyCause;
    const title = failure.name === 'SimulationError' ? 'The solver failed' : 'This scenario cannot run';
    replace(
      el.runError,
      h(
        'div',
        { class: 'alert', role: 'alert' },
        h('strong', {}, `${title}: `),
        failure.message,
        lastGood
          ? h(
              'p',
              { class: 'stale-banner' },
              'The charts below show the last good result and are out of date.',
            )
          : null,
        cause
          ? h(
              'p',
              {},
              `Check the parameter “${spec.parameters[cause.parameter]?.label ?? cause.parameter}” (${cause.parameter}) in Model parameters.`,
            )
          : null,
      ),
    );
    params.highlight(
      cause?.parameter,
      cause ? `Likely cause of the solver failure: ${cause.parameter} = ${cause.value}` : undefined,
    );
  };

  // ---- runs ---------------------------------------------------------------------------------
  const shownIds = (result: SimulationResult) => {
    const all = result.groups.map((g) => g.id).filter((id) => id !== result.protocol.controlGroup);
    return scenario.shown ? all.filter((id) => scenario.shown!.includes(id)) : all;
  };

  const render = () => {
    if (!lastGood) return;
    const result = lastGood;
    const t = cursorTime ?? defaultCursor(result);
    cursorTime = Math.min(result.protocol.tEnd, Math.max(result.protocol.tStart, t));
    try {
      const u = uncertainty?.state ?? { status: 'off' as const };
      const current = u.status !== 'off' && u.key === scenarioKey() ? u : ({ status: 'off' } as const);
      charts.render({
        result,
        pinned,
        cursorTime,
        stale,
        shown: shownIds(result),
        presenter,
        ...(uncertainty ? { uncertainty: { show: showUncertainty(), state: current } } : {}),
        ...(orderEffect ? { orderEffect } : {}),
      });
      evidence.update(result, stale);
      predict.update(result);
    } catch (e) {
      // A drawing bug must not leave the page silently half-updated.
      replace(
        el.runError,
        h('div', { class: 'alert', role: 'alert' }, `Could not draw the result: ${(e as Error).message}`),
      );
    }
    document.body.dataset.runId = String(++runCount);
    document.body.dataset.stale = stale ? 'true' : 'false';
  };

  const announce = (result: SimulationResult) => {
    clearTimeout(summaryTimer);
    summaryTimer = setTimeout(() => {
      el.summary.textContent = resultSummary(result, shownIds(result));
    }, SUMMARY_DELAY);
  };

  const scheduleTargets = () => {
    jobs.schedule('targets', TARGETS_DELAY, async () => {
      targetsChannel ??= new LatestChannel<TargetResult[]>(
        o.createWorker(),
        'targets',
        (r) => (r as WorkerResponse & { type: 'targets'; ok: true }).targets,
      );
      evidence.targets({ status: 'pending' });
      const answer = await targetsChannel.request(cloneScenario(scenario), openedSpec());
      if (answer === null) return;
      evidence.targets(
        answer.ok
          ? { status: 'done', targets: answer.value }
          : { status: 'error', message: answer.error.message },
      );
      // The ensemble and the intensity band follow the targets, so the quick checks are not
      // starved of a core on a small machine.
      scheduleEnsemble();
      scheduleBand();
    });
  };

  /** The opened model's spec travels with requests (workers know only the bundled models). */
  const openedSpec = () => (isOpenedModel(scenario.modelId) ? modelSpec(scenario.modelId) : undefined);

  /** After a quiet moment, run the ensemble on this scenario (if uncertainty is shown). */
  const scheduleEnsemble = () => {
    jobs.stop('ensemble');
    if (!uncertainty) return;
    if (!showUncertainty()) {
      if (uncertainty.state.status !== 'off') uncertainty.off();
      else evidence.ensemble({ status: 'off' });
      return;
    }
    const key = scenarioKey();
    const s = cloneScenario(scenario);
    jobs.schedule('ensemble', ENSEMBLE_DELAY, () => uncertainty.request(key, s, openedSpec()));
  };

  /** After a quiet second, find the study intensities where T1–T9 hold for this model and parameters. */
  const scheduleBand = () => {
    jobs.stop('band');
    if (!o.onIntensityBand) return;
    const s = cloneScenario(scenario);
    jobs.schedule('band', BAND_DELAY, async () => {
      bandChannel ??= new LatestChannel<IntensityBand>(
        o.createWorker(),
        'band',
        (r) => (r as WorkerResponse & { type: 'band'; ok: true }).band,
      );
      const answer = await bandChannel.request(s, openedSpec());
      if (answer !== null) o.onIntensityBand?.(answer.ok ? answer.value : undefined);
    });
  };

  const markStale = () => {
    if (!lastGood || stale) return;
    stale = true;
    render();
  };

  const run = async () => {
    const answer = await runs.request(cloneScenario(scenario), openedSpec());
    if (answer === null) return;
    if (!answer.ok) {
      showRunError(answer.error);
      markStale();
      if (!lastGood) document.body.dataset.runId = String(++runCount);
      return;
    }
    showRunError(undefined);
    const result = answer.value.result;
    orderEffect = answer.value.orderEffect;
    showWarnings(result.warnings);
    // A different protocol preset puts the readouts elsewhere: move the cursor back to the
    // default (RE only's readout) instead of keeping a time that belonged to the old schedule.
    // So does a new readout time: the cursor read-out should show the values the bars show.
    const placedFor = `${scenario.protocolPreset}|${result.protocol.readout.afterResistance}`;
    if (cursorPreset !== undefined && cursorPreset !== placedFor) cursorTime = undefined;
    cursorPreset = placedFor;
    lastGood = result;
    stale = false;
    render();
    for (const listener of resultListeners) listener(result);
    announce(result);
    scheduleTargets();
  };

  // ---- scenario changes ---------------------------------------------------------------------
  /** Validate and show the current scenario; returns the protocol error message ('' if valid). */
  const refreshControls = (): string => {
    let message = '';
    try {
      resolved = resolveScenario(scenario);
    } catch (e) {
      // Unknown ids cannot come from decoding; keep the last resolution if they do.
      message = (e as Error).message;
    }
    if (!resolved) return message;
    if (resolved.spec.id !== spec.id || (isOpenedModel(spec.id) && resolved.spec !== spec)) {
      // The model switcher (or undo across a switch): panels built from the spec follow it.
      spec = resolved.spec;
      scenarioPanel.setModel(spec);
      params = mountParams();
    }
    try {
      checkProtocol(resolved.protocol, intensityLimits(resolved));
    } catch (e) {
      message =
        e instanceof ProtocolError
          ? `Not run: ${e.issues.map((i) => i.message).join('; ')}`
          : (e as Error).message;
    }
    timeline.update(resolved.protocol, message);
    scenarioPanel.update(scenario, resolved.protocol, effective(resolved.protocol));
    params.update(resolved.parameters, scenario.paramPreset, new Set(Object.keys(scenario.params)));
    equations.update(resolved.spec, resolved.parameters);
    return message;
  };

  const scenarioListeners: (() => void)[] = [];
  const apply = (persist: boolean) => {
    for (const listener of scenarioListeners) listener();
    const problem = refreshControls();
    if (problem) {
      // Answers still on their way describe an earlier scenario, not this invalid one.
      runs.discardPending();
      jobs.stop('targets');
      jobs.stop('ensemble');
      jobs.stop('band');
      targetsChannel?.discardPending();
      markStale();
      return;
    }
    if (persist) el.shareUrl.value = o.persist(scenario, presenter);
    void run();
  };

  // ---- history ------------------------------------------------------------------------------
  const history = new UndoHistory<AppScenario>({
    clone: cloneScenario,
    same: (a, b) => encodeScenario(a).toString() === encodeScenario(b).toString(),
  });
  const historyListeners: ((state: HistoryState) => void)[] = [];
  const historyState = (): HistoryState => ({ undo: history.undoLabel, redo: history.redoLabel });
  const historyChanged = () => {
    const state = historyState();
    for (const listener of historyListeners) listener(state);
  };
  // A drag is one undo step: edits merge while a pointer is down; releasing it ends the merge.
  // Listening in the bubble phase lets the timeline report its final edit before the release.
  let pointerDown = false;
  if (typeof window !== 'undefined') {
    window.addEventListener('pointerdown', () => {
      pointerDown = true;
    });
    const release = () => {
      pointerDown = false;
      history.breakMerge();
    };
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
  }

  /** Options of one scenario edit. */
  interface ChangeOptions {
    /** Write the URL and storage (false while a timeline drag is under way). */
    readonly persist?: boolean;
    /** Edits with the same key in one drag or key burst make one undo step. */
    readonly key?: string;
    /** What Undo would revert, in words. */
    readonly label?: string;
  }

  function commit(next: AppScenario, opts: ChangeOptions) {
    const recorded = history.record(scenario, next, {
      now: performance.now(),
      pointerDown,
      ...(opts.key !== undefined ? { key: opts.key } : {}),
      ...(opts.label !== undefined ? { label: opts.label } : {}),
    });
    scenario = next;
    apply(opts.persist ?? true);
    if (recorded) historyChanged();
  }

  function change(mutate: (s: AppScenario) => void, opts: ChangeOptions = {}) {
    const next = cloneScenario(scenario);
    mutate(next);
    commit(next, opts);
  }

  function load(s: AppScenario, label = 'loaded scenario') {
    commit(cloneScenario(s), { label });
  }

  const travel = (to: AppScenario | undefined): boolean => {
    if (!to) return false;
    scenario = to;
    apply(true);
    historyChanged();
    return true;
  };

  const setPresenter = (on: boolean) => {
    presenter = on;
    document.body.classList.toggle('presenter', on);
    document.documentElement.classList.toggle('presenter', on);
    el.shareUrl.value = o.persist(scenario, presenter);
    scheduleEnsemble();
    render();
  };

  return {
    start() {
      document.body.classList.toggle('presenter', presenter);
      document.documentElement.classList.toggle('presenter', presenter);
      showMessages(o.messages);
      apply(true);
    },
    reset() {
      showMessages([]);
      load(defaultScenario(), 'reset');
    },
    load,
    getScenario: () => cloneScenario(scenario),
    getResult: () => lastGood,
    onResult(listener) {
      resultListeners.push(listener);
    },
    undo: () => travel(history.undo(scenario)),
    redo: () => travel(history.redo(scenario)),
    historyState,
    onHistoryChange(listener) {
      historyListeners.push(listener);
    },
    togglePin() {
      pinned = pinned ? undefined : lastGood;
      el.pin.setAttribute('aria-pressed', pinned ? 'true' : 'false');
      el.pin.textContent = pinned ? 'Unpin' : 'Pin this run';
      render();
    },
    setPresenter,
    isPresenter: () => presenter,
    redraw: render,
    onScenarioChange(listener) {
      scenarioListeners.push(listener);
    },
  };
}
