/**
 * `GET /tickers` → `Ticker[]`. Index entries (`in_xbtusd`, `rr_xbtusd`) carry only `last`; every
 * price is optional, but a price that is present must be a decimal.
 */
import { readBody, type RootReader } from './exact-json.ts';
import { FieldNames, type JsonCursor } from './json-cursor.ts';
import { A_TEXT, readOptionalDecimal, readText, required, rootListReader } from './json-reader.ts';
import type { Decimal, Ticker } from '../../src-shared/account-model.ts';

const TICKER_FIELDS = new FieldNames(['symbol', 'last', 'markPrice', 'indexPrice']);

function readTicker(json: JsonCursor): Ticker {
  let symbol: string | undefined;
  let markPrice: Decimal | null = null;
  let indexPrice: Decimal | null = null;
  let last: Decimal | null = null;
  for (let field = json.nextField(TICKER_FIELDS); field !== null; field = json.nextField(TICKER_FIELDS)) {
    if (field === 'symbol') symbol = readText(json, field);
    else if (field === 'markPrice') markPrice = readOptionalDecimal(json, field);
    else if (field === 'indexPrice') indexPrice = readOptionalDecimal(json, field);
    else if (field === 'last') last = readOptionalDecimal(json, field);
    else json.skip();
  }
  return { symbol: required(symbol, 'symbol', A_TEXT).toLowerCase(), markPrice, indexPrice, last };
}

export function tickersReader(): RootReader<Ticker[]> {
  return rootListReader('tickers', readTicker);
}

/** Parses a whole `/tickers` body. */
export function parseTickers(text: string): Ticker[] {
  return readBody(text, tickersReader());
}

/** Mark price by lower-case symbol, for the tickers that have one (what `AccountSnapshot.markPrices` holds). */
export function markPricesOf(tickers: readonly Ticker[]): Record<string, Decimal> {
  const prices: Record<string, Decimal> = {};
  for (const ticker of tickers) if (ticker.markPrice !== null) prices[ticker.symbol] = ticker.markPrice;
  return prices;
}
