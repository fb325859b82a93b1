/**
 * `GET /tickers` → `Ticker[]`. Index entries (`in_xbtusd`, `rr_xbtusd`) carry only `last`; every
 * price is optional, but a price that is present must be a decimal.
 */
import { asObject, indexPath, optionalDecimal, requireArray, requireString } from './json-reader.ts';
import type { Decimal, Ticker } from './model.ts';

/** Parses a `/tickers` response body (already checked to be `result: success`). */
export function parseTickers(json: unknown): Ticker[] {
  const list = requireArray(asObject(json, ''), 'tickers', '');
  const tickers: Ticker[] = [];
  for (let i = 0; i < list.length; i++) {
    const path = indexPath('tickers', i);
    const entry = asObject(list[i], path);
    tickers.push({
      symbol: requireString(entry, 'symbol', path).toLowerCase(),
      markPrice: optionalDecimal(entry, 'markPrice', path),
      indexPrice: optionalDecimal(entry, 'indexPrice', path),
      last: optionalDecimal(entry, 'last', path),
    });
  }
  return tickers;
}

/** Mark price by lower-case symbol, for the tickers that have one (what `AccountSnapshot.markPrices` holds). */
export function markPricesOf(tickers: readonly Ticker[]): Record<string, Decimal> {
  const prices: Record<string, Decimal> = {};
  for (const ticker of tickers) if (ticker.markPrice !== null) prices[ticker.symbol] = ticker.markPrice;
  return prices;
}
