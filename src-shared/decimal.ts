/**
 * Exact decimal amounts for either process: parsing Kraken's numbers into canonical `Decimal`
 * strings and the only arithmetic the app does on money. Backed by big.js (arbitrary precision
 * base-10), never by JS floats, so no 0.30000000000000004 can reach a total, a ratio or the screen.
 *
 * Canonical form (see `Decimal` in ./account-model.ts): no exponent, no '+', '-' only for negatives
 * (never "-0"), no leading zeros, no trailing fractional zeros.
 */
import BigJs from 'big.js';
import type { Decimal } from './account-model.ts';

/**
 * A private Big constructor: its DP/RM settings cannot be changed by any other module that happens
 * to use big.js. big.js's `strict` mode stays off: it would also refuse exact integer literals such
 * as `.gt(0)`, and floats cannot reach the arithmetic anyway because every Decimal is a string.
 */
const Big = BigJs();
/** Decimal places of a division when none are asked for (also through `big()`); far beyond anything Kraken sends. */
const DEFAULT_DIVISION_PLACES = 30;
Big.DP = DEFAULT_DIVISION_PLACES;
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

export const ZERO = '0' as Decimal;
export const ONE = '1' as Decimal;

/**
 * The canonical Decimal of a decimal string or a JS number, or null when the input is not an
 * exact, finite decimal (NaN, Infinity, '', '1,5', '0x10', whitespace, objects…).
 *
 * A JS number is taken through its shortest round-trip string: exact for what the number holds,
 * but a number that came from `JSON.parse` may already have lost digits Kraken sent, which is why
 * the client parses bodies with `parseJsonExact` (src-main/kraken/decode/exact-json.ts) and hands
 * strings to this.
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

/** The big.js value of a Decimal, for calculations longer than the helpers below. */
export function big(value: Decimal): BigJs.Big {
  return new Big(value);
}

/**
 * A big.js value in the model's canonical form: big.js's `toFixed()` without places is plain
 * notation with no trailing zeros; negative zero is written "0".
 */
export function fromBig(value: BigJs.Big): Decimal {
  const text = value.toFixed();
  return (text === '-0' ? '0' : text) as Decimal;
}

export function add(a: Decimal, b: Decimal): Decimal {
  return fromBig(new Big(a).plus(b));
}

export function sub(a: Decimal, b: Decimal): Decimal {
  return fromBig(new Big(a).minus(b));
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return fromBig(new Big(a).times(b));
}

export function neg(value: Decimal): Decimal {
  return fromBig(new Big(value).neg());
}

/** x / y rounded once, half-up, to `decimalPlaces`: big.js rounds a quotient to its constructor's DP, set for this one division. */
function divide(x: BigJs.Big, y: Decimal, decimalPlaces: number): Decimal {
  Big.DP = decimalPlaces;
  try {
    return fromBig(x.div(y));
  } finally {
    Big.DP = DEFAULT_DIVISION_PLACES;
  }
}

/** a / b rounded half-up (ties away from zero) to `decimalPlaces`, in one rounding. Throws on division by zero. */
export function div(a: Decimal, b: Decimal, decimalPlaces = DEFAULT_DIVISION_PLACES): Decimal {
  return divide(new Big(a), b, decimalPlaces);
}

/** (a − b) / a rounded half-up to `decimalPlaces`: the share of a that b lacks (an implied haircut). Throws when a is zero. */
export function relativeDifference(a: Decimal, b: Decimal, decimalPlaces: number): Decimal {
  return divide(new Big(a).minus(b), a, decimalPlaces);
}

/** Rounded half-up to `decimalPlaces`. */
export function round(value: Decimal, decimalPlaces: number): Decimal {
  return fromBig(new Big(value).round(decimalPlaces, Big.roundHalfUp));
}

/** Exact sum (0 for an empty list). */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = new Big(0);
  for (const value of values) total = total.plus(value);
  return fromBig(total);
}

/**
 * -1, 0 or 1 as a is less than, equal to or greater than b. Canonical text (what the model holds)
 * is compared as text, without a big.js object each: health orders a thousand figures a refresh.
 */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  if (a === b) return 0;
  if (!isCanonical(a) || !isCanonical(b)) return new Big(a).cmp(b);
  const negative = a.startsWith('-');
  if (negative !== b.startsWith('-')) return negative ? -1 : 1;
  const magnitude = negative ? compareMagnitudes(a.slice(1), b.slice(1)) : compareMagnitudes(a, b);
  return negative ? (-magnitude as -1 | 1) : magnitude;
}

function isCanonical(value: string): boolean {
  return CANONICAL.test(value) && value !== '-0';
}

/**
 * Two different canonical unsigned decimals: without leading zeros the longer whole part is the
 * larger; with whole parts of one length, and no trailing zeros, the text's order is the numbers'.
 */
function compareMagnitudes(a: string, b: string): -1 | 1 {
  const aWhole = a.indexOf('.') < 0 ? a.length : a.indexOf('.');
  const bWhole = b.indexOf('.') < 0 ? b.length : b.indexOf('.');
  if (aWhole !== bWhole) return aWhole < bWhole ? -1 : 1;
  return a < b ? -1 : 1;
}

export function isZero(value: Decimal): boolean {
  return new Big(value).eq(0);
}

export function isNegative(value: Decimal): boolean {
  return new Big(value).lt(0);
}

/**
 * `part / whole` as a fraction clamped to [0, 1] for drawing (bar widths, chart segments).
 * Geometry only: the result is a float and never shown as a figure.
 */
export function share(part: Decimal, whole: Decimal): number {
  const total = new Big(whole);
  if (total.lte(0)) return 0;
  const fraction = new Big(part).div(total);
  if (fraction.lte(0)) return 0;
  if (fraction.gte(1)) return 1;
  return Number(fraction.toFixed(6));
}

/** The largest of the given decimals (for a bar's scale), 0 for none. */
export function maxOf(values: Iterable<Decimal>): Decimal {
  let best: BigJs.Big | null = null;
  for (const value of values) {
    const candidate = new Big(value);
    if (best === null || candidate.gt(best)) best = candidate;
  }
  return best === null ? ZERO : fromBig(best);
}

/** `part / whole` as an exact decimal fraction (to 8 places), null when `whole` is not positive. */
export function fraction(part: Decimal, whole: Decimal): Decimal | null {
  const total = new Big(whole);
  if (total.lte(0)) return null;
  return fromBig(new Big(part).div(total).round(8));
}
