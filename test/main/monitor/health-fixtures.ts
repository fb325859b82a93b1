/** Builders for the monitor tests: crafted flex accounts and snapshots, and the parsed seed snapshot. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toDecimal } from '../../../src-shared/decimal.ts';
import type { AccountSnapshot, Decimal, FlexAccount, Subaccount } from '../../../src-shared/account-model.ts';
import { parseAccounts } from '../../../src-main/kraken/parse-accounts.ts';
import { parseSubaccounts } from '../../../src-main/kraken/parse-subaccounts.ts';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import { flexHealth } from '../../../src-main/monitor/health.ts';
import { worstFigure } from '../../../src-shared/health-order.ts';
import type { HealthFigure, HealthReport } from '../../../src-shared/health-model.ts';

const d = (value: string | number): Decimal => toDecimal(value);

function seed(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8');
}

/** The two seed documents parsed the way the client parses them, as one snapshot. */
export function seedSnapshot(markPrices: Record<string, string> = {}): AccountSnapshot {
  const accounts = parseAccounts(seed('seed-accounts.json'));
  return {
    profileId: 'main',
    fetchedAt: 0,
    serverTime: accounts.serverTime,
    accounts,
    subaccounts: parseSubaccounts(seed('seed-subaccounts.json')),
    positions: [],
    markPrices: Object.fromEntries(Object.entries(markPrices).map(([symbol, price]) => [symbol, d(price)])),
  };
}

export interface FlexFigures {
  readonly marginEquity: string;
  readonly maintenanceMargin: string;
  readonly initialMargin?: string;
  readonly initialMarginWithOrders?: string;
  readonly availableMargin?: string;
}

/** A flex account with the figures that matter for health; the rest are plausible fillers. */
export function flexAccount(figures: FlexFigures): FlexAccount {
  const initialMargin = d(figures.initialMargin ?? '0');
  return {
    currencies: [],
    balanceValue: d(figures.marginEquity),
    portfolioValue: d(figures.marginEquity),
    collateralValue: d(figures.marginEquity),
    initialMargin,
    initialMarginWithOrders: d(figures.initialMarginWithOrders ?? initialMargin),
    maintenanceMargin: d(figures.maintenanceMargin),
    pnl: d(0),
    unrealizedFunding: d(0),
    totalUnrealized: d(0),
    totalUnrealizedAsMargin: d(0),
    marginEquity: d(figures.marginEquity),
    availableMargin: d(figures.availableMargin ?? '0'),
    portfolioMarginBreakdown: null,
  };
}

export function subaccount(uid: string, name: string, flex: FlexAccount | null): Subaccount {
  return { uid, email: `${uid}@example.com`, fullName: name, holdings: [], futuresWallets: [], flex };
}

/** A snapshot with a master flex account and the given subaccounts. */
export function flexSnapshot(master: FlexAccount | null, subaccounts: readonly Subaccount[] = [], fetchedAt = 0): AccountSnapshot {
  return {
    profileId: 'main',
    fetchedAt,
    serverTime: null,
    accounts: { cash: null, marginWallets: [], flex: master, unknown: [], serverTime: null },
    subaccounts: subaccounts.length === 0 ? null : { masterUid: 'master', subaccounts, serverTime: null },
    positions: [],
    markPrices: {},
  };
}

/**
 * The master flex figure at a margin level of `pct` % (equity = pct, maintenance margin = 100 USD,
 * initial margin 200 USD unless given), computed by the real health function.
 */
export function flexAt(pct: string, options: { initialMargin?: string } = {}): HealthFigure {
  return flexHealth(
    flexAccount({ marginEquity: pct, maintenanceMargin: '100', initialMargin: options.initialMargin ?? '0' }),
    { account: { kind: 'flex' }, label: 'Flex' },
    DEFAULT_ALERT_RULES,
  );
}

/** The master flex figure with no position (no maintenance margin). */
export function flexWithoutMargin(): HealthFigure {
  return flexHealth(flexAccount({ marginEquity: '500', maintenanceMargin: '0' }), { account: { kind: 'flex' }, label: 'Flex' }, DEFAULT_ALERT_RULES);
}

/** A subaccount's flex figure at `pct` %. */
export function subAt(uid: string, label: string, pct: string): HealthFigure {
  return flexHealth(flexAccount({ marginEquity: pct, maintenanceMargin: '100' }), { account: { kind: 'subaccountFlex', uid }, label }, DEFAULT_ALERT_RULES);
}

export function reportOf(...figures: HealthFigure[]): HealthReport {
  return { worst: worstFigure(figures), figures };
}
