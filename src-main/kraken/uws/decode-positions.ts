/**
 * The `positions` channel's messages → the `OpenPosition`s the REST source produces. `type` is
 * `snapshot` (every open position) or `update` (only those that changed); `data.futures` lists them
 * (`data.options` is not a futures position and is left alone). A position whose size is 0 closed:
 * it is named in `closed`, not listed. UWS sends a signed `size` where REST sends a side: a
 * negative size is a short. The symbol and size are required (nothing can be said without them);
 * an entry price sent under none of its names is '0' in the model and named in `missing`.
 * `with_margin` adds per-position figures: the mark price is kept in `markPrices`, the rest raw.
 */
import { z } from 'zod';
import { isNegative, isZero, neg, ZERO } from '../../../src-shared/decimal.ts';
import { A_DECIMAL, A_TEXT, AN_OBJECT, decodeAt, isPlainObject, list, refuse } from '../decode/schema.ts';
import type { Decimal, OpenPosition } from '../../../src-shared/account-model.ts';
import { positionSide } from '../parse-positions.ts';
import { figures, firstText } from './decode-figures.ts';

export interface PositionsMessage {
  readonly type: 'snapshot' | 'update';
  /** Open positions, symbols lower-case as in REST (`pf_xbtusd`). */
  readonly positions: readonly OpenPosition[];
  /** Symbols (lower-case) of positions that closed: size 0. */
  readonly closed: readonly string[];
  /** Mark prices sent with the positions (`with_margin`), by lower-case symbol. */
  readonly markPrices: Readonly<Record<string, Decimal>>;
  /** Figures sent under none of their names, as `<symbol>.<figure>`. */
  readonly missing: readonly string[];
  /** Fields under no known name, by lower-case symbol. */
  readonly unknown: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The message's time field as sent (the server time of the figures), null when not sent. */
  readonly time: string | null;
}

const SYMBOL_NAMES = ['instrument', 'symbol'];
const SIDE_NAMES = ['side', 'direction'];
const FILL_TIME_NAMES = ['fill_time', 'fillTime'];

const POSITION_FIGURES = figures(
  { size: ['balance', 'qty', 'quantity'], price: ['entry_price', 'entryPrice', 'average_price'], unrealizedFunding: ['unrealized_funding'], markPrice: ['mark_price'] },
  [...SYMBOL_NAMES, ...SIDE_NAMES, ...FILL_TIME_NAMES],
);

/** One position: a symbol under one of its names and a size are required, nothing can be said without them. */
const position = z.any().transform((raw: unknown, context) => {
  if (!isPlainObject(raw)) return refuse(context.issues, raw, AN_OBJECT);
  const symbol = firstText(raw, SYMBOL_NAMES);
  const read = decodeAt(POSITION_FIGURES, raw, context, []);
  if (context.issues.length > 0) return z.NEVER;
  if (symbol === null) return refuse(context.issues, raw, A_TEXT, [SYMBOL_NAMES[0] as string]);
  if (read.values.size === null) return refuse(context.issues, raw, A_DECIMAL, ['size']);
  return { symbol: symbol.toLowerCase(), size: read.values.size, read, side: firstText(raw, SIDE_NAMES), fillTime: firstText(raw, FILL_TIME_NAMES) };
});

const positionsData = z
  .any()
  .transform((data: unknown) => (isPlainObject(data) ? (data['futures'] ?? []) : data))
  .pipe(list(position));

export function positionsSchema(type: 'snapshot' | 'update') {
  return z.any().transform((data: unknown, context): PositionsMessage => {
    const listed = decodeAt(positionsData, data, context, []);
    if (context.issues.length > 0) return z.NEVER;
    const positions: OpenPosition[] = [];
    const closed: string[] = [];
    const markPrices: Record<string, Decimal> = {};
    const missing: string[] = [];
    const unknown: Record<string, Readonly<Record<string, unknown>>> = {};
    for (const { symbol, size, read, side, fillTime } of listed) {
      if (Object.keys(read.unknown).length > 0) unknown[symbol] = read.unknown;
      if (read.values.markPrice !== null) markPrices[symbol] = read.values.markPrice;
      if (isZero(size)) {
        closed.push(symbol);
        continue;
      }
      if (read.values.price === null) missing.push(`${symbol}.price`);
      positions.push({
        symbol,
        side: side === null ? (isNegative(size) ? 'short' : 'long') : positionSide(side.toLowerCase()),
        size: isNegative(size) ? neg(size) : size,
        price: read.values.price ?? ZERO,
        fillTime,
        unrealizedFunding: read.values.unrealizedFunding,
      });
    }
    return { type, positions, closed, markPrices, missing, unknown, time: firstText(data, ['time', 'timestamp']) };
  });
}

