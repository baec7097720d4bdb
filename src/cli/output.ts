/**
 * Where command output goes: stdout or `--out FILE`; a CSV's provenance into its sidecar
 * (`--out run.csv` → `run.meta.json`, or `--meta FILE`); JSON as an envelope; warnings on
 * stderr, each once with a count.
 */

import { envelope, formatJson, type Provenance, sidecar, sidecarPath } from '../data/provenance.ts';
import type { DataTable } from '../data/table.ts';
import { tableToCsv } from '../data/table.ts';
import { choiceOption, type OptionSpecs, type ParsedArgs, stringOption } from './args.ts';
import { type CliIO, UsageError } from './command.ts';
import { writeOutput } from './write.ts';

export { describeFsError, writeOutput } from './write.ts';

/** `--format`, `--out` and `--meta`. */
export const DATA_OUTPUT_OPTIONS = Object.freeze({
  format: { type: 'string' },
  out: { type: 'string' },
  meta: { type: 'string' },
}) satisfies OptionSpecs;

/** The output formats of data commands. */
export type DataFormat = 'table' | 'csv' | 'json';

/** Help text for `--format`, `--out` and `--meta`. */
export function dataOutputHelp(formats: readonly DataFormat[], fallback: DataFormat): string {
  const lines = [
    `  --format ${formats.join('|').padEnd(14)} output format (default ${fallback})`,
    '  --out FILE             write to FILE instead of standard output',
  ];
  if (formats.includes('csv')) {
    lines.push(
      "  --meta FILE            where the CSV's provenance goes (JSON sidecar; default with --out x.csv:",
      '                         x.meta.json; none when the CSV goes to standard output)',
    );
  }
  return lines.join('\n');
}

/** Where and how a command writes its data. */
export interface DataOutput {
  readonly format: DataFormat;
  readonly out: string | undefined;
  readonly meta: string | undefined;
}

/**
 * Read `--format`, `--out` and `--meta`.
 * @throws UsageError for a format not in `formats`, or `--meta` without CSV output
 */
export function dataOutput(
  parsed: ParsedArgs,
  formats: readonly DataFormat[],
  fallback: DataFormat,
): DataOutput {
  const format = choiceOption(parsed, 'format', formats, fallback);
  const meta = stringOption(parsed, 'meta');
  if (meta !== undefined && format !== 'csv') {
    throw new UsageError(
      `invalid --meta: only CSV output has a sidecar (the ${format} output is self-contained)`,
    );
  }
  return { format, out: stringOption(parsed, 'out'), meta };
}

/** What `writeData` writes. */
export interface DataContent {
  readonly provenance: Provenance;
  readonly table: DataTable;
  /** The human-readable text for `--format table`. */
  readonly text?: () => string;
}

/**
 * Write data in the chosen format: CSV (plus its sidecar when it goes to a file, or to `--meta`),
 * a JSON envelope, or the table text.
 * @throws Error naming a file that cannot be written
 */
export function writeData(io: CliIO, output: DataOutput, content: DataContent): void {
  const { format, out, meta } = output;
  const metaFile =
    format === 'csv' ? (meta ?? (out === undefined ? undefined : sidecarPath(out))) : undefined;
  // Refuse before writing anything: an output that is an input, or --out equal to --meta.
  io.checkOutputs?.([out, metaFile].filter((f): f is string => f !== undefined));
  if (format === 'json') {
    writeOutput(io, out, formatJson(envelope(content.provenance, content.table)));
  } else if (format === 'csv') {
    writeOutput(io, out, tableToCsv(content.table));
    if (metaFile !== undefined) {
      const file = out ?? 'standard output';
      writeOutput(io, metaFile, formatJson(sidecar(content.provenance, content.table, file)));
    }
  } else {
    if (!content.text) throw new Error('this command has no table output');
    writeOutput(io, out, content.text());
  }
}

/**
 * Warnings, printed once each with a count. Messages that differ only in quoted names (one per
 * group, say) are printed as one line listing the names.
 */
export class WarningLog {
  private readonly seen = new Map<string, { first: string; names: Set<string>; count: number }>();

  /** Record warnings. */
  add(warnings: Iterable<string>): void {
    for (const w of warnings) {
      const text = w.replace(/\s*\n\s*/g, ' ');
      const names = [...text.matchAll(/"[^"]*"/g)].map((m) => m[0]);
      const key = text.replace(/"[^"]*"/g, '"…"');
      const entry = this.seen.get(key) ?? { first: text, names: new Set<string>(), count: 0 };
      entry.count++;
      for (const n of names) entry.names.add(n);
      this.seen.set(key, entry);
    }
  }

  /** The lines to print: `eolab: warning: …`, with ` (×N)` for a repeated one. */
  lines(): string[] {
    return [...this.seen.entries()].map(([key, e]) => {
      if (e.count === 1) return `eolab: warning: ${e.first}`;
      const quoted = (key.match(/"…"/g) ?? []).length;
      const text = quoted === 1 && e.names.size > 1 ? key.replace('"…"', [...e.names].join(', ')) : e.first;
      return `eolab: warning (×${e.count}): ${text}`;
    });
  }

  /** Print every warning on stderr and forget them. */
  flush(io: CliIO): void {
    for (const line of this.lines()) io.stderr(`${line}\n`);
    this.seen.clear();
  }
}

/** Print warnings on stderr, each once (with a count when repeated). */
export function printWarnings(io: CliIO, warnings: Iterable<string>): void {
  const log = new WarningLog();
  log.add(warnings);
  log.flush(io);
}
