/**
 * Exact decimal amounts: parsing Kraken's numbers into canonical `Decimal` strings and the only
 * arithmetic the app does on money. Backed by big.js (arbitrary precision base-10), never by JS
 * floats, so no 0.30000000000000004 can reach a total or the screen.
 *
 * Canonical form (see `Decimal` in ./model.ts): no exponent, no '+', '-' only for negatives (never
 * "-0"), no leading zeros, no trailing fractional zeros.
 */
import BigJs from 'big.js';
import type { Decimal } from '../../src-shared/account-model.ts';

export type { Decimal };

/**
 * A private Big constructor: its DP/RM settings cannot be changed by any other module that happens
 * to use big.js. big.js's `strict` mode stays off: it would also refuse exact integer literals such
 * as `.gt(0)`, and floats cannot reach the arithmetic anyway because every Decimal is a string.
 */
const Big = BigJs();
/** Decimal places big.js keeps in a division done through `big()`. */
Big.DP = 30;
Big.RM = Big.roundHalfUp;

/** Already canonical: the fast path, taken by most of Kraken's figures, needs no big.js object. */
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
/** Any plain or exponent decimal (what JSON numbers and Kraken's decimal strings look like). */
const DECIMAL_SYNTAX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?(\d+))?$/;
/**
 * Largest exponent accepted. A figure like 1e400 is not a real balance, and expanding it would
 * allocate a string of that many digits; refusing it keeps a hostile or broken body harmless.
 */
const MAX_EXPONENT = 100;

/**
 * The canonical Decimal of a decimal string or a JS number, or null when the input is not an
 * exact, finite decimal (NaN, Infinity, '', '1,5', '0x10', whitespace, objects…).
 *
 * A JS number is taken through its shortest round-trip string: exact for what the number holds,
 * but a number that came from `JSON.parse` may already have lost digits Kraken sent, which is why
 * the client parses bodies with `parseJsonExact` (./exact-json.ts) and hands strings to this.
 */
export function parseDecimal(input: unknown): Decimal | null {
  let text: string;
  if (typeof input === 'string') text = input;
  else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    text = String(input);
    // A finite number's shortest text is canonical unless in exponent form (|n| < 1e-6 or ≥ 1e21).
    if (!text.includes('e')) return text as Decimal;
  } else return null;

  if (CANONICAL.test(text) && text !== '-0') return text as Decimal;
  const match = DECIMAL_SYNTAX.exec(text);
  if (match === null) return null;
  if (match[1] !== undefined && Number(match[1]) > MAX_EXPONENT) return null;
  return fromBig(new Big(text.startsWith('+') ? text.slice(1) : text));
}

/** Like parseDecimal, for values the program itself produces: throws instead of returning null. */
export function toDecimal(input: string | number): Decimal {
  const decimal = parseDecimal(input);
  if (decimal === null) throw new RangeError(`Not a finite decimal: ${String(input)}`);
  return decimal;
}

export const ZERO = '0' as Decimal;
export const ONE = '1' as Decimal;

/** The big.js value of a Decimal, for calculations longer than the helpers below. */
export function big(value: Decimal): BigJs.Big {
  return new Big(value);
}

/** A big.js value back to canonical form. */
export function fromBig(value: BigJs.Big): Decimal {
  // toFixed() without arguments never uses exponent notation and drops trailing zeros.
  const text = value.toFixed();
  return (text === '-0' ? '0' : text) as Decimal;
}

/*
 * add, sub, mul, div, compare and sum work on scaled integers (value = units / 10^scale) rather than
 * big.js: exact all the same, and far faster on the short decimals Kraken sends, which matters when
 * one refresh computes the implied haircuts of thousands of flex currencies. big.js stays for
 * parsing exponent forms, rounding and the `big()` escape hatch.
 *
 * Two tiers. Operands of at most 15 significant digits (nearly all of Kraken's figures) are read
 * into plain JS numbers: integers below 2^53 add, subtract, multiply by powers of ten and divide
 * exactly, and every step checks that it stays below 2^53. Anything longer, or a result that would
 * not stay exact, goes through BigInt. On the 1,000-subaccount body (2,436 implied haircuts) this,
 * with `relativeDifference`, took the haircut arithmetic from 1.9 ms (BigInt from sliced strings,
 * digit arrays) to 0.6 ms, best of 250 runs.
 */

const MINUS_SIGN = 45;
const DECIMAL_POINT = 46;
const ZERO_CODE = 48;
const NINE_CODE = 57;
/** Below this, `units × 10 + digit` stays an exact integer (< 2^53). */
const UNITS_BEFORE_LAST_DIGIT = 9e14;
/** 10^k is an exact double up to k = 22; a larger alignment is left to BigInt. */
const MAX_EXACT_POWER = 22;

/*
 * Results of the number tier's readers, in module variables so the hot path allocates nothing
 * (no tuple or object per operand); each reader is called and its results taken at once.
 */
let readUnits = 0;
let readScale = 0;
let alignedX = 0;
let alignedY = 0;
let alignedScale = 0;

/**
 * Reads a canonical Decimal into `readUnits` (signed integer) and `readScale`; false when it has
 * more than 15 digits or is not plain digits (a cast string in exponent form), for the BigInt tier.
 */
function readSmall(value: Decimal): boolean {
  const length = value.length;
  const negative = value.charCodeAt(0) === MINUS_SIGN;
  let units = 0;
  let scale = 0;
  let seenPoint = false;
  for (let i = negative ? 1 : 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code === DECIMAL_POINT && !seenPoint) {
      seenPoint = true;
      continue;
    }
    if (code < ZERO_CODE || code > NINE_CODE || units >= UNITS_BEFORE_LAST_DIGIT) return false;
    units = units * 10 + (code - ZERO_CODE);
    if (seenPoint) scale++;
  }
  readUnits = negative ? -units : units;
  readScale = scale;
  return true;
}

/** `units × 10^places` when exact, else NaN (units are exact integers, so the check is on the result). */
function scaleUp(units: number, places: number): number {
  if (places === 0 || units === 0) return units;
  if (places > MAX_EXACT_POWER) return Number.NaN;
  const result = units * 10 ** places;
  return Math.abs(result) <= Number.MAX_SAFE_INTEGER ? result : Number.NaN;
}

/** Reads both operands at the finer scale into `alignedX`, `alignedY`, `alignedScale`; false → BigInt tier. */
function alignSmall(a: Decimal, b: Decimal): boolean {
  if (!readSmall(a)) return false;
  const x = readUnits;
  const xScale = readScale;
  if (!readSmall(b)) return false;
  const scale = xScale > readScale ? xScale : readScale;
  alignedX = scaleUp(x, scale - xScale);
  alignedY = scaleUp(readUnits, scale - readScale);
  alignedScale = scale;
  return alignedX === alignedX && alignedY === alignedY; // NaN: not exact
}

/** Canonical text of the exact integer `units` (|units| ≤ 2^53) over 10^scale. */
function fromSmall(units: number, scale: number): Decimal {
  if (units === 0) return ZERO;
  while (scale > 0 && units % 10 === 0) {
    units /= 10;
    scale--;
  }
  const negative = units < 0;
  let digits = String(negative ? -units : units);
  if (scale > 0) {
    if (digits.length <= scale) digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return (negative ? `-${digits}` : digits) as Decimal;
}

interface Scaled {
  readonly units: bigint;
  readonly scale: number;
}

const POWERS_OF_TEN: bigint[] = [1n];
function pow10(exponent: number): bigint {
  for (let n = POWERS_OF_TEN.length; n <= exponent; n++) POWERS_OF_TEN.push((POWERS_OF_TEN[n - 1] as bigint) * 10n);
  return POWERS_OF_TEN[exponent] as bigint;
}

function scaled(value: Decimal): Scaled {
  const dot = value.indexOf('.');
  try {
    if (dot === -1) return { units: BigInt(value), scale: 0 };
    return { units: BigInt(value.slice(0, dot) + value.slice(dot + 1)), scale: value.length - dot - 1 };
  } catch {
    // Not canonical after all (a cast string in exponent form): canonicalise, then scale.
    const canonical = parseDecimal(value);
    if (canonical === null || canonical === value) throw new RangeError(`Not a finite decimal: ${value}`);
    return scaled(canonical);
  }
}

function fromScaled(units: bigint, scale: number): Decimal {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    let fractionEnd = digits.length;
    while (fractionEnd > digits.length - scale && digits.charCodeAt(fractionEnd - 1) === 48) fractionEnd--;
    const integer = digits.slice(0, digits.length - scale);
    digits = fractionEnd > digits.length - scale ? `${integer}.${digits.slice(digits.length - scale, fractionEnd)}` : integer;
  }
  return (negative && digits !== '0' ? `-${digits}` : digits) as Decimal;
}

/** Both values in units of the finer scale. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const x = scaled(a);
  const y = scaled(b);
  if (x.scale === y.scale) return [x.units, y.units, x.scale];
  if (x.scale > y.scale) return [x.units, y.units * pow10(x.scale - y.scale), x.scale];
  return [x.units * pow10(y.scale - x.scale), y.units, y.scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  if (alignSmall(a, b)) {
    const total = alignedX + alignedY;
    if (Math.abs(total) <= Number.MAX_SAFE_INTEGER) return fromSmall(total, alignedScale);
  }
  const [x, y, scale] = aligned(a, b);
  return fromScaled(x + y, scale);
}

export function sub(a: Decimal, b: Decimal): Decimal {
  if (alignSmall(a, b)) {
    const difference = alignedX - alignedY;
    if (Math.abs(difference) <= Number.MAX_SAFE_INTEGER) return fromSmall(difference, alignedScale);
  }
  const [x, y, scale] = aligned(a, b);
  return fromScaled(x - y, scale);
}

export function mul(a: Decimal, b: Decimal): Decimal {
  const x = scaled(a);
  const y = scaled(b);
  return fromScaled(x.units * y.units, x.scale + y.scale);
}

/** Decimal places of a division when none are asked for; far beyond anything Kraken sends. */
const DEFAULT_DIVISION_PLACES = 30;

/**
 * Integers below this keep `remainder × 10` and `quotient × denominator` below 2^53, so the long
 * division in `divideUnits` is exact in plain JS numbers (integer arithmetic only, no fractions).
 */
const SMALL_DIVISION_LIMIT = UNITS_BEFORE_LAST_DIGIT;

/** ⌊n / d⌋ for exact integers n, d < 2^53 with n + d < 2^53: the float quotient, corrected by one step. */
function floorDivide(n: number, d: number): number {
  const quotient = Math.floor(n / d);
  if (quotient * d > n) return quotient - 1;
  return (quotient + 1) * d <= n ? quotient + 1 : quotient;
}

/**
 * x / y for exact integers at one scale, rounded half-up to `places` in the number tier: schoolbook
 * long division digit by digit, the quotient accumulated as units at `places`. Null when an operand
 * or the quotient would not stay exact (30 places, long operands): the BigInt tier takes those.
 */
function divideUnits(x: number, y: number, places: number): Decimal | null {
  const numerator = Math.abs(x);
  const denominator = Math.abs(y);
  if (denominator === 0 || !(numerator < SMALL_DIVISION_LIMIT && denominator < SMALL_DIVISION_LIMIT)) return null;
  let quotient = floorDivide(numerator, denominator);
  let remainder = numerator - quotient * denominator;
  for (let i = 0; i < places; i++) {
    if (quotient >= UNITS_BEFORE_LAST_DIGIT) return null;
    const digit = floorDivide(remainder * 10, denominator);
    quotient = quotient * 10 + digit;
    remainder = remainder * 10 - digit * denominator;
  }
  // half-up on the magnitude, i.e. ties away from zero
  if (2 * remainder >= denominator) quotient++;
  return fromSmall(x < 0 !== y < 0 ? -quotient : quotient, places);
}

/** a / b rounded half-up (ties away from zero) to `decimalPlaces`, in one rounding. Throws on division by zero. */
export function div(a: Decimal, b: Decimal, decimalPlaces = DEFAULT_DIVISION_PLACES): Decimal {
  // At their common scale, a / b = x / y.
  const small = alignSmall(a, b) ? divideUnits(alignedX, alignedY, decimalPlaces) : null;
  if (small !== null) return small;
  const x = scaled(a);
  const y = scaled(b);
  if (y.units === 0n) throw new RangeError('Division by zero');
  // a / b × 10^places = (x.units × 10^(y.scale + places)) / (y.units × 10^x.scale)
  const numerator = x.units * pow10(y.scale + decimalPlaces);
  const denominator = y.units * pow10(x.scale);
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return fromScaled(negative ? -quotient : quotient, decimalPlaces);
}

/** 2^-53: the largest relative rounding error of one double operation or decimal-to-double conversion. */
const UNIT_ROUNDOFF = 2 ** -53;
/** Decimal places up to which 10^places is an exact double small enough for the double tier. */
const MAX_DOUBLE_TIER_PLACES = 15;
/** Below this (subnormal doubles) a conversion's error is no longer relative to the value. */
const MIN_NORMAL_DOUBLE = 2 ** -1022;

/**
 * (a − b) / a × 10^places rounded to the nearest integer, computed in doubles, when the doubles
 * provably give the exact answer; NaN when they cannot (then the exact tiers decide).
 *
 * Why it is exact when it answers: each of Number(a), Number(b), the subtraction, the division
 * and the scaling rounds with a relative error of at most u = 2^-53 (for normal doubles: subnormal
 * operands are left to the exact tiers), so the computed quotient
 * differs from the true (a − b) / a by at most about 4u·(1 + |b/a|), and the scaled value by that
 * times 10^places plus u·|scaled|. The bound used below is twice that. When the scaled value is
 * farther than the bound from the midpoint between two integers, the true value rounds to the same
 * integer: no tie and no near-tie is ever decided here.
 */
function relativeDifferenceInDoubles(a: Decimal, b: Decimal, places: number): number {
  if (places > MAX_DOUBLE_TIER_PLACES) return Number.NaN;
  const x = Number(a);
  const y = Number(b);
  if (!(Math.abs(x) >= MIN_NORMAL_DOUBLE) || (y !== 0 && !(Math.abs(y) >= MIN_NORMAL_DOUBLE))) return Number.NaN;
  const scale = 10 ** places;
  const scaled = ((x - y) / x) * scale;
  if (!(Math.abs(scaled) < 2 ** 52)) return Number.NaN; // also NaN and ±Infinity (a = 0)
  const bound = 2 * UNIT_ROUNDOFF * (4 * (1 + Math.abs(y / x)) * scale + Math.abs(scaled) + 1);
  const fraction = Math.abs(scaled - Math.trunc(scaled));
  if (Math.abs(fraction - 0.5) <= bound) return Number.NaN;
  return Math.round(scaled);
}

/**
 * Haircut texts repeat (an exchange applies one haircut per currency): the canonical text of
 * small quotients is kept, keyed by quotient and places. Bounded, as a cache of a long-running app.
 */
const SMALL_TEXTS = new Map<number, Decimal>();
const SMALL_TEXTS_LIMIT = 4_096;
const SMALL_TEXT_KEY_LIMIT = 2 ** 31;

function fromSmallRemembered(units: number, places: number): Decimal {
  if (!(Math.abs(units) < SMALL_TEXT_KEY_LIMIT)) return fromSmall(units, places);
  const key = units * 32 + places;
  let text = SMALL_TEXTS.get(key);
  if (text === undefined) {
    text = fromSmall(units, places);
    if (SMALL_TEXTS.size < SMALL_TEXTS_LIMIT) SMALL_TEXTS.set(key, text);
  }
  return text;
}

/**
 * (a − b) / a rounded half-up to `decimalPlaces` (the share of a that b lacks: an implied haircut is
 * relativeDifference(value, collateral)). The same result as div(sub(a, b), a, places). It runs for
 * every flex currency of every subaccount, so it tries, in order: doubles with a proven error bound
 * (about 4x faster than the integer tier; ties and near-ties never decided there), exact integers in
 * doubles, then BigInt. Throws when a is zero.
 */
export function relativeDifference(a: Decimal, b: Decimal, decimalPlaces: number): Decimal {
  const rounded = relativeDifferenceInDoubles(a, b, decimalPlaces);
  if (rounded === rounded) return fromSmallRemembered(rounded, decimalPlaces);
  if (alignSmall(a, b)) {
    const difference = alignedX - alignedY;
    const small = Math.abs(difference) <= Number.MAX_SAFE_INTEGER ? divideUnits(difference, alignedX, decimalPlaces) : null;
    if (small !== null) return small;
  }
  return div(sub(a, b), a, decimalPlaces);
}

/** Rounded half-up to `decimalPlaces`. */
export function round(value: Decimal, decimalPlaces: number): Decimal {
  return fromBig(new Big(value).round(decimalPlaces, Big.roundHalfUp));
}

export function neg(value: Decimal): Decimal {
  return fromBig(new Big(value).neg());
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  if (alignSmall(a, b)) return alignedX < alignedY ? -1 : alignedX > alignedY ? 1 : 0;
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(value: Decimal): boolean {
  return value === ZERO;
}

export function isNegative(value: Decimal): boolean {
  return value.startsWith('-');
}

/** Exact sum (0 for an empty list). */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = add(total, value);
  return total;
}
