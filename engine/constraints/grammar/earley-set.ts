// Earley sets over characters: one set per output position, each a list of items. A set is built from the
// previous one by scanning one character token, then closed under prediction and completion; nullable
// nonterminals follow Aycock & Horspool (predicting a nullable X also advances over it), so completions inside the
// current set are never needed. Right recursion uses Leo's optimisation: when an item is the only one of its set
// waiting on X and X is its last symbol, a completed X goes straight to the topmost item of that deterministic
// chain (memoised per set), so `x{0,n}` (nested optionals) and `a ::= "x" a | …` cost constant work per
// character instead of one completion per level. Items are deduplicated in an open-addressing hash table reused
// from set to set.
//
// An item is a quadruple (dot, origin, up, lex): up = up(lhs, origin), the fewest characters needed after the
// item's production completes to finish the whole parse (earley-costs.ts). It depends only on the lhs and the
// origin, so an item made by scanning or completing copies it from the item it advances; items predicted here get
// it when the set is finished. lex is the state of the lexeme after the dot (-1 when the symbol there is not a
// lexeme): an item reaching a lexeme starts at its initial state; scanning a character steps it (the item stays
// before the lexeme, in the new state), and an item whose lexeme state accepts is also advanced past the lexeme,
// like a nullable symbol (so a lexeme item never completes by itself, and Leo's chains never go through one).
// Items are deduplicated on (dot, origin, lex). A built set never changes (lazily filled memos aside: the index
// for large sets, Leo's topmost items), so matchers share sets freely.
import { CAPS } from '../caps.ts';
import type { Lexeme } from '../lexeme.ts';
import { SET_WORDS } from '../vocab-set.ts';
import { ITEM_INTS, PENDING_UP, resolveCosts, type SetCosts } from './earley-costs.ts';
import { grammarError } from './grammar-errors.ts';
import { END, type GrammarTables, LEXEME_AT } from './grammar-tables.ts';

/** Sets up to this many items are searched directly on completion; larger ones get an index. */
const SMALL_SET = 48;

const WORDS = SET_WORDS;
const END_SYMBOL = END;
const LEX = LEXEME_AT;
/** Ints per item: dot, origin, up, lex. */
const Q = ITEM_INTS;
const ITEM_CAP = CAPS.earleyItems;
const PENDING = PENDING_UP;
const resolve = resolveCosts;

export interface EarleySet {
  /** Items as quadruples: dot, origin, up, lex (the lexeme's state, -1 when the dot is not before a lexeme). */
  readonly items: Int32Array;
  readonly accepting: boolean;
  /** Fewest characters any scan item needs, itself included (Infinity when none). */
  readonly minScanCost: number;
  /** Most characters any scan item needs (0 when none): a budget this large allows every scanned character. */
  readonly maxScanCost: number;
  /** For large sets: item offsets by the nonterminal after their dot, built on first completion into the set. */
  waiting?: Map<number, number[]>;
  /** Leo's topmost completed item (dot, origin, up) per nonterminal completing into this set; null if none. */
  leo?: Map<number, Triple | null>;
}

/** An item as (dot, origin, up). */
type Triple = readonly [number, number, number];

export class EarleySetBuilder {
  private items = new Int32Array(Q * 256);
  private count = 0;
  private slots = new Int32Array(1024);
  private stamps = new Int32Array(1024);
  private shift = 22; // 32 - log2(slots.length)
  private generation = 0;
  private readonly predicted: Int32Array;
  private readonly costs: SetCosts;
  private readonly lexInit: Int32Array;

  constructor(private readonly g: GrammarTables) {
    this.lexInit = g.lexInit;
    this.predicted = new Int32Array(g.nonterminals);
    this.costs = {
      dist: new Float64Array(g.nonterminals),
      stamp: new Int32Array(g.nonterminals),
      lhsHead: new Int32Array(g.nonterminals),
      lhsNext: new Int32Array(256),
      generation: 0,
    };
  }

  /** The set at position 0: `start → • root` (nothing after it: up 0), closed. */
  initial(): EarleySet {
    this.reset();
    this.add(this.g.startDot, 0, 0, 0);
    this.close([], 0);
    return this.finish();
  }

  /** The set after `token` following `sets` (last = current); null when no item scans it. */
  next(sets: readonly EarleySet[], token: number): EarleySet | null {
    const k = sets.length - 1;
    const cur = sets[k];
    if (!cur) return null;
    const { symAt, classBits, lexemes } = this.g;
    const word = token >>> 5;
    const bit = 1 << (token & 31);
    this.reset();
    const items = cur.items;
    for (let i = 0; i < items.length; i += Q) {
      const d = items[i] ?? 0;
      const s = symAt[d] ?? END_SYMBOL;
      if (s > -2) continue;
      if (s > LEX) {
        if (((classBits[(-2 - s) * WORDS + word] ?? 0) & bit) !== 0) {
          this.add(d + 1, items[i + 1] ?? 0, items[i + 2] ?? 0, k + 1);
        }
      } else {
        const q = (lexemes[LEX - s] as Lexeme).step(items[i + 3] ?? 0, token);
        if (q >= 0) this.put(d, items[i + 1] ?? 0, items[i + 2] ?? 0, q, k + 1);
      }
    }
    if (this.count === 0) return null;
    this.close(sets, k + 1);
    return this.finish();
  }

  private reset(): void {
    this.count = 0;
    this.generation++;
    if (this.generation === 0x7fffffff) {
      this.generation = 1;
      this.stamps.fill(0);
      this.predicted.fill(0);
    }
  }

  private close(sets: readonly EarleySet[], position: number): void {
    const { symAt, lhsAt, firstDots, firstDotsStart, nullable, lexemes } = this.g;
    const gen = this.generation;
    for (let i = 0; i < this.count; i++) {
      const d = this.items[Q * i] ?? 0;
      const o = this.items[Q * i + 1] ?? 0;
      const s = symAt[d] ?? END_SYMBOL;
      if (s >= 0) {
        if (this.predicted[s] !== gen) {
          this.predicted[s] = gen;
          const end = firstDotsStart[s + 1] ?? 0;
          for (let j = firstDotsStart[s] ?? 0; j < end; j++) this.add(firstDots[j] ?? 0, position, PENDING, position);
        }
        if (nullable[s]) this.add(d + 1, o, this.items[Q * i + 2] ?? 0, position);
      } else if (s === END_SYMBOL) {
        if (o !== position) this.complete(sets, o, lhsAt[d] ?? 0, position);
      } else if (s <= LEX && (lexemes[LEX - s] as Lexeme).accepting(this.items[Q * i + 3] ?? 0)) {
        this.add(d + 1, o, this.items[Q * i + 2] ?? 0, position);
      }
    }
  }

  /** Advances the items of set `o` that wait on `x` (which just completed), or adds Leo's topmost item. */
  private complete(sets: readonly EarleySet[], o: number, x: number, position: number): void {
    const top = this.leoTop(sets, o, x);
    if (top) {
      this.add(top[0], top[1], top[2], position);
      return;
    }
    const from = sets[o] as EarleySet;
    const fi = from.items;
    const symAt = this.g.symAt;
    if (fi.length <= Q * SMALL_SET) {
      for (let j = 0; j < fi.length; j += Q) {
        if (symAt[fi[j] ?? 0] === x) this.add((fi[j] ?? 0) + 1, fi[j + 1] ?? 0, fi[j + 2] ?? 0, position);
      }
      return;
    }
    for (const j of waiters(from, x, symAt)) this.add((fi[j] ?? 0) + 1, fi[j + 1] ?? 0, fi[j + 2] ?? 0, position);
  }

  /**
   * When exactly one item (B → β • x, j) of set i waits on x, the completed (B → β x •, j), or the topmost item
   * of the chain it starts (the same question for B in set j, j < i); null otherwise. Memoised on each set along
   * the chain (a set never changes); walked without recursion, so a chain thousands deep is fine.
   */
  private leoTop(sets: readonly EarleySet[], i: number, x: number): Triple | null {
    const { symAt, lhsAt } = this.g;
    const path: [Map<number, Triple | null>, number, Triple][] = [];
    let top: Triple | null = null;
    let at = i;
    let sym = x;
    for (;;) {
      const set = sets[at];
      if (!set) break;
      set.leo ??= new Map();
      const known = set.leo.get(sym);
      if (known !== undefined) {
        top = known;
        break;
      }
      const list = waiters(set, sym, symAt);
      const j = list[0] ?? 0;
      const d = set.items[j] ?? 0;
      if (list.length !== 1 || symAt[d + 1] !== END_SYMBOL) {
        set.leo.set(sym, null);
        break;
      }
      const origin = set.items[j + 1] ?? 0;
      path.push([set.leo, sym, [d + 1, origin, set.items[j + 2] ?? 0]]);
      if (origin >= at) break;
      at = origin;
      sym = lhsAt[d] ?? 0;
    }
    for (let p = path.length - 1; p >= 0; p--) {
      const [memo, y, candidate] = path[p] as [Map<number, Triple | null>, number, Triple];
      top ??= candidate;
      memo.set(y, top);
    }
    return top;
  }

  /** Adds the item (d, o, up), at the initial state of the lexeme after d if there is one. */
  private add(d: number, o: number, up: number, position: number): void {
    const lex = this.lexInit[d] ?? -1;
    let h = this.hash(d, o, lex);
    const mask = this.slots.length - 1;
    const gen = this.generation;
    const items = this.items;
    for (;;) {
      if (this.stamps[h] !== gen) break;
      const i = Q * (this.slots[h] ?? 0);
      if (items[i] === d && items[i + 1] === o && items[i + 3] === lex) return;
      h = (h + 1) & mask;
    }
    this.insert(h, d, o, up, lex, position);
  }

  /** Adds the item (d, o, up, lex) unless (d, o, lex) is already there (scanning inside a lexeme). */
  private put(d: number, o: number, up: number, lex: number, position: number): void {
    let h = this.hash(d, o, lex);
    const mask = this.slots.length - 1;
    const gen = this.generation;
    const items = this.items;
    for (;;) {
      if (this.stamps[h] !== gen) break;
      const i = Q * (this.slots[h] ?? 0);
      if (items[i] === d && items[i + 1] === o && items[i + 3] === lex) return;
      h = (h + 1) & mask;
    }
    this.insert(h, d, o, up, lex, position);
  }

  /** Stores a new item at hash slot h. */
  private insert(h: number, d: number, o: number, up: number, lex: number, position: number): void {
    if (this.count >= ITEM_CAP) {
      throw grammarError(
        `more than the ${ITEM_CAP} Earley items allowed at output position ${position} (cap earleyItems); the grammar is too ambiguous there`,
        this.g.field,
      );
    }
    if (Q * this.count === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const i = this.count++;
    const items = this.items;
    items[Q * i] = d;
    items[Q * i + 1] = o;
    items[Q * i + 2] = up;
    items[Q * i + 3] = lex;
    this.stamps[h] = this.generation;
    this.slots[h] = i;
    if (this.count * 2 > this.slots.length) this.grow();
  }

  private hash(d: number, o: number, lex: number): number {
    return Math.imul(d ^ Math.imul(o, 0x27d4eb2d) ^ Math.imul(lex, 0x165667b1), 0x9e3779b1) >>> this.shift;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.stamps = new Int32Array(size);
    this.shift--;
    const mask = size - 1;
    const gen = this.generation;
    for (let i = 0; i < this.count; i++) {
      let h = this.hash(this.items[Q * i] ?? 0, this.items[Q * i + 1] ?? 0, this.items[Q * i + 3] ?? 0);
      while (this.stamps[h] === gen) h = (h + 1) & mask;
      this.stamps[h] = gen;
      this.slots[h] = i;
    }
  }

  /** Whether the item (d, o) with no lexeme state is in the set being built. */
  private has(d: number, o: number): boolean {
    let h = this.hash(d, o, -1);
    const mask = this.slots.length - 1;
    while (this.stamps[h] === this.generation) {
      const i = Q * (this.slots[h] ?? 0);
      if (this.items[i] === d && this.items[i + 1] === o && this.items[i + 3] === -1) return true;
      h = (h + 1) & mask;
    }
    return false;
  }

  private finish(): EarleySet {
    const { minScanCost, maxScanCost } = resolve(this.g, this.costs, this.items, this.count);
    return {
      items: this.items.slice(0, Q * this.count),
      accepting: this.has(this.g.acceptDot, 0),
      minScanCost,
      maxScanCost,
    };
  }
}

/** Offsets (of the quadruples) of the items of `set` waiting on `x`: searched directly in small sets, else indexed. */
function waiters(set: EarleySet, x: number, symAt: Int32Array): readonly number[] {
  const items = set.items;
  if (items.length <= Q * SMALL_SET) {
    const out: number[] = [];
    for (let j = 0; j < items.length; j += Q) if (symAt[items[j] ?? 0] === x) out.push(j);
    return out;
  }
  if (!set.waiting) {
    const index = new Map<number, number[]>();
    for (let j = 0; j < items.length; j += Q) {
      const s = symAt[items[j] ?? 0] ?? END_SYMBOL;
      if (s < 0) continue;
      const list = index.get(s);
      if (list) list.push(j);
      else index.set(s, [j]);
    }
    set.waiting = index;
  }
  return set.waiting.get(x) ?? [];
}
