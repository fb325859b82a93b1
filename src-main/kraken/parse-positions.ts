/** `GET /openpositions` → `OpenPosition[]`. REST positions carry no mark price and no PnL. */
import { readBody, type RootReader } from './exact-json.ts';
import { FieldNames, type JsonCursor } from './json-cursor.ts';
import { A_DECIMAL, A_TEXT, readDecimal, readOptionalDecimal, readOptionalText, readText, required, rootListReader } from './json-reader.ts';
import type { Decimal, OpenPosition } from '../../src-shared/account-model.ts';

function side(raw: string): OpenPosition['side'] {
  return raw === 'long' || raw === 'short' ? raw : 'unknown';
}

const POSITION_FIELDS = new FieldNames(['side', 'symbol', 'price', 'fillTime', 'size', 'unrealizedFunding']);

function readPosition(json: JsonCursor): OpenPosition {
  let symbol: string | undefined;
  let sideText: string | undefined;
  let size: Decimal | undefined;
  let price: Decimal | undefined;
  let fillTime: string | null = null;
  let unrealizedFunding: Decimal | null = null;
  for (let field = json.nextField(POSITION_FIELDS); field !== null; field = json.nextField(POSITION_FIELDS)) {
    if (field === 'symbol') symbol = readText(json, field);
    else if (field === 'side') sideText = readText(json, field);
    else if (field === 'size') size = readDecimal(json, field);
    else if (field === 'price') price = readDecimal(json, field);
    else if (field === 'fillTime') fillTime = readOptionalText(json, field);
    else if (field === 'unrealizedFunding') unrealizedFunding = readOptionalDecimal(json, field);
    else json.skip();
  }
  return {
    symbol: required(symbol, 'symbol', A_TEXT).toLowerCase(),
    side: side(required(sideText, 'side', A_TEXT)),
    size: required(size, 'size', A_DECIMAL),
    price: required(price, 'price', A_DECIMAL),
    fillTime,
    unrealizedFunding,
  };
}

export function openPositionsReader(): RootReader<OpenPosition[]> {
  return rootListReader('openPositions', readPosition);
}

/** Parses a whole `/openpositions` body. */
export function parseOpenPositions(text: string): OpenPosition[] {
  return readBody(text, openPositionsReader());
}
