/**
 * CSV export of a run's time courses. `#` header lines say where the numbers came from: model
 * id, every parameter value and the protocol as JSON, so a file is self-describing.
 */
import type { SimulationResult } from '../simulate/simulate.ts';

function cell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Time courses in wide form: `time_min`, then one column per group and series
 * (`re-ee:mps`), absolute model units (divide by the control column for fold change).
 */
export function resultToCsv(result: SimulationResult, generatedBy = 'Exercise Order Lab'): string {
  const lines: string[] = [
    `# ${generatedBy}: time courses (absolute model units; fold change = group / control at the same time)`,
    `# model: ${result.modelId}`,
    `# parameters: ${JSON.stringify(result.parameters)}`,
    `# protocol: ${JSON.stringify(result.protocol)}`,
    `# readout times (min): ${JSON.stringify(Object.fromEntries(result.groups.map((g) => [g.id, g.readoutTime])))}`,
  ];
  const cols = result.groups.flatMap((g) => result.seriesNames.map((s) => ({ g, s })));
  lines.push(['time_min', ...cols.map(({ g, s }) => cell(`${g.id}:${s}`))].join(','));
  const { time } = result;
  for (let i = 0; i < time.length; i++) {
    const row = [String(time[i])];
    for (const { g, s } of cols) row.push(String(Number(g.series[s]![i]!.toPrecision(8))));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
