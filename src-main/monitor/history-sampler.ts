/**
 * Decides which history points a snapshot adds, so that a year of 10-second polling fits in tens of
 * megabytes even for a master account with hundreds of subaccounts.
 *
 * - The master's flex account and single-collateral wallets: every poll (the store thins them as
 *   they age: full resolution for 48 h, 15-minute buckets for 90 days, daily after).
 * - Each subaccount: at most one point per 15 minutes while it is healthy, every poll while it is at
 *   warn or worse (the detail that matters when something goes wrong), and nothing while its
 *   figures have not changed since the last point (an idle subaccount costs no space).
 */
import type { HealthLevel, HealthReport } from '../../src-shared/health-model.ts';
import { healthRank } from './health.ts';
import type { HistoryEntry } from '../store/history-repository.ts';
import { isSubaccountKey } from '../../src-shared/account-keys.ts';

export const SUBACCOUNT_SAMPLE_MS = 15 * 60_000;

interface LastPoint {
  readonly t: number;
  readonly signature: string;
}

function signatureOf(point: HistoryEntry['point']): string {
  return `${point.marginEquity}|${point.maintenanceMargin}|${point.initialMargin}|${point.collateralValue}|${point.availableMargin}`;
}

export class HistorySampler {
  /** Last recorded point per `profileId accountKey`, for subaccounts only. */
  readonly #last = new Map<string, LastPoint>();

  select(profileId: string, entries: readonly HistoryEntry[], health: HealthReport): HistoryEntry[] {
    const levels = new Map<string, HealthLevel>(health.figures.map((figure) => [figure.accountKey, figure.level]));
    return entries.filter((entry) => {
      if (!isSubaccountKey(entry.accountKey)) return true;
      const key = `${profileId} ${entry.accountKey}`;
      const last = this.#last.get(key);
      const signature = signatureOf(entry.point);
      const atRisk = healthRank(levels.get(entry.accountKey) ?? 'noMargin') >= healthRank('warn');
      const keep =
        last === undefined || (signature !== last.signature && (atRisk || entry.point.t - last.t >= SUBACCOUNT_SAMPLE_MS));
      if (keep) this.#last.set(key, { t: entry.point.t, signature });
      return keep;
    });
  }

  forget(profileId: string): void {
    for (const key of this.#last.keys()) if (key.startsWith(`${profileId} `)) this.#last.delete(key);
  }
}
