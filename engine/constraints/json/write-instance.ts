// Writes a JSON instance into a matcher in the engine's own format — its whitespace policy, keys in the order the
// grammar accepts (listed properties in schema order, then the others), strings in printable ASCII — keeping every
// number's text. The key order is found by search (a failed key is undone by cloning), bounded by a step budget.
// A matcher only holds valid documents, so if any order is accepted the instance is valid: formatting can never
// make an invalid instance pass. Used by the MaskBench harness and the tests.

import { encode } from '../../tokenizer.ts';
import type { Matcher } from '../matcher.ts';
import type { LosslessJson } from './lossless-json.ts';
import { jsonString, type Whitespace } from './whitespace.ts';

export interface WriteResult {
  /** Whether the whole instance was accepted and the matcher ends accepting. */
  readonly accepted: boolean;
  /** The text written (when accepted). */
  readonly text: string;
  /** Characters fed in the search (work). */
  readonly steps: number;
}

class Budget {
  steps = 0;
  constructor(readonly limit: number) {}
}

function feed(m: Matcher, s: string, b: Budget): boolean {
  for (const t of encode(s)) {
    if (++b.steps > b.limit) return false;
    if (!m.advance(t)) return false;
  }
  return true;
}

/** Writes `v` (returns the matcher positioned after it, or undefined). */
function write(m: Matcher, v: LosslessJson, ws: Whitespace, b: Budget, out: string[]): Matcher | undefined {
  const colon = ws === 'compact' ? ':' : ': ';
  const comma = ws === 'compact' ? ',' : ', ';
  switch (v.t) {
    case 'lit':
    case 'num':
      if (!feed(m, v.text, b)) return undefined;
      out.push(v.text);
      return m;
    case 'str': {
      const s = jsonString(v.value);
      if (!feed(m, s, b)) return undefined;
      out.push(s);
      return m;
    }
    case 'arr': {
      if (!feed(m, '[', b)) return undefined;
      out.push('[');
      let cur: Matcher | undefined = m;
      v.items.forEach((x, i) => {
        if (!cur) return;
        if (i > 0) {
          if (!feed(cur, comma, b)) cur = undefined;
          else out.push(comma);
        }
        if (cur) cur = write(cur, x, ws, b, out);
      });
      if (!cur || !feed(cur, ']', b)) return undefined;
      out.push(']');
      return cur;
    }
    case 'obj': {
      if (!feed(m, '{', b)) return undefined;
      const members = (
        left: readonly (readonly [string, LosslessJson])[],
        at: Matcher,
        first: boolean,
      ): [Matcher, string[]] | undefined => {
        if (left.length === 0) {
          const end = at.clone();
          return feed(end, '}', b) ? [end, ['}']] : undefined;
        }
        // Each member whose key fits here is tried; first the one after which the key of every other member that
        // fits here can still follow at once (the earliest in the grammar's order: a listed property passed over
        // cannot come back, and nothing required lies between members whose keys both fit here), then the others.
        const heads: { i: number; trial: Matcher; head: string }[] = [];
        for (let i = 0; i < left.length; i++) {
          const trial = at.clone();
          const head = `${first ? '' : comma}${jsonString(left[i]?.[0] ?? '')}${colon}`;
          if (feed(trial, head, b)) heads.push({ i, trial, head });
        }
        const others = (i: number) => [...left.slice(0, i), ...left.slice(i + 1)];
        const deferred: { i: number; after: Matcher; part: string[] }[] = [];
        const attempt = (f: { i: number; after: Matcher; part: string[] }): [Matcher, string[]] | undefined => {
          const rest = members(others(f.i), f.after, false);
          return rest ? [rest[0], [...f.part, ...rest[1]]] : undefined;
        };
        for (const h of heads) {
          const part: string[] = [h.head];
          const after = write(h.trial, (left[h.i] as readonly [string, LosslessJson])[1], ws, b, part);
          if (!after) continue;
          const f = { i: h.i, after, part };
          const keepsOthers = heads.every(
            (g) => g === h || feed(after.clone(), `${comma}${jsonString(left[g.i]?.[0] ?? '')}${colon}`, b),
          );
          if (!keepsOthers) {
            deferred.push(f);
            continue;
          }
          const done = attempt(f);
          if (done) return done;
          if (b.steps > b.limit) return undefined;
        }
        // a member that every other fitting key may follow was found and failed: placing it later cannot help
        // (it would be passed over), so the others are tried only when no such member exists
        if (deferred.length < heads.length) return undefined;
        for (const f of deferred) {
          const done = attempt(f);
          if (done) return done;
          if (b.steps > b.limit) return undefined;
        }
        return undefined;
      };
      const r = members(v.entries, m, true);
      if (!r) return undefined;
      out.push('{', ...r[1]);
      return r[0];
    }
  }
}

export function writeInstance(m: Matcher, v: LosslessJson, ws: Whitespace, limit = 1_000_000): WriteResult {
  const b = new Budget(limit);
  const out: string[] = [];
  const end = write(m, v, ws, b, out);
  const accepted = end?.accepting() === true;
  return { accepted, text: accepted ? out.join('') : '', steps: b.steps };
}
