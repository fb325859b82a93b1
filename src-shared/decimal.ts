/**
 * Exact arithmetic on the model's decimal strings, for either process: big.js, never JS floats, so
 * that no 0.30000000000000004 reaches a total, a ratio or the screen.
 */
import BigJs from 'big.js';
import type { Decimal } from './account-model.ts';

/**
 * A private Big constructor: its DP/RM settings cannot be changed by any other module that happens
 * to use big.js. Divisions keep 30 decimal places, far beyond anything Kraken sends.
 */
const Big = BigJs();
Big.DP = 30;
Big.RM = Big.roundHalfUp;

export const ZERO_DECIMAL = '0' as Decimal;

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

export function sum(values: Iterable<Decimal>): Decimal {
  let total = new Big(0);
  for (const value of values) total = total.plus(value);
  return fromBig(total);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  return new Big(a).cmp(b);
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
  return best === null ? ZERO_DECIMAL : fromBig(best);
}

/** `part / whole` as an exact decimal fraction (to 8 places), null when `whole` is not positive. */
export function fraction(part: Decimal, whole: Decimal): Decimal | null {
  const total = new Big(whole);
  if (total.lte(0)) return null;
  return fromBig(new Big(part).div(total).round(8));
}
