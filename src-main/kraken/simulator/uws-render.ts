/**
 * The simulated exchange's state as Unified WebSocket messages of the `margin`, `positions` and
 * `balances` channels, from the same account state and the same figure functions as its REST
 * answers (./flex-figures.ts, ./wallet-figures.ts), so one simulated account shows the same figures
 * both ways.
 *
 * Kraken's UWS field lists are not published: the names are the Derivatives WebSocket v1 names
 * (snake_case), the best guess in the notes, with UWS's documented `size` and `entry_price` for
 * positions, and Spot v2's `balances` template. Each function returns the message's `data`.
 */
import { big, fromBig, ONE, ZERO } from '../../../src-shared/decimal.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import type { SimAccount, SimPosition } from './accounts.ts';
import { flexFigures } from './flex-figures.ts';
import { baseOf, instrumentKind, marginRequirement } from './instruments.ts';
import { figure, positionsOf, upperCode, type RenderContext } from './render.ts';
import { walletFigures } from './wallet-figures.ts';

/** `data` of the `multi_collateral` margin message, or null for an account without a flex wallet. */
export function renderMultiCollateral(account: SimAccount, context: RenderContext): Record<string, unknown> | null {
  if (account.flex === null) return null;
  const { style } = context;
  const f = (value: Decimal) => figure(value, style);
  const figures = flexFigures(account.flex, context.market, context.haircuts);
  const currencies: Record<string, unknown> = {};
  for (const currency of figures.currencies) {
    currencies[upperCode(currency.code, style)] = {
      quantity: f(currency.quantity),
      value: f(currency.value),
      collateral_value: f(currency.collateral),
      available: f(currency.available),
      haircut: f(context.haircuts.get(currency.code) ?? ZERO),
      conversion_spread: f(ZERO),
    };
  }
  return {
    balance_value: f(figures.balanceValue),
    portfolio_value: f(figures.portfolioValue),
    collateral_value: f(figures.collateralValue),
    initial_margin: f(figures.initialMargin),
    initial_margin_without_orders: f(figures.initialMargin),
    maintenance_margin: f(figures.maintenanceMargin),
    pnl: f(figures.pnl),
    unrealized_funding: f(ZERO),
    total_unrealized: f(figures.pnl),
    total_unrealized_as_margin: f(figures.pnl),
    margin_equity: f(figures.marginEquity),
    available_margin: f(figures.availableMargin),
    currencies,
  };
}

/** `F-XBT:USD` for the wallet `fi_xbtusd`. */
function walletName(base: string, context: RenderContext): string {
  return `F-${upperCode(base, context.style)}:USD`;
}

/** `data` of the `single_collateral` margin message: every single-collateral wallet, by name. */
export function renderSingleCollateral(account: SimAccount, context: RenderContext): Record<string, unknown> {
  const f = (value: Decimal) => figure(value, context.style);
  const wallets: Record<string, unknown> = {};
  for (const wallet of account.wallets) {
    const figures = walletFigures(wallet, context.market);
    const name = walletName(wallet.base, context);
    wallets[name] = {
      name,
      pair: `${upperCode(wallet.base, context.style)}/USD`,
      unit: upperCode(wallet.base, context.style),
      portfolio_value: f(figures.pv),
      balance: f(wallet.balance),
      maintenance_margin: f(figures.margin.mm),
      initial_margin: f(figures.margin.im),
      available: f(figures.af),
      unrealized_funding: f(ZERO),
      pnl: f(figures.pnl),
    };
  }
  return wallets;
}

/** One position as the `positions` channel lists it; `withMargin` adds its margin and risk figures. */
function renderPosition(position: SimPosition, context: RenderContext, withMargin: boolean): Record<string, unknown> {
  const f = (value: Decimal) => figure(value, context.style);
  const mark = big(context.market.markPrice(position.symbol));
  const size = big(position.size);
  const inverse = instrumentKind(position.symbol) === 'inverse';
  const rendered: Record<string, unknown> = {
    instrument: position.symbol.toUpperCase(),
    size: f(position.size),
    entry_price: f(position.entryPrice),
  };
  if (!withMargin) return rendered;
  // linear: size in coin, PnL and margin in USD; inverse: size in $1 contracts, PnL and margin in coin
  const pnl = inverse ? size.times(big(ONE).div(position.entryPrice).minus(big(ONE).div(mark))) : size.times(mark.minus(position.entryPrice));
  // Margin levels count contracts (inverse, requirement in USD turned into coin) or USD notional (linear).
  const requirement = (rate: 'initialMargin' | 'maintenanceMargin') =>
    inverse ? marginRequirement(position.symbol, size.abs(), rate).div(mark) : marginRequirement(position.symbol, size.abs().times(mark), rate);
  const round = (value: ReturnType<typeof big>) => fromBig(value.round(10));
  return {
    ...rendered,
    mark_price: f(fromBig(mark)),
    index_price: f(fromBig(mark)),
    pnl: f(round(pnl)),
    pnl_currency: inverse ? upperCode(baseOf(position.symbol), context.style) : 'USD',
    unrealized_funding: f(ZERO),
    initial_margin: f(round(requirement('initialMargin'))),
    initial_margin_with_orders: f(round(requirement('initialMargin'))),
    maintenance_margin: f(round(requirement('maintenanceMargin'))),
  };
}

/** Every open position of the account, keyed by instrument (the unit of a positions update). */
export function renderPositions(account: SimAccount, context: RenderContext, withMargin: boolean): Map<string, Record<string, unknown>> {
  const positions = new Map<string, Record<string, unknown>>();
  for (const position of positionsOf(account)) {
    positions.set(position.symbol.toUpperCase(), renderPosition(position, context, withMargin));
  }
  return positions;
}

/** A position that closed: its instrument with size 0, as Kraken documents. */
export function closedPosition(instrument: string, context: RenderContext): Record<string, unknown> {
  return { instrument, size: figure(ZERO, context.style) };
}

export interface BalanceWallet {
  readonly asset: string;
  readonly type: 'spot' | 'futures';
  readonly id: string;
  readonly balance: Decimal;
}

/** Every wallet balance of the account: holding (spot) cash, flex collateral, single-collateral wallets. */
export function balanceWallets(account: SimAccount, context: RenderContext): BalanceWallet[] {
  const wallets: BalanceWallet[] = [];
  for (const [code, amount] of account.cash) wallets.push({ asset: upperCode(code, context.style), type: 'spot', id: 'main', balance: amount });
  for (const [code, quantity] of account.flex?.holdings ?? []) wallets.push({ asset: upperCode(code, context.style), type: 'futures', id: 'flex', balance: quantity });
  for (const wallet of account.wallets) {
    wallets.push({ asset: upperCode(wallet.base, context.style), type: 'futures', id: walletName(wallet.base, context), balance: wallet.balance });
  }
  return wallets;
}

/** `data` of the balances snapshot: one entry per asset with its wallets (Spot v2's shape). */
export function renderBalancesSnapshot(wallets: readonly BalanceWallet[], context: RenderContext): unknown[] {
  const f = (value: Decimal) => figure(value, context.style);
  const byAsset = new Map<string, BalanceWallet[]>();
  for (const wallet of wallets) byAsset.set(wallet.asset, [...(byAsset.get(wallet.asset) ?? []), wallet]);
  return [...byAsset].map(([asset, held]) => ({
    asset,
    asset_class: 'currency',
    balance: f(held.reduce((sum, wallet) => fromBig(big(sum).plus(wallet.balance)), ZERO)),
    wallets: held.map((wallet) => ({ type: wallet.type, id: wallet.id, balance: f(wallet.balance) })),
  }));
}

/** One balances update entry (Spot v2's ledger shape) for a wallet whose balance moved. */
export function renderBalanceUpdate(wallet: BalanceWallet, previous: Decimal, ledgerId: string, time: string, context: RenderContext): unknown {
  const f = (value: Decimal) => figure(value, context.style);
  return {
    ledger_id: ledgerId,
    ref_id: ledgerId,
    timestamp: time,
    type: 'adjustment',
    subtype: '',
    category: 'adjustment',
    asset: wallet.asset,
    asset_class: 'currency',
    wallet_type: wallet.type,
    wallet_id: wallet.id,
    amount: f(fromBig(big(wallet.balance).minus(previous))),
    fee: f(ZERO),
    balance: f(wallet.balance),
  };
}
