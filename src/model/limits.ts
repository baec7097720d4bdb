/**
 * Bounds on what a model file (or any input) may hold, declared once. Each is checked before
 * the expensive step it protects, and each failure is a typed error or validation issue naming
 * the field, the value and the bound — never a hang or a `RangeError`:
 *
 * - file size: checked before a file is read (`eolab` refuses `/dev/zero` at once);
 * - expression length: checked before mathjs parses the text;
 * - nesting depth: checked on the text before parsing (parentheses) and while the tree is
 *   checked (operators), far below where any recursion could exhaust the stack;
 * - nodes per expression and per model: checked while the tree is checked, so validation,
 *   compiling and every evaluation stay proportionate;
 * - name length: in the schema (`spec.ts`).
 *
 * The bundled models use a small fraction of each (longest expression 56 characters, longest
 * name 11): the bounds only stop inputs no model needs.
 */

/** Largest input file the CLI reads (model JSON, SBML, ensembles), bytes: 8 MiB. */
export const MAX_INPUT_FILE_BYTES = 8 * 1024 * 1024;

/** Longest expression text, characters. */
export const MAX_EXPRESSION_LENGTH = 10_000;

/** Deepest nesting of an expression (parentheses, operators, function calls). */
export const MAX_EXPRESSION_DEPTH = 500;

/** Most nodes (numbers, symbols, operators, calls) in one expression. */
export const MAX_EXPRESSION_NODES = 2_000;

/** Most nodes over all of a model's expressions. */
export const MAX_MODEL_NODES = 20_000;

/** Longest symbol, id or preset name, characters. */
export const MAX_NAME_LENGTH = 128;

/** Most symbols (inputs, states, parameters, intermediates, observables) in one model. */
export const MAX_SYMBOLS = 2_000;
