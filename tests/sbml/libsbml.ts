/**
 * libSBML's verdict on SBML documents: errors and warnings from reading and from every
 * consistency check (units and modelling practice included), through Debian's python3-sbml5
 * in a subprocess (`libsbml-check.py`). `tests/setup/system-packages.ts` installs the package or
 * stops the run naming it.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One problem libSBML reported. */
export interface LibsbmlProblem {
  readonly severity: string;
  readonly id: number;
  readonly category: string;
  readonly message: string;
}

/** libSBML's report on one document. */
export interface LibsbmlReport {
  readonly name: string;
  readonly level: number;
  readonly version: number;
  readonly libsbml: string;
  readonly problems: readonly LibsbmlProblem[];
}

const SCRIPT = fileURLToPath(new URL('./libsbml-check.py', import.meta.url));

/** Check documents in one Python process. */
export function checkWithLibsbml(docs: readonly { name: string; xml: string }[]): LibsbmlReport[] {
  const out = execFileSync('/usr/bin/python3', [SCRIPT], {
    input: JSON.stringify(docs),
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out.toString('utf8')) as LibsbmlReport[];
}

/** `name: Warning 10501 (SBML unit consistency): message` lines, for assertion messages. */
export function describeProblems(report: LibsbmlReport): string[] {
  return report.problems.map((p) => `${report.name}: ${p.severity} ${p.id} (${p.category}): ${p.message}`);
}
