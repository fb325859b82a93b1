/**
 * An exact quotient of two decimals, truncated toward zero to a number of places: how every margin
 * ratio is computed. Integer arithmetic on BigInt (the decimals scaled to whole units), because a
 * master with a thousand subaccounts needs two of these per subaccount on every refresh and big.js's
 * digit-by-digit division of long exchange figures would alone take most of the main thread's budget.
 * Same digits as big.js's `div` rounded down; no floating point anywhere.
 */
import type { Decimal } from '../../src-shared/account-model.ts';

interface Scaled {
  /** The decimal without its point: 12.345 → 12345n. */
  readonly units: bigint;
  /** Digits after the point: 12.345 → 3. */
  readonly places: number;
}

const TEN = 10n;

function scaled(value: Decimal): Scaled {
  const dot = value.indexOf('.');
  if (dot < 0) return { units: BigInt(value), places: 0 };
  return { units: BigInt(value.slice(0, dot) + value.slice(dot + 1)), places: value.length - dot - 1 };
}

/** `units / 10^places` written as a Decimal: no exponent, no trailing zeros, never "-0". */
function written(units: bigint, places: number): Decimal {
  if (units === 0n) return '0' as Decimal;
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}` as Decimal;
}

/** numerator / denominator truncated toward zero to `places` decimals; null when the denominator is not positive. */
export function truncatedRatio(numerator: Decimal, denominator: Decimal, places: number): Decimal | null {
  const n = scaled(numerator);
  const d = scaled(denominator);
  if (d.units <= 0n) return null;
  // (nu / 10^np) / (du / 10^dp) × 10^places = nu × 10^(dp + places) / (du × 10^np)
  const quotient = (n.units * TEN ** BigInt(d.places + places)) / (d.units * TEN ** BigInt(n.places));
  return written(quotient, places);
}
