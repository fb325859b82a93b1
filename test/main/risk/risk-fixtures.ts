/** Builders for the liquidation estimate tests: flex accounts with collateral, positions, instruments. */
import { toCurrency } from '../../../src-main/kraken/currency.ts';
import { toDecimal } from '../../../src-shared/decimal.ts';
import type { AccountSnapshot, Decimal, FlexAccount, FlexCurrency, Instrument, MarginWallet, OpenPosition } from '../../../src-shared/account-model.ts';

export const d = (value: string | number): Decimal => toDecimal(value);

export interface Holding {
  readonly code: string;
  readonly quantity: string;
  readonly value: string;
  readonly collateral: string;
}

/** A flex account as Kraken reports it: the collateral held and the account's own margin figures. */
export function flex(holdings: readonly Holding[], figures: { readonly marginEquity: string; readonly maintenanceMargin: string }): FlexAccount {
  const currencies: FlexCurrency[] = holdings.map((holding) => ({
    currency: toCurrency(holding.code),
    quantity: d(holding.quantity),
    value: d(holding.value),
    collateral: d(holding.collateral),
    available: d(holding.quantity),
    haircut: null,
  }));
  return {
    currencies,
    balanceValue: d(figures.marginEquity),
    portfolioValue: d(figures.marginEquity),
    collateralValue: d(figures.marginEquity),
    initialMargin: d(0),
    initialMarginWithOrders: d(0),
    maintenanceMargin: d(figures.maintenanceMargin),
    pnl: d(0),
    unrealizedFunding: d(0),
    totalUnrealized: d(0),
    totalUnrealizedAsMargin: d(0),
    marginEquity: d(figures.marginEquity),
    availableMargin: d(0),
    portfolioMarginBreakdown: null,
  };
}

export function position(symbol: string, side: 'long' | 'short', size: string, entry: string): OpenPosition {
  return { symbol, side, size: d(size), price: d(entry), fillTime: null, unrealizedFunding: null };
}

/** Kraken's PF_XBTUSD levels from its OpenAPI example (first three): 1 % to $500,000, 2 % to $2,000,000, then 5 %. */
export function linearInstrument(symbol: string, base: string, levels: readonly [string, string, string][] = [['0', '0.02', '0.01'], ['500000', '0.04', '0.02'], ['2000000', '0.1', '0.05']]): Instrument {
  return {
    symbol,
    type: 'flexible_futures',
    base: toCurrency(base),
    quote: toCurrency('USD'),
    levelUnit: 'quote',
    marginLevels: levels.map(([from, im, mm]) => ({ from: d(from), initialMargin: d(im), maintenanceMargin: d(mm) })),
  };
}

export function inverseWallet(figures: { readonly balance: string; readonly pv: string; readonly pnl: string; readonly mm: string; readonly triggerMm: string }): MarginWallet {
  return {
    key: 'fi_xbtusd',
    currency: toCurrency('xbt'),
    balances: [{ currency: toCurrency('xbt'), amount: d(figures.balance) }],
    contracts: [],
    portfolioValue: d(figures.pv),
    pnl: d(figures.pnl),
    availableFunds: d(0),
    funding: null,
    usd: null,
    margin: { im: d(0), mm: d(figures.mm), lt: null, tt: null },
    triggers: { im: d(0), mm: d(figures.triggerMm), lt: null, tt: null },
  };
}

export function snapshot(parts: {
  readonly flex?: FlexAccount | null;
  readonly wallets?: readonly MarginWallet[];
  readonly positions?: readonly OpenPosition[];
  readonly marks?: Readonly<Record<string, string>>;
  readonly instruments?: readonly Instrument[];
}): AccountSnapshot {
  return {
    profileId: 'p',
    fetchedAt: 0,
    serverTime: null,
    accounts: { cash: null, marginWallets: parts.wallets ?? [], flex: parts.flex ?? null, unknown: [], serverTime: null },
    subaccounts: null,
    positions: parts.positions ?? [],
    markPrices: Object.fromEntries(Object.entries(parts.marks ?? {}).map(([symbol, price]) => [symbol, d(price)])),
    instruments: Object.fromEntries((parts.instruments ?? []).map((instrument) => [instrument.symbol, instrument])),
  };
}
