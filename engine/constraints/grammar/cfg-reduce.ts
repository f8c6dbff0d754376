// Checks and trims the CFG before it runs:
// - a reachable rule that derives no finite string even over all of Unicode (`root ::= root "a"`) is an error
//   naming the rule (unbounded recursion); every terminal, class or lexeme, counts as one character there;
// - with terminal classes cut to the vocabulary and lexemes at their real lengths (`dist(initial)`; a lexeme whose
//   initial state reaches no acceptance is the empty language), productions that can no longer complete are
//   dropped, and if the start symbol is left with none, the grammar derives no string we could produce: an error
//   that says so;
// - unreachable rules (as written, or after that trimming) are removed silently, and so are the classes and
//   lexemes only they used.
// The result is renumbered (start symbol still 0) together with the fewest characters each nonterminal derives.
import type { Lexeme } from '../lexeme.ts';
import { isEmptySet, type VocabSet } from '../vocab-set.ts';
import {
  type Cfg,
  isLexemeSymbol,
  lexemeIndex,
  lexemeSymbol,
  type Production,
  START,
  terminalIndex,
  terminalSymbol,
} from './cfg.ts';
import { MAX_LENGTH, minLengths, reachable } from './cfg-analysis.ts';
import { GRAMMAR_FIELD, grammarError } from './grammar-errors.ts';

export interface ReducedCfg {
  readonly cfg: Cfg;
  /** Fewest characters each (renumbered) nonterminal derives; finite for all of them. */
  readonly minLen: Float64Array;
}

/** The fewest characters a lexeme derives: dist(initial), saturated at MAX_LENGTH; Infinity for the empty language. */
export function lexemeMinLength(l: Lexeme): number {
  const d = l.dist(l.initial);
  return d === Infinity ? d : Math.min(d, MAX_LENGTH);
}

export function reduceCfg(cfg: Cfg, field: string = GRAMMAR_FIELD): ReducedCfg {
  const reach = reachable(cfg);
  const abstractLen = minLengths(cfg, () => 1);
  let culprit = -1;
  for (let x = 0; x < cfg.names.length; x++) {
    if (!reach[x] || abstractLen[x] !== Infinity) continue;
    if (cfg.named[x]) {
      culprit = x;
      break;
    }
    if (culprit < 0) culprit = x;
  }
  if (culprit >= 0) {
    const name = cfg.named[culprit] ? cfg.names[culprit] : cfg.owners[culprit];
    throw grammarError(`rule '${name}' never derives a finite string (every alternative recurses without end)`, field);
  }

  const lexemeLen = cfg.lexemes.map(lexemeMinLength);
  const terminalLength = (s: number): number =>
    isLexemeSymbol(s)
      ? (lexemeLen[lexemeIndex(s)] ?? Infinity)
      : isEmptySet(cfg.terminals[terminalIndex(s)] ?? new Uint32Array(0))
        ? Infinity
        : 1;
  const len = minLengths(cfg, terminalLength);
  if (len[START] === Infinity) {
    throw grammarError('root derives no string of printable ASCII and newline characters', field);
  }
  const keep = (p: number): boolean => {
    const prod = cfg.productions[p];
    if (!prod || len[prod.lhs] === Infinity) return false;
    for (const s of prod.rhs) if (s >= 0 ? len[s] === Infinity : terminalLength(s) === Infinity) return false;
    return true;
  };
  const live = reachable(cfg, keep);

  const newId = new Int32Array(cfg.names.length).fill(-1);
  const names: string[] = [];
  const owners: string[] = [];
  const named: boolean[] = [];
  const lengths: number[] = [];
  for (let x = 0; x < cfg.names.length; x++) {
    if (!live[x]) continue;
    newId[x] = names.length;
    names.push(cfg.names[x] ?? '');
    owners.push(cfg.owners[x] ?? '');
    named.push(cfg.named[x] ?? false);
    lengths.push(len[x] ?? 0);
  }
  const terminalId = new Map<number, number>();
  const terminals: VocabSet[] = [];
  const lexemes: Lexeme[] = [];
  const productions: Production[] = [];
  cfg.productions.forEach((p, i) => {
    if (!live[p.lhs] || !keep(i)) return;
    const rhs = p.rhs.map((s) => {
      if (s >= 0) return newId[s] ?? 0;
      let t = terminalId.get(s);
      if (t === undefined) {
        if (isLexemeSymbol(s)) {
          t = lexemeSymbol(lexemes.length);
          lexemes.push(cfg.lexemes[lexemeIndex(s)] as Lexeme);
        } else {
          t = terminalSymbol(terminals.length);
          terminals.push(cfg.terminals[terminalIndex(s)] ?? new Uint32Array(4));
        }
        terminalId.set(s, t);
      }
      return t;
    });
    productions.push({ lhs: newId[p.lhs] ?? 0, rhs });
  });
  return {
    cfg: { names, owners, named, productions, terminals, lexemes },
    minLen: Float64Array.from(lengths),
  };
}
