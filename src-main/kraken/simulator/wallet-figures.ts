/**
 * Figures of a single-collateral inverse wallet (all in the base coin), from balance, positions and
 * mark price:
 *   pnl = Σ size × (1/entry − 1/mark)         (inverse contracts of $1)
 *   pv  = balance + pnl,  im/mm = Σ R_i / mark with R_i the USD requirement of |size_i| contracts
 *   from the contract's margin levels (./instruments.ts),  af = pv − im
 *   trigger(R) = the mark price where pv = R / mark, solved for mark:
 *                mark = (S + R) / (balance + Σ size/entry), 0 when there is no position
 *                or no such price (Kraken's "0 means no position").
 * Legacy lt/tt are reported at ¾ and ½ of the maintenance rate.
 */
import type Big from 'big.js';
import { big, fromBig, ONE, ZERO } from '../../../src-shared/decimal.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import type { SimWallet } from './accounts.ts';
import { marginRequirement } from './instruments.ts';
import type { Market } from './market.ts';

export interface WalletFigures {
  readonly pnl: Decimal;
  readonly pv: Decimal;
  readonly af: Decimal;
  readonly margin: { readonly im: Decimal; readonly mm: Decimal; readonly lt: Decimal; readonly tt: Decimal };
  readonly triggers: { readonly im: Decimal; readonly mm: Decimal; readonly lt: Decimal; readonly tt: Decimal };
}

const PRICE_DECIMALS = 2;
const COIN_DECIMALS = 10;

export function walletFigures(wallet: SimWallet, market: Market): WalletFigures {
  let pnl = big(ZERO);
  let contracts = big(ZERO);
  let sizeOverEntry = big(ZERO);
  let im = big(ZERO);
  let mm = big(ZERO);
  let initialUsd = big(ZERO);
  let maintenanceUsd = big(ZERO);
  for (const position of wallet.positions) {
    const mark = big(market.markPrice(position.symbol));
    const size = big(position.size);
    pnl = pnl.plus(size.times(big(ONE).div(position.entryPrice).minus(big(ONE).div(mark))));
    contracts = contracts.plus(size);
    sizeOverEntry = sizeOverEntry.plus(size.div(position.entryPrice));
    const initial = marginRequirement(position.symbol, size.abs(), 'initialMargin');
    const maintenance = marginRequirement(position.symbol, size.abs(), 'maintenanceMargin');
    initialUsd = initialUsd.plus(initial);
    maintenanceUsd = maintenanceUsd.plus(maintenance);
    im = im.plus(initial.div(mark));
    mm = mm.plus(maintenance.div(mark));
  }
  const pv = big(wallet.balance).plus(pnl);
  const trigger = (requirement: Big.Big): Decimal => {
    const denominator = big(wallet.balance).plus(sizeOverEntry);
    if (contracts.eq(0) || denominator.eq(0)) return ZERO;
    const price = contracts.plus(requirement).div(denominator);
    return price.gt(0) ? fromBig(price.round(PRICE_DECIMALS)) : ZERO;
  };
  const coin = (value: Big.Big) => fromBig(value.round(COIN_DECIMALS));
  return {
    pnl: coin(pnl),
    pv: coin(pv),
    af: coin(pv.minus(im)),
    margin: { im: coin(im), mm: coin(mm), lt: coin(mm.times('0.75')), tt: coin(mm.times('0.5')) },
    triggers: {
      im: trigger(initialUsd),
      mm: trigger(maintenanceUsd),
      lt: trigger(maintenanceUsd.times('0.75')),
      tt: trigger(maintenanceUsd.times('0.5')),
    },
  };
}
