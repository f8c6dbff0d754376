// The JSON string lexeme: the whole string token, quotes included, whose decoded value is in the intersection of
// patterns (unanchored search), formats, key-pattern classes and "not one of these names", with minLength and
// maxLength counted in code points of the decoded value.
//
// Encoding (one canonical spelling per decoded character, except `/`): printable ASCII other than `"` and `\` as
// itself; `"` `\` as `\"` `\\`; `/` as itself or `\/`; U+0008/9/A/C/D as \b \t \n \f \r; every other code point
// up to U+FFFF (other controls, DEL, non-ASCII; surrogates never) as \uXXXX with hex digits of either case, never
// for printable ASCII. Astral code points are never produced. A raw newline is never allowed.
//
// States: (decoded state d, count c) and a sub-state — inside (IN), after a backslash (ESC) or after \u and k
// hex digits (a state of the shared hex automaton) — numbered 2 + c·T + x; 0 is after the closing quote (the only
// accepting state), 1 before the opening quote. Counts run to maxLength when it is at most MAX_COUNT, otherwise
// they saturate at minLength (clamped to MAX_COUNT). A table of exact distances dist(IN(d, c)) (a weighted
// shortest path: 1 per raw character, 2 per short escape, 6 per \uXXXX, plus the closing quote) is computed
// backwards over the counts; the other sub-states' distances follow from it in O(1) (O(targets) for hex states).
// Per-state allowed sets, costs, minStep and maxStep are computed on first use and kept in a bounded cache.
import type { Lexeme } from '../../lexeme.ts';
import { addToken, SET_WORDS, type VocabSet } from '../../vocab-set.ts';
import { type DecodedTable, decodedDfa, tabulateDecoded } from './decoded-dfa.ts';
import { formatMaxLength, formatPattern } from './formats.ts';
import { HEX_LEVELS, HexTrie } from './hex-trie.ts';
import { LEXEME_CAPS, lexemeError, MAX_COUNT } from './lexeme-caps.ts';
import { memoized } from './memo.ts';
import { emptyLexeme, tokenOf } from './table-lexeme.ts';

export interface KeyPatterns {
  /** The decoded string must match (search) every one of these. */
  readonly allOf?: readonly string[];
  /** … at least one of these (when given). */
  readonly anyOf?: readonly string[];
  /** … none of these. */
  readonly noneOf?: readonly string[];
}

export interface StringLexemeSpec {
  /** ECMAScript patterns (u flag), each searched anywhere in the decoded string; all must match. */
  readonly pattern?: string | readonly string[];
  /** Bounds on the decoded length in code points. */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Format names (all apply); names without a pattern are ignored here (see formatPattern). */
  readonly format?: string | readonly string[];
  /** Exact decoded strings that are not allowed. */
  readonly notIn?: readonly string[];
  readonly keyPatterns?: KeyPatterns;
  /** JSON pointer of the schema, for error messages. */
  readonly pointer?: string;
}

const INF = 0x3fffffff;
const END = 0;
const START = 1;
const QUOTE = tokenOf('"');
const BACKSLASH_CP = 92;
const QUOTE_CP = 34;
const U_TOKEN = tokenOf('u');
/** The escape characters and the code points they stand for (besides `u`). */
const SIMPLE_ESCAPES: readonly (readonly [string, number])[] = [
  ['"', 34],
  ['\\', 92],
  ['/', 47],
  ['b', 8],
  ['f', 12],
  ['n', 10],
  ['r', 13],
  ['t', 9],
];
const ESCAPED = new Int32Array(96).fill(-1);
for (const [ch, cp] of SIMPLE_ESCAPES) ESCAPED[tokenOf(ch)] = cp;
const ESC_TOKENS = [...SIMPLE_ESCAPES.map(([ch]) => tokenOf(ch)), U_TOKEN].sort((a, b) => a - b);
const HEX_VALUE = new Int8Array(96).fill(-1);
for (let v = 0; v < 16; v++) {
  HEX_VALUE[tokenOf(v.toString(16))] = v;
  HEX_VALUE[tokenOf(v.toString(16).toUpperCase())] = v;
}
const HEX_TOKENS = Array.from({ length: 96 }, (_, t) => t).filter((t) => (HEX_VALUE[t] ?? -1) >= 0);
const IN_TOKENS = Array.from({ length: 95 }, (_, i) => i + 1); // printable ASCII; never a raw newline
const SHORT_ESCAPED_CONTROL = new Set([8, 9, 10, 12, 13]);

/** Encoded characters of the cheapest spelling of a code point. */
function weight(cp: number): number {
  if (cp >= 32 && cp <= 126) return cp === QUOTE_CP || cp === BACKSLASH_CP ? 2 : 1;
  if (SHORT_ESCAPED_CONTROL.has(cp)) return 2;
  return 6;
}

/** Whether a code point is spelt only as \uXXXX. */
const viaU = (cp: number) => (cp < 32 && !SHORT_ESCAPED_CONTROL.has(cp)) || (cp >= 127 && cp <= 0xffff);

const list = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T];

interface StateInfo {
  readonly bits: Uint32Array;
  readonly tokens: Uint8Array;
  readonly costs: Int32Array;
  readonly least: number;
  readonly widest: number;
}

const CACHE_LIMIT = 4096;

/**
 * Builds a JSON string lexeme (memoised by spec). Throws SchemaError for invalid specs (bad patterns, negative
 * lengths) and caps; when no string satisfies the spec it returns an empty lexeme (dist Infinity).
 */
export function jsonStringLexeme(spec: StringLexemeSpec = {}): Lexeme {
  const kp = spec.keyPatterns;
  const key = JSON.stringify([
    list(spec.pattern),
    spec.minLength,
    spec.maxLength,
    list(spec.format),
    spec.notIn ?? [],
    kp?.allOf ?? [],
    kp?.anyOf ?? null,
    kp?.noneOf ?? [],
  ]);
  return memoized(STRINGS, key, () => {
    try {
      return new JsonStringLexeme(spec);
    } catch (e) {
      if (e instanceof EmptyLanguage) return emptyLexeme(e.lexemeName);
      throw e;
    }
  });
}

/** Thrown inside the constructor when no string satisfies the spec (the factory returns an empty lexeme). */
class EmptyLanguage extends Error {
  constructor(readonly lexemeName: string) {
    super(`${lexemeName}: empty`);
  }
}

const STRINGS = new Map<string, Lexeme>();

class JsonStringLexeme implements Lexeme {
  readonly name: string;
  readonly initial = START;
  /** Decoded states, counts and the encoded block size per count. */
  private readonly S: number;
  private readonly T: number;
  private readonly lo: number;
  private readonly hi: number | undefined;
  private readonly dec: DecodedTable;
  private readonly distIn: Int32Array;
  private readonly hex: HexTrie;
  private readonly hexRoot: Int32Array;
  private readonly hexLevel: Int8Array;
  private readonly hexChild: Int32Array;
  private readonly hexTargetStart: Int32Array;
  private readonly hexTargets: Int32Array;
  private readonly cache = new Map<number, StateInfo>();

  constructor(spec: StringLexemeSpec) {
    const pointer = spec.pointer;
    const patterns = list(spec.pattern);
    const formats = list(spec.format);
    const notIn = spec.notIn ?? [];
    const kp = spec.keyPatterns ?? {};
    const lengthBound = (what: string, v: number | undefined) => {
      if (v === undefined) return;
      if (typeof v !== 'number' || Number.isNaN(v) || v < 0)
        throw lexemeError(`${what} ${String(v)} is not a non-negative number`, pointer);
    };
    lengthBound('minLength', spec.minLength);
    lengthBound('maxLength', spec.maxLength);
    const minLength = Math.ceil(spec.minLength ?? 0);
    let maxLength = spec.maxLength === undefined ? Number.POSITIVE_INFINITY : Math.floor(spec.maxLength);
    for (const f of formats) maxLength = Math.min(maxLength, formatMaxLength(f) ?? Number.POSITIVE_INFINITY);
    const usedFormats = formats.filter((f) => formatPattern(f) !== undefined);
    this.name =
      'string' +
      (spec.minLength !== undefined || spec.maxLength !== undefined
        ? `{${minLength},${spec.maxLength === undefined ? '' : Math.floor(spec.maxLength)}}`
        : '') +
      (patterns.length ? '/pattern' : '') +
      usedFormats.map((f) => `/format:${f}`).join('') +
      (notIn.length ? '/notIn' : '') +
      (kp.allOf?.length || kp.anyOf || kp.noneOf?.length ? '/keys' : '');

    this.lo = Math.min(minLength, MAX_COUNT);
    this.hi = maxLength <= MAX_COUNT ? maxLength : undefined;
    const C = this.hi ?? this.lo;

    const dfa = decodedDfa(
      {
        patterns,
        formats: usedFormats,
        notIn,
        allOf: kp.allOf ?? [],
        anyOf: kp.anyOf,
        noneOf: kp.noneOf ?? [],
      },
      pointer,
    );
    if (minLength > maxLength) throw new EmptyLanguage(this.name); // after the patterns are checked
    const dec = tabulateDecoded(dfa);
    this.dec = dec;
    const S = dec.states;
    this.S = S;
    if ((C + 1) * S > LEXEME_CAPS.stringLengthTable)
      throw lexemeError(
        `the string's constraints need ${S} automaton states × ${C + 1} length counts, more than the ${LEXEME_CAPS.stringLengthTable} allowed (cap stringLengthTable)`,
        pointer,
        'stringLengthTable',
      );

    // weighted edges between decoded states (cheapest spelling), and the \u pieces per state
    const edgeStart = new Int32Array(S + 1);
    const edgeTo: number[] = [];
    const edgeW: number[] = [];
    const pieces: number[][] = [];
    for (let d = 0; d < S; d++) {
      const best = new Map<number, number>();
      const relax = (t: number, w: number) => {
        if (t >= 0 && w < (best.get(t) ?? INF)) best.set(t, w);
      };
      const mine: number[] = [];
      for (let cp = 0; cp < 128; cp++) {
        const t = dec.ascii[d * 128 + cp] ?? -1;
        if (t < 0) continue;
        relax(t, weight(cp));
        if (!viaU(cp)) continue;
        const n = mine.length;
        if (n > 0 && mine[n - 1] === t && mine[n - 2] === cp - 1) mine[n - 2] = cp;
        else mine.push(cp, cp, t);
      }
      const wide = dec.wide[d] ?? new Int32Array(0);
      for (let i = 0; i < wide.length; i += 3) {
        const t = wide[i + 2] ?? -1;
        // above ASCII, up to U+FFFF, without surrogates
        for (const [a, b] of [
          [128, 0xd7ff],
          [0xe000, 0xffff],
        ] as const) {
          const lo = Math.max(wide[i] ?? 0, a);
          const hi = Math.min(wide[i + 1] ?? 0, b);
          if (lo > hi) continue;
          relax(t, 6);
          const n = mine.length;
          if (n > 0 && mine[n - 1] === t && mine[n - 2] === lo - 1) mine[n - 2] = hi;
          else mine.push(lo, hi, t);
        }
      }
      for (const [t, w] of best) {
        edgeTo.push(t);
        edgeW.push(w);
      }
      edgeStart[d + 1] = edgeTo.length;
      pieces.push(mine);
    }

    // exact distances of IN(d, c), backwards over the counts
    const dist = new Int32Array((C + 1) * S).fill(INF);
    const relaxFrom = (c: number, next: number) => {
      for (let d = 0; d < S; d++) {
        let b = dec.final[d] && c >= this.lo ? 1 : INF;
        if (next >= 0)
          for (let e = edgeStart[d] ?? 0; e < (edgeStart[d + 1] ?? 0); e++) {
            const v = (edgeW[e] ?? 0) + (dist[next * S + (edgeTo[e] ?? 0)] ?? INF);
            if (v < b) b = v;
          }
        dist[c * S + d] = b;
      }
    };
    if (this.hi !== undefined) {
      for (let c = C; c >= 0; c--) relaxFrom(c, c < C ? c + 1 : -1);
    } else {
      // count saturated at lo: a shortest path to a final state (weights 1, 2, 6), Dial's buckets
      const revStart = new Int32Array(S + 1);
      for (const t of edgeTo) revStart[t + 1] = (revStart[t + 1] ?? 0) + 1;
      for (let s = 0; s < S; s++) revStart[s + 1] = (revStart[s + 1] ?? 0) + (revStart[s] ?? 0);
      const fill = revStart.slice(0, S);
      const revFrom = new Int32Array(edgeTo.length);
      const revW = new Int32Array(edgeTo.length);
      for (let d = 0; d < S; d++)
        for (let e = edgeStart[d] ?? 0; e < (edgeStart[d + 1] ?? 0); e++) {
          const t = edgeTo[e] ?? 0;
          const at = fill[t] ?? 0;
          revFrom[at] = d;
          revW[at] = edgeW[e] ?? 0;
          fill[t] = at + 1;
        }
      const base = C * S;
      const buckets: number[][] = [];
      const push = (k: number, d: number) => {
        const b = buckets[k];
        if (b) b.push(d);
        else buckets[k] = [d];
      };
      for (let d = 0; d < S; d++)
        if (dec.final[d]) {
          dist[base + d] = 1;
          push(1, d);
        }
      for (let k = 0; k < buckets.length; k++) {
        const bucket = buckets[k];
        if (!bucket) continue;
        for (const t of bucket) {
          if (dist[base + t] !== k) continue;
          for (let i = revStart[t] ?? 0; i < (revStart[t + 1] ?? 0); i++) {
            const p = revFrom[i] ?? 0;
            const v = k + (revW[i] ?? 0);
            if (v < (dist[base + p] ?? INF)) {
              dist[base + p] = v;
              push(v, p);
            }
          }
        }
      }
      for (let c = C - 1; c >= 0; c--) relaxFrom(c, c + 1);
    }
    this.distIn = dist;
    if ((dist[dec.initial] ?? INF) >= INF) throw new EmptyLanguage(this.name);

    // the \u automata, shared between decoded states
    const hex = new HexTrie(LEXEME_CAPS.hexStates);
    this.hexRoot = new Int32Array(S);
    for (let d = 0; d < S; d++) {
      const root = hex.root(pieces[d] ?? []);
      if (root === undefined)
        throw lexemeError(
          `the string's \\u escapes need more than ${LEXEME_CAPS.hexStates} automaton states (cap hexStates)`,
          pointer,
          'hexStates',
        );
      this.hexRoot[d] = root;
    }
    this.hex = hex;
    this.hexLevel = Int8Array.from(hex.level);
    this.hexChild = Int32Array.from(hex.child);
    this.hexTargetStart = Int32Array.from(hex.targetStart);
    this.hexTargets = Int32Array.from(hex.targets);
    this.T = 2 * S + hex.size;
    if ((C + 1) * this.T + 2 > 0x7fffffff) throw new Error(`lexeme ${this.name}: state numbers overflow`);
  }

  /** Decoded states, hex states and counts (for stats). */
  get stats(): { decodedStates: number; hexStates: number; counts: number } {
    return { decodedStates: this.S, hexStates: this.hex.size, counts: (this.hi ?? this.lo) + 1 };
  }

  private nextCount(c: number): number {
    if (this.hi !== undefined) return c < this.hi ? c + 1 : -1;
    return Math.min(c + 1, this.lo);
  }

  private inDist(d: number, c: number): number {
    return this.distIn[c * this.S + d] ?? INF;
  }

  private hexDist(h: number, c: number): number {
    const c2 = this.nextCount(c);
    if (c2 < 0) return INF;
    let m = INF;
    for (let i = this.hexTargetStart[h] ?? 0, end = this.hexTargetStart[h + 1] ?? 0; i < end; i++) {
      const v = this.inDist(this.hexTargets[i] ?? 0, c2);
      if (v < m) m = v;
    }
    return m >= INF ? INF : HEX_LEVELS - (this.hexLevel[h] ?? 0) + m;
  }

  private escDist(d: number, c: number): number {
    const c2 = this.nextCount(c);
    if (c2 < 0) return INF;
    let m = INF;
    for (const [, cp] of SIMPLE_ESCAPES) {
      const t = this.dec.ascii[d * 128 + cp] ?? -1;
      if (t >= 0) m = Math.min(m, 1 + this.inDist(t, c2));
    }
    const root = this.hexRoot[d] ?? -1;
    if (root >= 0) m = Math.min(m, 1 + this.hexDist(root, c));
    return Math.min(m, INF);
  }

  /** IN(t, next count) after decoded code point cp from IN(d, c), or -1. */
  private decodedStep(d: number, c: number, cp: number): number {
    const t = this.dec.ascii[d * 128 + cp] ?? -1;
    if (t < 0) return -1;
    const c2 = this.nextCount(c);
    if (c2 < 0 || this.inDist(t, c2) >= INF) return -1;
    return 2 + c2 * this.T + t;
  }

  step(state: number, token: number): number {
    if (state === START) return token === QUOTE ? 2 + this.dec.initial : -1;
    if (state < 2 || token < 0 || token >= 96) return -1;
    const u = state - 2;
    const T = this.T;
    const S = this.S;
    const c = Math.floor(u / T);
    const x = u - c * T;
    if (x < S) {
      if (token === 0) return -1;
      const cp = token + 31;
      if (cp === QUOTE_CP) return this.dec.final[x] && c >= this.lo ? END : -1;
      if (cp === BACKSLASH_CP) return this.escDist(x, c) < INF ? state + S : -1;
      return this.decodedStep(x, c, cp);
    }
    if (x < 2 * S) {
      const d = x - S;
      if (token === U_TOKEN) {
        const root = this.hexRoot[d] ?? -1;
        return root >= 0 && this.hexDist(root, c) < INF ? 2 + c * T + 2 * S + root : -1;
      }
      const cp = ESCAPED[token] ?? -1;
      return cp < 0 ? -1 : this.decodedStep(d, c, cp);
    }
    const h = x - 2 * S;
    const v = HEX_VALUE[token] ?? -1;
    if (v < 0) return -1;
    const ch = this.hexChild[h * 16 + v] ?? -1;
    if (ch < 0) return -1;
    if ((this.hexLevel[h] ?? 0) < HEX_LEVELS - 1) return this.hexDist(ch, c) < INF ? 2 + c * T + 2 * S + ch : -1;
    const c2 = this.nextCount(c);
    return c2 >= 0 && this.inDist(ch, c2) < INF ? 2 + c2 * T + ch : -1;
  }

  accepting(state: number): boolean {
    return state === END;
  }

  dist(state: number): number {
    if (state === END) return 0;
    if (state === START) return 1 + this.inDist(this.dec.initial, 0);
    const u = state - 2;
    const c = Math.floor(u / this.T);
    const x = u - c * this.T;
    if (x < this.S) return this.inDist(x, c);
    if (x < 2 * this.S) return this.escDist(x - this.S, c);
    return this.hexDist(x - 2 * this.S, c);
  }

  private info(state: number): StateInfo {
    const hit = this.cache.get(state);
    if (hit) return hit;
    let candidates: readonly number[];
    if (state === END) candidates = [];
    else if (state === START) candidates = [QUOTE];
    else {
      const x = (state - 2) % this.T;
      candidates = x < this.S ? IN_TOKENS : x < 2 * this.S ? ESC_TOKENS : HEX_TOKENS;
    }
    const toks: number[] = [];
    const costs: number[] = [];
    const bits = new Uint32Array(SET_WORDS);
    let least = Number.POSITIVE_INFINITY;
    let widest = 0;
    for (const t of candidates) {
      const to = this.step(state, t);
      if (to < 0) continue;
      const cost = 1 + this.dist(to);
      toks.push(t);
      costs.push(cost);
      addToken(bits, t);
      if (cost < least) least = cost;
      if (cost > widest) widest = cost;
    }
    const info: StateInfo = { bits, tokens: Uint8Array.from(toks), costs: Int32Array.from(costs), least, widest };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(state, info);
    return info;
  }

  allowedInto(state: number, budget: number, into: VocabSet): void {
    const info = this.info(state);
    if (budget >= info.widest) {
      for (let w = 0; w < SET_WORDS; w++) into[w] = (into[w] ?? 0) | (info.bits[w] ?? 0);
      return;
    }
    for (let i = 0; i < info.tokens.length; i++)
      if ((info.costs[i] ?? INF) <= budget) addToken(into, info.tokens[i] ?? 0);
  }

  minStep(state: number): number {
    return this.info(state).least;
  }

  maxStep(state: number): number {
    return this.info(state).widest;
  }
}
