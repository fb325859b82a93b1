/** `GET /openpositions` → `OpenPosition[]`. REST positions carry no mark price and no PnL. */
import {
  asObject,
  indexPath,
  optionalDecimal,
  optionalString,
  requireArray,
  requireDecimal,
  requireString,
} from './json-reader.ts';
import type { OpenPosition } from './model.ts';

function side(raw: string): OpenPosition['side'] {
  return raw === 'long' || raw === 'short' ? raw : 'unknown';
}

/** Parses a `/openpositions` response body (already checked to be `result: success`). */
export function parseOpenPositions(json: unknown): OpenPosition[] {
  const list = requireArray(asObject(json, ''), 'openPositions', '');
  const positions: OpenPosition[] = [];
  for (let i = 0; i < list.length; i++) {
    const path = indexPath('openPositions', i);
    const entry = asObject(list[i], path);
    positions.push({
      symbol: requireString(entry, 'symbol', path).toLowerCase(),
      side: side(requireString(entry, 'side', path)),
      size: requireDecimal(entry, 'size', path),
      price: requireDecimal(entry, 'price', path),
      fillTime: optionalString(entry, 'fillTime', path),
      unrealizedFunding: optionalDecimal(entry, 'unrealizedFunding', path),
    });
  }
  return positions;
}
