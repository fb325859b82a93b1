/**
 * Exact fixed-point arithmetic on BigInt for the health figures: each of an account's decimals is
 * read once into whole units at its own number of places, then compared, subtracted and divided
 * (truncated) as integers. A master with a thousand subaccounts needs several of these per
 * subaccount on every refresh, and a big.js object per operand (most of all big.js's digit-by-digit
 * division of long exchange figures) would alone take most of the main thread's budget.
 * Same digits as big.js; no floating point anywhere.
 */
import type { Decimal } from '../../src-shared/account-model.ts';

export interface Scaled {
  /** The decimal without its point: 12.345 → 12345n. */
  readonly units: bigint;
  /** Digits after the point: 12.345 → 3. */
  readonly places: number;
}

/** 10^n for the place counts figures carry; larger ones are computed when asked. */
const POWERS_OF_TEN = Array.from({ length: 48 }, (_, n) => 10n ** BigInt(n));

function powerOfTen(n: number): bigint {
  return POWERS_OF_TEN[n] ?? 10n ** BigInt(n);
}

export function scaled(value: Decimal): Scaled {
  const dot = value.indexOf('.');
  if (dot < 0) return { units: BigInt(value), places: 0 };
  return { units: BigInt(value.slice(0, dot) + value.slice(dot + 1)), places: value.length - dot - 1 };
}

/** `units / 10^places` written as a Decimal: no exponent, no trailing zeros, never "-0". */
function written(units: bigint, places: number): Decimal {
  if (units === 0n) return '0' as Decimal;
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  let end = digits.length;
  const point = end - places;
  while (end > point && digits.charCodeAt(end - 1) === 48 /* '0' */) end--;
  const whole = digits.slice(0, point);
  return `${negative ? '-' : ''}${whole}${end === point ? '' : `.${digits.slice(point, end)}`}` as Decimal;
}

/** Both values' units at the larger of their places. */
function aligned(a: Scaled, b: Scaled): [bigint, bigint, number] {
  if (a.places === b.places) return [a.units, b.units, a.places];
  return a.places > b.places
    ? [a.units, b.units * powerOfTen(a.places - b.places), a.places]
    : [a.units * powerOfTen(b.places - a.places), b.units, b.places];
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareScaled(a: Scaled, b: Scaled): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a − b, exactly. */
export function difference(a: Scaled, b: Scaled): Decimal {
  const [x, y, places] = aligned(a, b);
  return written(x - y, places);
}

/** numerator / denominator truncated toward zero to `places` decimals; null when the denominator is not positive. */
export function truncatedQuotient(numerator: Scaled, denominator: Scaled, places: number): Decimal | null {
  if (denominator.units <= 0n) return null;
  // (nu / 10^np) / (du / 10^dp) × 10^places = nu × 10^(dp + places) / (du × 10^np)
  const quotient = (numerator.units * powerOfTen(denominator.places + places)) / (denominator.units * powerOfTen(numerator.places));
  return written(quotient, places);
}

/** truncatedQuotient of two decimals. */
export function truncatedRatio(numerator: Decimal, denominator: Decimal, places: number): Decimal | null {
  return truncatedQuotient(scaled(numerator), scaled(denominator), places);
}
