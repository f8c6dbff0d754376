// Number lexemes: JSON integers `-?(0|[1-9][0-9]*)` and numbers `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
// within bounds, and integers that are multiples of a given integer — exact, as automata:
//
// - A comparator automaton reads the text once: the sign picks a branch (magnitudes of positive or of negative
//   values, each a range [a, b] of magnitudes), and for each bound a tracker compares the magnitude read so far
//   with it: in the integer part lexicographically with the count of digits deciding (more digits is greater),
//   then digit by digit through the fraction (the bound's fraction padded with zeros). States are (phase, sign,
//   integer digits so far, the two trackers); their number is linear in the bounds' digits.
// - `multipleOf` k: the product of that automaton (acyclic for integers) with the residue modulo k of the digits
//   so far; step is O(1) arithmetic, and distances are one table over (state, residue) filled in reverse
//   topological order.
//
// Bounds are doubles read as their shortest decimals; an exclusive bound b becomes the inclusive bound
// nextUp(b) (nextDown for a maximum), which is sound for validators that parse numbers to doubles. Sound
// restrictions (documented): bounded numbers have no exponent; at most MAX_INT_DIGITS integer digits when no bound
// limits the magnitude (longer texts parse to Infinity); unbounded numbers have an exponent of at most two digits
// and only after at most MAX_EXP_INT_DIGITS integer digits; with multipleOf > 1 integers stay within ±(2^53 − 1),
// where doubles are exact and a validator's division agrees with BigInt arithmetic.
import type { Lexeme } from '../../lexeme.ts';
import { addToken, CHAR_TOKENS, type VocabSet } from '../../vocab-set.ts';
import { ceilBig, type Decimal, decimalOf, decimalOfBigInt, floorBig, negate, nextDown, nextUp } from './decimal.ts';
import { LEXEME_CAPS, lexemeError, MAX_EXP_DIGITS, MAX_EXP_INT_DIGITS, MAX_INT_DIGITS } from './lexeme-caps.ts';
import { memoized } from './memo.ts';
import {
  type AutomatonTable,
  distancesToFinal,
  emptyLexeme,
  exploreTable,
  TableLexeme,
  tokenOf,
} from './table-lexeme.ts';

export interface NumberBounds {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

export interface NumberLexemeOptions extends NumberBounds {
  /** JSON pointer of the schema, for error messages. */
  readonly pointer?: string;
}

export interface IntegerLexemeOptions extends NumberBounds {
  /** Positive integers; the value must be a multiple of each (of their least common multiple). */
  readonly multipleOf?: number | readonly number[];
  readonly pointer?: string;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DIGIT_TOKENS = Array.from({ length: 10 }, (_, d) => tokenOf(String(d)));
const MINUS = tokenOf('-');
const PLUS = tokenOf('+');
const DOT = tokenOf('.');
const LOWER_E = tokenOf('e');
const UPPER_E = tokenOf('E');
const INTEGER_ALPHABET = [MINUS, ...DIGIT_TOKENS];
const NUMBER_ALPHABET = [MINUS, PLUS, DOT, LOWER_E, UPPER_E, ...DIGIT_TOKENS];
const digitOfToken = (t: number): number => {
  const d = t - (DIGIT_TOKENS[0] ?? 0);
  return d >= 0 && d <= 9 ? d : -1;
};

// ---- the comparator automaton ------------------------------------------------------------------------------

enum Phase {
  Start,
  Minus,
  Int,
  Zero,
  Dot,
  Frac,
  E,
  ESign,
  Exp,
}

/** Tracker values: LT, GT, or EQ at fraction position j (2 + j); in the integer part EQ is 2 (lexicographic). */
const LT = 0;
const GT = 1;
const EQ = 2;

interface Sig {
  readonly ph: Phase;
  readonly neg: boolean;
  /** Integer digits so far (Int), exponent digits so far (Exp). */
  readonly n: number;
  /** Trackers against the branch's lower and upper magnitude bounds. */
  readonly ta: number;
  readonly tb: number;
  /** Whether an exponent may still follow (unbounded numbers with few integer digits). */
  readonly expOk: boolean;
}

interface Branch {
  /** Least magnitude (undefined: no bound other than 0). */
  readonly a?: Decimal;
  /** Greatest magnitude (undefined: none). */
  readonly b?: Decimal;
}

interface Shape {
  /** Magnitude ranges of the non-negative and the negative values (undefined: no such values). */
  readonly pos?: Branch;
  readonly neg?: Branch;
  readonly fraction: boolean;
  readonly exponent: boolean;
}

function intDigit(c: Decimal | undefined, t: number, before: number, d: number): number {
  if (!c) return 0;
  if (before + 1 > c.int.length) return GT;
  if (t !== EQ) return t;
  const cd = c.int.charCodeAt(before) - 48;
  return d < cd ? LT : d > cd ? GT : EQ;
}

/** The tracker once the integer part (of `digits` digits) is complete. */
function resolveInt(c: Decimal | undefined, t: number, digits: number): number {
  if (!c) return 0;
  return digits < c.int.length ? LT : t;
}

function fracDigit(c: Decimal | undefined, t: number, d: number): number {
  if (!c || t < EQ) return t;
  const j = t - EQ;
  const cd = j < c.frac.length ? c.frac.charCodeAt(j) - 48 : 0;
  if (d < cd) return LT;
  if (d > cd) return GT;
  return EQ + Math.min(j + 1, c.frac.length);
}

/** The comparison (-1, 0, 1) of a complete magnitude with the bound, from a resolved tracker. */
function finalCmp(c: Decimal | undefined, t: number): number {
  if (!c) return 0;
  if (t === LT) return -1;
  if (t === GT) return 1;
  return t - EQ < c.frac.length ? -1 : 0;
}

function buildShape(shape: Shape): AutomatonTable | undefined {
  const branchOf = (s: Sig) => (s.neg ? shape.neg : shape.pos);
  const ok = (br: Branch, ta: number, tb: number) => finalCmp(br.a, ta) >= 0 && finalCmp(br.b, tb) <= 0;
  const deadUpper = (br: Branch, tb: number, intDigits: number | undefined) =>
    br.b !== undefined && tb === GT && (intDigits === undefined || intDigits >= br.b.int.length);
  const firstDigit = (neg: boolean, d: number): Sig | undefined => {
    const br = neg ? shape.neg : shape.pos;
    if (!br) return undefined;
    if (d === 0) {
      const ta = resolveInt(br.a, intDigit(br.a, EQ, 0, 0), 1);
      const tb = resolveInt(br.b, intDigit(br.b, EQ, 0, 0), 1);
      return { ph: Phase.Zero, neg, n: 1, ta, tb, expOk: shape.exponent };
    }
    const ta = intDigit(br.a, EQ, 0, d);
    const tb = intDigit(br.b, EQ, 0, d);
    if (deadUpper(br, tb, 1)) return undefined;
    return { ph: Phase.Int, neg, n: 1, ta, tb, expOk: shape.exponent };
  };
  const step = (s: Sig, token: number): Sig | undefined => {
    const d = digitOfToken(token);
    const br = branchOf(s);
    switch (s.ph) {
      case Phase.Start:
        if (token === MINUS) return shape.neg ? { ...s, ph: Phase.Minus, neg: true } : undefined;
        return d >= 0 ? firstDigit(false, d) : undefined;
      case Phase.Minus:
        return d >= 0 ? firstDigit(true, d) : undefined;
      case Phase.Int: {
        if (!br) return undefined;
        if (d >= 0) {
          if (s.n + 1 > MAX_INT_DIGITS && br.b === undefined) return undefined;
          const tb = intDigit(br.b, s.tb, s.n, d);
          if (deadUpper(br, tb, s.n + 1)) return undefined;
          const expOk = shape.exponent && s.n + 1 <= MAX_EXP_INT_DIGITS;
          return { ...s, n: s.n + 1, ta: intDigit(br.a, s.ta, s.n, d), tb, expOk };
        }
        const ta = resolveInt(br.a, s.ta, s.n);
        const tb = resolveInt(br.b, s.tb, s.n);
        if (token === DOT && shape.fraction) return { ...s, ph: Phase.Dot, n: 0, ta, tb };
        if ((token === LOWER_E || token === UPPER_E) && s.expOk) return { ...s, ph: Phase.E, n: 0, ta, tb };
        return undefined;
      }
      case Phase.Zero:
        if (token === DOT && shape.fraction) return { ...s, ph: Phase.Dot, n: 0 };
        if ((token === LOWER_E || token === UPPER_E) && s.expOk) return { ...s, ph: Phase.E, n: 0 };
        return undefined;
      case Phase.Dot:
      case Phase.Frac: {
        if (!br) return undefined;
        if (d >= 0) {
          const tb = fracDigit(br.b, s.tb, d);
          if (deadUpper(br, tb, undefined)) return undefined;
          return { ...s, ph: Phase.Frac, ta: fracDigit(br.a, s.ta, d), tb };
        }
        if (s.ph === Phase.Frac && (token === LOWER_E || token === UPPER_E) && s.expOk)
          return { ...s, ph: Phase.E, n: 0 };
        return undefined;
      }
      case Phase.E:
        if (token === PLUS || token === MINUS) return { ...s, ph: Phase.ESign };
        return d >= 0 ? { ...s, ph: Phase.Exp, n: 1 } : undefined;
      case Phase.ESign:
        return d >= 0 ? { ...s, ph: Phase.Exp, n: 1 } : undefined;
      case Phase.Exp:
        return d >= 0 && s.n < MAX_EXP_DIGITS ? { ...s, n: s.n + 1 } : undefined;
    }
  };
  const accepting = (s: Sig): boolean => {
    const br = branchOf(s);
    if (!br) return false;
    switch (s.ph) {
      case Phase.Int:
        return ok(br, resolveInt(br.a, s.ta, s.n), resolveInt(br.b, s.tb, s.n));
      case Phase.Zero:
      case Phase.Frac:
        return ok(br, s.ta, s.tb);
      case Phase.Exp:
        return true; // only unbounded numbers have exponents
      default:
        return false;
    }
  };
  const start: Sig = { ph: Phase.Start, neg: false, n: 0, ta: EQ, tb: EQ, expOk: shape.exponent };
  const key = (s: Sig) =>
    `${s.ph},${s.neg ? 1 : 0},${s.ph === Phase.Int || s.ph === Phase.Exp ? s.n : 0},${s.ta},${s.tb},${s.expOk ? 1 : 0}`;
  const alphabet = shape.fraction || shape.exponent ? NUMBER_ALPHABET : INTEGER_ALPHABET;
  return exploreTable(alphabet, start, key, step, accepting, LEXEME_CAPS.numberStates)?.table;
}

/** The magnitude branches of the values in [lo, hi] (either end open when undefined). */
function branches(lo: Decimal | undefined, hi: Decimal | undefined): { pos?: Branch; neg?: Branch } {
  const out: { pos?: Branch; neg?: Branch } = {};
  // non-negative values: magnitudes [max(lo, 0), hi]
  if (!hi?.neg) out.pos = { a: lo && !lo.neg ? lo : undefined, b: hi };
  // negative values (and -0): magnitudes [max(-hi, 0), -lo]
  if (!lo || lo.neg || (lo.int === '0' && lo.frac === ''))
    out.neg = { a: hi?.neg ? negate(hi) : undefined, b: lo ? negate(lo) : undefined };
  return out;
}

// ---- bounds -----------------------------------------------------------------------------------------------

function checkFinite(name: string, v: number | undefined, pointer: string | undefined): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v)))
    throw lexemeError(`${name} ${String(v)} is not a finite number`, pointer);
}

/**
 * The inclusive double bounds [lo, hi] of the options (exclusive ones moved to the neighbouring double), or
 * undefined when no finite number satisfies them.
 */
function doubleBounds(o: NumberBounds, pointer: string | undefined): { lo?: number; hi?: number } | undefined {
  checkFinite('minimum', o.minimum, pointer);
  checkFinite('maximum', o.maximum, pointer);
  checkFinite('exclusiveMinimum', o.exclusiveMinimum, pointer);
  checkFinite('exclusiveMaximum', o.exclusiveMaximum, pointer);
  let lo = o.minimum;
  let hi = o.maximum;
  if (o.exclusiveMinimum !== undefined) {
    const v = nextUp(o.exclusiveMinimum);
    lo = lo === undefined ? v : Math.max(lo, v);
  }
  if (o.exclusiveMaximum !== undefined) {
    const v = nextDown(o.exclusiveMaximum);
    hi = hi === undefined ? v : Math.min(hi, v);
  }
  if ((lo !== undefined && !Number.isFinite(lo)) || (hi !== undefined && !Number.isFinite(hi))) return undefined;
  if (lo !== undefined && hi !== undefined && lo > hi) return undefined;
  return { lo, hi };
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** `[lo,hi]`, `(lo,hi)` (exclusive ends), `>=lo`, `<hi`, … as the bounds were written (the tighter of each pair). */
function boundsName(kind: string, o: NumberBounds): string {
  const pick = (inc: number | undefined, exc: number | undefined, lower: boolean) => {
    if (exc === undefined) return inc === undefined ? undefined : { v: inc, x: false };
    if (inc === undefined) return { v: exc, x: true };
    return (lower ? exc >= inc : exc <= inc) ? { v: exc, x: true } : { v: inc, x: false };
  };
  const lo = pick(o.minimum, o.exclusiveMinimum, true);
  const hi = pick(o.maximum, o.exclusiveMaximum, false);
  if (lo && hi) return `${kind}${lo.x ? '(' : '['}${lo.v},${hi.v}${hi.x ? ')' : ']'}`;
  if (lo) return `${kind}${lo.x ? '>' : '>='}${lo.v}`;
  if (hi) return `${kind}${hi.x ? '<' : '<='}${hi.v}`;
  return kind;
}

// ---- integers ------------------------------------------------------------------------------------------

/**
 * A JSON integer within the bounds and a multiple of `multipleOf` (memoised by options). Throws SchemaError for
 * non-finite bounds, a multipleOf that is not a positive integer, and caps; when no integer qualifies it returns
 * an empty lexeme (dist Infinity).
 */
export function jsonIntegerLexeme(o: IntegerLexemeOptions = {}): Lexeme {
  const key = JSON.stringify([o.minimum, o.maximum, o.exclusiveMinimum, o.exclusiveMaximum, o.multipleOf]);
  return memoized(INTEGERS, key, () => buildInteger(o));
}

const INTEGERS = new Map<string, Lexeme>();
const NUMBERS = new Map<string, Lexeme>();

function buildInteger(o: IntegerLexemeOptions): Lexeme {
  const pointer = o.pointer;
  const doubles = doubleBounds(o, pointer);
  const ms = o.multipleOf === undefined ? [] : typeof o.multipleOf === 'number' ? [o.multipleOf] : o.multipleOf;
  let k = 1n;
  for (const m of ms) {
    if (typeof m !== 'number' || !Number.isInteger(m) || m <= 0)
      throw lexemeError(`multipleOf ${String(m)} for an integer is not supported (only positive integers)`, pointer);
    const b = BigInt(m);
    k = (k / gcd(k, b)) * b;
    if (k > BigInt(LEXEME_CAPS.multipleOf))
      throw lexemeError(
        `multipleOf ${ms.join(', ')} needs residues modulo more than ${LEXEME_CAPS.multipleOf} (cap multipleOf)`,
        pointer,
        'multipleOf',
      );
  }
  const name = `${boundsName('integer', o)}${k > 1n ? `%${k}` : ''}`;
  if (!doubles) return emptyLexeme(name);
  let lo = doubles.lo === undefined ? undefined : ceilBig(decimalOf(doubles.lo));
  let hi = doubles.hi === undefined ? undefined : floorBig(decimalOf(doubles.hi));
  if (k > 1n) {
    // doubles are exact only within ±(2^53 − 1): beyond, a validator's division disagrees with the digits
    lo = lo === undefined || lo < -SAFE ? -SAFE : lo;
    hi = hi === undefined || hi > SAFE ? SAFE : hi;
  }
  if (lo !== undefined && hi !== undefined && lo > hi) return emptyLexeme(name);
  const { pos, neg } = branches(
    lo === undefined ? undefined : decimalOfBigInt(lo),
    hi === undefined ? undefined : decimalOfBigInt(hi),
  );
  const table = buildShape({ pos, neg, fraction: false, exponent: false });
  if (!table) throw capError(pointer);
  const K = Number(k);
  if (K === 1) {
    if ((distancesToFinal(table)[table.initial] ?? -1) < 0) return emptyLexeme(name);
    return new TableLexeme(name, table);
  }
  if (table.states * K > LEXEME_CAPS.numberStates) throw capError(pointer);
  const lexeme = new ModularLexeme(name, table, K);
  if (lexeme.dist(lexeme.initial) < 0) return emptyLexeme(name);
  return lexeme;
}

function capError(pointer: string | undefined) {
  return lexemeError(
    `the number bounds need more than ${LEXEME_CAPS.numberStates} automaton states (cap numberStates)`,
    pointer,
    'numberStates',
  );
}

const DEAD = 0xffff;

/** The product of an acyclic digit automaton with the residue of the digits so far modulo k: state = σ·k + r. */
class ModularLexeme implements Lexeme {
  readonly initial: number;
  private readonly A: number;
  private readonly alphabet: readonly number[];
  private readonly digit: Int8Array;
  private readonly symbol: Int8Array;
  private readonly next: Int32Array;
  private readonly final: Uint8Array;
  private readonly distance: Uint16Array;

  constructor(
    readonly name: string,
    table: AutomatonTable,
    private readonly k: number,
  ) {
    const A = table.alphabet.length;
    const S = table.states;
    this.A = A;
    this.alphabet = table.alphabet;
    this.digit = Int8Array.from(table.alphabet, digitOfToken);
    this.symbol = new Int8Array(CHAR_TOKENS).fill(-1);
    table.alphabet.forEach((tok, a) => {
      this.symbol[tok] = a;
    });
    this.next = table.next;
    this.final = table.final;
    this.initial = table.initial * k;
    // reverse topological order of the (acyclic) digit automaton: Kahn's algorithm
    const indeg = new Int32Array(S);
    for (let i = 0; i < S * A; i++) {
      const to = table.next[i] ?? -1;
      if (to >= 0) indeg[to] = (indeg[to] ?? 0) + 1;
    }
    const order: number[] = [];
    for (let s = 0; s < S; s++) if (indeg[s] === 0) order.push(s);
    for (let i = 0; i < order.length; i++) {
      const s = order[i] ?? 0;
      for (let a = 0; a < A; a++) {
        const to = table.next[s * A + a] ?? -1;
        if (to < 0) continue;
        indeg[to] = (indeg[to] ?? 0) - 1;
        if (indeg[to] === 0) order.push(to);
      }
    }
    if (order.length !== S) throw new Error(`lexeme ${name}: the digit automaton has a cycle`);
    const dist = new Uint16Array(S * k).fill(DEAD);
    for (let i = S - 1; i >= 0; i--) {
      const s = order[i] ?? 0;
      for (let r = 0; r < k; r++) {
        let best = this.final[s] && r === 0 ? 0 : DEAD;
        for (let a = 0; a < A; a++) {
          const to = table.next[s * A + a] ?? -1;
          if (to < 0) continue;
          const dg = this.digit[a] ?? -1;
          const v = dist[to * k + (dg >= 0 ? (r * 10 + dg) % k : r)] ?? DEAD;
          if (v !== DEAD && v + 1 < best) best = v + 1;
        }
        dist[s * k + r] = best;
      }
    }
    this.distance = dist;
  }

  private target(state: number, a: number): number {
    const k = this.k;
    const s = Math.floor(state / k);
    const to = this.next[s * this.A + a] ?? -1;
    if (to < 0) return -1;
    const r = state - s * k;
    const dg = this.digit[a] ?? -1;
    const t = to * k + (dg >= 0 ? (r * 10 + dg) % k : r);
    return this.distance[t] === DEAD ? -1 : t;
  }

  step(state: number, token: number): number {
    if (state < 0) return -1;
    const a = this.symbol[token] ?? -1;
    return a < 0 ? -1 : this.target(state, a);
  }

  accepting(state: number): boolean {
    return this.final[Math.floor(state / this.k)] === 1 && state % this.k === 0;
  }

  dist(state: number): number {
    const v = this.distance[state] ?? DEAD;
    return v === DEAD ? -1 : v;
  }

  allowedInto(state: number, budget: number, into: VocabSet): void {
    for (let a = 0; a < this.A; a++) {
      const t = this.target(state, a);
      if (t >= 0 && 1 + (this.distance[t] ?? 0) <= budget) addToken(into, this.alphabet[a] ?? 0);
    }
  }

  minStep(state: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (let a = 0; a < this.A; a++) {
      const t = this.target(state, a);
      if (t >= 0) best = Math.min(best, 1 + (this.distance[t] ?? 0));
    }
    return best;
  }

  maxStep(state: number): number {
    let most = 0;
    for (let a = 0; a < this.A; a++) {
      const t = this.target(state, a);
      if (t >= 0) most = Math.max(most, 1 + (this.distance[t] ?? 0));
    }
    return most;
  }
}

// ---- numbers -------------------------------------------------------------------------------------------

/**
 * A JSON number within the bounds. Without bounds: the full JSON number syntax (exponents of at most two digits,
 * after at most MAX_EXP_INT_DIGITS integer digits; at most MAX_INT_DIGITS integer digits). With any bound: no
 * exponent, exact decimal comparison. Memoised; an empty range gives an empty lexeme (dist Infinity).
 */
export function jsonNumberLexeme(o: NumberLexemeOptions = {}): Lexeme {
  const key = JSON.stringify([o.minimum, o.maximum, o.exclusiveMinimum, o.exclusiveMaximum]);
  return memoized(NUMBERS, key, () => buildNumber(o));
}

function buildNumber(o: NumberLexemeOptions): Lexeme {
  const pointer = o.pointer;
  const name = boundsName('number', o);
  const doubles = doubleBounds(o, pointer);
  if (!doubles) return emptyLexeme(name);
  const { lo, hi } = doubles;
  const bounded = lo !== undefined || hi !== undefined;
  const dlo = lo === undefined ? undefined : decimalOf(lo);
  const dhi = hi === undefined ? undefined : decimalOf(hi);
  const table = buildShape({ ...branches(dlo, dhi), fraction: true, exponent: !bounded });
  if (!table) throw capError(pointer);
  if ((distancesToFinal(table)[table.initial] ?? -1) < 0) return emptyLexeme(name);
  return new TableLexeme(name, table);
}
