// The Matcher over a regex's DFA table: the state after each character followed, O(1) per step; the allowed set
// is precomputed per state, or computed over the 96 characters when a small budget forces the shortest closes.
import { EOS_ID } from '../../tokenizer.ts';
import type { Matcher } from '../matcher.ts';
import { addToken, CHAR_TOKENS, emptySet, type VocabSet } from '../vocab-set.ts';
import type { DfaTable } from './compile-regex.ts';

export class DfaMatcher implements Matcher {
  private path: number[];
  private readonly scratch: VocabSet = emptySet();

  constructor(
    private readonly table: DfaTable,
    path?: readonly number[],
  ) {
    this.path = path ? [...path] : [table.initial];
  }

  private get state(): number {
    return this.path[this.path.length - 1] ?? this.table.initial;
  }

  get length(): number {
    return this.path.length - 1;
  }

  allowed(budget?: number): VocabSet {
    const s = this.state;
    const t = this.table;
    if (budget === undefined || budget >= (t.widest[s] ?? 0)) return t.allowed[s] as VocabSet;
    const set = this.scratch;
    set.fill(0);
    if (t.final[s]) addToken(set, EOS_ID);
    const base = s * CHAR_TOKENS;
    for (let c = 0; c < CHAR_TOKENS; c++) {
      const to = t.next[base + c] ?? -1;
      if (to >= 0 && 1 + (t.dist[to] ?? 0) <= budget) addToken(set, c);
    }
    return set;
  }

  advance(token: number): boolean {
    if (token < 0 || token >= CHAR_TOKENS) return false;
    const to = this.table.next[this.state * CHAR_TOKENS + token] ?? -1;
    if (to < 0) return false;
    this.path.push(to);
    return true;
  }

  accepting(): boolean {
    return this.table.final[this.state] === 1;
  }

  acceptingAt(length: number): boolean {
    const s = this.path[length];
    return s !== undefined && this.table.final[s] === 1;
  }

  minCharsToAccept(): number {
    return this.table.dist[this.state] ?? 0;
  }

  rewind(length: number): void {
    if (length < this.path.length - 1) this.path.length = length + 1;
  }

  clone(): DfaMatcher {
    return new DfaMatcher(this.table, this.path);
  }
}
