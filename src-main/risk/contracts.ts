/**
 * What a position's symbol and instrument say about it: linear or inverse, its underlying, the
 * wallet an inverse contract settles in, and which currencies count as crypto for a market move.
 */
import type Big from 'big.js';
import { normaliseCurrencyCode } from '../kraken/currency.ts';
import { big } from '../../src-shared/decimal.ts';
import type { Instrument, OpenPosition } from '../../src-shared/account-model.ts';

export type ContractKind = 'linear' | 'inverse' | 'unknown';

/** The pair part of a symbol: `pf_xbtusd` → `xbtusd`, `fi_xbtusd_240329` → `xbtusd`. */
function pairOf(symbol: string): string {
  return symbol.toLowerCase().split('_')[1] ?? '';
}

/**
 * From the instrument's type when `/instruments` gave it, else from Kraken's symbol prefixes:
 * `pf_`/`ff_` multi-collateral linear, `pi_`/`fi_` single-collateral inverse. Vanilla contracts
 * (`fv_`, quoted in a coin) are not modelled.
 */
export function contractKind(symbol: string, instrument: Instrument | undefined): ContractKind {
  if (instrument !== undefined && instrument.type !== 'unknown') {
    return instrument.type === 'flexible_futures' ? 'linear' : instrument.type === 'futures_inverse' ? 'inverse' : 'unknown';
  }
  const prefix = symbol.toLowerCase().slice(0, 3);
  if (prefix === 'pf_' || prefix === 'ff_') return 'linear';
  if (prefix === 'pi_' || prefix === 'fi_') return 'inverse';
  return 'unknown';
}

/** The underlying's currency code (`BTC`): the instrument's base, else the symbol's pair less its quote. */
export function underlyingOf(symbol: string, instrument: Instrument | undefined): string {
  if (instrument?.base) return instrument.base.code;
  const pair = pairOf(symbol);
  return normaliseCurrencyCode(pair.endsWith('usd') ? pair.slice(0, -3) : pair);
}

/** The quote currency (`USD`), in which a linear contract's PnL and every notional are counted. */
export function quoteOf(instrument: Instrument | undefined): string {
  return instrument?.quote?.code ?? 'USD';
}

/** The single-collateral wallet an inverse contract settles in: `pi_xbtusd` → `fi_xbtusd`. */
export function walletKeyOfInverse(symbol: string): string {
  return `fi_${pairOf(symbol)}`;
}

/** Size with its direction: negative for a short. */
export function signedSize(position: OpenPosition): Big.Big {
  const size = big(position.size).abs();
  return position.side === 'short' ? size.neg() : size;
}

/** Fiat and stablecoins: held still when "every crypto price" moves. */
const NOT_CRYPTO: ReadonlySet<string> = new Set(['USD', 'USDC', 'USDT', 'DAI', 'PYUSD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'USD CREDIT']);

export function isCrypto(code: string): boolean {
  return !NOT_CRYPTO.has(code);
}
