/**
 * Snapshots for renderer tests and the look harness, built the way main builds them: the raw seed
 * responses (test/fixtures/seed-*.json) through the real parsers and the real health functions.
 * Takes the JSON texts as arguments so that it runs both in Node (read from disk) and in the
 * browser (bundled as raw strings).
 */
import Big from 'big.js';
import type { AccountSnapshot, Decimal, FlexAccount, FlexCurrency, Subaccount, Subaccounts } from '../../../src-shared/account-model.ts';
import { parseAccounts } from '../../../src-main/kraken/parse-accounts.ts';
import { parseSubaccounts } from '../../../src-main/kraken/parse-subaccounts.ts';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import { evaluateHealth } from '../../../src-main/monitor/health.ts';
import type { ConnectionState, ProfileStatus } from '../../../src-shared/profile-status.ts';
import type { SnapshotView } from '../../../src-preload/contract.ts';

export interface SeedTexts {
  readonly accounts: string;
  readonly subaccounts: string;
}

/** The mark price the fixtures give `pi_xbtusd`, so fi_xbtusd's liquidation estimate (3000) has a distance. */
export const SEED_MARK_PRICE = '4125.5';

function decimal(value: Big): Decimal {
  return value.toFixed() as Decimal;
}

export function seedSnapshot(texts: SeedTexts, profileId: string, fetchedAt: number): AccountSnapshot {
  const accounts = parseAccounts(texts.accounts);
  return {
    profileId,
    fetchedAt,
    serverTime: accounts.serverTime,
    accounts,
    subaccounts: parseSubaccounts(texts.subaccounts),
    positions: [],
    markPrices: { pi_xbtusd: SEED_MARK_PRICE as Decimal },
  };
}

export function statusOf(profileId: string, state: ConnectionState, lastSuccessAt: number | null, now: number): ProfileStatus {
  return {
    profileId,
    state,
    lastSuccessAt,
    lastAttemptAt: now,
    nextRefreshAt: state === 'live' ? now + 15_000 : null,
    lastError:
      state === 'offline'
        ? { kind: 'networkError', message: 'Kraken could not be reached.', action: 'Check the network connection.', retryable: true }
        : null,
  };
}

/** A SnapshotView with health evaluated by main's own health functions and default rules. */
export function viewOf(snapshot: AccountSnapshot, status: ProfileStatus, sample = false): SnapshotView {
  return { snapshot, health: evaluateHealth(snapshot, DEFAULT_ALERT_RULES), status, sample };
}

/** Ratios (equity / maintenance margin) the synthetic subaccounts cycle through: every health level. */
const RATIOS: readonly (string | null)[] = [null, '12', '4.5', '2.6', '1.4', '1.08', '3.2', '8'];

/**
 * A flex account with `equity` USD of collateral in USD, BTC and EUR, and maintenance margin set so
 * that equity / MM = `ratio` (no position when null). Exact decimals throughout.
 */
export function syntheticFlex(equity: string, ratio: string | null): FlexAccount {
  const total = new Big(equity);
  const mm = ratio === null ? new Big(0) : total.div(ratio).round(2);
  const im = mm.times(2).round(2);
  const usd = total.times('0.5').round(2);
  const btcValue = total.times('0.3').round(2);
  const eurValue = total.minus(usd).minus(btcValue);
  const currency = (code: string, raw: string, quantity: Big, value: Big, haircut: string): FlexCurrency => {
    const collateral = value.times(new Big(1).minus(haircut)).round(2);
    return {
      currency: { code, raw },
      quantity: decimal(quantity),
      value: decimal(value),
      collateral: decimal(collateral),
      available: decimal(quantity),
      haircut: value.eq(0) ? null : (haircut as Decimal),
    };
  };
  const currencies = [
    currency('USD', 'usd', usd, usd, '0'),
    currency('BTC', 'xbt', btcValue.div('64250.5').round(8), btcValue, '0.02'),
    currency('EUR', 'eur', eurValue.div('1.0821').round(4), eurValue, '0.02245'),
  ];
  const collateralValue = currencies.reduce((sum, entry) => sum.plus(entry.collateral), new Big(0));
  const pnl = ratio === null ? new Big(0) : total.times('0.012').round(2);
  const marginEquity = collateralValue.plus(pnl);
  return {
    currencies,
    balanceValue: decimal(total),
    portfolioValue: decimal(total.plus(pnl)),
    collateralValue: decimal(collateralValue),
    initialMargin: decimal(im),
    initialMarginWithOrders: decimal(im),
    maintenanceMargin: decimal(mm),
    pnl: decimal(pnl),
    unrealizedFunding: '0' as Decimal,
    totalUnrealized: decimal(pnl),
    totalUnrealizedAsMargin: decimal(pnl),
    marginEquity: decimal(marginEquity),
    availableMargin: decimal(marginEquity.minus(im)),
    portfolioMarginBreakdown: null,
  };
}

/** The `index`-th synthetic subaccount: varied names, holdings and health, deterministic. */
export function syntheticSubaccount(index: number): Subaccount {
  const number = String(index + 1).padStart(4, '0');
  const equity = new Big(500 + ((index * 7919) % 98_000)).plus(new Big((index * 37) % 100).div(100));
  return {
    uid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    email: `desk${number}@example.com`,
    fullName: index % 5 === 0 ? null : `Desk ${number}`,
    holdings: [
      { currency: { code: 'USD', raw: 'usd' }, amount: decimal(equity.times('0.1').round(2)) },
      { currency: { code: 'BTC', raw: 'xbt' }, amount: decimal(new Big(index % 7).div(1000)) },
    ],
    futuresWallets: [{ name: 'f-xbt:usd', base: { code: 'BTC', raw: 'xbt' }, quote: { code: 'USD', raw: 'usd' }, availableMargin: decimal(equity.div(10).round(2)) }],
    flex: syntheticFlex(decimal(equity), RATIOS[index % RATIOS.length] ?? null),
  };
}

/** The seed's subaccounts followed by synthetic ones up to `count`. */
export function withSubaccounts(base: Subaccounts, count: number): Subaccounts {
  const extra = Array.from({ length: Math.max(0, count - base.subaccounts.length) }, (_, index) => syntheticSubaccount(index));
  return { ...base, subaccounts: [...base.subaccounts, ...extra] };
}
