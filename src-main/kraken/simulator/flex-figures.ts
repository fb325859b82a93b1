/**
 * Figures of a flex (multi-collateral, USD) account, from holdings, haircuts, positions and prices,
 * following Kraken's definitions:
 *   value = quantity × USD price,  collateral = value × (1 − haircut)
 *   pnl = Σ size × (mark − entry)  (linear contracts)
 *   im, mm = Σ per position, from its margin levels on |size| × mark (./instruments.ts)
 *   portfolioValue = balanceValue + totalUnrealized
 *   marginEquity = collateralValue + totalUnrealizedAsMargin,  availableMargin = marginEquity − initialMargin
 * Simplifications: no funding (0), unrealised profit counts fully as margin, no open orders
 * (initialMarginWithOrders = initialMargin), and each currency's `available` is its quantity scaled
 * by the share of equity that is not tied up as initial margin.
 */
import type Big from 'big.js';
import { big, fromBig, ONE, ZERO } from '../../../src-shared/decimal.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import type { SimFlex } from './accounts.ts';
import { marginRequirement } from './instruments.ts';
import type { Market } from './market.ts';

export interface FlexCurrencyFigures {
  /** Normalised code (`BTC`); the renderer writes it in the response's style. */
  readonly code: string;
  readonly quantity: Decimal;
  readonly value: Decimal;
  readonly collateral: Decimal;
  readonly available: Decimal;
}

export interface FlexFigures {
  readonly currencies: readonly FlexCurrencyFigures[];
  readonly balanceValue: Decimal;
  readonly portfolioValue: Decimal;
  readonly collateralValue: Decimal;
  readonly initialMargin: Decimal;
  readonly maintenanceMargin: Decimal;
  readonly pnl: Decimal;
  readonly marginEquity: Decimal;
  readonly availableMargin: Decimal;
}

const USD_DECIMALS = 8;

export function flexFigures(flex: SimFlex, market: Market, haircuts: ReadonlyMap<string, Decimal>): FlexFigures {
  const usd = (value: Big.Big) => fromBig(value.round(USD_DECIMALS));
  let balanceValue = big(ZERO);
  let collateralValue = big(ZERO);
  const held: { code: string; quantity: Decimal; value: Big.Big; collateral: Big.Big }[] = [];
  for (const [code, quantity] of flex.holdings) {
    const value = big(quantity).times(market.usdPrice(code));
    const collateral = value.times(big(ONE).minus(haircuts.get(code) ?? ZERO));
    balanceValue = balanceValue.plus(value);
    collateralValue = collateralValue.plus(collateral);
    held.push({ code, quantity, value, collateral });
  }
  let pnl = big(ZERO);
  let initialMargin = big(ZERO);
  let maintenanceMargin = big(ZERO);
  for (const position of flex.positions) {
    const mark = market.markPrice(position.symbol);
    pnl = pnl.plus(big(position.size).times(big(mark).minus(position.entryPrice)));
    const notional = big(position.size).abs().times(mark);
    initialMargin = initialMargin.plus(marginRequirement(position.symbol, notional, 'initialMargin'));
    maintenanceMargin = maintenanceMargin.plus(marginRequirement(position.symbol, notional, 'maintenanceMargin'));
  }
  const marginEquity = collateralValue.plus(pnl);
  const availableMargin = marginEquity.minus(initialMargin);
  // Share of each holding still free for new positions or withdrawal.
  const freeShare = marginEquity.lte(0) ? big(ZERO) : availableMargin.div(marginEquity);
  const boundedShare = freeShare.lt(0) ? big(ZERO) : freeShare.gt(1) ? big(ONE) : freeShare;
  return {
    currencies: held.map(({ code, quantity, value, collateral }) => ({
      code,
      quantity,
      value: usd(value),
      collateral: usd(collateral),
      available: fromBig(big(quantity).times(boundedShare).round(10)),
    })),
    balanceValue: usd(balanceValue),
    portfolioValue: usd(balanceValue.plus(pnl)),
    collateralValue: usd(collateralValue),
    initialMargin: usd(initialMargin),
    maintenanceMargin: usd(maintenanceMargin),
    pnl: usd(pnl),
    marginEquity: usd(marginEquity),
    availableMargin: usd(availableMargin),
  };
}
