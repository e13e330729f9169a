// Exact decimals: a bigint of digits and a power-of-ten scale (value = digits / 10^scale).
// Figures are scaled by 万/亿 with integer arithmetic, never `parseFloat(x) * 10000`.

export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const TEN = 10n;

/** 10^k as a bigint; the small powers every shift and rescale needs are precomputed (`10n ** k` is slow). */
const POW10: readonly bigint[] = Array.from({ length: 40 }, (_, k) => TEN ** BigInt(k));
function pow10(k: number): bigint {
  return k < POW10.length ? POW10[k]! : TEN ** BigInt(k);
}

/** A digit string this short is an integer below 10^15 < 2^53: a double holds it, and every step to it, exactly. */
const MAX_EXACT_DOUBLE_DIGITS = 15;

/** Parse a plain decimal string such as "1081.61", "-3.96" or "1100" (no separators). */
export function parseDecimal(s: string): Decimal {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = m[3] ?? '';
  const digits = BigInt((m[2] ?? '0') + frac);
  return normalizeDecimal({ digits: m[1] ? -digits : digits, scale: frac.length });
}

/** The integer n (an integer number or a bigint); small non-negative ones are shared (see smallInteger). */
export function fromInteger(n: bigint | number): Decimal {
  if (typeof n === 'number' && n >= 0 && n < SMALL_CACHE_SIZE) return smallInteger(n);
  return { digits: BigInt(n), scale: 0 };
}

/** Drop trailing zeros of the fraction so equal values have one representation. */
export function normalizeDecimal(d: Decimal): Decimal {
  if (d.scale === 0) return d; // an integer is already normal (no BigInt division)
  let { digits, scale } = d;
  while (scale > 0 && digits % TEN === 0n) {
    digits /= TEN;
    scale -= 1;
  }
  return { digits, scale };
}

/** Multiply by 10^k (k >= 0): 1081.61 × 10^4 = 10816100, exactly. */
export function shiftDecimal(d: Decimal, k: number): Decimal {
  if (k === 0) return d;
  if (k < 0) return normalizeDecimal({ digits: d.digits, scale: d.scale - k });
  if (d.scale >= k) return normalizeDecimal({ digits: d.digits, scale: d.scale - k });
  return { digits: d.digits * pow10(k - d.scale), scale: 0 };
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  // Fast paths (same results): adding zero, and adding at one scale need no rescaling.
  if (b.digits === 0n) return normalizeDecimal(a);
  if (a.digits === 0n) return normalizeDecimal(b);
  if (a.scale === b.scale) return normalizeDecimal({ digits: a.digits + b.digits, scale: a.scale });
  const scale = Math.max(a.scale, b.scale);
  const da = a.digits * pow10(scale - a.scale);
  const db = b.digits * pow10(scale - b.scale);
  return normalizeDecimal({ digits: da + db, scale });
}

export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return normalizeDecimal({ digits: a.digits * b.digits, scale: a.scale + b.scale });
}

export function negateDecimal(d: Decimal): Decimal {
  return { digits: -d.digits, scale: d.scale };
}

/** The canonical decimal string: "10816100", "1214531.81", "-39600", "0.5". */
export function decimalToString(d: Decimal): string {
  const n = normalizeDecimal(d);
  const neg = n.digits < 0n;
  let s = (neg ? -n.digits : n.digits).toString();
  if (n.scale > 0) {
    s = s.padStart(n.scale + 1, '0');
    s = `${s.slice(0, s.length - n.scale)}.${s.slice(s.length - n.scale)}`;
  }
  return neg ? `-${s}` : s;
}

/** |digits| up to 2^53 and scales up to 22: both operands of the fast path below are exact doubles. */
const MAX_EXACT_DIGITS = 2n ** 53n;
const POW10_EXACT_DOUBLES: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** The nearest JavaScript number (string parsing is correctly rounded). */
export function decimalToNumber(d: Decimal): number {
  if (d.scale >= 0 && d.scale < POW10_EXACT_DOUBLES.length && d.digits <= MAX_EXACT_DIGITS && d.digits >= -MAX_EXACT_DIGITS) {
    // digits and 10^scale are exact doubles, so their quotient is rounded once: the same nearest
    // number the string gives (the fast path of correctly rounded decimal parsing).
    return Number(d.digits) / POW10_EXACT_DOUBLES[d.scale]!;
  }
  return Number(decimalToString(d));
}

/**
 * Small values recur (years, months, counts, 97.5% → 975n): their bigints, and the integers as
 * whole decimals, are made once on first use and shared (a Decimal is never mutated).
 */
const SMALL_CACHE_SIZE = 10000;
const SMALL_BIGINTS: (bigint | undefined)[] = new Array(SMALL_CACHE_SIZE);
const SMALL_INTEGERS: (Decimal | undefined)[] = new Array(SMALL_CACHE_SIZE);
/** BigInt(n) for an integer 0 <= n < SMALL_CACHE_SIZE. */
function smallBigInt(n: number): bigint {
  let b = SMALL_BIGINTS[n];
  if (b === undefined) SMALL_BIGINTS[n] = b = BigInt(n);
  return b;
}
/** The integer decimal n, for 0 <= n < SMALL_CACHE_SIZE. */
function smallInteger(n: number): Decimal {
  let d = SMALL_INTEGERS[n];
  if (d === undefined) SMALL_INTEGERS[n] = d = { digits: smallBigInt(n), scale: 0 };
  return d;
}

/**
 * Build a decimal from already-validated digit strings (no sign, no separators) in linear time:
 * trailing fraction zeros are dropped on the string, so no bigint division loop runs.
 * decimalFromDigits('1081', '61') → 1081.61; decimalFromDigits('3', '960', true) → -3.96.
 */
export function decimalFromDigits(intDigits: string, fracDigits = '', negative = false): Decimal {
  let end = fracDigits.length;
  while (end > 0 && fracDigits.charCodeAt(end - 1) === 48) end -= 1;
  let digits: bigint;
  if (intDigits.length + end <= MAX_EXACT_DOUBLE_DIGITS) {
    // The usual figure: integer steps in a double (exact, see above), one conversion; faster than parsing a string.
    let n = 0;
    for (let k = 0; k < intDigits.length; k++) n = n * 10 + (intDigits.charCodeAt(k) - 48);
    for (let k = 0; k < end; k++) n = n * 10 + (fracDigits.charCodeAt(k) - 48);
    if (n < SMALL_CACHE_SIZE) {
      if (end === 0 && !negative) return smallInteger(n);
      digits = smallBigInt(n);
    } else {
      digits = BigInt(n);
    }
  } else {
    digits = BigInt((intDigits === '' ? '0' : intDigits) + fracDigits.slice(0, end));
  }
  return { digits: negative ? -digits : digits, scale: end };
}

/** Compare two decimals: -1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const da = a.digits * pow10(scale - a.scale);
  const db = b.digits * pow10(scale - b.scale);
  return da < db ? -1 : da > db ? 1 : 0;
}

/** True when the decimal has no fractional part. */
export function isIntegerDecimal(d: Decimal): boolean {
  return normalizeDecimal(d).scale === 0;
}
