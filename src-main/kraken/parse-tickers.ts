/**
 * `GET /tickers` → `Ticker[]`. Index entries (`in_xbtusd`, `rr_xbtusd`) carry only `last`; every
 * price is optional, but a price that is present must be a decimal.
 */
import { decodeJson, list, object, optionalDecimal, text } from './decode/schema.ts';
import type { Decimal, Ticker } from '../../src-shared/account-model.ts';

const ticker = object({ symbol: text, markPrice: optionalDecimal, indexPrice: optionalDecimal, last: optionalDecimal }).transform(
  (raw): Ticker => ({ symbol: raw.symbol.toLowerCase(), markPrice: raw.markPrice, indexPrice: raw.indexPrice, last: raw.last }),
);

export const tickersBody = object({ tickers: list(ticker) }).transform((body) => body.tickers);

export function parseTickers(text: string): Ticker[] {
  return decodeJson(tickersBody, text);
}

/** Mark price by lower-case symbol, for the tickers that have one (what `AccountSnapshot.markPrices` holds). */
export function markPricesOf(tickers: readonly Ticker[]): Record<string, Decimal> {
  const prices: Record<string, Decimal> = {};
  for (const entry of tickers) if (entry.markPrice !== null) prices[entry.symbol] = entry.markPrice;
  return prices;
}
