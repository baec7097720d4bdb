/**
 * Shared pieces of the hardening regression tests: the default model as an editable object,
 * writing it to a temporary file, and long expressions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getModel } from '../../src/index.ts';
import { tempDir } from '../cli/helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: model files are edited freely in these tests
export type Json = Record<string, any>;

/** The bundled default model as a fresh, editable JSON object. */
export function editableModel(): Json {
  return JSON.parse(JSON.stringify(getModel()));
}

/** Write `value` as JSON into a fresh temporary directory; returns the file's path. */
export function writeModelFile(value: unknown, name = 'm.json'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** `base + base + … + base` with `terms` terms. */
export function longSum(base: string, terms: number): string {
  return Array.from({ length: terms }, () => base).join(' + ');
}

/**
 * A sum of `terms` copies of `base`, grouped in parenthesised blocks of `block` terms, so the
 * tree stays shallow (depth about `terms / block + block`) while its node count grows.
 */
export function blockSum(base: string, terms: number, block = 20): string {
  const blocks: string[] = [];
  for (let left = terms; left > 0; left -= block) blocks.push(`(${longSum(base, Math.min(block, left))})`);
  return blocks.join(' + ');
}
