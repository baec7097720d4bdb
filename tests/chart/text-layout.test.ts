// @vitest-environment jsdom
/**
 * Every renderer at many widths (a phone to a projector, the notebooks' sizes, presenter style):
 * no two texts overlap and none leaves the chart, by the estimated boxes of `text-boxes.ts`
 * (the same font table the layout measured with). A layout bug shows up here in milliseconds;
 * tests/browser/layout.test.ts checks the real rendering in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { aucBarsChart } from '../../src/chart/auc-bars.ts';
import { foldBarsChart } from '../../src/chart/fold-bars.ts';
import type { ChartStyleOptions } from '../../src/chart/frame.ts';
import { heatmapChart } from '../../src/chart/heatmap.ts';
import { lineChart } from '../../src/chart/line.ts';
import { timeCourseChart } from '../../src/chart/time-course.ts';
import { tornadoChart, tornadoHeight } from '../../src/chart/tornado.ts';
import { rows, rowsGap, study, studyGap } from './fixture.ts';
import { textBoxes, textProblems } from './text-boxes.ts';

const WIDTHS = [300, 390, 640, 760, 1000, 1400];
const STYLES: readonly { name: string; style: ChartStyleOptions }[] = [
  { name: 'default', style: {} },
  { name: 'presenter', style: { fontSize: 20, minFontSize: 18, lineWidth: 4 } },
];

/** Draw at `height`, or at the height the chart says it needs. */
function fitted(draw: (height: number) => SVGSVGElement, height: number): SVGSVGElement {
  try {
    return draw(height);
  } catch (e) {
    const m = /needs at least (\d+) px/.exec((e as Error).message);
    if (!m) throw e;
    return draw(Number(m[1]));
  }
}

/** Check one chart kind at every width and style. */
function everySize(name: string, draw: (width: number, style: ChartStyleOptions) => SVGSVGElement): void {
  it(`${name}: no text overlaps or leaves the chart, ${WIDTHS[0]}–${WIDTHS[WIDTHS.length - 1]} px, default and presenter style`, () => {
    const problems: string[] = [];
    for (const { name: styleName, style } of STYLES) {
      for (const width of WIDTHS) {
        const svg = draw(width, style);
        expect(textBoxes(svg).length).toBeGreaterThan(5);
        for (const p of textProblems(svg)) problems.push(`${width} px ${styleName}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });
}

describe('chart text layout under jsdom', () => {
  for (const cursorTime of [0, 80, 260, 900, 1440]) {
    everySize(`time course, cursor at ${cursorTime} min, pinned, stale, titled`, (width, style) =>
      fitted(
        (height) =>
          timeCourseChart({
            result: study,
            series: 'mps',
            width,
            height,
            pinned: studyGap,
            cursorTime,
            timeRange: [0, 1440],
            stale: true,
            title: 'Muscle protein synthesis (MPS)',
            yLabel: 'fold vs control',
            minPlotHeight: 180,
            ...style,
          }),
        380,
      ),
    );
  }

  everySize('time course of two groups sharing a readout (readout rule label)', (width, style) =>
    fitted(
      (height) =>
        timeCourseChart({
          result: study,
          series: 'regulator',
          groups: ['re', 're-ee'],
          width,
          height,
          cursorTime: 200,
          ...style,
        }),
      360,
    ),
  );

  everySize('fold bars with the paper directions, pinned, stale', (width, style) =>
    fitted(
      (height) =>
        foldBarsChart({
          rows,
          pinnedRows: rowsGap,
          observable: 'mps',
          width,
          height,
          expected: { 're-ee': 'down', 'ee-re': 'same' },
          title: 'MPS 3:00 h after RE (fold vs control)',
          stale: true,
          ...style,
        }),
      300,
    ),
  );

  everySize('AUC bars, pinned', (width, style) =>
    fitted(
      (height) =>
        aucBarsChart({
          rows,
          pinnedRows: rowsGap,
          width,
          height,
          title: 'Cumulative MPS (AUC, fold vs control)',
          ...style,
        }),
      300,
    ),
  );

  // The app's quick resolution: the labels do not depend on the number of cells.
  const nx = 31;
  const ny = 21;
  const x = Array.from({ length: nx }, (_, i) => -12 + (24 * i) / (nx - 1));
  const y = Array.from({ length: ny }, (_, j) => 0.4 + (0.6 * j) / (ny - 1));
  const values = Float64Array.from({ length: nx * ny }, (_, k) => 0.8 + 0.3 * Math.sin(k / 37));
  const pending = Array.from({ length: nx * ny }, (_, k) => k > nx * ny * 0.6);
  everySize('heatmap with the notebook labels, half computed', (width, style) =>
    fitted(
      (height) =>
        heatmapChart({
          x,
          y,
          values,
          pending,
          width,
          height,
          xLabel: 'Gap, h (negative: EE before RE; positive: EE after RE)',
          yLabel: 'EE intensity (fraction of VO2max)',
          colorLabel: '24-h MPS AUC / RE only',
          title: 'Interference map, 24-h cumulative MPS',
          stale: true,
          ...style,
        }),
      Math.round(width * 0.6),
    ),
  );

  const many = Array.from({ length: 15 }, (_, k) => ({
    parameter: `p${k}`,
    label: ['RE stimulus gain', 'Anabolic drive lifetime', 'Half-maximal EE intensity', 'Brake steepness'][
      k % 4
    ]!,
    low: 0.75 - ((k % 5) - 2) / 50,
    high: 0.75 + ((k % 3) - 1) / 40,
  }));
  everySize('tornado of 15 parameters, at the app height', (width, style) =>
    tornadoChart({
      rows: many,
      baseline: 0.75,
      xLabel: 'Order effect: MPS at 3 h, RE→EE / EE→RE',
      percent: 20,
      width,
      height: tornadoHeight({ rows: many.length, width, title: 'Order effect', ...style }),
      title: 'Order effect',
      ...style,
    }),
  );
  everySize('tornado of 15 parameters squeezed (value labels side by side)', (width, style) =>
    fitted(
      (height) =>
        tornadoChart({
          rows: many,
          baseline: 0.75,
          xLabel: 'MPS at 3 h, RE only (fold of control)',
          percent: 20,
          width,
          height,
          ...style,
        }),
      520,
    ),
  );

  everySize('scan lines with a marker and the notebook labels', (width, style) =>
    fitted(
      (height) =>
        lineChart({
          x: Array.from({ length: 41 }, (_, k) => 15 * 1.1 ** k),
          series: [
            {
              id: 'mps3h-re',
              label: 'MPS at 3 h, RE only (fold of control)',
              values: Array.from({ length: 41 }, (_, k) => 1.9 + k / 200),
            },
            {
              id: 'order-effect',
              label: 'Order effect: MPS at 3 h, RE→EE / EE→RE',
              values: Array.from({ length: 41 }, (_, k) => 0.75 + k / 300),
            },
          ],
          xLabel: 'Regulator decay time, tauR (min; log spacing)',
          yLabel: 'Readout (fold)',
          width,
          height,
          markerX: 60,
          title: 'Readouts over Regulator decay time',
          ...style,
        }),
      Math.round(width * 0.55),
    ),
  );
});

describe('the estimate itself', () => {
  it('finds an overlap when two labels are drawn on top of each other', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '200');
    svg.setAttribute('height', '100');
    svg.setAttribute('font-size', '14');
    svg.innerHTML =
      '<text x="10" y="50">RE only 1.96</text><text x="40" y="55">EE only 1</text><text x="150" y="50" text-anchor="start">outside</text>';
    const problems = textProblems(svg as SVGSVGElement);
    expect(problems.some((p) => p.includes('overlaps'))).toBe(true);
    expect(problems.some((p) => p.includes('"outside" outside'))).toBe(true);
  });
});
