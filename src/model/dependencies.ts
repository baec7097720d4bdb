/**
 * Dependencies between a model's expressions: what an expression reads through intermediates,
 * the order initial assignments must be evaluated in, and the times at which a comparison with
 * the time `t` switches (solver stops).
 */
import type { ExprTree } from './expression.ts';

/** Symbols each intermediate reads, transitively, down to states, parameters and inputs. */
export function closure(
  symbols: readonly string[],
  intermediateSymbols: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set<string>();
  const walk = (list: readonly string[]) => {
    for (const s of list) {
      if (seen.has(s)) continue;
      seen.add(s);
      const inner = intermediateSymbols.get(s);
      if (inner) walk(inner);
    }
  };
  walk(symbols);
  return seen;
}

/**
 * Order the states that have an initial assignment so each comes after the states its
 * expression reads (through intermediates too).
 * @throws Error naming the states in a cycle
 */
export function initialAssignmentOrder(
  targets: readonly string[],
  dependsOn: (target: string) => ReadonlySet<string>,
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]) => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      throw new Error(
        `initial assignments form a cycle: ${[...trail.slice(trail.indexOf(name)), name].join(' → ')}`,
      );
    }
    state.set(name, 'visiting');
    for (const d of dependsOn(name)) if (targets.includes(d) && d !== name) visit(d, [...trail, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const t of targets) visit(t, []);
  return order;
}

/**
 * The comparisons with time in a tree whose other side is a constant: each yields the time at
 * which the comparison switches, as a tree over constants. Handles `t`, `k * t`, `t * k` and
 * `t / k` against a constant `c` (times c/k, c/k and c·k).
 */
export function timeSwitches(tree: ExprTree, isConstant: (t: ExprTree) => boolean): ExprTree[] {
  const out: ExprTree[] = [];
  const scaled = (side: ExprTree): ((c: ExprTree) => ExprTree) | undefined => {
    if (side.kind === 'time') return (c) => c;
    if (side.kind === 'call' && side.args.length === 2) {
      const [a, b] = side.args as [ExprTree, ExprTree];
      if (side.op === 'multiply' && a.kind === 'time' && isConstant(b))
        return (c) => ({ kind: 'call', op: 'divide', args: [c, b] });
      if (side.op === 'multiply' && b.kind === 'time' && isConstant(a))
        return (c) => ({ kind: 'call', op: 'divide', args: [c, a] });
      if (side.op === 'divide' && a.kind === 'time' && isConstant(b))
        return (c) => ({ kind: 'call', op: 'multiply', args: [c, b] });
    }
    return undefined;
  };
  const visit = (n: ExprTree) => {
    if (n.kind !== 'call') return;
    if (['eq', 'neq', 'lt', 'leq', 'gt', 'geq'].includes(n.op)) {
      const [a, b] = n.args as [ExprTree, ExprTree];
      const fa = scaled(a);
      const fb = scaled(b);
      if (fa && isConstant(b)) out.push(fa(b));
      else if (fb && isConstant(a)) out.push(fb(a));
    }
    n.args.forEach(visit);
  };
  visit(tree);
  return out;
}
