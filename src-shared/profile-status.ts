import type { UserFacingError } from './user-facing-error.ts';

/**
 * How fresh a profile's figures are. Shown on every view, because stale data must never pass for live.
 * - live: the last refresh succeeded within the stale threshold
 * - refreshing: a refresh is in flight and the figures shown, the previous ones, are within the stale limit
 * - stale: the last success is older than the stale limit (./staleness.ts), whatever the refresh is
 *   doing; refreshes are still being tried
 * - offline: the exchange could not be reached for a while (network, DNS, maintenance)
 * - authFailed: Kraken refused the key; no retries until the user acts
 * - keychainLocked: the key could not be read from the OS keychain
 * - switchedOff: Kraken turned the API this profile reads off (./rest-cutoff.ts); the user must move
 *   the profile to a Kraken API key
 * - idle: never refreshed (no cached data yet, or not scheduled)
 */
export type ConnectionState = 'live' | 'refreshing' | 'stale' | 'offline' | 'authFailed' | 'keychainLocked' | 'switchedOff' | 'idle';

export interface ProfileStatus {
  readonly profileId: string;
  readonly state: ConnectionState;
  /** fetchedAt of the newest good snapshot, ms since epoch. */
  readonly lastSuccessAt: number | null;
  readonly lastAttemptAt: number | null;
  readonly nextRefreshAt: number | null;
  readonly lastError: UserFacingError | null;
}
