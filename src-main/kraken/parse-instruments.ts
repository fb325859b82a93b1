/**
 * `GET /instruments` → `Instrument[]` (public; what the liquidation estimate needs of each
 * contract: its type, base and quote, and its margin levels), on the decoding toolkit of ./decode/.
 *
 * Kraken lists indices too (no margin levels) and adds fields without notice; only `symbol` is
 * required. A level counts `contracts` (inverse and vanilla futures) or `numNonContractUnits`
 * (quote-currency units, flexible futures). A contract whose levels are incomplete keeps no levels,
 * so its positions get no estimate (and say why) instead of a wrong one.
 */
import { toCurrency } from './currency.ts';
import { decodeJson, list, object, optionalDecimal, optionalText, text } from './decode/schema.ts';
import type { Instrument, MarginLevel } from '../../src-shared/account-model.ts';

const MarginLevelSchema = object({
  contracts: optionalDecimal,
  numNonContractUnits: optionalDecimal,
  initialMargin: optionalDecimal,
  maintenanceMargin: optionalDecimal,
});

const TYPES: ReadonlySet<string> = new Set(['flexible_futures', 'futures_inverse', 'futures_vanilla']);

const InstrumentSchema = object({
  symbol: text,
  type: optionalText,
  base: optionalText,
  quote: optionalText,
  marginLevels: list(MarginLevelSchema).nullish(),
}).transform((raw): Instrument => {
  const levels = raw.marginLevels ?? [];
  const levelUnit = levels.some((level) => level.numNonContractUnits !== null) ? 'quote' : 'contracts';
  const marginLevels: MarginLevel[] = [];
  for (const level of levels) {
    const from = levelUnit === 'quote' ? level.numNonContractUnits : level.contracts;
    if (from === null || level.initialMargin === null || level.maintenanceMargin === null) {
      marginLevels.length = 0;
      break;
    }
    marginLevels.push({ from, initialMargin: level.initialMargin, maintenanceMargin: level.maintenanceMargin });
  }
  return {
    symbol: raw.symbol.toLowerCase(),
    type: raw.type !== null && TYPES.has(raw.type) ? (raw.type as Instrument['type']) : 'unknown',
    base: raw.base === null ? null : toCurrency(raw.base),
    quote: raw.quote === null ? null : toCurrency(raw.quote),
    levelUnit,
    marginLevels,
  };
});

export const instrumentsBody = object({ instruments: list(InstrumentSchema) }).transform((body) => body.instruments);

/** Parses a whole `/instruments` body. */
export function parseInstruments(body: string): Instrument[] {
  return decodeJson(instrumentsBody, body);
}
