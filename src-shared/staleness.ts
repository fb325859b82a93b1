/**
 * The one staleness rule: figures older than the limit are stale, whatever the refresh is doing.
 * The screen dims them (the profile's state turns `stale`, also while a refresh is in flight) and
 * the alert engine raises "monitoring interrupted" at the same age, so the window, the tray and the
 * notifications never disagree about whether the figures are current.
 *
 * Pure: no clock, no I/O.
 */

/** Never fewer than this: a fast refresh interval must not turn one slow answer into "stale". */
const MIN_STALE_LIMIT_MS = 45_000;
/** Missed refreshes after which figures are stale. */
const MISSED_REFRESHES = 3;

/**
 * How old figures may be before they are stale: the user's "interrupted after" minutes when set,
 * else three missed refreshes, never less than 45 s.
 */
export function staleLimitMs(refreshIntervalMs: number, staleAfterMinutes: number | null = null): number {
  if (staleAfterMinutes !== null) return staleAfterMinutes * 60_000;
  return Math.max(MISSED_REFRESHES * refreshIntervalMs, MIN_STALE_LIMIT_MS);
}

/** Whether figures fetched at `fetchedAt` are stale at `now` (no figures: nothing to call stale). */
export function isStale(fetchedAt: number | null, now: number, limitMs: number): boolean {
  return fetchedAt !== null && now - fetchedAt >= limitMs;
}
