/**
 * The map section's settings form: second axis and its range, the gap axis range (a slider),
 * colour metric, resolution, the "live" toggle, Compute and Cancel. `read` turns the form and the
 * scenario into a sweep request and a key that changes exactly when the map would.
 */

import type { SweepRequest } from '../../analysis/pool.ts';
import { MAX_SWEEP_GAP, SWEEP_METRICS, type SweepMetric } from '../../analysis/sweep.ts';
import { h } from '../dom.ts';
import { mapBasis } from './map-run.ts';
import { type AxisChoice, DEFAULT_MAP_SIZE, type ExploreBase, mapRequest } from './scenario.ts';

/** Map resolutions offered (columns × rows); the first is the default. */
export const RESOLUTIONS = Object.freeze([
  { id: 'default', label: `${DEFAULT_MAP_SIZE.nx} × ${DEFAULT_MAP_SIZE.ny}`, ...DEFAULT_MAP_SIZE },
  { id: 'quick', label: '31 × 21 (quick)', nx: 31, ny: 21 },
  { id: 'fine', label: '121 × 61 (fine)', nx: 121, ny: 61 },
]);

/** Steps of the gap-range slider, h (the map spans −range … +range). */
export const GAP_RANGE_STEP_H = 1;

/** A request read from the form, and the key of everything the map depends on. */
export interface MapInputs {
  readonly request: SweepRequest;
  readonly key: string;
}

/** The key of a map's inputs: equal keys, equal maps. */
export function mapKey(base: ExploreBase, request: SweepRequest): string {
  return JSON.stringify([mapBasis(base, request.yAxis), request.yAxis, request.metric, request.x, request.y]);
}

/** The mounted form. */
export interface MapControls {
  readonly form: HTMLFormElement;
  readonly runButton: HTMLButtonElement;
  readonly cancelButton: HTMLButtonElement;
  readonly liveToggle: HTMLInputElement;
  /** The request for `base` and the form's settings. @throws Error naming the bad field */
  read(base: ExploreBase): MapInputs;
  /** Call `listener` whenever a setting of the map changes (while typing or dragging too). */
  onSettingsInput(listener: () => void): void;
}

/** Build the form for the axes `choices`. */
export function mapControls(choices: readonly AxisChoice[]): MapControls {
  const ySelect = h(
    'select',
    { id: 'explore-y-axis' },
    ...choices.map((c) => h('option', { value: c.axis, selected: c.axis === 'eeIntensity' }, c.option)),
  );
  const yMin = h('input', { id: 'explore-y-min', type: 'number', step: 'any', inputmode: 'decimal' });
  const yMax = h('input', { id: 'explore-y-max', type: 'number', step: 'any', inputmode: 'decimal' });
  const maxH = MAX_SWEEP_GAP / 60;
  const gapRange = h('input', {
    id: 'explore-gap-range',
    type: 'range',
    min: GAP_RANGE_STEP_H,
    max: maxH,
    step: GAP_RANGE_STEP_H,
    value: maxH,
  });
  const gapOut = h('output', { for: 'explore-gap-range', id: 'explore-gap-range-value' });
  const showGap = () => {
    gapOut.textContent = `±${gapRange.value} h`;
    gapRange.setAttribute('aria-valuetext', `minus ${gapRange.value} to plus ${gapRange.value} hours`);
  };
  showGap();
  const metricSelect = h(
    'select',
    { id: 'explore-metric' },
    ...Object.entries(SWEEP_METRICS).map(([id, m]) => h('option', { value: id }, m.label)),
  );
  const resSelect = h(
    'select',
    { id: 'explore-resolution' },
    ...RESOLUTIONS.map((r) => h('option', { value: r.id }, r.label)),
  );
  const liveToggle = h('input', { id: 'explore-live', type: 'checkbox', checked: true });
  const runButton = h('button', { id: 'explore-run', type: 'submit' }, 'Compute map');
  const cancelButton = h('button', { id: 'explore-cancel', type: 'button', disabled: true }, 'Cancel');

  const setDefaultRange = () => {
    const c = choices.find((x) => x.axis === ySelect.value)!;
    yMin.value = String(c.defaultRange[0]);
    yMax.value = String(c.defaultRange[1]);
    yMin.min = yMax.min = String(c.min);
    yMin.max = yMax.max = String(c.max);
  };
  ySelect.addEventListener('change', setDefaultRange);
  setDefaultRange();
  gapRange.addEventListener('input', showGap);

  const form = h(
    'form',
    { class: 'explore-controls', 'aria-label': 'Interference map settings' },
    h('label', {}, 'Second axis ', ySelect),
    h('label', {}, 'from ', yMin),
    h('label', {}, 'to ', yMax),
    h('label', { class: 'explore-gap-range' }, h('span', {}, 'Gap axis ', gapOut), gapRange),
    h('label', {}, 'Colour by ', metricSelect),
    h('label', {}, 'Resolution ', resSelect),
    h(
      'label',
      { class: 'explore-live' },
      h('span', {}, liveToggle, ' Live'),
      h('span', { class: 'hint' }, 'redraw while sliders move'),
    ),
    h('span', { class: 'button-row' }, runButton, cancelButton),
  );

  return {
    form,
    runButton,
    cancelButton,
    liveToggle,
    read(base) {
      const res = RESOLUTIONS.find((r) => r.id === resSelect.value) ?? RESOLUTIONS[0]!;
      const num = (el: HTMLInputElement) => Number(el.value === '' ? Number.NaN : el.value);
      const request = mapRequest(base, {
        yAxis: ySelect.value,
        yMin: num(yMin),
        yMax: num(yMax),
        nx: res.nx,
        ny: res.ny,
        metric: metricSelect.value as SweepMetric,
        gapMax: Number(gapRange.value) * 60,
      });
      return { request, key: mapKey(base, request) };
    },
    onSettingsInput(listener) {
      for (const el of [yMin, yMax, gapRange]) el.addEventListener('input', listener);
      for (const el of [ySelect, metricSelect, resSelect]) el.addEventListener('change', listener);
    },
  };
}
