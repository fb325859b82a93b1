/**
 * Exact arithmetic on the model's decimal strings for the few sums and ratios the views compute
 * themselves (subaccount totals, bar proportions). big.js, never JS floats, so that no
 * 0.30000000000000004 reaches a total on screen.
 */
import Big from 'big.js';
import type { Decimal } from '../../../src-preload/contract.ts';

const ZERO = new Big(0);

/** big.js's `toFixed()` without places is plain notation with no trailing zeros: the model's canonical form. */
export function toDecimal(value: Big): Decimal {
  return value.toFixed() as Decimal;
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return toDecimal(total);
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  return new Big(a).cmp(b);
}

export function isZero(value: Decimal): boolean {
  return new Big(value).eq(ZERO);
}

export function isNegative(value: Decimal): boolean {
  return new Big(value).lt(ZERO);
}

/**
 * `part / whole` as a fraction clamped to [0, 1] for drawing (bar widths, chart segments).
 * Geometry only: the result is a float and never shown as a figure.
 */
export function share(part: Decimal, whole: Decimal): number {
  const total = new Big(whole);
  if (total.lte(ZERO)) return 0;
  const fraction = new Big(part).div(total);
  if (fraction.lte(ZERO)) return 0;
  if (fraction.gte(1)) return 1;
  return Number(fraction.toFixed(6));
}

/** The largest of the given decimals (for a bar's scale). */
export function maxOf(values: Iterable<Decimal>): Decimal {
  let best: Big | null = null;
  for (const value of values) {
    const candidate = new Big(value);
    if (best === null || candidate.gt(best)) best = candidate;
  }
  return toDecimal(best ?? ZERO);
}

/** `part / whole` as an exact decimal fraction (to 8 places), null when `whole` is not positive. */
export function fraction(part: Decimal, whole: Decimal): Decimal | null {
  const total = new Big(whole);
  if (total.lte(ZERO)) return null;
  return toDecimal(new Big(part).div(total).round(8));
}
