/** `GET /openpositions` → `OpenPosition[]`. REST positions carry no mark price and no PnL. */
import { decimal, decodeJson, list, object, optionalDecimal, optionalText, text } from './decode/schema.ts';
import type { OpenPosition } from '../../src-shared/account-model.ts';

/** `unknown`: Kraken sent a side this app does not know (enums may carry new values since 2026-05). */
export function positionSide(raw: string): OpenPosition['side'] {
  return raw === 'long' || raw === 'short' ? raw : 'unknown';
}

const position = object({
  symbol: text,
  side: text,
  size: decimal,
  price: decimal,
  fillTime: optionalText,
  unrealizedFunding: optionalDecimal,
}).transform(
  (raw): OpenPosition => ({
    symbol: raw.symbol.toLowerCase(),
    side: positionSide(raw.side),
    size: raw.size,
    price: raw.price,
    fillTime: raw.fillTime,
    unrealizedFunding: raw.unrealizedFunding,
  }),
);

export const openPositionsBody = object({ openPositions: list(position) }).transform((body) => body.openPositions);

export function parseOpenPositions(text: string): OpenPosition[] {
  return decodeJson(openPositionsBody, text);
}
