/**
 * Issue 13, item 7: bounds on expression depth, length and node count, on name length and on
 * the cost of evaluations; `validateModel` never throws and `validate` accepts only what
 * `simulate` can run.
 */
import { describe, expect, it } from 'vitest';
import {
  buildProtocol,
  compileModel,
  parseModel,
  SimulationError,
  simulate,
  validateModel,
} from '../../src/index.ts';
import {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  MAX_EXPRESSION_NODES,
  MAX_NAME_LENGTH,
} from '../../src/model/limits.ts';
import { lines, run } from '../cli/helpers.ts';
import { blockSum, editableModel, longSum, writeModelFile } from './helpers.ts';

function issuesOf(model: unknown) {
  const result = validateModel(model);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

describe('expression bounds', () => {
  it('3,000 terms: validate reports a typed issue with the path, never a RangeError', () => {
    const m = editableModel();
    m.states.M.rate = longSum('M', 3000);
    const issues = issuesOf(m);
    expect(issues.map((i) => i.path)).toContain('states.M.rate');
    expect(issues.find((i) => i.path === 'states.M.rate')!.message).toMatch(/too long|too many|too deep/);
  });

  it('eolab validate on 3,000 terms prints one line per problem, no "Maximum call stack"', async () => {
    const m = editableModel();
    m.states.M.rate = longSum('M', 3000);
    const r = await run('validate', writeModelFile(m));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/call stack|RangeError/);
    expect(r.stderr).toContain('states.M.rate');
  });

  it('deep nesting is a typed issue naming the bound', () => {
    const m = editableModel();
    m.states.M.rate = `${'('.repeat(MAX_EXPRESSION_DEPTH + 5)}M${')'.repeat(MAX_EXPRESSION_DEPTH + 5)}`;
    const issue = issuesOf(m).find((i) => i.path === 'states.M.rate');
    expect(issue?.message).toMatch(new RegExp(`deeper than ${MAX_EXPRESSION_DEPTH}`));
    const unary = editableModel();
    unary.states.M.rate = `${'-'.repeat(5000)}M`;
    expect(issuesOf(unary).map((i) => i.path)).toContain('states.M.rate');
  });

  it('node count and length are bounded; whatever validate accepts, simulate runs', () => {
    // Just under the node bound passes validation and runs; just over is refused by both.
    const terms = Math.floor((MAX_EXPRESSION_NODES - 20) / 2);
    const ok = editableModel();
    ok.states.M.rate = `(${ok.states.M.rate}) + 0 * (${blockSum('M', terms)})`;
    expect(ok.states.M.rate.length).toBeLessThan(MAX_EXPRESSION_LENGTH);
    const result = validateModel(ok);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const model = compileModel(parseModel(ok));
    expect(() => simulate(model, buildProtocol(model, 'study'), { dt: 60 })).not.toThrow();
    // A flat sum just under the depth bound (a left-deep tree) validates and runs too.
    const deep = editableModel();
    deep.states.M.rate = `(${deep.states.M.rate}) + 0 * (${longSum('M', MAX_EXPRESSION_DEPTH - 10)})`;
    expect(validateModel(deep).ok).toBe(true);
    const deepModel = compileModel(parseModel(deep));
    expect(() => simulate(deepModel, buildProtocol(deepModel, 'study'), { dt: 60 })).not.toThrow();
    const over = editableModel();
    over.states.M.rate = blockSum('M', MAX_EXPRESSION_NODES);
    expect(issuesOf(over).find((i) => i.path === 'states.M.rate')?.message).toMatch(/too long|too many/);
  });

  it(`a ${MAX_NAME_LENGTH + 1}-character name is refused; 50,000 characters give an issue, not a SyntaxError`, () => {
    for (const length of [MAX_NAME_LENGTH + 1, 50_000]) {
      const m = editableModel();
      const name = `x${'a'.repeat(length - 1)}`;
      m.intermediates[name] = { label: 'x', unit: '1', description: 'x', expression: 'M' };
      let result: ReturnType<typeof validateModel> | undefined;
      expect(() => {
        result = validateModel(m);
      }).not.toThrow();
      expect(result!.ok).toBe(false);
      if (!result!.ok)
        expect(result!.issues.some((i) => /at most \d+ characters/.test(i.message))).toBe(true);
    }
  });

  it('definition order is checked from the parsed symbols (a name with RegExp characters cannot break it)', () => {
    const m = editableModel();
    const [first, second] = Object.keys(m.intermediates) as [string, string];
    // `first` reads `second`, which is defined later: an issue naming both.
    m.intermediates[first].expression = `${second} + 1`;
    const issue = issuesOf(m).find((i) => i.path === `intermediates.${first}.expression`);
    expect(issue?.message).toBe(`uses "${second}", which is defined later; move it above`);
    // A later intermediate whose name only appears inside another symbol is not a use of it.
    const n = editableModel();
    n.intermediates.zz = { label: 'z', unit: '1', description: 'z', expression: 'M' };
    n.intermediates.zzz = { label: 'z', unit: '1', description: 'z', expression: 'zz' };
    expect(validateModel(n).ok).toBe(true);
  });

  it('validateModel never throws, whatever the input', () => {
    const odd: unknown[] = [null, 1, 'x', [], { states: null }, { intermediates: { a: 1 } }];
    for (const v of odd) expect(() => validateModel(v)).not.toThrow();
  });
});

describe('evaluation cost is bounded, not just the count', () => {
  /** An evaluation budget the bundled study run fits in (it needs a few thousand). */
  const BUDGET = 20_000;
  it('a right-hand side padded to ~30 KB fails fast with a typed error naming the work budget', () => {
    const m = editableModel();
    // Every state's rate just under the per-expression bounds (~25 KB in all): a model that is
    // expensive per evaluation. Same evaluation count as the bundled model needs, 20× the work.
    const pad = `0 * (${blockSum('M', 950)})`;
    for (const name of Object.keys(m.states)) m.states[name].rate = `${m.states[name].rate} + ${pad}`;
    const result = validateModel(m);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const model = compileModel(parseModel(m));
    const started = process.hrtime.bigint();
    let err: unknown;
    try {
      simulate(model, buildProtocol(model, 'study'), { maxEvaluations: BUDGET });
    } catch (e) {
      err = e;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // The bound is what matters, not the time; the time is printed for the record only.
    console.info(`padded model (${JSON.stringify(m).length} bytes): stopped after ${seconds.toFixed(2)} s`);
    expect(err).toBeInstanceOf(SimulationError);
    expect((err as SimulationError).kind).toBe('work-limit');
    expect((err as Error).message).toMatch(/work budget/);
    expect(lines((err as Error).message)).toHaveLength(1);
    // The bundled model runs within the same budget.
    const plain = compileModel(parseModel(editableModel()));
    expect(() => simulate(plain, buildProtocol(plain, 'study'), { maxEvaluations: BUDGET })).not.toThrow();
  }, 120_000);

  it('the work budget shrinks the evaluation limit in proportion to the nodes per evaluation', async () => {
    const { evaluationLimit } = await import('../../src/simulate/budget.ts');
    const cheap = evaluationLimit(2_000_000, 100);
    const dear = evaluationLimit(2_000_000, 10_000);
    expect(cheap.evaluations).toBe(2_000_000);
    expect(dear.evaluations).toBeLessThan(cheap.evaluations);
    expect(dear.evaluations * 10_000).toBeLessThanOrEqual(cheap.work);
  });
});
