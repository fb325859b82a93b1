/**
 * A private Unified WebSocket data frame (its raw text, as the connection hands it on) → the
 * decoded message of its channel, in the model the REST source produces:
 *
 *   const message = decodeUwsFrame(frame.frame);
 *   if (message?.channel === 'margin' && message.type === 'multi_collateral') use(message.flex, message.missingForHealth);
 *
 * - `margin` → ./decode-margin.ts (`FlexMargin` | `WalletMargin`, or `UnknownMargin` kept raw for
 *   a type this app does not know), `positions` → ./decode-positions.ts, `balances` →
 *   ./decode-balances.ts. ./uws-account-state.ts keeps what they say per channel.
 * - null for what carries no account data here: heartbeats, other channels, positions and
 *   balances messages of an unknown type.
 * - Numbers are read exactly (decimal strings or JSON numbers), each figure under its candidate
 *   names; figures not sent (or sent as something that is not a number) are listed in `missing`,
 *   never a silent zero; unknown fields kept raw.
 * - A frame that is not JSON, or that lacks what nothing can be said without (a position's
 *   symbol or size, an object where an object belongs), throws a SchemaError naming the JSON
 *   path: the caller keeps its last good state.
 */
import { z } from 'zod';
import { decodeAt, decodeJson, object, optionalText, text } from '../decode/schema.ts';
import { SchemaError } from '../errors.ts';
import { balancesSchema, type BalancesMessage } from './decode-balances.ts';
import { marginSchema, type MarginMessage } from './decode-margin.ts';
import { positionsSchema, type PositionsMessage } from './decode-positions.ts';

export type UwsMessage =
  | ({ readonly channel: 'margin' } & MarginMessage)
  | ({ readonly channel: 'positions' } & PositionsMessage)
  | ({ readonly channel: 'balances' } & BalancesMessage);

function dataSchema(channel: string, type: string | null) {
  if (channel === 'margin') return marginSchema(type);
  if (type !== 'snapshot' && type !== 'update') return null;
  if (channel === 'positions') return positionsSchema(type);
  if (channel === 'balances') return balancesSchema(type);
  return null;
}

const frameSchema = object({ channel: text, type: optionalText, data: z.unknown().optional() }).transform((frame, context): UwsMessage | null => {
  const schema = dataSchema(frame.channel, frame.type);
  if (schema === null) return null;
  const data: unknown = decodeAt(schema as z.ZodType, frame.data, context, ['data']);
  return { channel: frame.channel, ...(data as object) } as UwsMessage;
});

export function decodeUwsFrame(frame: string): UwsMessage | null {
  try {
    return decodeJson(frameSchema, frame);
  } catch (error) {
    if (error instanceof SyntaxError) throw new SchemaError('the message', 'JSON');
    throw error;
  }
}
