/**
 * The simulated exchange's state written in Kraken's response shapes (those of the seed documents
 * and the spec examples), in the style of either the docs or real 2026 responses: BTC written `XBT`
 * or `BTC`, figures as JSON numbers (tiny ones in exponent form, like Kraken's doubles: `3.46e-9`)
 * or as decimal strings. Cash balances are strings in both, as in the spec.
 *
 * Bodies are rendered without `serverTime`: the exchange appends it when sending, so a rendered
 * body can be reused until the state changes (1,000 subaccounts are not re-rendered per request).
 */
import type { Decimal } from '../../../src-shared/account-model.ts';
import { normaliseCurrencyCode } from '../currency.ts';
import type { SimAccount, SimPosition } from './accounts.ts';
import { flexFigures, type FlexFigures } from './flex-figures.ts';
import { baseOf, instrumentKind, marginLevelsOf } from './instruments.ts';
import type { Market } from './market.ts';
import { walletFigures } from './wallet-figures.ts';
import { big, mul, ZERO } from '../../../src-shared/decimal.ts';

export interface ResponseStyle {
  /** `XBT` as in the docs, `BTC` as in real 2026 responses. */
  readonly bitcoin: 'XBT' | 'BTC';
  /** JSON numbers, or decimal strings everywhere. */
  readonly figures: 'numbers' | 'strings';
}

export const DOCS_STYLE: ResponseStyle = { bitcoin: 'XBT', figures: 'numbers' };
export const REAL_2026_STYLE: ResponseStyle = { bitcoin: 'BTC', figures: 'strings' };

export interface RenderContext {
  readonly market: Market;
  readonly haircuts: ReadonlyMap<string, Decimal>;
  readonly style: ResponseStyle;
}

const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** A figure as Kraken writes it: a JSON number with these exact digits (JSON.rawJSON), or a string. */
export function figure(value: Decimal, style: ResponseStyle): unknown {
  if (style.figures === 'strings') return value;
  const tiny = value.startsWith('0.000000') || value.startsWith('-0.000000');
  return rawJson(tiny ? big(value).toExponential() : value);
}

/** Upper-case code in the style (`XBT`/`BTC`, `EUR`). */
export function upperCode(code: string, style: ResponseStyle): string {
  const normalised = normaliseCurrencyCode(code);
  return normalised === 'BTC' ? style.bitcoin : normalised;
}

function lowerCode(code: string, style: ResponseStyle): string {
  return upperCode(code, style).toLowerCase();
}

function flexTotals(figures: FlexFigures, style: ResponseStyle): Record<string, unknown> {
  const f = (value: Decimal) => figure(value, style);
  return {
    initialMargin: f(figures.initialMargin),
    initialMarginWithOrders: f(figures.initialMargin),
    maintenanceMargin: f(figures.maintenanceMargin),
    balanceValue: f(figures.balanceValue),
    portfolioValue: f(figures.portfolioValue),
    collateralValue: f(figures.collateralValue),
    pnl: f(figures.pnl),
    unrealizedFunding: f(ZERO),
    totalUnrealized: f(figures.pnl),
    totalUnrealizedAsMargin: f(figures.pnl),
    availableMargin: f(figures.availableMargin),
    marginEquity: f(figures.marginEquity),
  };
}

/** `GET /accounts` of one account. */
export function renderAccounts(account: SimAccount, context: RenderContext): unknown {
  const { style, market } = context;
  const f = (value: Decimal) => figure(value, style);
  const accounts: Record<string, unknown> = {};
  const cash: Record<string, string> = {};
  for (const [code, amount] of account.cash) cash[code] = amount;
  accounts['cash'] = { balances: cash, type: 'cashAccount' };
  for (const wallet of account.wallets) {
    const figures = walletFigures(wallet, market);
    const balances: Record<string, unknown> = { [wallet.base]: f(wallet.balance) };
    for (const position of wallet.positions) balances[position.symbol] = f(position.size);
    accounts[wallet.key] = {
      auxiliary: { af: f(figures.af), funding: f(ZERO), pnl: f(figures.pnl), pv: f(figures.pv), usd: f(ZERO) },
      balances,
      currency: lowerCode(wallet.base, style),
      marginRequirements: { im: f(figures.margin.im), lt: f(figures.margin.lt), mm: f(figures.margin.mm), tt: f(figures.margin.tt) },
      triggerEstimates: { im: f(figures.triggers.im), lt: f(figures.triggers.lt), mm: f(figures.triggers.mm), tt: f(figures.triggers.tt) },
      type: 'marginAccount',
    };
  }
  if (account.flex !== null) {
    const figures = flexFigures(account.flex, market, context.haircuts);
    const currencies: Record<string, unknown> = {};
    for (const currency of figures.currencies) {
      currencies[upperCode(currency.code, style)] = {
        quantity: f(currency.quantity),
        value: f(currency.value),
        collateral: f(currency.collateral),
        available: f(currency.available),
      };
    }
    accounts['flex'] = { type: 'multiCollateralMarginAccount', currencies, ...flexTotals(figures, style) };
  }
  return { accounts, result: 'success' };
}

function renderSubaccount(account: SimAccount, context: RenderContext): unknown {
  const { style, market } = context;
  const f = (value: Decimal) => figure(value, style);
  // Kraken's spec requires flexAccount: an account that never used flex has an empty one, not null.
  const flex = flexFigures(account.flex ?? { holdings: new Map(), positions: [] }, market, context.haircuts);
  return {
    holdingAccounts: [...account.cash].map(([code, amount]) => ({ currency: lowerCode(code, style), amount: f(amount) })),
    futuresAccounts: account.wallets.map((wallet) => ({
      name: `f-${lowerCode(wallet.base, style)}:usd`,
      availableMargin: f(mul(walletFigures(wallet, market).af, market.usdPrice(wallet.base))),
    })),
    flexAccount: {
      currencies: flex.currencies.map((currency) => ({
        currency: lowerCode(currency.code, style),
        quantity: f(currency.quantity),
        value: f(currency.value),
        collateral: f(currency.collateral),
        available: f(currency.available),
      })),
      ...flexTotals(flex, style),
    },
    fullName: account.fullName,
    email: account.email,
    accountUid: account.uid,
  };
}

/** `GET /subaccounts` of a master account. */
export function renderSubaccounts(masterUid: string, subaccounts: readonly SimAccount[], context: RenderContext): unknown {
  return {
    result: 'success',
    masterAccountUid: masterUid,
    subaccounts: subaccounts.map((sub) => renderSubaccount(sub, context)),
  };
}

export function positionsOf(account: SimAccount): SimPosition[] {
  return [...(account.flex?.positions ?? []), ...account.wallets.flatMap((wallet) => wallet.positions)];
}

/** `GET /openpositions`: size unsigned with a side, symbols upper-case as Kraken lists them. */
export function renderOpenPositions(account: SimAccount, context: RenderContext): unknown {
  const f = (value: Decimal) => figure(value, context.style);
  return {
    result: 'success',
    openPositions: positionsOf(account).map((position) => ({
      side: position.size.startsWith('-') ? 'short' : 'long',
      symbol: position.symbol.toUpperCase(),
      price: f(position.entryPrice),
      fillTime: position.fillTime,
      size: f(position.size.replace(/^-/, '') as Decimal),
      unrealizedFunding: f(ZERO),
    })),
  };
}

/** `GET /tickers`: every listed contract with its mark price (index = mark in the simulator). */
export function renderTickers(context: RenderContext): unknown {
  const { market } = context;
  const f = (value: Decimal) => figure(value, context.style);
  return {
    result: 'success',
    tickers: market.symbols().map((symbol) => {
      const mark = market.markPrice(symbol);
      const base = baseOf(symbol);
      return {
        tag: 'perpetual',
        pair: `${upperCode(base, { ...context.style, bitcoin: 'XBT' })}:USD`,
        symbol: symbol.toUpperCase(),
        markPrice: f(mark),
        indexPrice: f(mark),
        last: f(mark),
        suspended: false,
        postOnly: false,
      };
    }),
  };
}

/**
 * `GET /instruments`: every listed contract in the shape of Kraken's example, its margin levels
 * counting `numNonContractUnits` (linear, USD notional) or `contracts` (inverse).
 */
export function renderInstruments(context: RenderContext): unknown {
  const f = (value: Decimal) => figure(value, context.style);
  return {
    result: 'success',
    instruments: context.market.symbols().map((symbol) => {
      const linear = instrumentKind(symbol) === 'linear';
      const base = upperCode(baseOf(symbol), { ...context.style, bitcoin: 'XBT' });
      return {
        symbol: symbol.toUpperCase(),
        pair: `${base}:USD`,
        base,
        quote: 'USD',
        type: linear ? 'flexible_futures' : 'futures_inverse',
        tickSize: linear ? 1 : 0.5,
        contractSize: 1,
        tradeable: true,
        marginLevels: marginLevelsOf(symbol).map((level) => ({
          [linear ? 'numNonContractUnits' : 'contracts']: f(level.from),
          initialMargin: f(level.initialMargin),
          maintenanceMargin: f(level.maintenanceMargin),
        })),
        tradfi: false,
      };
    }),
  };
}
