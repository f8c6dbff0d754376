// Checks and trims the CFG before it runs:
// - a reachable rule that derives no finite string even over all of Unicode (`root ::= root "a"`) is an error
//   naming the rule (unbounded recursion);
// - with terminal classes cut to the vocabulary, productions that can no longer complete are dropped, and if the
//   start symbol is left with none, the grammar derives no string we could produce: an error that says so;
// - unreachable rules (as written, or after that trimming) are removed silently.
// The result is renumbered (start symbol still 0) together with the fewest characters each nonterminal derives.
import { isEmptySet, type VocabSet } from '../vocab-set.ts';
import { type Cfg, type Production, START, terminalSymbol } from './cfg.ts';
import { minLengths, reachable } from './cfg-analysis.ts';
import { grammarError } from './grammar-errors.ts';

export interface ReducedCfg {
  readonly cfg: Cfg;
  /** Fewest characters each (renumbered) nonterminal derives; finite for all of them. */
  readonly minLen: Float64Array;
}

export function reduceCfg(cfg: Cfg): ReducedCfg {
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
    throw grammarError(`rule '${name}' never derives a finite string (every alternative recurses without end)`);
  }

  const terminalLength = (t: number) => (isEmptySet(cfg.terminals[t] ?? new Uint32Array(0)) ? Infinity : 1);
  const len = minLengths(cfg, terminalLength);
  if (len[START] === Infinity) throw grammarError('root derives no string of printable ASCII and newline characters');
  const keep = (p: number): boolean => {
    const prod = cfg.productions[p];
    if (!prod || len[prod.lhs] === Infinity) return false;
    for (const s of prod.rhs) if (s >= 0 ? len[s] === Infinity : terminalLength(-1 - s) === Infinity) return false;
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
  const productions: Production[] = [];
  cfg.productions.forEach((p, i) => {
    if (!live[p.lhs] || !keep(i)) return;
    const rhs = p.rhs.map((s) => {
      if (s >= 0) return newId[s] ?? 0;
      let t = terminalId.get(s);
      if (t === undefined) {
        t = terminals.length;
        terminals.push(cfg.terminals[-1 - s] ?? new Uint32Array(4));
        terminalId.set(s, t);
      }
      return terminalSymbol(t);
    });
    productions.push({ lhs: newId[p.lhs] ?? 0, rhs });
  });
  return { cfg: { names, owners, named, productions, terminals }, minLen: Float64Array.from(lengths) };
}
