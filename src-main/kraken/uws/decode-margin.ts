/**
 * The `margin` channel's messages → the model the REST source produces. Each message replaces one
 * section, named by its `type`: `multi_collateral` (the flex wallet → `FlexAccount`) or
 * `single_collateral` (the single-collateral wallets, named like `F-XBT:USD` → `MarginWallet`s keyed
 * as REST keys them, `fi_xbtusd`, because history and alert rules join on that key). Any other type
 * (a Unified Wallet account, say) is kept raw, to be shown rather than fail.
 *
 * A figure sent under none of its names is '0' in the model and named in `missing`
 * (`marginEquity`, `currencies.XBT.quantity`, `fi_xbtusd.portfolioValue`); `missingForHealth` says,
 * by account key (`flex`, `wallet:fi_xbtusd`), which of the figures health is computed from
 * (src-main/monitor/health.ts) were not sent, in words for the user: while one is, that account's
 * health is unknown, never healthy. v1's `initial_margin` seems to include orders and
 * `initial_margin_without_orders` not, so each is read as the REST figure it seems to be, and either
 * stands in for the other when alone.
 */
import { z } from 'zod';
import { toCurrency } from '../currency.ts';
import { ZERO } from '../../../src-shared/decimal.ts';
import { decodeAt, isPlainObject, keyedList } from '../decode/schema.ts';
import type { Decimal, FlexAccount, FlexCurrency, MarginWallet } from '../../../src-shared/account-model.ts';
import { impliedHaircut, portfolioMarginBreakdown } from '../parse-flex.ts';
import { numbersAsText } from '../decode/exact-json.ts';
import { describeFigure, figures, firstText, unwrapped, type Candidates, type Figures } from './decode-figures.ts';

/** By account key (`flex`, `wallet:fi_xbtusd`): the health figures not sent, in words. */
export type MissingForHealth = Readonly<Record<string, readonly string[]>>;

export interface FlexMargin {
  readonly type: 'multi_collateral';
  readonly flex: FlexAccount;
  readonly missing: readonly string[];
  readonly missingForHealth: MissingForHealth;
  /** Fields under no known name, by where they stood (`''` for the account, `currencies.XBT`). */
  readonly unknown: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface WalletMargin {
  readonly type: 'single_collateral';
  readonly wallets: readonly MarginWallet[];
  readonly missing: readonly string[];
  readonly missingForHealth: MissingForHealth;
  /** Fields under no known name, by wallet key. */
  readonly unknown: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const FLEX_NAMES = {
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
} satisfies Candidates<string>;

const FLEX_TOTALS = figures(FLEX_NAMES, ['currencies', 'portfolioMarginBreakdown', 'portfolio_margin_breakdown']);

/** What flex health is computed from (flexHealth in src-main/monitor/health.ts). */
const FLEX_HEALTH = ['marginEquity', 'maintenanceMargin', 'initialMargin', 'initialMarginWithOrders'] as const;

/** The figures of `health` that `read` lacks, in words, under `accountKey`; nothing when all were sent. */
function healthGaps<Name extends string>(accountKey: string, read: Figures<Name>, health: readonly Name[], names: Candidates<Name>): MissingForHealth {
  const gaps = health.filter((name) => read.missing.includes(name)).map((name) => describeFigure(name, names[name]));
  return gaps.length === 0 ? {} : { [accountKey]: gaps };
}

const FLEX_CURRENCY = figures({ quantity: [], value: [], collateral: ['collateral_value'], available: [], haircut: [] }, ['currency', 'asset', 'code']);

const FLEX_CURRENCIES = keyedList(['currency', 'asset', 'code'], FLEX_CURRENCY);

function valueOf<Name extends string>(read: Figures<Name>, name: Name): Decimal {
  return read.values[name] ?? ZERO;
}

const multiCollateral = unwrapped.transform((data, context): Omit<FlexMargin, 'type'> => {
  const totals = decodeAt(FLEX_TOTALS, data, context, []);
  const fields: Record<string, unknown> = isPlainObject(data) ? data : {};
  const listed = fields['currencies'];
  const currencies = listed === undefined ? [] : decodeAt(FLEX_CURRENCIES, listed, context, ['currencies']);
  const breakdownField = ['portfolioMarginBreakdown', 'portfolio_margin_breakdown'].find((name) => fields[name] !== undefined);
  const breakdown = breakdownField === undefined ? null : decodeAt(portfolioMarginBreakdown, fields[breakdownField], context, [breakdownField]);
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
    portfolioMarginBreakdown: breakdown,
  };
  return { flex, missing, missingForHealth: healthGaps('flex', totals, FLEX_HEALTH, FLEX_NAMES), unknown };
});

const WALLET_NAMES = {
    portfolioValue: ['portfolio_value', 'pv'],
    balance: [],
    pnl: [],
    availableFunds: ['available', 'af'],
    funding: ['unrealized_funding'],
    initialMargin: ['initial_margin', 'im'],
    maintenanceMargin: ['maintenance_margin', 'mm'],
} satisfies Candidates<string>;

const WALLET = figures(WALLET_NAMES, ['name', 'pair', 'unit', 'currency']);

/** What a single-collateral wallet's health is computed from (marginWalletHealth in src-main/monitor/health.ts). */
const WALLET_HEALTH = ['portfolioValue', 'maintenanceMargin', 'initialMargin'] as const;
/** Figures REST may leave out too: absent means null in the model, not missing. */
const WALLET_OPTIONAL = new Set<string>(['funding']);

const WALLET_NAME = /^F-([A-Za-z0-9]+):([A-Za-z]+)$/i;

/**
 * A wallet's key as REST has it: `F-XBT:USD` (or `F-BTC:USD`) → `fi_xbtusd` (history and alert
 * rules join both sources on it; REST's keys, like contract symbols, write bitcoin `xbt`); a name in
 * another form, REST's own included, lower-cased as sent.
 */
export function walletKeyOf(name: string): string {
  const match = WALLET_NAME.exec(name.trim());
  if (match === null) return name.trim().toLowerCase();
  const base = toCurrency(match[1]!).code === 'BTC' ? 'xbt' : match[1]!.toLowerCase();
  return `fi_${base}${match[2]!.toLowerCase()}`;
}

/** The wallet's collateral (its margin currency) when no `unit` is sent: `F-XBT:USD` → `XBT`. */
function collateralOf(name: string): string {
  return WALLET_NAME.exec(name.trim())?.[1] ?? name;
}

const WALLET_ITEM = z.any().transform((raw: unknown, context) => ({ read: decodeAt(WALLET, raw, context, []), unit: firstText(raw, ['unit', 'currency']) }));

const singleCollateral = keyedList(['name', 'wallet'], WALLET_ITEM).transform((wallets): Omit<WalletMargin, 'type'> => {
  const missing: string[] = [];
  const missingForHealth: Record<string, readonly string[]> = {};
  const unknown: Record<string, Readonly<Record<string, unknown>>> = {};
  const models = wallets.map(({ code: name, value: { read, unit } }): MarginWallet => {
    const key = walletKeyOf(name);
    missing.push(...read.missing.filter((figure) => !WALLET_OPTIONAL.has(figure)).map((figure) => `${key}.${figure}`));
    Object.assign(missingForHealth, healthGaps(`wallet:${key}`, read, WALLET_HEALTH, WALLET_NAMES));
    if (Object.keys(read.unknown).length > 0) unknown[key] = read.unknown;
    const currency = toCurrency(unit ?? collateralOf(name));
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

/** A section of a type this app does not know, as sent (numbers as their text). */
export interface UnknownMargin {
  readonly type: 'unknown';
  /** The `type` it was sent with (`margin` when none). */
  readonly sentType: string;
  readonly raw: unknown;
}

/** The `data` of a margin message of `type` (null: none sent). */
export function marginSchema(type: string | null) {
  if (type === 'multi_collateral') return multiCollateral.transform((read): FlexMargin => ({ type, ...read }));
  if (type === 'single_collateral') return singleCollateral.transform((read): WalletMargin => ({ type, ...read }));
  return z.unknown().transform((raw): UnknownMargin => ({ type: 'unknown', sentType: type ?? 'margin', raw: numbersAsText(raw) }));
}

export type MarginMessage = FlexMargin | WalletMargin | UnknownMargin;
