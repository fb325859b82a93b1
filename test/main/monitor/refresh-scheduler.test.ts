import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import type { AccountSnapshot } from '../../../src-shared/account-model.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { RefreshScheduler, type MonitoredProfile } from '../../../src-main/monitor/refresh-scheduler.ts';
import { staleLimitMs } from '../../../src-shared/staleness.ts';
import type { ProfileStatus } from '../../../src-shared/profile-status.ts';
import type { ErrorKind } from '../../../src-shared/error-kinds.ts';

function failure(kind: ErrorKind, category: string | null) {
  const error = new AppError({ kind, message: `${kind} happened`, action: 'wait', retryable: true });
  return category ? Object.assign(error, { category }) : error;
}

function snapshotOf(profileId: string): AccountSnapshot {
  return {
    profileId,
    fetchedAt: Date.now(),
    serverTime: null,
    accounts: { cash: null, marginWallets: [], flex: null, unknown: [], serverTime: null },
    subaccounts: null,
    positions: [],
    markPrices: {},
  };
}

function harness(outcomes: Record<string, Array<'ok' | 'hang' | Error>> = {}) {
  const statuses: ProfileStatus[] = [];
  const snapshots: AccountSnapshot[] = [];
  const attempts: string[] = [];
  const scheduler = new RefreshScheduler({
    refresh: async (profileId, signal) => {
      attempts.push(profileId);
      const next = outcomes[profileId]?.shift() ?? 'ok';
      // A network that hangs without closing (captive portal, VPN drop): no answer until aborted.
      if (next === 'hang') await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
      if (next !== 'ok') throw next;
      return snapshotOf(profileId);
    },
    onSnapshot: (snapshot) => snapshots.push(snapshot),
    onStatus: (status) => statuses.push(status),
    logger: createLogger({ filePath: null }),
    random: () => 0.5,
  });
  const stateOf = (id: string) => scheduler.status(id)?.state;
  return { scheduler, statuses, snapshots, attempts, stateOf };
}

const profile = (id: string, extra: Partial<MonitoredProfile> = {}): MonitoredProfile => ({
  id,
  activeIntervalMs: 15_000,
  active: false,
  hasAlerts: false,
  lastSuccessAt: null,
  ...extra,
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-21T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('refresh scheduler', () => {
  it('refreshes the active profile every interval, background profiles with alerts every 60 s, others never', async () => {
    const { scheduler, attempts } = harness();
    scheduler.setProfiles([profile('a', { active: true }), profile('b', { hasAlerts: true }), profile('c')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts.sort()).toEqual(['a', 'b']);
    attempts.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts.filter((id) => id === 'a')).toHaveLength(4);
    expect(attempts.filter((id) => id === 'b')).toHaveLength(1);
    expect(attempts).not.toContain('c');
    scheduler.dispose();
  });

  it('shows the cached data as stale before the first refresh when it is old', () => {
    const { scheduler, stateOf } = harness();
    scheduler.setProfiles([profile('a', { lastSuccessAt: Date.now() - 10 * 60_000 })]);
    expect(stateOf('a')).toBe('stale');
  });

  it('turns live → stale → offline while the exchange is unreachable, keeps the last success, and comes back by itself', async () => {
    const outcomes: Array<'ok' | Error> = ['ok', ...Array.from({ length: 20 }, () => failure('connectionRefused', 'connectivity'))];
    const { scheduler, stateOf, statuses } = harness({ a: outcomes });
    scheduler.setProfiles([profile('a', { active: true })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(stateOf('a')).toBe('live');
    const lastSuccess = scheduler.status('a')!.lastSuccessAt;
    await vi.advanceTimersByTimeAsync(15_000);
    // One failure with data still young: still within the threshold, error shown.
    expect(stateOf('a')).toBe('live');
    expect(scheduler.status('a')!.lastError?.kind).toBe('connectionRefused');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(stateOf('a')).toBe('offline');
    expect(statuses.map((s) => s.state)).toContain('offline');
    expect(scheduler.status('a')!.lastSuccessAt).toBe(lastSuccess);
    // The network returns: the next probe (≤ 30 s apart while offline) makes it live again.
    outcomes.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stateOf('a')).toBe('live');
    expect(scheduler.status('a')!.lastError).toBeNull();
    scheduler.dispose();
  });

  it('turns stale by the clock alone when refreshes keep failing for other reasons', async () => {
    const errors = Array.from({ length: 10 }, () => failure('apiLimitExceeded', 'rateLimit'));
    const { scheduler, stateOf } = harness({ a: ['ok', ...errors] });
    scheduler.setProfiles([profile('a', { active: true })]);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(staleLimitMs(15_000) + 1);
    expect(stateOf('a')).toBe('stale');
    scheduler.dispose();
  });

  it('figures turn stale by their age while a refresh hangs: "refreshing" never hides old data', async () => {
    const { scheduler, stateOf, statuses } = harness({ a: ['ok', 'hang'] });
    scheduler.setProfiles([profile('a', { active: true })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(stateOf('a')).toBe('live');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(stateOf('a')).toBe('refreshing');
    await vi.advanceTimersByTimeAsync(staleLimitMs(15_000) - 15_000);
    expect(stateOf('a')).toBe('stale');
    expect(statuses.at(-1)).toMatchObject({ state: 'stale', nextRefreshAt: null });
    scheduler.dispose();
  });

  it('a refresh of figures already too old shows them stale from its start', async () => {
    const { scheduler, stateOf } = harness({ a: ['hang'] });
    scheduler.setProfiles([profile('a', { active: true, lastSuccessAt: Date.now() - 10 * 60_000 })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(stateOf('a')).toBe('stale');
    scheduler.dispose();
  });

  it('follows the user’s "interrupted after" minutes, as the alerts do', async () => {
    const errors = Array.from({ length: 20 }, () => failure('apiLimitExceeded', 'rateLimit'));
    const { scheduler, stateOf } = harness({ a: ['ok', ...errors] });
    scheduler.setProfiles([profile('a', { active: true, staleAfterMinutes: 5 })]);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(stateOf('a')).not.toBe('stale');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stateOf('a')).toBe('stale');
    scheduler.dispose();
  });

  it('stops on an authentication failure and waits for the user', async () => {
    const { scheduler, stateOf, attempts } = harness({ a: [failure('authenticationError', 'credentials')] });
    scheduler.setProfiles([profile('a', { active: true })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(stateOf('a')).toBe('authFailed');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(attempts).toEqual(['a']);
    scheduler.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual(['a']);
    await scheduler.refreshNow('a');
    expect(stateOf('a')).toBe('live');
    scheduler.dispose();
  });

  it('shows keychainLocked and keeps probing', async () => {
    const { scheduler, stateOf, attempts } = harness({ a: [failure('keychainLocked', null), failure('keychainLocked', null)] });
    scheduler.setProfiles([profile('a', { active: true })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(stateOf('a')).toBe('keychainLocked');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(stateOf('a')).toBe('live');
    scheduler.dispose();
  });

  it('backs off exponentially on failures, with a cap', async () => {
    const errors = Array.from({ length: 30 }, () => failure('apiLimitExceeded', 'rateLimit'));
    const { scheduler, attempts } = harness({ a: errors });
    scheduler.setProfiles([profile('a', { active: true })]);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(15_000 + 30_000 + 60_000 + 120_000);
    // 1 at start, then after 15, 30, 60 and 120 s (jitter fixed at 0 by random() = 0.5).
    expect(attempts).toHaveLength(5);
    scheduler.dispose();
  });

  it('does nothing while the machine sleeps and refreshes every scheduled profile on resume', async () => {
    const { scheduler, attempts } = harness();
    scheduler.setProfiles([profile('a', { active: true }), profile('b', { hasAlerts: true })]);
    await vi.advanceTimersByTimeAsync(0);
    attempts.length = 0;
    scheduler.pause();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(attempts).toEqual([]);
    scheduler.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts.sort()).toEqual(['a', 'b']);
    scheduler.dispose();
  });

  it('refreshes a profile at once when it becomes active, and never runs two refreshes of one profile together', async () => {
    const { scheduler, attempts } = harness();
    scheduler.setProfiles([profile('a', { active: true }), profile('b')]);
    await vi.advanceTimersByTimeAsync(0);
    attempts.length = 0;
    scheduler.setProfiles([profile('a'), profile('b', { active: true })]);
    await Promise.all([scheduler.refreshNow('b'), scheduler.refreshNow('b')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual(['b']);
    scheduler.dispose();
  });
});

describe('refresh scheduler: profile changes', () => {
  it('keeps a backoff when an unrelated profile change arrives, and reschedules when the interval changes', async () => {
    const errors = Array.from({ length: 5 }, () => failure('apiLimitExceeded', 'rateLimit'));
    const { scheduler, attempts } = harness({ a: errors });
    scheduler.setProfiles([profile('a', { active: true })]);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(attempts).toHaveLength(2);
    // Backing off 30 s now; a rename or a keychain state change re-sends the same profile.
    scheduler.setProfiles([profile('a', { active: true })]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(attempts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toHaveLength(3);
    scheduler.setProfiles([profile('a', { active: true, activeIntervalMs: 5_000 })]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(attempts).toHaveLength(4);
    scheduler.dispose();
  });
});
