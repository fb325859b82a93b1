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

/**
 * The canonical Decimal of a decimal string or a JS number, or null when the input is not an
 * exact, finite decimal (NaN, Infinity, '', '1,5', '0x10', whitespace, objects…).
 *
 * A JS number is taken through its shortest round-trip string: exact for what the number holds,
 * but a number that came from `JSON.parse` may already have lost digits Kraken sent, which is why
 * the client parses bodies with `parseJsonExact` (./decode/exact-json.ts) and hands strings to this.
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


export function add(a: Decimal, b: Decimal): Decimal {
  return fromBig(new Big(a).plus(b));
}

export function sub(a: Decimal, b: Decimal): Decimal {
  return fromBig(new Big(a).minus(b));
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return fromBig(new Big(a).times(b));
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

export function neg(value: Decimal): Decimal {
  return fromBig(new Big(value).neg());
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  return new Big(a).cmp(b);
}

export function isZero(value: Decimal): boolean {
  return value === ZERO;
}

export function isNegative(value: Decimal): boolean {
  return value.startsWith('-');
}

/** Exact sum (0 for an empty list). */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = new Big(0);
  for (const value of values) total = total.plus(value);
  return fromBig(total);
}
