/**
 * Decides which history points a snapshot adds, so that a year of polling stays under 100 MB and an
 * hour of it under 10 MB of disk writes even for a master account with a thousand subaccounts.
 *
 * - The master's flex account and single-collateral wallets: every poll (the store thins them as
 *   they age: full resolution for 48 h, 15-minute buckets for 90 days, daily after).
 * - Each subaccount: every poll while it is at warn or worse (the detail that matters when something
 *   goes wrong), the point where its level changes (the way in and the way out), and otherwise one
 *   point per 6 hours while it is healthy, which is what its chart needs to show it was fine; nothing
 *   while its figures have not changed since the last point (an idle subaccount costs no space).
 *   Every subaccount point lands on its own database page, so this rate, times a thousand, is what
 *   decides the disk writes.
 */
import type { HealthLevel, HealthReport } from '../../src-shared/health-model.ts';
import { healthRank } from '../../src-shared/health-order.ts';
import type { HistoryEntry } from '../store/history-repository.ts';
import { isSubaccountKey } from '../../src-shared/account-keys.ts';

export const SUBACCOUNT_SAMPLE_MS = 6 * 3_600_000;

interface LastPoint {
  readonly t: number;
  readonly signature: string;
  readonly level: HealthLevel;
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
      const level = levels.get(entry.accountKey) ?? 'noMargin';
      const atRisk = healthRank(level) >= healthRank('warn');
      const keep =
        last === undefined ||
        (signature !== last.signature && (atRisk || level !== last.level || entry.point.t - last.t >= SUBACCOUNT_SAMPLE_MS));
      if (keep) this.#last.set(key, { t: entry.point.t, signature, level });
      return keep;
    });
  }

  forget(profileId: string): void {
    for (const key of this.#last.keys()) if (key.startsWith(`${profileId} `)) this.#last.delete(key);
  }
}
