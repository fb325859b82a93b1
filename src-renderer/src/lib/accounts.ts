/** Small facts about accounts the views need and the model leaves implicit. */
import type { HealthFigure, HealthReport, SnapshotView } from '../../../src-preload/contract.ts';

/** Health figures by account key (`flex`, `wallet:<key>`, `sub:<uid>`). */
export function figuresByKey(report: HealthReport): ReadonlyMap<string, HealthFigure> {
  return new Map(report.figures.map((figure) => [figure.accountKey, figure]));
}

/** How many accounts have a health figure, counting the subaccounts' that follow the opening. */
export function accountsWatched(view: SnapshotView): number {
  return view.health.figures.length + (view.subaccountsFollow?.figures ?? 0);
}

/**
 * The currency a single-collateral wallet's trigger prices are quoted in: the pair's quote
 * (`fi_xbtusd` → USD). Empty when the key does not name a pair.
 */
export function priceCurrency(walletKey: string): string {
  const pair = walletKey.split('_')[1] ?? '';
  return pair.length > 3 ? pair.slice(-3).toUpperCase() : '';
}
