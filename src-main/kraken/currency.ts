/**
 * Currency codes, normalised in one place.
 *
 * Kraken writes the same coin as `XBT` (docs, flex map keys), `BTC` (real 2026 responses) and `xbt`
 * (cash balances, subaccount lists). Everything that shows or joins currencies goes through
 * `toCurrency`, which upper-cases and maps XBT → BTC, and keeps the raw code next to it.
 */
import type { Currency } from '../../src-shared/account-model.ts';

/** Kraken-specific codes mapped to the code users know. */
const ALIASES: Readonly<Record<string, string>> = { XBT: 'BTC' };

/** The display and join code of a raw Kraken code: `xbt` → `BTC`, `usd credit` → `USD CREDIT`. */
export function normaliseCurrencyCode(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return ALIASES[upper] ?? upper;
}

/**
 * Currencies already seen, shared: a 1,000-subaccount response names the same dozen codes thousands
 * of times. Bounded so that a response full of odd codes cannot grow it without limit.
 */
const SEEN = new Map<string, Currency>();
const SEEN_LIMIT = 1_000;

export function toCurrency(raw: string): Currency {
  let currency = SEEN.get(raw);
  if (currency === undefined) {
    currency = Object.freeze({ code: normaliseCurrencyCode(raw), raw });
    if (SEEN.size < SEEN_LIMIT) SEEN.set(raw, currency);
  }
  return currency;
}

/** Whether two raw codes mean the same currency (`xbt`, `XBT` and `BTC` do). */
export function sameCurrency(a: string, b: string): boolean {
  return normaliseCurrencyCode(a) === normaliseCurrencyCode(b);
}
