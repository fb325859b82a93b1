/**
 * Currency codes, normalised in one place.
 *
 * Kraken writes the same coin as `XBT` (docs, flex map keys), `BTC` (real 2026 responses) and `xbt`
 * (cash balances, subaccount lists). Everything that shows or joins currencies goes through
 * `toCurrency`, which upper-cases and maps XBT → BTC, and keeps the raw code next to it.
 */
import type { Currency } from './model.ts';

/** Kraken-specific codes mapped to the code users know. */
const ALIASES: Readonly<Record<string, string>> = { XBT: 'BTC' };

/** The display and join code of a raw Kraken code: `xbt` → `BTC`, `usd credit` → `USD CREDIT`. */
export function normaliseCurrencyCode(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return ALIASES[upper] ?? upper;
}

export function toCurrency(raw: string): Currency {
  return { code: normaliseCurrencyCode(raw), raw };
}

/** Whether two raw codes mean the same currency (`xbt`, `XBT` and `BTC` do). */
export function sameCurrency(a: string, b: string): boolean {
  return normaliseCurrencyCode(a) === normaliseCurrencyCode(b);
}
