// Arrays: `[`, the items, `]`. Item i must satisfy, in every array branch of the conjunction, that branch's prefix
// schema i or (past its prefix) its schema of the rest; from the longest prefix on, the same schemas apply to every
// item, so the rest is a bounded repetition. minItems and maxItems bound the count.

import { CAPS } from '../caps.ts';
import type { GbnfNode, Sequence } from '../grammar/gbnf-ast.ts';
import type { EmitContext } from './compile-schema.ts';
import type { Norm } from './norm.ts';
import type { Schema } from './resolve.ts';
import { childPointer, SchemaError, showPointer } from './schema-error.ts';

/** Items beyond this many cannot fit in any generation (each takes 2 characters at least): unbounded. */
const UNREACHABLE_ITEMS = 2100;

export function emitArray(n: Norm, cx: EmitContext, pointer: string): Sequence[] {
  const branches = n.arrays.length ? n.arrays : [{ prefix: [] as Schema[], rest: true as Schema }];
  const P = Math.max(...branches.map((b) => b.prefix.length));
  const itemSchemas = (i: number): Schema[] =>
    branches.map((b) => (i < b.prefix.length ? (b.prefix[i] as Schema) : b.rest));
  let maxItems = n.maxItems ?? Number.POSITIVE_INFINITY;
  if (maxItems >= UNREACHABLE_ITEMS) maxItems = Number.POSITIVE_INFINITY;
  const minItems = n.minItems;
  if (minItems > maxItems) return [];
  const { p } = cx;
  // the items at positions 0..P-1 (each may be unsatisfiable: then the array must end before it)
  const prefix: (GbnfNode | undefined)[] = [];
  for (let i = 0; i < Math.min(P, maxItems); i++)
    prefix.push(cx.ruleFor(itemSchemas(i), childPointer(pointer, 'prefixItems', i)));
  const restRule = maxItems > P ? cx.ruleFor(itemSchemas(P), childPointer(pointer, 'items')) : undefined;

  // tail(i): what may follow once i items are written (i ≤ P)
  const tails = new Map<number, GbnfNode | undefined>();
  const sep = (i: number): Sequence => (i === 0 ? [] : p.comma);
  const tail = (i: number): GbnfNode | undefined => {
    if (tails.has(i)) return tails.get(i);
    const alts: Sequence[] = [];
    if (i >= minItems) alts.push([]);
    if (i < P && i < maxItems) {
      const item = prefix[i];
      const next = item ? tail(i + 1) : undefined;
      if (item && next) alts.push([...sep(i), item, next]);
    } else if (i === P && restRule && maxItems > P) {
      const lo = Math.max(minItems - P, 0);
      const hi = maxItems - P;
      if (hi !== Number.POSITIVE_INFINITY && hi > CAPS.repetitionBound) {
        throw new SchemaError(
          `maxItems ${n.maxItems} at ${showPointer(pointer)} is more than the ${CAPS.repetitionBound} items a repetition may count (cap repetitionBound)`,
          { cap: 'repetitionBound' },
        );
      }
      // the first item of the rest has no comma when there is no prefix
      const more: GbnfNode = { kind: 'group', alternatives: [[...p.comma, restRule]] };
      if (P === 0) {
        const rest = { kind: 'repeat', body: more, min: Math.max(lo - 1, 0), max: hi - 1 } as const;
        alts.push([restRule, rest]);
      } else alts.push([{ kind: 'repeat', body: more, min: Math.max(lo, 1), max: hi }]);
    }
    const node = cx.helper(cx.fresh('a'), alts);
    tails.set(i, node);
    return node;
  };
  const body = tail(0);
  if (!body) return [];
  return [[...p.open('['), body, ...p.close(']')]];
}
