/**
 * SBML ids → model symbols. SBML ids may start with `_` or collide with names expressions read
 * as something else (`t`, `pi`, `and`, …); such ids get a new, unique symbol and the map keeps
 * both, so results can still be reported under the SBML id.
 */
import { SYMBOL_PATTERN } from '../model/spec.ts';
import { RESERVED_NAMES } from '../model/validate.ts';

/** Allocates unique symbols. */
export class SymbolTable {
  readonly #bySbml = new Map<string, string>();
  readonly #used = new Set<string>();

  /** Reserve the SBML ids that are already valid symbols, so renamed ones never take them. */
  constructor(ids: readonly string[]) {
    for (const id of ids) if (SYMBOL_PATTERN.test(id) && !RESERVED_NAMES.has(id)) this.#used.add(id);
  }

  /** The symbol for an SBML id (allocated on first use). */
  symbol(id: string): string {
    const known = this.#bySbml.get(id);
    if (known) return known;
    const sym = SYMBOL_PATTERN.test(id) && !RESERVED_NAMES.has(id) ? id : this.fresh(id);
    this.#bySbml.set(id, sym);
    this.#used.add(sym);
    return sym;
  }

  /** A new symbol not used by anything, derived from `base`. */
  fresh(base: string): string {
    let stem = base.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(stem)) stem = `x${stem}`;
    if (RESERVED_NAMES.has(stem) || !this.#used.has(stem)) {
      if (!RESERVED_NAMES.has(stem)) {
        this.#used.add(stem);
        return stem;
      }
    }
    for (let i = 1; ; i++) {
      const candidate = `${stem}_${i}`;
      if (!this.#used.has(candidate) && !RESERVED_NAMES.has(candidate)) {
        this.#used.add(candidate);
        return candidate;
      }
    }
  }

  /** The symbol already allocated for an SBML id, if any. */
  lookup(id: string): string | undefined {
    return this.#bySbml.get(id);
  }

  /**
   * Symbol → SBML id for every id allocated so far. Keyed by symbol, which cannot be
   * `__proto__` (an SBML id can), so the record is safe to build and to parse.
   */
  ids(): Record<string, string> {
    return Object.fromEntries([...this.#bySbml].map(([id, sym]) => [sym, id]));
  }
}
