// The Matcher over a compiled grammar: an incremental Earley recogniser over characters. It keeps every set (one
// per position; completion looks back into earlier ones), so rewind truncates and clone shares the sets built so
// far. The mask is the union of the terminal classes after the dots of the current set and of the characters the
// lexemes after the dots allow from their states; with a budget, only those of scan items whose cost
// (earley-costs.ts) fits, so a generation always closes within its budget.
import { EOS_ID } from '../../tokenizer.ts';
import type { Lexeme } from '../lexeme.ts';
import type { Matcher } from '../matcher.ts';
import { CHAR_TOKENS, emptySet, SET_WORDS, type VocabSet } from '../vocab-set.ts';
import { addLengths } from './cfg-analysis.ts';
import { ITEM_INTS, scanCost } from './earley-costs.ts';
import type { EarleySet, EarleySetBuilder } from './earley-set.ts';
import { type GrammarTables, LEXEME_AT } from './grammar-tables.ts';

const WORDS = SET_WORDS;
const EOS_WORD = EOS_ID >>> 5;
const EOS_BIT = 1 << (EOS_ID & 31);
const CHARS = CHAR_TOKENS;
const costOf = scanCost;
const add = addLengths;
const LEX = LEXEME_AT;
const Q = ITEM_INTS;

/** What every matcher of one grammar shares: the tables, the set builder (with its scratch), set 0. */
export interface EarleyRuntime {
  readonly tables: GrammarTables;
  readonly builder: EarleySetBuilder;
  readonly initial: EarleySet;
}

export class EarleyMatcher implements Matcher {
  private readonly sets: EarleySet[];
  private readonly mask: VocabSet = emptySet();

  constructor(
    private readonly rt: EarleyRuntime,
    sets?: readonly EarleySet[],
  ) {
    this.sets = sets ? [...sets] : [rt.initial];
  }

  get length(): number {
    return this.sets.length - 1;
  }

  private get current(): EarleySet {
    return this.sets[this.sets.length - 1] as EarleySet;
  }

  allowed(budget?: number): VocabSet {
    const set = this.current;
    const all = budget === undefined || budget >= set.maxScanCost;
    const mask = this.mask;
    mask.fill(0);
    const tables = this.rt.tables;
    const { symAt, classBits } = tables;
    const items = set.items;
    for (let j = 0; j < items.length; j += Q) {
      const s = symAt[items[j] ?? 0] ?? 0;
      if (s > -2) continue;
      if (s <= LEX) {
        const lexeme = tables.lexemes[LEX - s] as Lexeme;
        const q = items[j + 3] ?? 0;
        if (all) lexeme.allowedInto(q, Number.POSITIVE_INFINITY, mask);
        else
          lexeme.allowedInto(q, (budget ?? 0) - add(tables.sufMin[(items[j] ?? 0) + 1] ?? 0, items[j + 2] ?? 0), mask);
        continue;
      }
      if (!all && costOf(tables, items, j) > (budget ?? 0)) continue;
      const base = (-2 - s) * WORDS;
      for (let w = 0; w < WORDS; w++) mask[w] = (mask[w] ?? 0) | (classBits[base + w] ?? 0);
    }
    if (set.accepting) mask[EOS_WORD] = (mask[EOS_WORD] ?? 0) | EOS_BIT;
    return mask;
  }

  advance(token: number): boolean {
    if (!Number.isInteger(token) || token < 0 || token >= CHARS) return false;
    const next = this.rt.builder.next(this.sets, token);
    if (!next) return false;
    this.sets.push(next);
    return true;
  }

  accepting(): boolean {
    return this.current.accepting;
  }

  acceptingAt(length: number): boolean {
    return this.sets[length]?.accepting === true;
  }

  minCharsToAccept(): number {
    const set = this.current;
    return set.accepting ? 0 : set.minScanCost;
  }

  rewind(length: number): void {
    if (length < this.length) this.sets.length = Math.max(0, Math.floor(length)) + 1;
  }

  clone(): EarleyMatcher {
    return new EarleyMatcher(this.rt, this.sets);
  }
}
