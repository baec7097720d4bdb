/**
 * Checks of the parameter presets H1, K1, E1: each uses its preset's parameters and protocol
 * hints (gap, EE duration and intensity) from the model file.
 */
import type { CompiledModel } from '../model/compile.ts';
import { studyProtocol } from '../protocol/presets.ts';
import { defaultIntensities } from '../simulate/scenario.ts';
import { type SimulationResult, simulate } from '../simulate/simulate.ts';
import { foldVsControl, valueAt } from './readouts.ts';
import { check, summariseTarget, type TargetCheck, type TargetResult } from './target-check.ts';

/** Checks of the parameter presets (science brief §3, optional human preset; product brief §5). */
export const PRESET_TARGETS = Object.freeze([
  {
    id: 'H1',
    preset: 'human-apro2013',
    claim:
      'Human preset (Apró 2013): 30 min cycling 15 min after RE leaves the anabolic signal at 1–3 h within 10% of RE only',
  },
  {
    id: 'K1',
    preset: 'regulator-knockout',
    claim: 'Regulator knocked out: MPS at 3 h is the same in RE only, RE→EE and EE→RE (order cannot matter)',
  },
  {
    id: 'E1',
    preset: 'endurance-trained',
    claim: 'Endurance-trained: RE→EE still below RE only, but by less than in the untrained rat',
  },
] as const);

/**
 * Evaluate the preset checks H1, K1, E1. Each uses its preset's parameters and protocol hints
 * (gap, EE duration and intensity) from the model file.
 */
export function evaluatePresetTargets(model: CompiledModel): TargetResult[] {
  const intens = defaultIntensities(model);
  const run = (presetId: string) => {
    const preset = Object.hasOwn(model.spec.parameterPresets, presetId)
      ? model.spec.parameterPresets[presetId]
      : undefined;
    if (!preset) throw new Error(`model "${model.spec.id}" has no parameter preset "${presetId}"`);
    const hints = preset.protocol ?? {};
    const protocol = studyProtocol({
      reIntensity: hints.reIntensity ?? intens.resistance,
      eeIntensity: hints.eeIntensity ?? intens.endurance,
      ...(hints.gap !== undefined ? { gap: hints.gap } : {}),
      ...(hints.eeDuration !== undefined ? { eeDuration: hints.eeDuration } : {}),
      ...(hints.reDuration !== undefined ? { reDuration: hints.reDuration } : {}),
    });
    return simulate(model, protocol, { dt: 1, parameters: preset.values });
  };
  const make = (id: string, checks: TargetCheck[]): TargetResult =>
    summariseTarget(id, PRESET_TARGETS.find((t) => t.id === id)!.claim, checks);

  const out: TargetResult[] = [];
  {
    const r = run('human-apro2013');
    const re = groupEnd(r, 're');
    out.push(
      make(
        'H1',
        [1, 2, 3].map((h) =>
          check(
            `anabolic ratio at ${h} h`,
            valueAt(r, 're-ee', 'anabolic', re + h * 60) / valueAt(r, 're', 'anabolic', re + h * 60),
            0.9,
            1.1,
          ),
        ),
      ),
    );
  }
  {
    const r = run('regulator-knockout');
    const re = foldVsControl(r, 're', 'mps');
    out.push(
      make('K1', [
        check('RE→EE / RE only', foldVsControl(r, 're-ee', 'mps') / re, 1 - 1e-9, 1 + 1e-9),
        check('EE→RE / RE only', foldVsControl(r, 'ee-re', 'mps') / re, 1 - 1e-9, 1 + 1e-9),
      ]),
    );
  }
  {
    const trained = run('endurance-trained');
    const rat = run('rat-study');
    const ratio = (r: SimulationResult) => foldVsControl(r, 're-ee', 'mps') / foldVsControl(r, 're', 'mps');
    out.push(make('E1', [check('trained RE→EE / RE only', ratio(trained), ratio(rat) + 1e-6, 1 - 1e-6)]));
  }
  return out;
}

/** End of the first resistance bout of a group, minutes. */
function groupEnd(r: SimulationResult, groupId: string): number {
  const g = r.groups.find((x) => x.id === groupId);
  const b = g?.group.bouts.find((x) => x.kind === 'resistance');
  if (!b) throw new Error(`group ${groupId} has no resistance bout`);
  return b.start + b.duration;
}
