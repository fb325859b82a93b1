/**
 * A position's unrealised PnL and notional at a mark price (Kraken's definitions):
 *   linear:  PnL = size × (mark − entry)          in the quote currency, notional |size| × mark
 *   inverse: PnL = size × (1/entry − 1/mark)      in the base coin,      notional |size| (contracts of 1 USD)
 * with size negative for a short.
 */
import type Big from 'big.js';
import { big, fromBig, ONE } from '../../src-shared/decimal.ts';
import type { Decimal } from '../../src-shared/account-model.ts';
import type { ContractKind } from './contracts.ts';

/** Coin amounts from a division: finer than a satoshi. */
const COIN_PLACES = 10;

export function unrealisedPnl(kind: Exclude<ContractKind, 'unknown'>, size: Big.Big, entry: Decimal, mark: Decimal): Decimal {
  if (kind === 'linear') return fromBig(size.times(big(mark).minus(entry)));
  return fromBig(size.times(big(ONE).div(entry).minus(big(ONE).div(mark))).round(COIN_PLACES));
}

export function notionalOf(kind: Exclude<ContractKind, 'unknown'>, size: Big.Big, mark: Decimal): Decimal {
  return kind === 'linear' ? fromBig(size.abs().times(mark)) : fromBig(size.abs());
}
