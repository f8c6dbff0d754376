// Exact decimals for numeric bounds: a bound given as a double is read as its shortest decimal (the digits
// `String(x)` prints), compared digit by digit, never through float arithmetic. Also the neighbouring doubles,
// which make exclusive bounds sound for validators that parse JSON numbers to doubles: every text ≥ the shortest
// decimal of nextUp(b) parses to a double > b (rounding is monotone).

/** A decimal: sign, integer digits without leading zeros ("0" below one), fraction digits without trailing zeros. */
export interface Decimal {
  readonly neg: boolean;
  readonly int: string;
  readonly frac: string;
}

export const ZERO: Decimal = { neg: false, int: '0', frac: '' };

function normal(neg: boolean, int: string, frac: string): Decimal {
  const i = int.replace(/^0+/, '') || '0';
  const f = frac.replace(/0+$/, '');
  return { neg: neg && (i !== '0' || f !== ''), int: i, frac: f };
}

/** The shortest decimal of a finite double (as `String(x)` prints it, exponent expanded). */
export function decimalOf(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`unexpected number text: ${String(x)}`);
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const point = (m[2] ?? '').length + Number(m[4] ?? '0');
  if (point <= 0) return normal(m[1] === '-', '0', '0'.repeat(-point) + digits);
  if (point >= digits.length) return normal(m[1] === '-', digits + '0'.repeat(point - digits.length), '');
  return normal(m[1] === '-', digits.slice(0, point), digits.slice(point));
}

export function decimalOfBigInt(b: bigint): Decimal {
  return b < 0n ? normal(true, (-b).toString(), '') : normal(false, b.toString(), '');
}

export function negate(d: Decimal): Decimal {
  return normal(!d.neg, d.int, d.frac);
}

export const isZero = (d: Decimal): boolean => d.int === '0' && d.frac === '';

/** Compares magnitudes |a| and |b|. */
export function compareMagnitude(a: Decimal, b: Decimal): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const n = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(n, '0');
  const fb = b.frac.padEnd(n, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  const c = compareMagnitude(a, b);
  return a.neg ? -c : c;
}

/** The greatest integer ≤ d. */
export function floorBig(d: Decimal): bigint {
  const i = BigInt(d.int);
  if (!d.neg) return i;
  return d.frac === '' ? -i : -i - 1n;
}

/** The least integer ≥ d. */
export function ceilBig(d: Decimal): bigint {
  const i = BigInt(d.int);
  if (d.neg) return -i;
  return d.frac === '' ? i : i + 1n;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The least double greater than x (x finite, and not the largest double). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0] = (i64[0] ?? 0n) + (x > 0 ? 1n : -1n);
  return f64[0] ?? x;
}

/** The greatest double less than x. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** The decimal's text, e.g. `-1.5` or `0`. */
export function showDecimal(d: Decimal): string {
  return `${d.neg ? '-' : ''}${d.int}${d.frac ? `.${d.frac}` : ''}`;
}
