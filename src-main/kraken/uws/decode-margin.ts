/**
 * The `margin` channel's messages → the model the REST source produces. Each message replaces one
 * section, named by its `type`: `multi_collateral` (the flex wallet → `FlexAccount`) or
 * `single_collateral` (the single-collateral wallets, keyed by name like `F-XBT:USD` → `MarginWallet`s).
 *
 * A figure sent under none of its names is '0' in the model and named in `missing`
 * (`marginEquity`, `currencies.XBT.quantity`, `F-XBT:USD.portfolioValue`); `missingForHealth` names
 * those health is computed from, and while it is not empty the account's health is unknown, never
 * healthy. v1's `initial_margin` seems to include orders and `initial_margin_without_orders` not, so
 * each is read as the REST figure it seems to be, and either stands in for the other when alone.
 */
import { z } from 'zod';
import { toCurrency } from '../currency.ts';
import { ZERO } from '../../../src-shared/decimal.ts';
import { decodeAt, keyedList } from '../decode/schema.ts';
import type { Decimal, FlexAccount, FlexCurrency, MarginWallet } from '../../../src-shared/account-model.ts';
import { impliedHaircut } from '../parse-flex.ts';
import { figures, firstText, unwrapped, type Figures } from './decode-figures.ts';

export interface FlexMargin {
  readonly type: 'multi_collateral';
  readonly flex: FlexAccount;
  readonly missing: readonly string[];
  readonly missingForHealth: readonly string[];
  /** Fields under no known name, by where they stood (`''` for the account, `currencies.XBT`). */
  readonly unknown: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface WalletMargin {
  readonly type: 'single_collateral';
  readonly wallets: readonly MarginWallet[];
  readonly missing: readonly string[];
  readonly missingForHealth: readonly string[];
  /** Fields under no known name, by wallet name. */
  readonly unknown: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const FLEX_TOTALS = figures(
  {
    balanceValue: ['balance_value'],
    portfolioValue: ['portfolio_value'],
    collateralValue: ['collateral_value'],
    initialMargin: ['initial_margin_without_orders', 'initial_margin'],
    initialMarginWithOrders: ['initial_margin_with_orders', 'initial_margin', 'initial_margin_without_orders'],
    maintenanceMargin: ['maintenance_margin'],
    pnl: [],
    unrealizedFunding: ['unrealized_funding'],
    totalUnrealized: ['total_unrealized'],
    totalUnrealizedAsMargin: ['total_unrealized_as_margin'],
    marginEquity: ['margin_equity'],
    availableMargin: ['available_margin'],
  },
  ['currencies', 'portfolioMarginBreakdown', 'portfolio_margin_breakdown'],
);

const FLEX_HEALTH = ['marginEquity', 'maintenanceMargin'] as const;

const FLEX_CURRENCY = figures({ quantity: [], value: [], collateral: ['collateral_value'], available: [], haircut: [] }, ['currency', 'asset', 'code']);

const FLEX_CURRENCIES = keyedList(['currency', 'asset', 'code'], FLEX_CURRENCY);

function valueOf<Name extends string>(read: Figures<Name>, name: Name): Decimal {
  return read.values[name] ?? ZERO;
}

const multiCollateral = unwrapped.transform((data, context): Omit<FlexMargin, 'type'> => {
  const totals = decodeAt(FLEX_TOTALS, data, context, []);
  const listed = (data as Record<string, unknown> | null)?.['currencies'];
  const currencies = listed === undefined ? [] : decodeAt(FLEX_CURRENCIES, listed, context, ['currencies']);
  if (context.issues.length > 0) return z.NEVER;
  const missing: string[] = [...totals.missing];
  const unknown: Record<string, Readonly<Record<string, unknown>>> = {};
  if (Object.keys(totals.unknown).length > 0) unknown[''] = totals.unknown;
  const flexCurrencies = currencies.map(({ code, value: read }): FlexCurrency => {
    const where = `currencies.${code}`;
    missing.push(...read.missing.filter((name) => name !== 'haircut').map((name) => `${where}.${name}`));
    if (Object.keys(read.unknown).length > 0) unknown[where] = read.unknown;
    const { value, collateral } = read.values;
    return {
      currency: toCurrency(code),
      quantity: valueOf(read, 'quantity'),
      value: valueOf(read, 'value'),
      collateral: valueOf(read, 'collateral'),
      available: valueOf(read, 'available'),
      haircut: value !== null && collateral !== null ? impliedHaircut(collateral, value) : read.values.haircut,
    };
  });
  if (listed === undefined) missing.push('currencies');
  const flex: FlexAccount = {
    currencies: flexCurrencies,
    balanceValue: valueOf(totals, 'balanceValue'),
    portfolioValue: valueOf(totals, 'portfolioValue'),
    collateralValue: valueOf(totals, 'collateralValue'),
    initialMargin: valueOf(totals, 'initialMargin'),
    initialMarginWithOrders: valueOf(totals, 'initialMarginWithOrders'),
    maintenanceMargin: valueOf(totals, 'maintenanceMargin'),
    pnl: valueOf(totals, 'pnl'),
    unrealizedFunding: valueOf(totals, 'unrealizedFunding'),
    totalUnrealized: valueOf(totals, 'totalUnrealized'),
    totalUnrealizedAsMargin: valueOf(totals, 'totalUnrealizedAsMargin'),
    marginEquity: valueOf(totals, 'marginEquity'),
    availableMargin: valueOf(totals, 'availableMargin'),
    portfolioMarginBreakdown: null,
  };
  return { flex, missing, missingForHealth: FLEX_HEALTH.filter((name) => totals.missing.includes(name)), unknown };
});

const WALLET = figures(
  {
    portfolioValue: ['portfolio_value', 'pv'],
    balance: [],
    pnl: [],
    availableFunds: ['available', 'af'],
    funding: ['unrealized_funding'],
    initialMargin: ['initial_margin', 'im'],
    maintenanceMargin: ['maintenance_margin', 'mm'],
  },
  ['name', 'pair', 'unit', 'currency'],
);

/** What a single-collateral wallet's health is computed from (pv / mm). */
const WALLET_HEALTH = ['portfolioValue', 'maintenanceMargin'] as const;
/** Figures REST may leave out too: absent means null in the model, not missing. */
const WALLET_OPTIONAL = new Set<string>(['funding']);

/** `F-XBT:USD` → `XBT`: the wallet's collateral (its margin currency) when no `unit` is sent. */
const WALLET_NAME = /^F-([^:]+):/i;

const WALLET_ITEM = z.any().transform((raw: unknown, context) => ({ read: decodeAt(WALLET, raw, context, []), unit: firstText(raw, ['unit', 'currency']) }));

const singleCollateral = keyedList(['name', 'wallet'], WALLET_ITEM).transform((wallets): Omit<WalletMargin, 'type'> => {
  const missing: string[] = [];
  const missingForHealth: string[] = [];
  const unknown: Record<string, Readonly<Record<string, unknown>>> = {};
  const models = wallets.map(({ code: key, value: { read, unit } }): MarginWallet => {
    const absent = read.missing.filter((name) => !WALLET_OPTIONAL.has(name));
    missing.push(...absent.map((name) => `${key}.${name}`));
    missingForHealth.push(...WALLET_HEALTH.filter((name) => absent.includes(name)).map((name) => `${key}.${name}`));
    if (Object.keys(read.unknown).length > 0) unknown[key] = read.unknown;
    const currency = toCurrency(unit ?? WALLET_NAME.exec(key)?.[1] ?? key);
    return {
      key,
      currency,
      balances: read.values.balance === null ? [] : [{ currency, amount: read.values.balance }],
      contracts: [],
      portfolioValue: valueOf(read, 'portfolioValue'),
      pnl: valueOf(read, 'pnl'),
      availableFunds: valueOf(read, 'availableFunds'),
      funding: read.values.funding,
      usd: null,
      margin: { im: valueOf(read, 'initialMargin'), mm: valueOf(read, 'maintenanceMargin'), lt: null, tt: null },
      // No liquidation estimate is known on UWS: 0 is the model's "no estimate".
      triggers: { im: ZERO, mm: ZERO, lt: null, tt: null },
    };
  });
  return { wallets: models, missing, missingForHealth, unknown };
});

/** The `data` of a margin message of `type`, or null for a type this app does not know. */
export function marginSchema(type: string) {
  if (type === 'multi_collateral') return multiCollateral.transform((read): FlexMargin => ({ type, ...read }));
  if (type === 'single_collateral') return singleCollateral.transform((read): WalletMargin => ({ type, ...read }));
  return null;
}

export type MarginMessage = FlexMargin | WalletMargin;
