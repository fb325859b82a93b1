import type { UserFacingError } from './user-facing-error.ts';

/**
 * How fresh a profile's figures are. Shown on every view, because stale data must never pass for live.
 * - live: the last refresh succeeded within the stale threshold
 * - refreshing: a refresh is in flight (figures shown are the previous ones)
 * - stale: the last success is older than the threshold; refreshes are still being tried
 * - offline: the exchange could not be reached for a while (network, DNS, maintenance)
 * - authFailed: Kraken refused the key; no retries until the user acts
 * - keychainLocked: the key could not be read from the OS keychain
 * - idle: never refreshed (no cached data yet, or not scheduled)
 */
export type ConnectionState = 'live' | 'refreshing' | 'stale' | 'offline' | 'authFailed' | 'keychainLocked' | 'idle';

export interface ProfileStatus {
  readonly profileId: string;
  readonly state: ConnectionState;
  /** fetchedAt of the newest good snapshot, ms since epoch. */
  readonly lastSuccessAt: number | null;
  readonly lastAttemptAt: number | null;
  readonly nextRefreshAt: number | null;
  readonly lastError: UserFacingError | null;
}
