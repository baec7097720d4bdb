/**
 * The runs the calibration targets need, computed lazily and at most once each, so that a target
 * check can stop at the first failing target (the ensemble sampler rejects most prior draws
 * after one or two cheap runs) and a full evaluation still never runs a protocol twice.
 *
 * Each run simulates only the groups its targets read (plus the control group every fold change
 * divides by). Groups are integrated independently, so leaving a group out changes nothing in
 * the others except the readout anchors of groups without RE (they follow the first RE bout of
 * any group): runs without an RE group are read at explicit times only.
 */
import type { CompiledModel } from '../model/compile.ts';
import { STUDY_DESIGN, studyProtocol } from '../protocol/presets.ts';
import type { Protocol } from '../protocol/protocol.ts';
import { defaultIntensities } from '../simulate/scenario.ts';
import { type SimulateOptions, type SimulationResult, simulate } from '../simulate/simulate.ts';
import type { SolveOptions } from '../solve/index.ts';

/** Default output grid step of target runs, minutes. */
export const DEFAULT_TARGET_DT = 5;

/** Options shared by every run of a target evaluation. */
export interface StudyRunOptions {
  /** Parameter overrides. */
  readonly parameters?: Readonly<Record<string, number>>;
  /**
   * Output grid step for the runs (minutes, default 5). Readouts are exact solver values at
   * segment ends whatever the step; peaks and their times are resolved to the grid (T2's peak
   * time to 5 min), and a 1-min grid costs 2.5 times as much for no change at the readouts.
   */
  readonly dt?: number;
  /** The study's EE intensity (default: the model's default endurance intensity). */
  readonly eeIntensity?: number;
  /** The study's RE load (default: the model's default resistance intensity). */
  readonly reIntensity?: number;
  /** Solver tolerances (default: the simulator's). */
  readonly solver?: Partial<SolveOptions>;
}

/** Lazily computed runs of the study design for one model and parameter set. */
export class StudyRuns {
  readonly model: CompiledModel;
  readonly reIntensity: number;
  readonly eeIntensity: number;
  private readonly sim: SimulateOptions;
  private readonly cache = new Map<string, SimulationResult>();
  /** Number of `simulate` calls made so far (for benchmarks and tests). */
  runs = 0;

  constructor(model: CompiledModel, options: StudyRunOptions = {}) {
    const d = defaultIntensities(model);
    this.model = model;
    this.reIntensity = options.reIntensity ?? d.resistance;
    this.eeIntensity = options.eeIntensity ?? d.endurance;
    this.sim = {
      dt: options.dt ?? DEFAULT_TARGET_DT,
      ...(options.parameters ? { parameters: options.parameters } : {}),
      ...(options.solver ? { solver: options.solver } : {}),
    };
  }

  private run(key: string, build: () => Protocol, extra: Partial<SimulateOptions> = {}): SimulationResult {
    let r = this.cache.get(key);
    if (!r) {
      this.runs++;
      r = simulate(this.model, build(), { ...this.sim, ...extra });
      this.cache.set(key, r);
    }
    return r;
  }

  private study(
    groups: readonly string[],
    options: { gap?: number; eeIntensity?: number; eeDuration?: number; reIntensity?: number } = {},
  ): Protocol {
    const p = studyProtocol({
      reIntensity: options.reIntensity ?? this.reIntensity,
      eeIntensity: options.eeIntensity ?? this.eeIntensity,
      ...(options.gap !== undefined ? { gap: options.gap } : {}),
      ...(options.eeDuration !== undefined ? { eeDuration: options.eeDuration } : {}),
    });
    return { ...p, groups: p.groups.filter((g) => groups.includes(g.id)) };
  }

  /** Control, RE only, RE→EE and EE→RE, back to back (T2, T3, T6–T8). */
  orders(): SimulationResult {
    return this.run('orders', () => this.study(['control', 're', 're-ee', 'ee-re']));
  }

  /**
   * Control and EE only at `eeIntensity` (default: the study's) (T4, T5). Without an RE group
   * the EE group's readout anchor moves, so read this run at explicit times only.
   */
  endurance(eeIntensity = this.eeIntensity, eeDuration: number = STUDY_DESIGN.eeDuration): SimulationResult {
    return this.run(`ee:${eeIntensity}:${eeDuration}`, () =>
      this.study(['control', 'ee'], { eeIntensity, eeDuration }),
    );
  }

  /** Control, RE→EE and EE→RE with `gap` minutes between the bouts (T9). */
  gap(gap: number): SimulationResult {
    return this.run(`gap:${gap}`, () => this.study(['control', 're-ee', 'ee-re'], { gap }));
  }

  /** Control and RE only at load `reIntensity` (load-response targets). */
  load(reIntensity: number): SimulationResult {
    return this.run(`load:${reIntensity}`, () => this.study(['control', 're'], { reIntensity }));
  }

  /** The control group alone over 72 h, started from the file's initial values (T1). */
  rest(): SimulationResult {
    return this.run(
      'rest',
      () => ({
        ...this.study(['control']),
        tEnd: 72 * 60,
      }),
      { initial: 'spec' },
    );
  }
}
