/**
 * What a snapshot adds to the margin history: one point per flex account (the master's and each
 * subaccount's) and per single-collateral wallet, with the margin ratio the health report computed,
 * so the chart and the alerts agree on every figure.
 */
import type { AccountSnapshot, Decimal, FlexAccount } from '../../src-shared/account-model.ts';
import type { HistoryEntry } from '../store/history-repository.ts';
import { accountKeyOf } from '../../src-shared/account-keys.ts';
import type { HealthReport } from '../../src-shared/health-model.ts';

function flexPoint(t: number, flex: FlexAccount, marginRatio: Decimal | null): HistoryEntry['point'] {
  return {
    t,
    marginEquity: flex.marginEquity,
    maintenanceMargin: flex.maintenanceMargin,
    initialMargin: flex.initialMargin,
    collateralValue: flex.collateralValue,
    availableMargin: flex.availableMargin,
    marginRatio,
  };
}

/** Accounts whose health is unknown get no point: their figures are partly placeholders (see AccountSnapshot.missingFigures). */
export function historyEntriesOf(snapshot: AccountSnapshot, health: HealthReport): HistoryEntry[] {
  const ratios = new Map(health.figures.map((figure) => [figure.accountKey, figure.marginRatio]));
  const unknown = new Set(health.figures.filter((figure) => figure.level === 'unknown').map((figure) => figure.accountKey));
  const t = snapshot.fetchedAt;
  const entries: HistoryEntry[] = [];
  collectEntries(snapshot, t, ratios, entries);
  return unknown.size === 0 ? entries : entries.filter((entry) => !unknown.has(entry.accountKey));
}

function collectEntries(snapshot: AccountSnapshot, t: number, ratios: ReadonlyMap<string, Decimal | null>, entries: HistoryEntry[]): void {
  const { flex, marginWallets } = snapshot.accounts;
  if (flex) {
    const accountKey = accountKeyOf({ kind: 'flex' });
    entries.push({ accountKey, point: flexPoint(t, flex, ratios.get(accountKey) ?? null) });
  }
  for (const wallet of marginWallets) {
    const accountKey = accountKeyOf({ kind: 'marginWallet', key: wallet.key });
    // A single-collateral wallet in the same shape, in its own currency: pv as equity, af as available.
    entries.push({
      accountKey,
      point: {
        t,
        marginEquity: wallet.portfolioValue,
        maintenanceMargin: wallet.margin.mm,
        initialMargin: wallet.margin.im,
        collateralValue: wallet.portfolioValue,
        availableMargin: wallet.availableFunds,
        marginRatio: ratios.get(accountKey) ?? null,
      },
    });
  }
  for (const subaccount of snapshot.subaccounts?.subaccounts ?? []) {
    if (!subaccount.flex) continue;
    const accountKey = accountKeyOf({ kind: 'subaccountFlex', uid: subaccount.uid });
    entries.push({ accountKey, point: flexPoint(t, subaccount.flex, ratios.get(accountKey) ?? null) });
  }
}
